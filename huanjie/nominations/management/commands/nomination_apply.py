"""`huanjie nomination_apply 身份证号 --post 主任 --kind 自荐|联名|组织 --on 日期
[--signatures N] [--organization 名称]`: one villager's application for a post of their
village, of either body (村党组织委员, 村民委员会委员, `arguments.body_post`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations.management import arguments as args
from huanjie.nominations.models import Kind
from huanjie.nominations.services import application_file

KINDS = {"自荐": Kind.SELF.value, "联名": Kind.JOINT.value, "组织": Kind.ORGANIZATION.value}


class Command(BaseCommand):
    help = (
        "受理一名本村在册村民报名参选某一职位：个人自荐、村民联名推荐（须给出联名人数）或"
        "组织推荐（须写明组织）。自荐须在选举日前规定天数内报名（PROV-ZJ-SELF-2），"
        "每人只能参选规定数目的职位（VC-NOM-4）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help="报名人的身份证号（18位）")
        args.add_post(parser)
        parser.add_argument("--kind", required=True, help="报名方式：" + "、".join(KINDS))
        parser.add_argument("--signatures", type=int, help="联名人数（联名推荐时）")
        parser.add_argument("--organization", default="", help="推荐组织（组织推荐时）")
        parser.add_argument("--on", required=True, help="报名日期，" + args.DATE_HELP)
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person_by_id(options["id_number"])
        place = person.village
        acting = args.acting(options["by"], place)
        recruitment = args.recruitment(place, options["post"])
        try:
            application_file(
                recruitment=recruitment,
                person=person,
                kind=args.choice(options["kind"], KINDS, "报名方式"),
                signatures=options["signatures"],
                nominated_by=options["organization"],
                filed_on=args.day(options["on"]),
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未受理：") from exc
        post = args.names(place)(recruitment.election.body, recruitment.post)
        self.stdout.write(f"已受理{person.name}报名参选{post}（{place.name}）。")
