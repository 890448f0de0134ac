"""The document pages: a preview on screen, the PDF download, and the township's batch.

Thin views: the village comes through `access_village` (404 to a user who may not open it),
the batch through `access_job` (the requester's own, while the region is still theirs). Every
PDF handed out is audited on its villages' trails and carries Cache-Control: no-store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_region, access_village
from huanjie.documents import messages as msg
from huanjie.documents.audit_extract import TITLE as AUDIT_TITLE
from huanjie.documents.audit_extract import audit_extract_document
from huanjie.documents.candidate_notice import PARTY_TITLE as PARTY_CANDIDATE_LIST_TITLE
from huanjie.documents.candidate_notice import TITLE as CANDIDATE_LIST_TITLE
from huanjie.documents.candidate_notice import (
    candidate_list_document,
    party_candidate_list_document,
)
from huanjie.documents.committee_notices import (
    CHANGES_TITLE,
    LIST_TITLE,
    REPRESENTATIVES_TITLE,
    committee_changes_document,
    committee_list_document,
    representatives_document,
)
from huanjie.documents.downloads import pdf_response, record_download
from huanjie.documents.group_notices import (
    LEADERS_TITLE,
    MEETING_TITLE,
    group_leaders_document,
    group_meeting_document,
)
from huanjie.documents.household_register import TITLE as REGISTER_TITLE
from huanjie.documents.household_register import household_register_document
from huanjie.documents.jobs import (
    access_job,
    document_job_create,
    document_job_expire,
    document_job_retry,
    download_name,
    job_file_exists,
    may_print_batch,
)
from huanjie.documents.models import DocumentJobStatus, DocumentKind
from huanjie.documents.party_roll import TITLE as PARTY_ROLL_TITLE
from huanjie.documents.party_roll import party_roll_document
from huanjie.documents.speech_order import PARTY_TITLE as PARTY_SPEECH_ORDER_TITLE
from huanjie.documents.speech_order import TITLE as SPEECH_ORDER_TITLE
from huanjie.documents.speech_order import party_speech_order_document, speech_order_document
from huanjie.documents.tasks import render_document_job
from huanjie.regions.models import Region

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.documents.rendering import PrintedDocument

Maker = Callable[..., "PrintedDocument"]
# name in the URL → (title, how it is made)
VILLAGE_DOCUMENTS: dict[str, tuple[str, Maker]] = {
    "register": (REGISTER_TITLE, household_register_document),
    "audit": (AUDIT_TITLE, audit_extract_document),
    "committee-list": (LIST_TITLE, committee_list_document),
    "committee-changes": (CHANGES_TITLE, committee_changes_document),
    "representatives": (REPRESENTATIVES_TITLE, representatives_document),
    "group-election": (MEETING_TITLE, group_meeting_document),
    "group-leaders": (LEADERS_TITLE, group_leaders_document),
    "party-roll": (PARTY_ROLL_TITLE, party_roll_document),
    "candidate-list": (CANDIDATE_LIST_TITLE, candidate_list_document),
    "party-candidate-list": (PARTY_CANDIDATE_LIST_TITLE, party_candidate_list_document),
    "speech-order": (SPEECH_ORDER_TITLE, speech_order_document),
    "party-speech-order": (PARTY_SPEECH_ORDER_TITLE, party_speech_order_document),
}
# Where 返回 leads from a document's preview (the village page unless named here).
BACK_TO: dict[str, str] = {
    "committee-list": "committees:committee",
    "committee-changes": "committees:committee",
    "representatives": "committees:representatives",
    "group-election": "committees:group_leaders",
    "group-leaders": "committees:group_leaders",
    "party-roll": "elections:party_roll",
    "candidate-list": "nominations:village",
    "party-candidate-list": "nominations:village",
    "speech-order": "nominations:recommendation",
    "party-speech-order": "nominations:recommendation",
}


def _document(name: str) -> tuple[str, Maker]:
    if name not in VILLAGE_DOCUMENTS:
        raise Http404(msg.JOB_NOT_FOUND)
    return VILLAGE_DOCUMENTS[name]


@login_required
@require_GET
def village_preview(request: HttpRequest, village_id: int, name: str) -> HttpResponse:
    """The document on screen, as it prints, with 返回 and 下载PDF."""
    village = access_village(request.user, village_id)
    _, make = _document(name)
    links = {
        "pdf_url": reverse("documents:village_pdf", args=[village.pk, name]),
        "back_url": reverse(BACK_TO.get(name, "core:village"), args=[village.pk]),
    }
    return HttpResponse(make(village, viewer=request.user, request=request, extra=links).html)


@login_required
@require_GET
def village_pdf(request: HttpRequest, village_id: int, name: str) -> HttpResponse:
    village = access_village(request.user, village_id)
    title, make = _document(name)
    data, pages = make(village, viewer=request.user, request=request).pdf_and_pages()
    user = cast("User", request.user)  # login_required
    record_download(user=user, villages=[village], document=title, pages=pages)
    return pdf_response(data, f"{village.name}{title}.pdf")


@login_required
@require_POST
def township_register_batch(request: HttpRequest, region_id: int) -> HttpResponse:
    region = access_region(request.user, region_id)
    if not may_print_batch(request.user, region):
        raise Http404(msg.JOB_NOT_FOUND)
    job = document_job_create(
        kind=DocumentKind.HOUSEHOLD_REGISTER,
        region=region,
        requested_by=cast("User", request.user),
    )
    render_document_job.enqueue(job.pk)
    return redirect("documents:job", job_id=job.pk)


@login_required
@require_GET
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(request.user, job_id)
    document_job_expire(job)  # a dead worker's job shows as failed, with 重新生成
    context = {
        "job": job,
        "running": job.status in (DocumentJobStatus.QUEUED, DocumentJobStatus.RUNNING),
        "file_ready": job.status == DocumentJobStatus.DONE and job_file_exists(job),
        "retention_days": _retention_days(),
    }
    return render(request, "documents/job_detail.html", context)


@login_required
@require_GET
def job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The fragment htmx polls every second; once the job ends, the page reloads."""
    job = access_job(request.user, job_id)
    document_job_expire(job)
    response = render(request, "documents/_job_progress.html", {"job": job})
    if job.status not in (DocumentJobStatus.QUEUED, DocumentJobStatus.RUNNING):
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def job_download(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(request.user, job_id)
    if job.status != DocumentJobStatus.DONE or not job_file_exists(job):
        # Not finished, or deleted after the retention period: the job's page says which.
        return redirect("documents:job", job_id=job.pk)
    with job.file.open("rb") as handle:
        data = handle.read()
    villages = Region.objects.filter(pk__in=job.villages).order_by("code")
    record_download(
        user=cast("User", request.user),
        villages=villages,
        document=f"{job.get_kind_display()}（{job.region.name}批量）",
        pages=job.pages,
        batch=job.pk,
    )
    return pdf_response(data, download_name(job))


@login_required
@require_POST
def job_retry(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(request.user, job_id)
    document_job_expire(job)
    try:
        document_job_retry(job)
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        render_document_job.enqueue(job.pk)
    return redirect("documents:job", job_id=job.pk)


def _retention_days() -> int:
    return int(settings.HUANJIE_DOCUMENT_RETENTION_DAYS)
