"""`huanjie risk_clear 村代码 --note 理由`: clear a flagged village (挂牌销号)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.campaigns.management.prep_arguments import plan_of
from huanjie.campaigns.prep_services import may_rate_risk, risk_clear
from huanjie.people.management import arguments as args


class Command(BaseCommand):
    help = "挂牌（红、橙）的村问题化解后销号，改为绿；须写明销号理由。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument("--note", required=True, metavar="理由", help="销号理由")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        plan = plan_of(place)
        acting = args.actor(
            options["by"], place, may_rate_risk, "销号由本乡镇组织委员或本县换届办办理。"
        )
        try:
            risk_clear(plan=plan, note=options["note"], acting_user=acting)
        except ValidationError as exc:
            raise args.refused(exc, "未销号：") from exc
        self.stdout.write(f"{place.name}已销号，现为绿。")
