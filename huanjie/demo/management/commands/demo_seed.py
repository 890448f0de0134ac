"""`huanjie demo_seed`: build the demo county (浙江省丽水市景宁畲族自治县) through the services."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from huanjie.calendar.selectors import working_calendar
from huanjie.demo.constants import (
    COUNTY,
    EARLIEST_SEEDING_DAY,
    MAX_TOWNSHIPS,
    MAX_VILLAGES_PER_TOWNSHIP,
    REGISTER_DAY,
)
from huanjie.demo.generate import (
    DEFAULT_SEED,
    DEFAULT_TOWNSHIPS,
    DEFAULT_VILLAGES_PER_TOWNSHIP,
    build_county,
)
from huanjie.demo.plan import DemoVillage
from huanjie.demo.seeding import county_exists, database_in_use, seed_county
from huanjie.demo.users import taken_usernames


def _fresh_database_hint() -> str:
    """How to start over with the database in use (never a file that is not the one in use)."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"删除数据库文件 {database['NAME']}"
    return f"换用一个空数据库（现在用的是 {database['NAME']}）"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(
            f"--today 应是 YYYY-MM-DD 形式的日期，例如 2026-12-04，现为“{text}”。"
        ) from exc


class Command(BaseCommand):
    help = (
        "生成演示县：浙江省丽水市景宁畲族自治县（331127）下虚构的乡镇、村、户籍、党员、"
        "上届班子、正在进行的换届（从生成日推算）和每个角色一个演示账号；同一种子、同一生成日生成的数据完全相同。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--townships", type=int, default=DEFAULT_TOWNSHIPS, help="乡镇数（默认 3）"
        )
        parser.add_argument(
            "--villages-per-township",
            type=int,
            default=DEFAULT_VILLAGES_PER_TOWNSHIP,
            help="每个乡镇的村数（默认 10）",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子（默认 1）")
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="生成日 YYYY-MM-DD（默认今天）：换届和各村选举日从这一天推算；"
            "同一种子、同一生成日生成的数据完全相同",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="只在空数据库中生成；演示县已存在或数据库已有其他数据时什么也不做（make run 使用）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        townships, villages = options["townships"], options["villages_per_township"]
        if not 1 <= townships <= MAX_TOWNSHIPS:
            raise CommandError(f"--townships 应在 1 到 {MAX_TOWNSHIPS} 之间，现为 {townships}。")
        if not 1 <= villages <= MAX_VILLAGES_PER_TOWNSHIP:
            raise CommandError(
                f"--villages-per-township 应在 1 到 {MAX_VILLAGES_PER_TOWNSHIP} 之间，"
                f"现为 {villages}。"
            )
        if county_exists():
            if options["if_empty"]:
                if options["verbosity"] >= 1:
                    self.stdout.write(f"演示县{COUNTY[1]}已存在，未重新生成。")
                return
            raise CommandError(
                f"演示县{COUNTY[1]}（{COUNTY[0]}）已在数据库中，没有重复生成。"
                f"要重新生成，请{_fresh_database_hint()}后再运行，或加 --if-empty 在已存在时跳过。"
            )
        if options["if_empty"] and database_in_use():
            # `make run` against a real database must not add fictional villagers and accounts
            # whose passwords are printed in the README.
            if options["verbosity"] >= 1:
                self.stdout.write(
                    "数据库中已有区划或用户，不是空数据库，未生成演示县。"
                    "要看演示，请用一个空数据库运行 make run；确需在此数据库中生成，"
                    "请明确运行 huanjie demo_seed。"
                )
            return
        taken = taken_usernames()
        if taken:
            raise CommandError(
                f"演示账号的用户名已被占用：{'、'.join(taken)}。"
                "请在空数据库中生成演示县，或先在管理后台改掉这些用户名。"
            )
        today = options["today"] or timezone.localdate()
        if today < EARLIEST_SEEDING_DAY:
            raise CommandError(
                f"--today 不能早于 {EARLIEST_SEEDING_DAY}（演示村民的年龄按 "
                f"{REGISTER_DAY} 计算），现为 {today}。"
            )
        started = time.monotonic()
        calendar = working_calendar()
        plan = build_county(options["seed"], townships, villages, today=today, calendar=calendar)
        round_ = plan.round
        uncovered = [
            y
            for y in range(round_.window_start.year, round_.window_end.year + 1)
            if not calendar.covers(y)
        ]
        console = Console(stderr=True)
        with Progress(
            TextColumn("[bold]生成演示村"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            disable=options["verbosity"] < 1,
        ) as progress:
            task = progress.add_task("", total=len(plan.villages))

            def advance(village: DemoVillage) -> None:
                progress.update(task, advance=1, description=village.name)

            seeded = seed_county(plan, on_village=advance)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"已生成演示县{seeded.county.name}：{townships}个乡镇、{seeded.villages}个村、"
                f"{seeded.households:,}户、{seeded.people:,}人，{seeded.users}个演示账号；"
                f"用时{time.monotonic() - started:.1f}秒（种子 {options['seed']}，生成日 {today}）。"
                f"换届{round_.window_start}至{round_.window_end}，进行中。"
            )
            if uncovered:
                years = "、".join(f"{y}年" for y in uncovered)
                self.stdout.write(
                    f"注意：节假日表还没有{years}的完整安排，这些年的选举日可能落在法定节假日上；"
                    "请先导入国务院办公厅的节假日安排（管理后台或 huanjie holidays_import）。"
                )
