"""`huanjie dashboard_rollup`: recompute the dashboards' rollup (every village plan's summary row
and every township's sums) from the raw tables — after a bulk load that bypassed the models'
saves (a queryset's update(), raw SQL, a restored backup), or to check that nothing drifted."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.dashboards import rollup


class Command(BaseCommand):
    help = (
        "按原始数据重算统计汇总（每村一行、每乡镇一行）。批量导入或直接改库后运行；"
        "加 --check 只核对汇总与原始数据是否一致，不写入。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="只核对：汇总与原始数据不一致时退出码为1"
        )

    def handle(self, *args: Any, check: bool, **options: Any) -> None:
        if check:
            drifted = rollup.drifted()
            if drifted:
                self.stderr.write(
                    f"统计汇总与原始数据不一致的村换届计划：{len(drifted)}个"
                    f"（如 {', '.join(map(str, drifted[:10]))}）。"
                    "请运行 huanjie dashboard_rollup 重算。"
                )
                raise SystemExit(1)
            self.stdout.write("统计汇总与原始数据一致。")
            return
        start = time.perf_counter()
        written = rollup.rebuild()
        seconds = time.perf_counter() - start
        self.stdout.write(f"已重算统计汇总：{written}个村换届计划，用时{seconds:.1f}秒。")
