"""The committee's voting-day pages: the round's boxes and their sheets, one clerk's entry of a
sheet, the result with the engine's explanation, and the contest JSON to re-count it.

Thin views: the election's village through `access_village` (the same 404 for missing and out
of scope), entering only for the village election committee (403 saying who may), one service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from huanjie.accounts.gates import access_village
from huanjie.ballots.access import clerk, may_enter
from huanjie.ballots.assemblies import ASSEMBLY_BODIES, body_title, post_label
from huanjie.ballots.assembly_views import assembly_panel
from huanjie.ballots.ballot_views import ballot_panel
from huanjie.ballots.certification import may_certify, result_certify, result_reopen
from huanjie.ballots.contest import seats_of
from huanjie.ballots.forms import BoxForm, ReopenForm, SheetForm, numbers, vote_rows
from huanjie.ballots.models import Box, RoundResult, TallySheet
from huanjie.ballots.party_views import party_panel, present_label
from huanjie.ballots.selectors import contest_text, entry_by, numbers_of, round_view
from huanjie.ballots.services import box_add, sheet_entry_record
from huanjie.ballots.township import BOARD_BODIES, board
from huanjie.ballots.voters import name_matches, registered_voters
from huanjie.elections.models import Body, Election

if TYPE_CHECKING:
    from django.http import HttpRequest

    from huanjie.regions.models import Region


def _election(request: HttpRequest, election_id: int) -> tuple[Election, Region]:
    election = (
        Election.objects.select_related("plan__village", "plan__campaign")
        .filter(pk=election_id)
        .first()
    )
    if election is None:
        raise Http404("找不到这场选举。")
    return election, access_village(request.user, election.plan.village_id)


@login_required
@require_GET
def round_page(request: HttpRequest, election_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    view = round_view(election)
    names: set[str] = set()
    if view.result is not None:
        names = {
            name for persons in view.result.result.contest["votes"].values() for name in persons
        }
    return render(
        request,
        "ballots/round.html",
        {
            "election": election,
            "village": village,
            "view": view,
            "may_enter": may_enter(request.user, village),
            "may_certify": may_certify(request.user, village),
            "reopen_form": ReopenForm(box_names=[row.box.name for row in view.rows]),
            "box_form": BoxForm(),
            "registered": registered_voters(election),
            "seats": election.seats.order_by("id"),
            "matches": sorted(name_matches(election, names).items()),
            "ballot_mode": ballot_panel(election, request.user),
            "assembly": assembly_panel(election, may_enter(request.user, village)),
            "party": party_panel(election, request.user),
        },
    )


@login_required
@require_POST
def box_add_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    user = clerk(request.user, village)
    form = BoxForm(request.POST)
    if form.is_valid():
        try:
            box = box_add(
                village=village,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                acting_user=user,
            )
        except ValidationError as exc:
            flash.error(request, "".join(exc.messages))
        else:
            flash.success(request, f"已设立{box}。")
    else:
        flash.error(request, "请选择票箱类别并填写名称。")
    return redirect("ballots:round", election.pk)


@login_required
@require_http_methods(["GET", "POST"])
def entry_page(request: HttpRequest, election_id: int, box_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    user = clerk(request.user, village)
    box = get_object_or_404(Box, pk=box_id, village=village)
    sheet = TallySheet.objects.filter(election=election, box=box).first()
    mine = entry_by(sheet, user.pk)
    posts = list(seats_of(election))
    data = request.POST if request.method == "POST" else None
    initial = numbers_of(mine) if mine is not None else None
    form = SheetForm(
        data,
        initial=initial.__dict__ if initial else None,
        present_label=present_label(election),
    )
    rows = vote_rows(data, posts, initial, body=election.body)
    problem = ""
    if data is not None and form.is_valid() and all([r.is_valid() for r in rows]):
        read = numbers(form, rows)
        if isinstance(read, str):
            problem = read
        else:
            try:
                done = sheet_entry_record(
                    election=election, box=box, numbers=read, acting_user=user
                )
            except ValidationError as exc:
                problem = "".join(exc.messages)
            else:
                if done.result is not None:
                    flash.success(request, f"{box}计票单核对一致。各票箱均已核对，选举结果已计出。")
                elif done.accepted:
                    flash.success(request, f"{box}计票单两次录入一致，已采用。")
                elif done.mismatches:
                    flash.warning(
                        request, f"{box}两次录入不一致，请看下方逐项对照，由录入有误的一方更正。"
                    )
                else:
                    flash.info(request, f"{box}计票单已录入，请另一名村选委会成员再独立录入一次。")
                return redirect("ballots:round", election.pk)
    return render(
        request,
        "ballots/entry.html",
        {
            "election": election,
            "village": village,
            "box": box,
            "form": form,
            "rows": rows,
            "problem": problem,
            "correcting": mine is not None,
            "party": present_label(election),
            "seats": [
                {"label": post_label(election.body, s.post), "seats": s.seats}
                for s in election.seats.order_by("id")
            ],
        },
    )


@login_required
@require_GET
def contest_download(request: HttpRequest, election_id: int) -> HttpResponse:
    election, _ = _election(request, election_id)
    result = RoundResult.objects.filter(election=election).first()
    if result is None:
        raise Http404("这场选举还没有计出结果。")
    response = HttpResponse(contest_text(result), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="contest-{election.pk}.json"'
    return response


@login_required
@require_POST
def certify_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election, _ = _election(request, election_id)
    try:
        result_certify(election=election, acting_user=request.user)
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, "选举结果已确认并锁定：计票单和结果不能再修改。")
    return redirect("ballots:round", election.pk)


@login_required
@require_POST
def reopen_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    names = list(Box.objects.filter(village=village).values_list("name", flat=True))
    form = ReopenForm(request.POST, box_names=names)
    if not form.is_valid():
        flash.error(request, "请写明理由，并至少选择一个需要更正计票单的票箱。")
        return redirect("ballots:round", election.pk)
    try:
        result_reopen(
            election=election,
            reason=form.cleaned_data["reason"],
            box_names=form.cleaned_data["boxes"],
            acting_user=request.user,
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(
            request, "结果已重新开启：所选票箱的计票单可由原录入人更正，核对一致后重新计票。"
        )
    return redirect("ballots:round", election.pk)


@login_required
@require_GET
def township_page(request: HttpRequest) -> HttpResponse:
    body = request.GET.get("body") or Body.VILLAGERS_COMMITTEE
    if body not in BOARD_BODIES:
        raise Http404("没有这个选举机构的投票日进度。")
    words: dict[str, str] = {
        Body.PARTY_ORGANIZATION: "党组织",
        Body.VILLAGERS_COMMITTEE: "村民委员会",
    }
    bodies = [(b, body_title(b) if b in ASSEMBLY_BODIES else words[b]) for b in BOARD_BODIES]
    return render(
        request,
        "ballots/township.html",
        {"board": board(request.user, body), "bodies": bodies, "body": body},
    )
