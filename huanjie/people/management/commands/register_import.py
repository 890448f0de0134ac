"""`huanjie register_import VILLAGE_CODE FILE [--dry-run]`: check (and import) a register file."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, cast

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from huanjie.people.management.arguments import village_argument
from huanjie.people.models import RegisterImportStatus
from huanjie.people.register.importing import (
    register_import_confirm,
    register_import_create,
    register_import_validate,
    report_problems,
)


class Command(BaseCommand):
    help = "校验并导入一个村的户籍登记表（xlsx 或 csv）；--dry-run 只校验不写入。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village_code", help="村（社区）的12位区划代码")
        parser.add_argument("file", type=Path, help="户籍登记表（.xlsx 或 .csv）")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), soft_wrap=True)
        village = village_argument(options["village_code"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"找不到文件 {path}，请核对路径。")
        try:
            register_import = register_import_create(
                village=village, name=path.name, data=path.read_bytes(), acting_user=None
            )
        except ValidationError as exc:
            raise CommandError("".join(exc.messages), returncode=2) from exc
        with _bar(console) as bar:
            step = bar.add_task("校验", total=None)
            register_import_validate(
                register_import,
                progress=lambda done, total: bar.update(step, completed=done, total=total),
            )
            if register_import.status == RegisterImportStatus.VALIDATED and not options["dry_run"]:
                step = bar.add_task("写入", total=None)
                register_import_confirm(
                    register_import=register_import,
                    acting_user=None,
                    progress=lambda done, total: bar.update(step, completed=done, total=total),
                )
        _print_report(console, register_import)
        if register_import.status == RegisterImportStatus.FAILED:
            raise CommandError("有错误，未写入任何数据。", returncode=2)
        if options["dry_run"]:
            console.print(
                f"校验通过（未写入）：{register_import.households}户，{register_import.people}人。"
            )
        else:
            console.print(
                f"已导入：{register_import.households}户，{register_import.people}人，"
                f"推导近亲属关系{register_import.relations}条。"
            )


def _bar(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def _print_report(console: Console, register_import: Any) -> None:
    file_error = register_import.report.get("file_error")
    if file_error:
        console.print(f"[red]文件错误：[/red]{file_error}")
    problems = report_problems(register_import)
    if problems:
        table = Table(
            title=f"校验报告（错误{register_import.error_count}，提示{register_import.warning_count}）"
        )
        for title in ("行", "列", "内容", "级别"):
            table.add_column(title, no_wrap=True)
        # Chinese has no spaces to wrap at: fold the message, never cut off how to fix it.
        table.add_column("问题及处理", overflow="fold")
        for p in problems:
            level = "[red]错误[/red]" if p.level == "error" else "[yellow]提示[/yellow]"
            table.add_row(str(p.row or ""), p.column, p.value, level, p.message)
        console.print(table)
    for name in register_import.report.get("new_groups", []):
        console.print(f"将新建村民小组：{name}")
