"""`huanjie risk_rate 村代码 红|橙|绿 --reason 宗族派性严重 …`: rate a village's risk."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.campaigns.management.prep_arguments import plan_of
from huanjie.campaigns.models import RiskLevel
from huanjie.campaigns.prep_models import RiskCategory
from huanjie.campaigns.prep_selectors import active_reasons
from huanjie.campaigns.prep_services import may_rate_risk, risk_rate
from huanjie.people.management import arguments as args

LEVELS = {str(label): value for value, label in RiskLevel.choices}
CATEGORIES = {str(label): value for value, label in RiskCategory.choices}


class Command(BaseCommand):
    help = (
        "研判一个村的选情（红、橙、绿），写明难点原因、村类别、选情分析报告和包村干部；"
        "已挂牌（红、橙）的村须用 risk_clear 销号，不能直接改为绿。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument("level", metavar="等级", help="红、橙或绿")
        parser.add_argument(
            "--reason",
            action="append",
            default=[],
            metavar="原因",
            help="难点原因（可多次给出），须是管理后台“难点村原因”中的一项",
        )
        parser.add_argument("--category", default="", metavar="类别", help="一类、二类或三类")
        parser.add_argument("--report", metavar="文字", help="选情分析报告（不给出时保持原样）")
        parser.add_argument("--cadre", metavar="USERNAME", help="包村干部的用户名")
        parser.add_argument("--note", default="", metavar="文字", help="本次研判说明")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        plan = plan_of(place)
        acting = args.actor(
            options["by"], place, may_rate_risk, "选情由本乡镇组织委员或本县换届办研判。"
        )
        level = args.choice(options["level"], LEVELS, "等级")
        category = (
            args.choice(options["category"], CATEGORIES, "村类别") if options["category"] else ""
        )
        known = {r.name: r for r in active_reasons()}
        unknown = [n for n in options["reason"] if n not in known]
        if unknown:
            raise args.refuse(
                f"难点原因“{'、'.join(unknown)}”不在列表中，可选：{'、'.join(known)}。"
            )
        cadre = None
        if options["cadre"]:
            cadre = get_user_model().objects.filter(username=options["cadre"]).first()
            if cadre is None:
                raise args.refuse(f"找不到用户“{options['cadre']}”，请检查 --cadre 的用户名。")
        try:
            risk_rate(
                plan=plan,
                level=level,
                reasons=[known[n] for n in options["reason"]],
                category=category,
                report=options["report"],
                cadre=cadre,
                note=options["note"],
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未研判：") from exc
        self.stdout.write(f"已将{place.name}研判为{RiskLevel(level).label}。")
