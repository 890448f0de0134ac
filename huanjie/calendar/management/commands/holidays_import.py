"""`huanjie holidays_import FILE`: enter a year's holidays from the State Council's notice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from huanjie.calendar import messages
from huanjie.calendar.holiday_files import HolidayFileError
from huanjie.calendar.services import holiday_import


class Command(BaseCommand):
    help = "导入国务院办公厅节假日安排（xlsx 或 csv，列：日期、类型（放假/调休上班）、名称）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="节假日安排文件（.xlsx 或 .csv）")
        parser.add_argument(
            "--replace", action="store_true", help="替换已完整录入的年份（默认拒绝）"
        )
        parser.add_argument("--by", metavar="USERNAME", help="记入操作记录的用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"找不到文件 {path}，请检查路径。")
        actor = None
        if options["by"]:
            actor = get_user_model().objects.filter(username=options["by"]).first()
            if actor is None:
                raise CommandError(f"找不到用户“{options['by']}”，请检查 --by 的用户名。")
        try:
            with path.open("rb") as file:
                result = holiday_import(
                    file=file, acting_user=actor, replace=options["replace"], name=path.name
                )
        except HolidayFileError as exc:
            lines = [messages.IMPORT_REFUSED, *(str(e) for e in exc.errors)]
            raise CommandError("\n".join(lines)) from exc
        self.stdout.write(self.style.SUCCESS(str(result)))
