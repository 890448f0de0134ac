"""Downloads of personal data from the register, each on the audit trail (PIPL): who took
which file of which village, when, and whether it held full ID numbers.

Every way out calls these: the web's downloads, `huanjie register_export`, and the API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.people.models import RegisterExport, RegisterImport

REGISTER_EXPORT_DOWNLOAD = AuditAction("register.export_download", "下载户籍登记导出文件")
IMPORT_REPORT_DOWNLOAD = AuditAction("register.import_report_download", "下载户籍导入校验报告")
# The value of the summary's 身份证号 key: what the file showed of the numbers.
FULL, MASKED = "完整", "已遮盖"


def record_export_download(*, export: RegisterExport, acting_user: User | None) -> None:
    """One download of an export (the register with full ID numbers)."""
    with transaction.atomic():
        record_audit(
            actor=acting_user,
            action=REGISTER_EXPORT_DOWNLOAD,
            target=export,
            after={
                "mode": export.mode,
                "households": export.households,
                "people": export.people,
                "id_number": FULL,
            },
            village=export.village,
        )


def record_report_download(
    *, register_import: RegisterImport, acting_user: User | None, full_ids: bool
) -> None:
    """One download of an import's row report (its problems, with the values as read)."""
    with transaction.atomic():
        record_audit(
            actor=acting_user,
            action=IMPORT_REPORT_DOWNLOAD,
            target=register_import,
            after={
                "original_name": register_import.original_name,
                "error_count": register_import.error_count,
                "warning_count": register_import.warning_count,
                "id_number": FULL if full_ids else MASKED,
            },
            village=register_import.village,
        )
