"""The handover pages: one village's (checklist, both sides' confirmation, the township's
supervision) and the township's list with the overdue first.

Thin views: the village through `access_village` (the same 404 for missing and out of scope),
changes only for who may (403 saying who), one service per POST.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_village
from huanjie.ballots.models import RoundResult
from huanjie.elections.models import Body, Election
from huanjie.handover.access import may_preside, may_supervise, presiding, supervising
from huanjie.handover.models import Handover, ItemKind, Side
from huanjie.handover.selectors import handover_view, township_rows, village_handovers
from huanjie.handover.services import confirm, handover_open, item_record, supervise

if TYPE_CHECKING:
    from django.http import HttpRequest

    from huanjie.accounts.models import User


def _handover(request: HttpRequest, handover_id: int) -> Handover:
    handover = Handover.objects.select_related("village").filter(pk=handover_id).first()
    if handover is None:
        raise Http404("找不到这次工作移交。")
    access_village(request.user, handover.village_id)
    return handover


@login_required
@require_GET
def township_page(request: HttpRequest) -> HttpResponse:
    only_overdue = request.GET.get("overdue") == "1"
    rows = township_rows(request.user, only_overdue=only_overdue)
    return render(
        request,
        "handover/township.html",
        {"rows": rows, "only_overdue": only_overdue, "today": timezone.localdate()},
    )


@login_required
@require_GET
def village_page(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    handovers = list(village_handovers(village).prefetch_related("items__recorded_by"))
    opened = {h.election_id for h in handovers}
    # Rounds counted before this page existed: the committee opens their handover here.
    unopened = [
        r.election
        for r in RoundResult.objects.filter(
            election__plan__village=village, election__body=Body.VILLAGERS_COMMITTEE
        ).select_related("election")
        if r.election_id not in opened
    ]
    return render(
        request,
        "handover/village.html",
        {
            "village": village,
            "views": [handover_view(h) for h in handovers],
            "unopened": unopened,
            "may_preside": may_preside(request.user, village),
            "may_supervise": may_supervise(request.user, village),
            "kinds": ItemKind.choices,
            "today": timezone.localdate(),
            "sides": Side,
        },
    )


def _back(handover: Handover) -> HttpResponse:
    return redirect("handover:village", handover.village_id)


@login_required
@require_POST
def open_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election = Election.objects.select_related("plan__village").filter(pk=election_id).first()
    if election is None:
        raise Http404("找不到这场选举。")
    village = access_village(request.user, election.plan.village_id)
    presiding(request.user, village)
    try:
        handover_open(election=election, acting_user=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, "已登记工作移交，移交期限已起算。")
    return redirect("handover:village", village.pk)


@login_required
@require_POST
def item_view(request: HttpRequest, handover_id: int) -> HttpResponse:
    handover = _handover(request, handover_id)
    presiding(request.user, handover.village)
    user: User = request.user  # type: ignore[assignment]
    kind = request.POST.get("kind", "")
    if kind not in ItemKind.values:
        flash.error(request, "请选择移交事项。")
        return _back(handover)
    try:
        handed_on = date.fromisoformat(request.POST.get("handed_on", "").strip())
    except ValueError:
        flash.error(request, "移交日期无法识别，请按“年-月-日”填写，如 2026-03-01。")
        return _back(handover)
    try:
        item = item_record(
            handover=handover,
            kind=kind,
            handed_on=handed_on,
            note=request.POST.get("note", ""),
            acting_user=user,
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, f"已登记移交事项：{item.get_kind_display()}。")
    return _back(handover)


@login_required
@require_POST
def confirm_view(request: HttpRequest, handover_id: int) -> HttpResponse:
    handover = _handover(request, handover_id)
    presiding(request.user, handover.village)
    side = request.POST.get("side", "")
    if side not in Side.values:
        flash.error(request, "请说明是移交方还是接收方确认。")
        return _back(handover)
    try:
        confirm(
            handover=handover,
            side=side,
            name=request.POST.get("name", ""),
            acting_user=request.user,  # type: ignore[arg-type]
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        done = "，工作移交已完成" if handover.completed_on else ""
        flash.success(request, f"{Side(side).label}已确认{done}。")
    return _back(handover)


@login_required
@require_POST
def supervise_view(request: HttpRequest, handover_id: int) -> HttpResponse:
    handover = _handover(request, handover_id)
    supervising(request.user, handover.village)
    try:
        supervise(handover=handover, acting_user=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, "已登记乡镇监交。")
    return _back(handover)
