"""`huanjie register_import VILLAGE_CODE FILE [--dry-run]`: check (and import) a register file."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, cast

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from huanjie.people.import_preview import import_preview
from huanjie.people.management.arguments import village_argument
from huanjie.people.models import RegisterCoverage, RegisterImportStatus
from huanjie.people.register.importing import (
    register_import_confirm,
    register_import_create,
    register_import_validate,
    report_problems,
)


class Command(BaseCommand):
    help = (
        "校验并导入一个村的户籍登记表（xlsx 或 csv）：先列出将新增、变更、迁入和登记为已迁出的"
        "人员（预览），再按预览写入；--dry-run 只校验和预览，不写入。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village_code", help="村（社区）的12位区划代码")
        parser.add_argument("file", type=Path, help="户籍登记表（.xlsx 或 .csv）")
        parser.add_argument("--dry-run", action="store_true", help="只校验和预览，不写入")
        parser.add_argument(
            "--whole-village",
            action="store_true",
            help="文件是全村完整的户籍登记：本村在册但文件中没有的人员登记为已迁出"
            "（默认只更新文件中列出的户）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), soft_wrap=True)
        village = village_argument(options["village_code"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"找不到文件 {path}，请核对路径。")
        try:
            register_import = register_import_create(
                village=village,
                name=path.name,
                data=path.read_bytes(),
                acting_user=None,
                coverage=RegisterCoverage.VILLAGE
                if options["whole_village"]
                else RegisterCoverage.HOUSEHOLDS,
            )
        except ValidationError as exc:
            raise CommandError("".join(exc.messages), returncode=2) from exc
        with _bar(console) as bar:
            step = bar.add_task("校验", total=None)
            register_import_validate(
                register_import,
                progress=lambda done, total: bar.update(step, completed=done, total=total),
            )
        _print_preview(console, register_import)
        with _bar(console) as bar:
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
                f"校验通过（未写入）：文件共{register_import.households}户，"
                f"{register_import.people}人。"
            )
        elif register_import.status == RegisterImportStatus.VALIDATED:
            # The register changed between the preview and the write: nothing was written.
            console.print(register_import.report.get("changed_since_preview", ""))
            raise CommandError("户籍在预览后有变化，未写入。请核对上面的新预览后重新运行。")
        else:
            console.print(
                f"已按预览写入，推导近亲属关系{register_import.relations}条（待选委会确认）。"
            )


def _bar(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def _print_preview(console: Console, register_import: Any) -> None:
    """What confirming does, section by section (the web's preview, ID numbers in full: the
    command line is the server's operator)."""
    preview = import_preview(register_import, full_ids=True)
    if preview is None:
        return
    if preview.changes_nothing:
        console.print("预览：文件与本村现有户籍完全一致，不会有任何修改。")
        return
    console.print("预览：" + "，".join(f"{label}{n}" for _, label, n in preview.counts))
    for section in preview.sections:
        table = Table(title=f"{section.title}（{section.count}人）：{section.effect}")
        for title in ("行", "户号", "姓名", "身份证号"):
            table.add_column(title, no_wrap=True)
        table.add_column("变更内容或说明", overflow="fold")
        for e in section.rows:
            what = "；".join(f"{c}：{b or '（空）'} → {a or '（空）'}" for c, b, a in e["changes"])
            table.add_row(
                str(e["row"] or ""), e["household"], e["name"], e["id_number"], what or e["note"]
            )
        console.print(table)
        if section.cut:
            console.print(f"只列出前{len(section.rows)}人，未列出的同样处理。")


def _print_report(console: Console, register_import: Any) -> None:
    file_error = register_import.report.get("file_error")
    if file_error:
        console.print(f"[red]文件错误：[/red]{file_error}")
    problems = report_problems(register_import)
    if problems:
        table = Table(
            title=f"校验报告（错误{register_import.error_count}，提示{register_import.warning_count}）"
        )
        for title in ("行", "姓名", "列", "内容", "级别"):
            table.add_column(title, no_wrap=True)
        # Chinese has no spaces to wrap at: fold the message, never cut off how to fix it.
        table.add_column("问题及处理", overflow="fold")
        for p in problems:
            level = "[red]错误[/red]" if p.level == "error" else "[yellow]提示[/yellow]"
            table.add_row(str(p.row or ""), p.name, p.column, p.value, level, p.message)
        console.print(table)
    for name in register_import.report.get("new_groups", []):
        console.print(f"将新建村民小组：{name}")
