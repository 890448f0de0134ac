"""The committee's pages: the villagers' election committee and the villager representatives of
a village, and a township's villages at a glance.

Thin views: the village through `access_village` (the same 404 for missing and out of scope),
the change only for whom `committees.access` allows (403 saying who may), then one service; a
refusal comes back above the form with everything typed still there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from huanjie.accounts.gates import access_region, access_village, scoped_villages
from huanjie.committees import messages as msg
from huanjie.committees.access import (
    keeper,
    may_keep_committee,
    may_record_nominee,
    nomination_keeper,
)
from huanjie.committees.forms import (
    ApportionForm,
    CancelForm,
    CommitteeForm,
    NomineeForm,
    PersonRow,
    RoleForm,
    SelectionForm,
    VoteRow,
    rows_valid,
)
from huanjie.committees.models import CommitteeMember, Constituency, ElectionCommittee
from huanjie.committees.selectors import (
    basis_label,
    committee_view,
    representatives_view,
    villages_status,
)
from huanjie.committees.services import (
    SelectionVoteInput,
    VoteInput,
    committee_member_role_set,
    committee_nominee_record,
    committee_record,
    representatives_apportion,
    representatives_selection_cancel,
    representatives_selection_record,
)
from huanjie.committees.services.common import profile_of
from huanjie.committees.services.representatives import (
    group_households,
    suggested_seats,
    suggested_women_seats,
    unit_counts,
    unit_people,
)
from huanjie.people.figures import village_figures
from huanjie.people.relation_status import RelationStatus
from huanjie.people.selectors import village_relation_counts
from huanjie.regions.models import Level

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.people.forms_edit import EditForm
    from huanjie.regions.models import Region

GET_POST = require_http_methods(["GET", "POST"])
VOTE_ROWS = 16
MORE_ROWS = 40


def _refused(form: EditForm, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def _mark(*forms: Any) -> None:
    for form in forms:
        if form is not None:
            form.mark_invalid()


# --- the election committee ---------------------------------------------------------------------


def _committee_context(request: HttpRequest, village: Region, **forms: Any) -> dict[str, Any]:
    view = committee_view(village=village)
    user = request.user
    context: dict[str, Any] = {
        "village": village,
        "view": view,
        "may_keep": may_keep_committee(user, village),
        "may_nominate": may_record_nominee(user, village),
        "today": timezone.localdate(),
        # Kinship counts confirmed links only: say how many are still waiting.
        "pending": village_relation_counts(village=village)[RelationStatus.PENDING],
    }
    if view.committee is not None:
        context["nominee_form"] = forms.get("nominee_form") or NomineeForm(
            village=village, initial={"on": timezone.localdate()}
        )
        context["role_form"] = forms.get("role_form") or RoleForm(members=view.sitting)
    _mark(context.get("nominee_form"), context.get("role_form"))
    return context


@login_required
@require_GET
def committee(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    return render(request, "committees/committee.html", _committee_context(request, village))


@login_required
@GET_POST
def committee_record_page(request: HttpRequest, village_id: int) -> HttpResponse:
    """登记推选结果: the meeting, then one line per person given votes, with the role of those
    it seated."""
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    view = committee_view(village=village)
    if view.committee is not None:
        flash.info(
            request, msg.COMMITTEE_EXISTS.format(village=village.name, on=view.committee.chosen_on)
        )
        return redirect("committees:committee", village.pk)
    data = request.POST if request.method == "POST" else None
    count = MORE_ROWS if request.GET.get("rows") == "more" else VOTE_ROWS
    if data is not None:
        count = max(count, sum(1 for k in data if k.endswith("-person")))
    form = CommitteeForm(data, initial={"chosen_by": "representatives_assembly"})
    rows = [VoteRow(data, prefix=f"r{i}", village=village) for i in range(count)]
    if data is not None and all([form.is_valid(), rows_valid(rows)]):
        entered = [r for r in rows if not r.is_blank()]
        try:
            committee_record(
                village=village,
                chosen_by=form.cleaned_data["chosen_by"],
                chosen_on=form.cleaned_data["chosen_on"],
                should_attend=form.cleaned_data["should_attend"],
                present=form.cleaned_data["present"],
                votes=[
                    VoteInput(r.found, r.cleaned_data["votes"], r.cleaned_data["role"] or None)
                    for r in entered
                    if r.found is not None
                ],
                acting_user=user,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            flash.success(request, f"已登记{village.name}村民选举委员会。")
            return redirect("committees:committee", village.pk)
    _mark(form, *rows)
    context = {
        "village": village,
        "view": view,
        "form": form,
        "rows": rows,
        "more": count < MORE_ROWS,
        "has_errors": any(r.errors for r in rows),
    }
    return render(request, "committees/committee_record.html", context)


def _committee_of(village: Region) -> ElectionCommittee:
    view = committee_view(village=village)
    if view.committee is None:
        raise Http404(msg.NO_COMMITTEE.format(village=village.name))
    return view.committee


@login_required
@require_POST
def nominee_add(request: HttpRequest, village_id: int) -> HttpResponse:
    """登记参选人: who was nominated or registered as a self-nominee, and when; the withdrawals
    it calls for follow at once."""
    village = access_village(request.user, village_id)
    user = nomination_keeper(request.user, village)
    committee = _committee_of(village)
    form = NomineeForm(request.POST, village=village)
    if form.is_valid() and form.found is not None:
        try:
            nominee, outcome = committee_nominee_record(
                committee=committee,
                person=form.found,
                stage=form.cleaned_data["stage"],
                self_nominee=form.cleaned_data["self_nominee"],
                on=form.cleaned_data["on"],
                acting_user=user,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            flash.success(request, _outcome_message(nominee.person.name, outcome))
            return redirect("committees:committee", village.pk)
    context = _committee_context(request, village, nominee_form=form)
    return render(request, "committees/committee.html", context, status=400)


def _outcome_message(name: str, outcome: Any) -> str:
    said = f"已登记参选人{name}。"
    if not outcome.withdrawn:
        return said + "村民选举委员会成员中没有需要退出的人。"
    gone = "、".join(m.person.name for m in outcome.withdrawn)
    said += f"{gone}应退出村民选举委员会"
    if outcome.filled:
        said += "，由" + "、".join(m.person.name for m in outcome.filled) + "依次递补为委员"
    said += "。"
    for finding in outcome.findings:
        if finding.rule_id == "VC-EC-3":
            said += finding.message
    return said


@login_required
@require_POST
def role_set(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    committee = _committee_of(village)
    sitting = list(
        CommitteeMember.objects.filter(committee=committee, left_on__isnull=True).select_related(
            "person"
        )
    )
    form = RoleForm(request.POST, members=sitting)
    if form.is_valid():
        member = next(m for m in sitting if m.pk == form.cleaned_data["member"])
        try:
            committee_member_role_set(
                member=member, role=form.cleaned_data["role"], acting_user=user
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            flash.success(
                request, f"已将{member.person.name}的职务改为{member.get_role_display()}。"
            )
            return redirect("committees:committee", village.pk)
    context = _committee_context(request, village, role_form=form)
    return render(request, "committees/committee.html", context, status=400)


# --- the representatives -----------------------------------------------------------------------


@login_required
@require_GET
def representatives(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    view = representatives_view(village=village)
    context = {
        "village": village,
        "view": view,
        "basis": basis_label(view.plan),
        "may_keep": may_keep_committee(request.user, village),
    }
    return render(request, "committees/representatives.html", context)


@login_required
@GET_POST
def apportion(request: HttpRequest, village_id: int) -> HttpResponse:
    """分配名额: how (by household or by group), and each group's seats, the suggestion filled
    in (REP-4, REP-7's minimum shared by households)."""
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    view = representatives_view(village=village)
    if view.election is None:
        flash.error(request, msg.NO_ELECTION.format(village=village.name))
        return redirect("committees:representatives", village.pk)
    groups = [g for g in group_households(village) if g.households]
    data = request.POST if request.method == "POST" else None
    basis = (
        (data.get("basis") if data is not None else None)
        or request.GET.get("basis")
        or (view.plan.basis if view.plan else "groups")
    )
    counts = village_figures(village=village)
    suggested = suggested_seats(groups, counts.people, profile_of(view.election), basis)
    form = ApportionForm(
        data,
        groups=groups,
        suggested=suggested,
        women=suggested_women_seats(suggested, view.vc_seats),
        initial={"basis": basis, "decided_on": timezone.localdate()},
    )
    if data is not None and form.is_valid():
        try:
            representatives_apportion(
                village=village,
                basis=form.cleaned_data["basis"],
                seats=form.seats(),
                women_seats={k: v for k, v in form.women().items() if k in form.seats()},
                decided_on=form.cleaned_data["decided_on"],
                acting_user=user,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            flash.success(request, "已分配村民代表名额，请按推选单元逐个登记推选结果。")
            return redirect("committees:representatives", village.pk)
    _mark(form)
    context = {
        "village": village,
        "view": view,
        "form": form,
        "counts": counts,
        "selected": view.selected,
    }
    return render(request, "committees/apportion.html", context)


def _constituency(village: Region, constituency_id: int) -> Constituency:
    found = (
        Constituency.objects.filter(pk=constituency_id, plan__village=village)
        .select_related("plan__village", "villager_group")
        .first()
    )
    if found is None:
        raise Http404("找不到这个推选单元，它可能已随名额重新分配而取消。请回到村民代表页面查看。")
    return found


@login_required
@GET_POST
def constituency(request: HttpRequest, village_id: int, constituency_id: int) -> HttpResponse:
    """One constituency: its people and bases, and the selection's result (登记推选结果)."""
    village = access_village(request.user, village_id)
    unit = _constituency(village, constituency_id)
    may_keep = may_keep_committee(request.user, village)
    data = request.POST if request.method == "POST" else None
    selection = getattr(unit, "selection", None) if _selected(unit) else None
    if data is not None:
        keeper(request.user, village)
        if selection is not None:
            flash.error(request, msg.CONSTITUENCY_DONE.format(name=unit.name, on=selection.held_on))
            return redirect("committees:constituency", village.pk, unit.pk)
    today = timezone.localdate()
    count = max(VOTE_ROWS, unit.seats * 2 + 4)
    people = unit_people(unit)
    form = SelectionForm(data, initial={"held_on": today})
    rows = [PersonRow(data, prefix=f"r{i}", village=village, people=people) for i in range(count)]
    if data is not None and all([form.is_valid(), rows_valid(rows)]):
        entered = [(r.found, r.cleaned_data["votes"]) for r in rows if not r.is_blank()]
        try:
            representatives_selection_record(
                constituency=unit,
                held_on=form.cleaned_data["held_on"],
                voters_present=form.cleaned_data["voters_present"],
                households_present=form.cleaned_data["households_present"],
                votes=[SelectionVoteInput(p, v) for p, v in entered if p is not None],
                acting_user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            flash.success(request, f"已登记{unit.name}的推选结果。")
            return redirect("committees:representatives", village.pk)
    _mark(form, *rows)
    voters, households = unit_counts(unit, today)
    context = {
        "village": village,
        "unit": unit,
        "selection": selection,
        "votes": list(selection.votes.select_related("person").order_by("-votes", "pk"))
        if selection
        else [],
        "form": form,
        "rows": rows,
        "cancel_form": CancelForm(),
        "may_keep": may_keep,
        "voters": voters,
        "households": households,
        "voters_needed": -(-voters // 2),
        "households_needed": -(-2 * households // 3),
        "has_errors": any(r.errors for r in rows),
    }
    return render(
        request, "committees/constituency.html", context, status=400 if form.errors else 200
    )


def _selected(unit: Constituency) -> bool:
    return hasattr(unit, "selection")


@login_required
@require_POST
def selection_cancel(request: HttpRequest, village_id: int, constituency_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    unit = _constituency(village, constituency_id)
    reason = request.POST.get("reason", "")
    try:
        representatives_selection_cancel(constituency=unit, reason=reason, acting_user=user)
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, f"已撤销{unit.name}的推选结果，可以重新登记。")
    return redirect("committees:constituency", village.pk, unit.pk)


# --- a township's villages ---------------------------------------------------------------------


@login_required
@require_GET
def township(request: HttpRequest, region_id: int) -> HttpResponse:
    """Every village of a township the user may open: committee and representatives status."""
    region = access_region(request.user, region_id)
    if region.level != Level.TOWNSHIP:
        raise Http404("这里只列出乡镇（街道）所辖各村的情况，请从乡镇页面进入。")
    villages = scoped_villages(request.user).filter(parent=region).order_by("code")
    context = {"region": region, "rows": villages_status(villages=villages)}
    return render(request, "committees/township.html", context)
