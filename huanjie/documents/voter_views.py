"""The voter register's documents on screen and as PDF: the 选民名单公告 and its 补充公告 (a
published one for whoever sees the village's published documents; a draft for the village's own
pages), the voter cards (the committee's, in numbered batches) and the 四增四减 report.

Every PDF handed out is audited on the village's trail (`record_download`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from huanjie.documents.downloads import pdf_response, record_download
from huanjie.documents.voter_register import (
    CARDS_TITLE,
    CHANGES_TITLE,
    LIST_TITLE,
    NOTICE_TITLE,
    cards_document,
    changes_document,
    notice_document,
    voter_list_document,
)
from huanjie.registration import messages as msg
from huanjie.registration.access import may_register
from huanjie.registration.changes import register_changes
from huanjie.registration.gates import access_notice, access_published_register, access_register
from huanjie.registration.models import VoterCard
from huanjie.registration.selectors import CARD_RANGE

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.registration.models import VoterRegister

BACK = "registration:home"


def _back(request: HttpRequest, register: VoterRegister) -> str:
    """The register's page for those who work in the village; the region's page otherwise."""
    if access_register_or_none(request, register.pk) is not None:
        return reverse(BACK, args=[register.village_id])
    return reverse("core:region", args=[register.village_id])


def access_register_or_none(request: HttpRequest, register_id: int) -> VoterRegister | None:
    try:
        return access_register(request.user, register_id)
    except Http404:
        return None


def _built(register: VoterRegister) -> None:
    if register.built_on is None:
        raise Http404(msg.NOT_BUILT)


@login_required
@require_GET
def voter_list_preview(request: HttpRequest, register_id: int) -> HttpResponse:
    register = access_published_register(request.user, register_id)
    _built(register)
    links = {
        "pdf_url": reverse("documents:voter_list_pdf", args=[register.pk]),
        "back_url": _back(request, register),
    }
    return HttpResponse(voter_list_document(register, request=request, extra=links).html)


@login_required
@require_GET
def voter_list_pdf(request: HttpRequest, register_id: int) -> HttpResponse:
    register = access_published_register(request.user, register_id)
    _built(register)
    data, pages = voter_list_document(register, request=request).pdf_and_pages()
    title = f"选民名单公告{'' if register.published else '（草稿）'}"
    record_download(
        user=cast("User", request.user), villages=[register.village], document=title, pages=pages
    )
    return pdf_response(data, f"{register.village.name}{LIST_TITLE}.pdf")


@login_required
@require_GET
def notice_preview(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id)
    links = {
        "pdf_url": reverse("documents:voter_notice_pdf", args=[notice.pk]),
        "back_url": _back(request, notice.register),
    }
    return HttpResponse(notice_document(notice, request=request, extra=links).html)


@login_required
@require_GET
def notice_pdf(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id)
    data, pages = notice_document(notice, request=request).pdf_and_pages()
    record_download(
        user=cast("User", request.user),
        villages=[notice.register.village],
        document=f"选民名单补充公告（第{notice.number}号）",
        pages=pages,
    )
    return pdf_response(data, f"{notice.register.village.name}{NOTICE_TITLE}{notice.number}.pdf")


def _number(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@login_required
@require_GET
def cards_pdf(request: HttpRequest, register_id: int) -> HttpResponse:
    """A batch of valid cards by number (`from`, `to`: at most CARD_RANGE), or one `card`."""
    register = access_register(request.user, register_id)
    # Cards are the committee's to print and hand out: a second print of a card is a duplicate.
    if not may_register(request.user, register.village):
        raise PermissionDenied(msg.NOT_A_REGISTRAR)
    cards = VoterCard.objects.filter(register=register, voided_at__isnull=True).select_related(
        "voter"
    )
    one = _number(request, "card")
    if one is not None:
        cards = cards.filter(pk=one)
    else:
        first = _number(request, "from") or 1
        last = _number(request, "to") or first + CARD_RANGE - 1
        cards = cards.filter(number__gte=first, number__lte=min(last, first + CARD_RANGE - 1))
    chosen = list(cards.order_by("number"))
    if not chosen:
        raise Http404("没有这些编号的有效选民证。请先在“选民证”页发放。")
    data, pages = cards_document(register, chosen, request=request).pdf_and_pages()
    numbers = f"{chosen[0].number:05d}-{chosen[-1].number:05d}"
    record_download(
        user=cast("User", request.user),
        villages=[register.village],
        document=f"选民证（{numbers}号，{len(chosen)}张）",
        pages=pages,
    )
    return pdf_response(data, f"{register.village.name}{CARDS_TITLE}{numbers}.pdf")


@login_required
@require_GET
def changes_preview(request: HttpRequest, register_id: int) -> HttpResponse:
    register = access_register(request.user, register_id)
    report = register_changes(register)
    if report is None:
        raise Http404("没有上届选民名单，无法计算四增四减。请先导入上届选民名单。")
    links = {
        "pdf_url": reverse("documents:voter_changes_pdf", args=[register.pk]),
        "back_url": reverse("registration:changes", args=[register.village_id]),
    }
    return HttpResponse(
        changes_document(report, viewer=request.user, request=request, extra=links).html
    )


@login_required
@require_GET
def changes_pdf(request: HttpRequest, register_id: int) -> HttpResponse:
    register = access_register(request.user, register_id)
    report = register_changes(register)
    if report is None:
        raise Http404("没有上届选民名单，无法计算四增四减。请先导入上届选民名单。")
    data, pages = changes_document(report, viewer=request.user, request=request).pdf_and_pages()
    record_download(
        user=cast("User", request.user),
        villages=[register.village],
        document=CHANGES_TITLE,
        pages=pages,
    )
    return pdf_response(data, f"{register.village.name}{CHANGES_TITLE}.pdf")
