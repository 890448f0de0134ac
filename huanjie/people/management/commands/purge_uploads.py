"""`huanjie purge_uploads [--days N]`: delete uploaded registers past their retention period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.register.retention import purge_exports, purge_uploads


class Command(BaseCommand):
    help = (
        "删除超过保存期限的户籍登记上传文件和导出文件（含完整身份证号），"
        "并把工作进程已中断的导入和导出标记为失败。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"保存天数（默认 HUANJIE_UPLOAD_RETENTION_DAYS={settings.HUANJIE_UPLOAD_RETENTION_DAYS}）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = (
            options["days"]
            if options["days"] is not None
            else settings.HUANJIE_UPLOAD_RETENTION_DAYS
        )
        purged = purge_uploads(days=days)
        exports = purge_exports(days=days)
        self.stdout.write(f"已删除 {purged} 个超过{days}天的上传文件，{exports} 个导出文件。")
