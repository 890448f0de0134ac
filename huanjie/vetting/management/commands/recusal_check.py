"""`huanjie recusal_check 村代码 [--on 日期]`: the kinship conflicts of the village's nomination,
each with its chain and rule (KIN-1, VC-EC-4, KIN-2, KIN-5, SEED-KIN-X, KIN-6)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from huanjie.vetting.management import arguments as args
from huanjie.vetting.recusal import village_recusal


class Command(BaseCommand):
    help = "核查一个村报名人、候选人与选委会、村党组织、监委会、经济合作社成员之间的任职回避。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument("--on", help="按哪一天在任的成员核查，默认今天；" + args.DATE_HELP)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        on = args.day(options["on"]) if options["on"] else timezone.localdate()
        report = village_recusal(place, on)
        if report.yjt_holder:
            self.stdout.write(f"“一肩挑”人选：{report.yjt_holder}")
        if not report.conflicts:
            self.stdout.write(f"{place.name}未发现需要回避的亲属关系（按已确认的亲属关系）。")
        for c in report.conflicts:
            kind = "须回避" if c.blocking else "提示"
            self.stdout.write(
                f"[{c.rule_id}] {kind}：{c.chain}——{c.a}（{c.a_roles}），{c.b}（{c.b_roles}）。"
                f"{c.consequence}"
            )
        for note in report.not_checked:
            self.stdout.write(f"另：{note}。")
