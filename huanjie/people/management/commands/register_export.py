"""`huanjie register_export VILLAGE_CODE OUT.xlsx`: a village's register in the template shape.

Written by the server's operator (no account): audited as a 命令行导出 of the village."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management.arguments import village_argument
from huanjie.people.models import RegisterExportMode
from huanjie.people.register.exporting import register_export_direct


class Command(BaseCommand):
    help = "把一个村的户籍登记导出为与导入模板相同格式的 xlsx 文件。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village_code", help="村（社区）的12位区划代码")
        parser.add_argument("out", type=Path, help="输出文件（.xlsx）")

    def handle(self, *args: Any, **options: Any) -> None:
        village = village_argument(options["village_code"])
        out: Path = options["out"]
        export, data = register_export_direct(
            village=village, acting_user=None, mode=RegisterExportMode.COMMAND
        )
        out.write_bytes(data)
        out.chmod(0o600)  # full ID numbers: the operator's alone
        self.stdout.write(
            f"已导出{village.name}的户籍登记（{export.households}户，{export.people}人）：{out}"
            "。文件含完整身份证号，请妥善保管，用后删除。"
        )
