"""The party election's panel on the round page (the meeting's roll figures, quorum and winning
bar, the plenary's committee, the seats left open and the choice to reduce them instead of the
另行选举 (PB-WIN-3), the higher-level approval) and the POSTs of the reduction and the approval.

Thin: the figures come from the party roll and the profile, the decisions from the engine and
huanjie.ballots.party."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from huanjie.accounts.gates import access_village
from huanjie.ballots import party, party_seats
from huanjie.ballots import party_contest as pc
from huanjie.ballots.models import ReductionBasis
from huanjie.elections.models import Election
from huanjie.rules.checks import Cmp, fraction_phrase, minimum_count
from huanjie.rules.party.secretary import plenary_quorum_minimum

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest, HttpResponse

    from huanjie.accounts.models import User

CONTROL = {"class": "form-control"}


class ApprovalForm(forms.Form):
    approver = forms.CharField(
        label="批准机关",
        max_length=128,
        widget=forms.TextInput({**CONTROL, "placeholder": "如：中共鹤溪街道工作委员会"}),
    )
    approved_on = forms.DateField(
        label="批复日期", widget=forms.DateInput({**CONTROL, "type": "date"}, format="%Y-%m-%d")
    )
    document_number = forms.CharField(
        label="批复文号",
        max_length=64,
        widget=forms.TextInput({**CONTROL, "placeholder": "如：鹤党〔2026〕12号"}),
    )


class ReduceSeatsForm(forms.Form):
    basis = forms.ChoiceField(
        label="决定方式",
        choices=ReductionBasis.choices,
        widget=forms.Select({"class": "form-select"}),
    )
    decided_on = forms.DateField(
        label="决定日期", widget=forms.DateInput({**CONTROL, "type": "date"}, format="%Y-%m-%d")
    )


@dataclass
class PartyPanel:
    title: str
    plenary: bool
    should_attend: int
    voting_members: int
    quorum: str
    win: str
    committee: list[str] = field(default_factory=list)
    approval: party.Approval | None = None
    form: ApprovalForm | None = None
    plenary_next: bool = False  # a members' meeting whose plenary elects the officers
    shortfall: party_seats.Shortfall | None = None  # seats left open (PB-WIN-3)
    reduce_form: ReduceSeatsForm | None = None


def party_panel(election: Election, user: User | AnonymousUser) -> PartyPanel | None:
    if not pc.is_party(election):
        return None
    profile = pc.profile_of(election)
    plenary = pc.plenary_root(election)
    base, members = pc.should_attend(election)
    present_base = profile.get_str("pb.win_base") == "present"
    if plenary is not None:
        committee = pc.committee_of(plenary)
        least = plenary_quorum_minimum(len(committee), profile)
        quorum = f"全委会须有委员{len(committee)}名中至少{least}名到会方可选举（PB-QUORUM-3）"
        win = "书记、副书记只能从新当选的委员中选举，另选他人的不计（PB-SEC-1、PB-BALLOT-5）；" + (
            "当选须得赞成票超过实到会委员的半数（PB-WIN-1）"
            if present_base
            else f"当选须得赞成票超过全体委员{len(committee)}名的半数（PB-WIN-1）"
        )
        title = "一届一次全委会选举书记、副书记"
    else:
        committee = []
        everyone = profile.get_str("pb.quorum_base") == "all_voting_members"
        share = profile.get_fraction("pb.quorum_fraction")
        cmp = Cmp(profile.get_str("pb.quorum_cmp"))
        quorum_base = members if everyone else base
        quorum = (
            f"到会的有表决权党员须达{'有表决权党员' if everyone else '应到会人数'}"
            f"{quorum_base}名的{fraction_phrase(share, cmp)}，即至少"
            f"{minimum_count(share, quorum_base, cmp)}名（PB-QUORUM-1）；"
            "达不到的，本次会议不能选举，另行开会"
        )
        win = (
            "当选须得赞成票超过实到会有表决权党员的半数（PB-WIN-1）"
            if present_base
            else f"当选须得赞成票超过应到会有表决权党员{base}名的半数（PB-WIN-1）"
        )
        title = "党员大会选举委员会"
    state = party.approval_state(election)
    form = None
    if state is not None and state.pending and party.may_record_approval(user, election):
        form = ApprovalForm(initial={"approved_on": timezone.localdate()})
    shortfall = party_seats.shortfall(election)
    reduce_form = None
    if shortfall is not None and shortfall.allowed and party_seats.may_record(user, election):
        reduce_form = ReduceSeatsForm(
            initial={"decided_on": election.election_day or timezone.localdate()}
        )
    return PartyPanel(
        title=title,
        plenary=plenary is not None,
        should_attend=base,
        voting_members=members,
        quorum=quorum,
        win=win,
        committee=committee,
        approval=state,
        form=form,
        plenary_next=plenary is None and party.after_plenary_due(election),
        shortfall=shortfall,
        reduce_form=reduce_form,
    )


def present_label(election: Election) -> str:
    """The sheet's line for those present (empty: not a meeting's sheet)."""
    if not pc.is_party(election):
        return ""
    return "实到会委员" if pc.plenary_root(election) is not None else "实到会有表决权党员"


@login_required
@require_POST
def approval_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election = get_object_or_404(Election.objects.select_related("plan__village"), pk=election_id)
    access_village(request.user, election.plan.village_id)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        flash.error(request, "请填写批准机关、批复日期和批复文号。")
        return redirect("ballots:round", election.pk)
    try:
        _, unmatched = party.approval_record(
            election=election,
            approver=form.cleaned_data["approver"],
            approved_on=form.cleaned_data["approved_on"],
            document_number=form.cleaned_data["document_number"],
            acting_user=request.user,
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, "上级党委批复已录入，当选的书记、副书记和委员已登记任职。")
        if unmatched:
            flash.warning(
                request,
                f"未能登记任职：{'、'.join(unmatched)} —— 姓名在本村党员名册中不唯一或查无此人，"
                "请核实后登记。",
            )
    return redirect("ballots:round", election.pk)


@login_required
@require_POST
def reduce_seats_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election = get_object_or_404(
        Election.objects.select_related("plan__village", "plan__campaign"), pk=election_id
    )
    access_village(request.user, election.plan.village_id)
    form = ReduceSeatsForm(request.POST)
    if not form.is_valid():
        flash.error(request, "请选择决定方式并填写决定日期。")
        return redirect("ballots:round", election.pk)
    try:
        reduction = party_seats.seats_reduce(
            election=election,
            basis=form.cleaned_data["basis"],
            decided_on=form.cleaned_data["decided_on"],
            acting_user=request.user,
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(
            request,
            f"已录入：委员名额由{reduction.seats_before}名减为{reduction.seats_after}名，"
            "不再另行选举（PB-WIN-3）。",
        )
    return redirect("ballots:round", election.pk)
