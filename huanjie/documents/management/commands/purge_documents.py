"""`huanjie purge_documents [--days N]`: delete batch PDFs past their retention period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from huanjie.documents.jobs import purge_document_files


class Command(BaseCommand):
    help = (
        "删除超过保存期限的批量打印文件（含身份证号）和中断任务留下的半成品，"
        "并把工作进程已中断的打印任务标记为失败。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"保存天数（默认 HUANJIE_DOCUMENT_RETENTION_DAYS={settings.HUANJIE_DOCUMENT_RETENTION_DAYS}）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is None:
            days = settings.HUANJIE_DOCUMENT_RETENTION_DAYS
        purged = purge_document_files(days=days)
        self.stdout.write(f"已删除 {purged} 个超过{days}天的批量打印文件。")
