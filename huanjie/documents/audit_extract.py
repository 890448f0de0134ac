"""A village's audit extract (审计记录摘录): its audit trail in write order, on paper.

The rows are the audit page's (`audit_rows`), masked for the reader as the page masks them, with
the chain's verification status; the caller has passed `access_village` for the village.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.accounts.policy import FULL_ID_NUMBERS_IN_SCOPE, role_of
from huanjie.audit.chain import chain_status
from huanjie.audit.selectors import village_audit
from huanjie.documents import messages as msg
from huanjie.documents.audit_rows import audit_rows
from huanjie.documents.household_register import region_names
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.people.display import display_name

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

TEMPLATE = "documents/audit_extract.html"
TITLE = "审计记录摘录"


def audit_extract_context(
    village: Region, *, viewer: User | AnonymousUser, now: datetime | None = None
) -> dict[str, Any]:
    # Oldest first: a record on paper reads in the order things happened.
    entries = list(village_audit(village).order_by("created_at", "id"))
    # As on the audit page: the trail mixes members and non-members, so a village party
    # organization (which sees only its members' numbers) reads it masked.
    full_ids = role_of(viewer) in FULL_ID_NUMBERS_IN_SCOPE
    rows = audit_rows(entries, full_ids=full_ids)
    # After the rows: the entries printed are checked against their hashes.
    chain = chain_status(shown=entries)
    moment = timezone.localtime(now)
    return {
        "title": f"{village.name}{TITLE}",
        "village": village,
        "region_names": region_names(village),
        "rows": rows,
        "first_at": entries[0].created_at if entries else None,
        "last_at": entries[-1].created_at if entries else None,
        "chain": chain,
        "chain_text": (
            msg.CHAIN_OK.format(length=chain.length)
            if chain.ok
            else msg.CHAIN_BROKEN.format(description=chain.description)
        ),
        "printed_at": moment,
        "printed_by": display_name(viewer) if viewer.is_authenticated else "",
        "masked_note": "" if full_ids else msg.AUDIT_MASKED_NOTE,
        "empty_note": msg.NO_AUDIT_ENTRIES,
        "author": village.name,
    }


def audit_extract_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = audit_extract_context(village, viewer=viewer)
    context.update(extra or {})
    return render_document(TEMPLATE, context, paper="A4", orientation="portrait", request=request)
