"""`huanjie review_round_open 县代码 --title 县级联审 --opens 日期 --due 日期 --departments 公安,法院`:
open the campaign's next joint-review round (the negative list is set from the profile's
`qual.list` the first time)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.vetting.management import arguments as args
from huanjie.vetting.models import Department
from huanjie.vetting.services import round_open


class Command(BaseCommand):
    help = "开设一轮县级联审：名称、起止日期和参加的部门（不填部门时为全部参加联审的部门）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("region", metavar="区划代码", help=args.REGION_HELP)
        parser.add_argument("--title", default="县级联审", help="轮次名称，默认“县级联审”")
        parser.add_argument("--opens", required=True, help="开始日期，" + args.DATE_HELP)
        parser.add_argument("--due", required=True, help="截止日期，" + args.DATE_HELP)
        parser.add_argument("--departments", default="", help="参加的部门，用逗号分隔")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        campaign = args.campaign(options["region"])
        acting = args.organizer(options["by"], campaign)
        names = [n.strip() for n in options["departments"].replace("，", ",").split(",")]
        chosen = [args.department(n) for n in names if n] or list(
            Department.objects.filter(active=True)
        )
        try:
            review_round = round_open(
                campaign=campaign,
                title=options["title"],
                opens_on=args.day(options["opens"]),
                due_on=args.day(options["due"]),
                departments=chosen,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未开设：") from exc
        depts = "、".join(d.name for d in review_round.departments.all())
        self.stdout.write(
            f"已开设{campaign.name}{review_round}（{review_round.opens_on}至"
            f"{review_round.due_on}）：{depts}"
        )
