"""Handing a document out: every download of personal data is audited (who, what, which
region, when: PIPL) and kept out of caches."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.documents.rendering import PDF

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

DOCUMENT_DOWNLOAD = AuditAction("document.download", "下载打印文件")


def record_download(
    *, user: User, villages: Iterable[Region], document: str, pages: int, batch: int | None = None
) -> None:
    """One entry on each village's trail: the document, its pages, the batch it came in."""
    after: dict[str, object] = {"document": document, "format": "PDF", "pages": pages}
    if batch is not None:
        after["batch"] = batch
    with transaction.atomic():
        for village in villages:
            record_audit(
                actor=user, action=DOCUMENT_DOWNLOAD, target=village, village=village, after=after
            )


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=PDF)
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    # Names and ID numbers: neither a proxy nor the office PC's browser may keep a copy.
    patch_cache_control(response, no_store=True, private=True)
    return response
