"""An election's print documents (the ballot paper before voting; the result announcement, the
report to the township and the certificates after the count): on screen as they print, and as
PDF. The election's village through `access_village` (the same 404 for missing and out of
scope); every PDF download is audited on the village's trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from huanjie.accounts.gates import access_village
from huanjie.documents.ballot_paper import ballot_paper_document
from huanjie.documents.downloads import pdf_response, record_download
from huanjie.documents.election_results import (
    NotCounted,
    certificates_document,
    result_notice_document,
    result_report_document,
)
from huanjie.elections.models import Election

if TYPE_CHECKING:
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.documents.rendering import PrintedDocument

    Maker = Callable[..., PrintedDocument]

DOCUMENTS: dict[str, tuple[str, Maker]] = {
    "ballot": ("选票", ballot_paper_document),
    "result-notice": ("选举结果公告", result_notice_document),
    "result-report": ("选举结果报告单", result_report_document),
    "certificates": ("当选证书", certificates_document),
}


def _election(request: HttpRequest, election_id: int, name: str) -> tuple[Election, str, Maker]:
    election = (
        Election.objects.select_related("plan__village__parent", "plan__campaign")
        .filter(pk=election_id)
        .first()
    )
    if election is None or name not in DOCUMENTS:
        raise Http404("找不到这份文件。")
    access_village(request.user, election.plan.village_id)
    title, make = DOCUMENTS[name]
    return election, title, make


def _render(make: Maker, election: Election, **kwargs: Any) -> PrintedDocument:
    try:
        return make(election, **kwargs)
    except NotCounted as exc:
        raise Http404(f"{election}还没有计出结果，计票后才能打印这份文件。") from exc


@login_required
@require_GET
def preview(request: HttpRequest, election_id: int, name: str) -> HttpResponse:
    election, _, make = _election(request, election_id, name)
    links = {
        "pdf_url": reverse("election_documents:pdf", args=[election.pk, name]),
        "back_url": reverse("ballots:round", args=[election.pk]),
    }
    return HttpResponse(_render(make, election, request=request, extra=links).html)


@login_required
@require_GET
def pdf(request: HttpRequest, election_id: int, name: str) -> HttpResponse:
    election, title, make = _election(request, election_id, name)
    data, pages = _render(make, election, request=request).pdf_and_pages()
    village = election.plan.village
    record_download(
        user=cast("User", request.user), villages=[village], document=title, pages=pages
    )
    return pdf_response(data, f"{village.name}{election}{title}.pdf")
