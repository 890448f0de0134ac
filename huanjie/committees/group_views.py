"""The villager group leaders' pages: the village's groups with their leaders and deputies,
announcement 5's meeting, and one group's selection (登记推选结果) with its cancel.

Thin views as the representatives' (`committees.views`): the village through `access_village`,
a change only for the village election committee (`keeper`), then one service; a refusal comes
back above the form with everything typed still there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_village
from huanjie.committees import messages as msg
from huanjie.committees.access import keeper, may_keep_committee
from huanjie.committees.forms import (
    GroupNoticeForm,
    GroupSelectionForm,
    PersonRow,
    rows_valid,
)
from huanjie.committees.group_selectors import group_leaders_view
from huanjie.committees.services import (
    SelectionVoteInput,
    group_election_notice_set,
    group_leaders_cancel,
    group_leaders_record,
)
from huanjie.committees.services.group_leaders import group_counts, group_people
from huanjie.committees.views import GET_POST, _mark, _refused
from huanjie.regions.models import VillagerGroup

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.regions.models import Region

LEADER_ROWS = 4
DEPUTY_ROWS = 6


@login_required
@require_GET
def group_leaders(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    view = group_leaders_view(village=village)
    context = {
        "village": village,
        "view": view,
        "may_keep": may_keep_committee(request.user, village),
    }
    return render(request, "committees/group_leaders.html", context)


@login_required
@GET_POST
def group_notice(request: HttpRequest, village_id: int) -> HttpResponse:
    """Announcement 5: the day, hours and place of the groups' meetings."""
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    view = group_leaders_view(village=village)
    if view.election is None:
        flash.error(request, msg.NO_ELECTION.format(village=village.name))
        return redirect("committees:group_leaders", village.pk)
    notice = view.notice
    initial: dict[str, Any] = {"issued_on": timezone.localdate(), "place": "各村民小组活动室"}
    if notice is not None:
        initial = {
            f: getattr(notice, f)
            for f in ("issued_on", "held_on", "starts_at", "ends_at", "place", "note")
        }
    data = request.POST if request.method == "POST" else None
    form = GroupNoticeForm(data, initial=initial)
    if data is not None and form.is_valid():
        try:
            group_election_notice_set(village=village, acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            _refused(form, exc)
        else:
            flash.success(request, "已登记村民代表和小组长选举公告，可以打印张贴。")
            return redirect("committees:group_leaders", village.pk)
    _mark(form)
    context = {"village": village, "view": view, "form": form}
    return render(
        request, "committees/group_notice.html", context, status=400 if form.errors else 200
    )


def _group(village: Region, group_id: int) -> VillagerGroup:
    found = VillagerGroup.objects.filter(pk=group_id, village=village).first()
    if found is None:
        raise Http404("找不到这个村民小组，请回到村民小组长页面查看。")
    return found


def _rows(data: Any, village: Region, people: Any, prefix: str, count: int) -> list[PersonRow]:
    return [
        PersonRow(data, prefix=f"{prefix}{i}", village=village, people=people) for i in range(count)
    ]


def _entered(rows: list[PersonRow]) -> list[SelectionVoteInput]:
    return [
        SelectionVoteInput(r.found, r.cleaned_data["votes"])
        for r in rows
        if not r.is_blank() and r.found is not None
    ]


@login_required
@GET_POST
def group_selection(request: HttpRequest, village_id: int, group_id: int) -> HttpResponse:
    """One group: its bases, and the meeting's result (登记推选结果)."""
    village = access_village(request.user, village_id)
    group = _group(village, group_id)
    view = group_leaders_view(village=village)
    line = next((x for x in view.lines if x.group.pk == group.pk), None)
    selection = line.selection if line is not None else None
    data = request.POST if request.method == "POST" else None
    if data is not None:
        keeper(request.user, village)
        if selection is not None:
            flash.error(request, msg.GROUP_DONE.format(group=group.name, on=selection.held_on))
            return redirect("committees:group_selection", village.pk, group.pk)
    day = view.notice.held_on if view.notice is not None else timezone.localdate()
    people = group_people(group)
    form = GroupSelectionForm(data, initial={"held_on": day, "deputy_seats": 1})
    leaders = _rows(data, village, people, "l", LEADER_ROWS)
    deputies = _rows(data, village, people, "d", DEPUTY_ROWS)
    if data is not None and all([form.is_valid(), rows_valid(leaders), rows_valid(deputies)]):
        try:
            group_leaders_record(
                group=group,
                held_on=form.cleaned_data["held_on"],
                adults_present=form.cleaned_data["adults_present"],
                households_present=form.cleaned_data["households_present"],
                deputy_seats=form.cleaned_data["deputy_seats"],
                leader_votes=_entered(leaders),
                deputy_votes=_entered(deputies),
                acting_user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            flash.success(request, f"已登记{group.name}的小组长推选结果。")
            return redirect("committees:group_leaders", village.pk)
    _mark(form, *leaders, *deputies)
    adults, households = group_counts(group, day)
    context = {
        "village": village,
        "group": group,
        "line": line,
        "selection": selection,
        "form": form,
        "leader_rows": leaders,
        "deputy_rows": deputies,
        "may_keep": may_keep_committee(request.user, village),
        "adults": adults,
        "households": households,
        "adults_needed": -(-2 * adults // 3),
        "households_needed": -(-2 * households // 3),
        "counted_on": day,
    }
    return render(
        request, "committees/group_selection.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def group_selection_cancel(request: HttpRequest, village_id: int, group_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    group = _group(village, group_id)
    try:
        group_leaders_cancel(group=group, reason=request.POST.get("reason", ""), acting_user=user)
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, f"已撤销{group.name}的小组长推选结果，可以重新登记。")
    return redirect("committees:group_selection", village.pk, group.pk)
