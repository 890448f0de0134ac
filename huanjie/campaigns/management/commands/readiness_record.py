"""`huanjie readiness_record 村代码 离任审计 2026-11-30 通过 --published 2026-12-05`: record an
item done before the election (a second record of the same item corrects it)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from huanjie.campaigns.management.prep_arguments import plan_of
from huanjie.campaigns.prep_models import ReadinessKind, ReadinessOutcome
from huanjie.campaigns.prep_services import may_record_readiness, readiness_record
from huanjie.people.management import arguments as args

KINDS = {str(label): value for value, label in ReadinessKind.choices} | {"业务培训": "training"}
OUTCOMES = {"通过": "passed", "待整改": "issues", "已整改": "resolved"}


class Command(BaseCommand):
    help = (
        "登记一个村换届前的准备事项：承诺述职评议、财务审计、离任审计、业务培训，及其结果；"
        "审计须写公开日期，且在村委会选举日之前（SUP-3）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument(
            "kind", metavar="事项", help="承诺述职评议、财务审计、离任审计或业务培训"
        )
        parser.add_argument("done_on", metavar="完成日期", help=args.DATE_HELP)
        parser.add_argument("outcome", metavar="结果", help="通过、待整改或已整改")
        parser.add_argument("--published", metavar="日期", help="审计结果的公开日期")
        parser.add_argument("--result", default="", metavar="文字", help="结果说明")
        parser.add_argument(
            "--organizer", default="", metavar="文字", help="承办（主持、审计机构、授课人）"
        )
        parser.add_argument("--participants", type=int, metavar="人数", help="参加（参训）人数")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        plan = plan_of(place)
        acting = args.actor(
            options["by"], place, may_record_readiness, "准备事项由本乡镇组织委员或本县换届办登记。"
        )
        kind = args.choice(options["kind"], KINDS, "事项")
        outcome = args.choice(options["outcome"], OUTCOMES, "结果")
        try:
            item = readiness_record(
                plan=plan,
                kind=kind,
                done_on=args.day(options["done_on"]),
                outcome=outcome,
                published_on=args.day(options["published"]) if options["published"] else None,
                result=options["result"],
                by=options["organizer"],
                participants=options["participants"],
                today=timezone.localdate(),
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        self.stdout.write(
            f"已登记{place.name}的{item.get_kind_display()}，结果：{ReadinessOutcome(outcome).label}。"
        )
