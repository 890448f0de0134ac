"""`huanjie risk_show 村代码`: a village's risk rating with its history, and its readiness."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from huanjie.campaigns.management.prep_arguments import plan_of
from huanjie.campaigns.models import RiskLevel
from huanjie.campaigns.prep_models import ReadinessKind
from huanjie.campaigns.prep_selectors import readiness_by_plan, risk_view
from huanjie.people.management import arguments as args


def _level(code: str) -> str:
    return str(RiskLevel(code).label)


class Command(BaseCommand):
    help = "显示一个村的选情研判（等级、难点原因、类别、包村干部、研判记录）和换届前准备情况。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        plan = plan_of(place)
        view = risk_view(plan)
        out = self.stdout.write
        risk = view.assessment
        flagged = ""
        if view.flagged:
            since = risk.flagged_at if risk else None
            flagged = "，已挂牌" + (f"（{timezone.localtime(since):%Y-%m-%d}起）" if since else "")
        out(f"{place.name}（{plan.campaign.name}）：{plan.get_risk_level_display()}{flagged}")
        if risk is not None:
            if risk.category:
                out(f"  村类别：{risk.get_category_display()}")
            if view.reasons:
                out(f"  难点原因：{'、'.join(r.name for r in view.reasons)}")
            if risk.cadre is not None:
                out(f"  包村干部：{risk.cadre.get_full_name()}")
            if risk.report:
                out(f"  选情分析报告：{risk.report}")
        out("研判记录：" if view.history else "研判记录：无")
        for c in view.history:
            who = c.actor.get_full_name() if c.actor else "系统"
            line = f"  {timezone.localtime(c.at):%Y-%m-%d %H:%M} {who} {c.get_kind_display()} "
            line += f"{_level(c.level_from)}→{_level(c.level_to)}"
            if c.reasons:
                line += f"：{'、'.join(c.reasons)}"
            if c.note:
                line += f"（{c.note}）"
            out(line)
        ready = readiness_by_plan([plan])[plan.pk]
        day = ready.election_day or "未确定"
        out(f"换届前准备（村委会选举日：{day}）：{'准备就绪' if ready.ready else '尚未就绪'}")
        for kind in ReadinessKind:
            item = ready.items.get(kind.value)
            if item is None:
                out(f"  {kind.label}：未登记")
                continue
            text = f"  {kind.label}：{item.done_on}完成，{item.get_outcome_display()}"
            if item.published_on:
                text += f"，{item.published_on}公开"
            if item.participants is not None:
                text += f"，{item.participants}人参加"
            out(text)
        for gap in ready.gaps:
            out(f"  {'还缺' if gap.blocking else '请留意'}：{gap.message}（{gap.rule_id}）")
