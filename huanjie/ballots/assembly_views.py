"""The round page's part for a body elected by a meeting (supervision committee, cooperative
boards): the meeting and its size, who may not be elected and why, and what still blocks the
sheets (the bodies before it, domain.md §3). Thin: one service, the village's gate."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from huanjie.accounts.gates import access_village
from huanjie.ballots.access import clerk
from huanjie.ballots.assemblies import (
    ASSEMBLIES,
    SIZE_HELP,
    Barred,
    assembly_choices,
    assembly_label,
    assembly_size,
    barred_people,
    body_title,
    is_assembly_body,
    meeting_of,
    meeting_record,
    post_label,
)
from huanjie.ballots.models import AssemblyMeeting, RoundResult
from huanjie.elections.models import Election

if TYPE_CHECKING:
    from django.http import HttpRequest

NUMBER = {"class": "form-control", "inputmode": "numeric", "min": "1"}


class MeetingForm(forms.Form):
    assembly = forms.ChoiceField(
        label="选举会议", choices=(), widget=forms.Select({"class": "form-select"})
    )
    assembly_size = forms.IntegerField(
        label="应到人数", min_value=1, widget=forms.NumberInput(NUMBER)
    )

    def __init__(self, *args: Any, body: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assembly"].choices = assembly_choices(body)  # type: ignore[attr-defined]
        sizes = "；".join(
            f"{assembly_label(body, kind)}：{SIZE_HELP[kind]}" for kind in ASSEMBLIES[body]
        )
        self.fields["assembly_size"].help_text = sizes


@dataclass
class AssemblyPanel:
    title: str
    meeting: AssemblyMeeting | None
    meeting_label: str
    form: MeetingForm | None
    barred: list[Barred] = field(default_factory=list)
    blocked: str = ""
    seats: list[tuple[str, int]] = field(default_factory=list)


def assembly_panel(election: Election, may_enter: bool) -> AssemblyPanel | None:
    """What the round page shows for a body elected by a meeting (None for other bodies)."""
    if not is_assembly_body(election):
        return None
    meeting = meeting_of(election)
    counted = RoundResult.objects.filter(election=election).exists()
    form = None
    if may_enter and not counted:
        initial = (
            {"assembly": meeting.assembly, "assembly_size": meeting.assembly_size}
            if meeting
            else None
        )
        form = MeetingForm(initial=initial, body=election.body)
    blocked = ""
    if not counted:
        try:
            assembly_size(election)
        except ValidationError as exc:
            blocked = "".join(exc.messages)
    return AssemblyPanel(
        title=body_title(election.body),
        meeting=meeting,
        meeting_label=assembly_label(election.body, meeting.assembly) if meeting else "",
        form=form,
        barred=barred_people(election),
        blocked=blocked,
        seats=[(post_label(election.body, s.post), s.seats) for s in election.seats.order_by("id")],
    )


@login_required
@require_POST
def meeting_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election = (
        Election.objects.select_related("plan__village", "plan__campaign")
        .filter(pk=election_id)
        .first()
    )
    if election is None:
        raise Http404("找不到这场选举。")
    village = access_village(request.user, election.plan.village_id)
    user = clerk(request.user, village)
    if not is_assembly_body(election):
        raise Http404("这场选举不由会议选举。")
    form = MeetingForm(request.POST, body=election.body)
    if not form.is_valid():
        flash.error(request, "请选择选举会议，并填写大于零的应到人数。")
        return redirect("ballots:round", election.pk)
    try:
        meeting = meeting_record(
            election=election,
            assembly=form.cleaned_data["assembly"],
            assembly_size=form.cleaned_data["assembly_size"],
            acting_user=user,
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        label = assembly_label(election.body, meeting.assembly)
        flash.success(request, f"已登记：{label}，应到 {meeting.assembly_size} 人。")
    return redirect("ballots:round", election.pk)
