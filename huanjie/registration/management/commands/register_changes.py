"""`huanjie register_changes 村代码 [--import 上届名单.xlsx --previous-day 日期] [--xlsx 输出]`:
the 四增四减 of the village's register against the previous term's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.registration.changes import register_changes
from huanjie.registration.management import arguments as args
from huanjie.registration.services import previous_list_record
from huanjie.registration.services.previous import read_id_numbers
from huanjie.registration.xlsx import changes_workbook


class Command(BaseCommand):
    help = (
        "选民四增四减：本届选民名单与上届比较（本系统中的上届名单，或用 --import 导入的"
        "上届名单 xlsx，须同时给出 --previous-day 上届选举日），打印各类人数并核对"
        "上届 + 四增 − 四减 = 本届；--xlsx 另存为表格。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument("--import", dest="previous", metavar="文件", help="上届选民名单 xlsx")
        parser.add_argument("--previous-day", metavar="日期", help="上届选举日")
        parser.add_argument("--xlsx", metavar="输出文件", help="四增四减情况表另存为 xlsx")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        register = args.register(place)
        if options["previous"]:
            acting = args.actor(options["by"], place)
            day = args.day(options["previous_day"])
            if day is None:
                raise args.refuse("导入上届名单时请用 --previous-day 给出上届选举日。")
            path = Path(options["previous"])
            if not path.is_file():
                raise args.refuse(f"找不到文件 {path}，请检查路径。")
            try:
                numbers = read_id_numbers(path.read_bytes())
                previous_list_record(
                    register=register,
                    id_numbers=numbers,
                    election_day=day,
                    source_name=path.name,
                    acting_user=acting,
                )
            except ValidationError as exc:
                raise args.refused(exc, "未导入上届选民名单") from exc
            self.stdout.write(f"已导入上届选民名单：{len(numbers)}人。")
        report = register_changes(register)
        if report is None:
            raise args.refuse(
                f"本系统中没有{place.name}上届的选民名单：请用 --import 上届名单.xlsx "
                "--previous-day 上届选举日 导入后再计算。"
            )
        self.stdout.write(
            f"{place.name}选民四增四减（上届：{report.source_label}，选举日{report.previous_day}）"
        )
        for side, classes in (("增", report.increases), ("减", report.decreases)):
            for change in classes:
                subs = "".join(f"，{label}{n}人" for label, n in change.subs.items())
                self.stdout.write(f"  {side} {change.label}：{change.count}人{subs}")
        verdict = "相符" if report.balanced else "不相符，请核对"
        self.stdout.write(
            f"上届{report.old_total} + 四增{report.increase_total} − 四减{report.decrease_total}"
            f" = 本届{report.new_total}：{verdict}。"
        )
        if options["xlsx"]:
            Path(options["xlsx"]).write_bytes(changes_workbook(report))
            self.stdout.write(f"已另存为 {options['xlsx']}。")
