"""`huanjie candidates_publish 村代码 --post 主任 --on 日期`: publish the post's candidate list
(no later than the profile's last lawful day, VC-NOM-6) and print it in surname stroke order; the
post of either body (村党组织委员, 村民委员会委员, `arguments.body_post`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations.management import arguments as args
from huanjie.nominations.selectors import candidates
from huanjie.nominations.services import candidates_publish


class Command(BaseCommand):
    help = "公布某一职位的正式候选人名单（最晚为选举日前规定天数，VC-NOM-6），按姓氏笔画排列。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        args.add_post(parser)
        parser.add_argument("--on", required=True, help="公布日期，" + args.DATE_HELP)
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.acting(options["by"], place)
        recruitment = args.recruitment(place, options["post"])
        try:
            candidates_publish(
                recruitment=recruitment, on=args.day(options["on"]), acting_user=acting
            )
        except ValidationError as exc:
            raise args.refused(exc, "未公布：") from exc
        names = "、".join(a.person.name for a in candidates(recruitment))
        post = args.names(place)(recruitment.election.body, recruitment.post)
        self.stdout.write(f"已公布{place.name}{post}候选人名单（按姓氏笔画）：{names}")
