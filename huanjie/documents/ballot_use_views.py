"""The ballot use page: per box, the ballots received and (after voting) left unused, beside the
tally sheets' ballots issued. The committee records; everyone who opens the village reads."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_village
from huanjie.ballots.models import Box
from huanjie.documents.ballot_paper import print_run
from huanjie.documents.ballot_use import (
    NOT_COMMITTEE,
    BallotUse,
    ballot_use_record,
    issued_by_box,
    may_record,
)
from huanjie.elections.models import Election

if TYPE_CHECKING:
    from django.http import HttpRequest

    from huanjie.accounts.models import User


def _election(request: HttpRequest, election_id: int) -> Election:
    election = Election.objects.select_related("plan__village").filter(pk=election_id).first()
    if election is None:
        raise Http404("找不到这场选举。")
    access_village(request.user, election.plan.village_id)
    return election


@login_required
@require_GET
def ballot_use_page(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election(request, election_id)
    village = election.plan.village
    uses = {u.box_id: u for u in BallotUse.objects.filter(election=election)}
    issued = issued_by_box(election)
    rows = [
        (box, uses.get(box.pk), issued.get(box.pk)) for box in Box.objects.filter(village=village)
    ]
    _, registered = print_run(election)
    return render(
        request,
        "documents/ballot_use.html",
        {
            "election": election,
            "village": village,
            "rows": rows,
            "registered": registered,
            "received": sum(u.received for u in uses.values()),
            "unused": sum(u.unused or 0 for u in uses.values()),
            "may_record": may_record(request.user, village),
        },
    )


def _count(value: str | None) -> int | None:
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError(f"“{text}”不是张数，请填写整数。", code="number")
    return int(text)


@login_required
@require_POST
def ballot_use_post(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election(request, election_id)
    if not may_record(request.user, election.plan.village):
        raise PermissionDenied(NOT_COMMITTEE)
    box = get_object_or_404(Box, pk=request.POST.get("box") or 0, village=election.plan.village)
    try:
        received = _count(request.POST.get("received"))
        if received is None:
            raise ValidationError("请填写领取的选票张数。", code="received")
        use = ballot_use_record(
            election=election,
            box=box,
            received=received,
            unused=_count(request.POST.get("unused")),
            acting_user=cast("User", request.user),
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, f"已登记{use.box}的选票领取和剩余。")
    return redirect("election_documents:ballot_use", election.pk)
