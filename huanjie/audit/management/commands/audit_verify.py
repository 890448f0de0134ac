"""`huanjie audit_verify`: verify the whole audit chain; exit status 1 if it is broken.

Run it regularly (e.g. nightly from cron): the audit page checks only the entries written since
and those it shows, and shows the break this finds.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from huanjie.audit.chain import verify_chain


class Command(BaseCommand):
    help = "逐条核对操作记录的审计链：发现被改动、删除或插入的记录时退出码为 1。"

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if result.ok:
            self.stdout.write(self.style.SUCCESS(result.description))
            # Noted down outside the database, the head hash also catches a rewritten chain.
            self.stdout.write(f"链头哈希：{result.head_hash}（请抄录留存，下次核对时可比对）")
            return
        self.stderr.write(self.style.ERROR(f"审计链校验未通过：{result.description}"))
        self.stderr.write(
            f"在此之前的 {result.checked} 条记录核对无误。"
            "请保持数据库现状，不要再修改，立即联系县级管理员，从备份核对原始记录。"
        )
        sys.exit(1)
