"""`huanjie nomination_pledge 身份证号 --post 主任 --kind 竞职承诺 --on 日期 [--by 用户名]`: record
that a candidate signed one of the 三项承诺 or the 纪律承诺书 (rules.md E.4), as on the page; the
post of either body (村党组织委员, 村民委员会委员, `arguments.body_post`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations.management import arguments as args
from huanjie.nominations.models import PledgeKind
from huanjie.nominations.services import pledge_record


class Command(BaseCommand):
    help = (
        "登记一名候选人签订的一项承诺（竞职承诺、创业承诺、辞职承诺或纪律承诺书）："
        "每项只登记一次，日期在报名之后、选举日之前。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help="候选人的身份证号（18位）")
        args.add_post(parser)
        parser.add_argument("--kind", required=True, help="承诺：" + "、".join(PledgeKind.labels))
        parser.add_argument("--on", required=True, help="签订日期，" + args.DATE_HELP)
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person_by_id(options["id_number"])
        acting = args.acting(options["by"], person.village)
        found = args.application_of(person, options["post"])
        kind = args.choice(
            options["kind"], {label: code for code, label in PledgeKind.choices}, "承诺"
        )
        try:
            pledge = pledge_record(
                application=found, kind=kind, on=args.day(options["on"]), acting_user=acting
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        self.stdout.write(
            f"已登记{person.name}于{pledge.signed_on}签订{pledge.get_kind_display()}。"
        )
