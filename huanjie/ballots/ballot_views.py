"""The round page's panel for what is neither a sheet nor a meeting: a box counted ballot by
ballot (the import page and its empty table), the day of a round the system created, and the
winners whose name several voters bear (the committee picks the person).

Thin views: the village's gate, the committee's capability, one service each."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from huanjie.accounts.gates import access_village
from huanjie.ballots.access import clerk, may_enter
from huanjie.ballots.ballot_mode import (
    DECLARED_BY_NAME,
    INVALID_COLUMN,
    WRITE_IN,
    ballot_boxes,
    box_ballots_import,
    parse_ballots,
    read_table,
    read_text,
    template_header,
)
from huanjie.ballots.ballot_models import BallotRecord
from huanjie.ballots.contest import link_of, seats_of
from huanjie.ballots.entry_day import DAY_REQUIRED, check_entry_day, round_day_set
from huanjie.ballots.homonyms import Homonym, elected_homonym_pick, homonyms
from huanjie.ballots.models import Box, RoundLink, RoundResult, TallySheet
from huanjie.elections.models import Body, Election

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

NUMBER = {"class": "form-control form-control-lg", "inputmode": "numeric"}
MAX_UPLOAD = 5 * 1024 * 1024


class BallotsForm(forms.Form):
    ballots_issued = forms.IntegerField(
        label="本票箱发出选票", min_value=0, widget=forms.NumberInput(NUMBER)
    )
    ballots_collected = forms.IntegerField(
        label="本票箱收回选票", min_value=0, widget=forms.NumberInput(NUMBER)
    )
    table = forms.FileField(
        label="选票表格（CSV 或 Excel）",
        required=False,
        widget=forms.ClearableFileInput({"class": "form-control", "accept": ".csv,.xlsx,.xls"}),
    )
    text = forms.CharField(
        label="或直接粘贴表格内容（第一行为列名，每张选票一行，逗号分隔）",
        required=False,
        widget=forms.Textarea({"class": "form-control font-monospace", "rows": 8}),
    )


class DayForm(forms.Form):
    election_day = forms.DateField(
        label="本轮选举日", widget=forms.DateInput({"class": "form-control", "type": "date"})
    )


@dataclass
class BallotPanel:
    """What the round page shows beside the boxes' sheets."""

    importable: list[Box] = field(default_factory=list)
    counted: dict[str, int] = field(default_factory=dict)  # box name → ballots
    link: RoundLink | None = None
    day_form: DayForm | None = None
    homonyms: list[Homonym] = field(default_factory=list)
    may_enter: bool = False
    not_yet: str = ""  # why sheets cannot be entered today (VC-VOTE-6)

    @property
    def shown(self) -> bool:
        return bool(
            self.importable or self.counted or self.day_form or self.homonyms or self.not_yet
        )


def ballot_panel(election: Election, user: User | AnonymousUser) -> BallotPanel | None:
    village = election.plan.village
    entering = may_enter(user, village)
    panel = BallotPanel(may_enter=entering)
    result = RoundResult.objects.filter(election=election).exists()
    if election.body != Body.VILLAGERS_COMMITTEE:
        # Other bodies count from sheets only; their later rounds' day is set here too.
        if entering and not result:
            _day(panel, election)
        return panel
    boxes = list(Box.objects.filter(village=village))
    in_ballots = ballot_boxes(election)
    panel.counted = {
        box.name: BallotRecord.objects.filter(election=election, box=box).count()
        for box in boxes
        if box.pk in in_ballots
    }
    if entering and not result:
        begun = set(
            TallySheet.objects.filter(election=election, entries__isnull=False).values_list(
                "box_id", flat=True
            )
        )
        panel.importable = [box for box in boxes if box.pk not in begun or box.pk in in_ballots]
        accepted = set(
            TallySheet.objects.filter(election=election, accepted_at__isnull=False).values_list(
                "box_id", flat=True
            )
        )
        panel.importable = [box for box in panel.importable if box.pk not in accepted]
        _day(panel, election)
    if entering and result:
        panel.homonyms = homonyms(election)
    return panel


def _day(panel: BallotPanel, election: Election) -> None:
    """Why sheets wait (VC-VOTE-6) and, for a round the system created, its day form. A
    supervision or cooperative round without a day is not held to one (services)."""
    if election.body in DAY_REQUIRED or election.election_day is not None:
        try:
            check_entry_day(election)
        except ValidationError as exc:
            panel.not_yet = "".join(exc.messages)
    panel.link = link_of(election)
    if panel.link is not None:
        panel.day_form = DayForm(initial={"election_day": election.election_day})


def _election(request: HttpRequest, election_id: int) -> tuple[Election, Region]:
    election = (
        Election.objects.select_related("plan__village", "plan__campaign")
        .filter(pk=election_id)
        .first()
    )
    if election is None:
        raise Http404("找不到这场选举。")
    return election, access_village(request.user, election.plan.village_id)


def _candidates(election: Election) -> dict[str, list[str]]:
    link = link_of(election)
    return dict(link.candidates) if link is not None and link.candidates else {}


@login_required
@require_http_methods(["GET", "POST"])
def ballots_page(request: HttpRequest, election_id: int, box_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    user = clerk(request.user, village)
    box = get_object_or_404(Box, pk=box_id, village=village)
    form = BallotsForm(request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            rows = _rows(form)
            ballots = parse_ballots(rows, seats_of(election))
            done = box_ballots_import(
                election=election,
                box=box,
                ballots_issued=form.cleaned_data["ballots_issued"],
                ballots_collected=form.cleaned_data["ballots_collected"],
                ballots=ballots,
                acting_user=user,
            )
        except ValidationError as exc:
            problem = "".join(exc.messages)
        else:
            n = done.numbers
            text = (
                f"{box.name}已按逐张选票计入：收回 {n.ballots_collected} 张，"
                f"有效 {n.ballots_collected - n.invalid_ballots} 张，无效 {n.invalid_ballots} 张"
                f"（其中空白 {n.blank_ballots} 张）。"
            )
            if done.result is not None:
                text += "各票箱均已计入，选举结果已计出。"
            flash.success(request, text)
            return redirect("ballots:round", election.pk)
    return render(
        request,
        "ballots/ballots.html",
        {
            "election": election,
            "village": village,
            "box": box,
            "form": form,
            "problem": problem,
            "header": template_header(election, _candidates(election)),
            "write_in": WRITE_IN,
            "invalid_column": INVALID_COLUMN,
            "declared": list(DECLARED_BY_NAME),
            "seats": election.seats.order_by("id"),
        },
    )


def _rows(form: BallotsForm) -> list[list[str]]:
    upload = form.cleaned_data.get("table")
    text = (form.cleaned_data.get("text") or "").strip()
    if upload and text:
        raise ValidationError("请只用一种方式：上传表格文件，或粘贴表格内容，不要两样都填。")
    if upload:
        if upload.size > MAX_UPLOAD:
            raise ValidationError("文件超过 5 MB，请检查是否选错了文件。")
        return read_table(upload.name, upload.read())
    if text:
        return read_text(text)
    raise ValidationError("请上传选票表格文件，或把表格内容粘贴到下方文本框。")


@login_required
@require_GET
def ballots_template(request: HttpRequest, election_id: int) -> HttpResponse:
    """An empty table for this round: the header row only, as CSV (Excel opens it)."""
    election, village = _election(request, election_id)
    clerk(request.user, village)
    buffer = io.StringIO()
    csv.writer(buffer).writerow(template_header(election, _candidates(election)))
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="ballots-{election.pk}.csv"'
    return response


@login_required
@require_POST
def round_day_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    user = clerk(request.user, village)
    form = DayForm(request.POST)
    if not form.is_valid():
        flash.error(request, "请选择本轮的选举日。")
        return redirect("ballots:round", election.pk)
    try:
        round_day_set(election=election, day=form.cleaned_data["election_day"], acting_user=user)
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        day = form.cleaned_data["election_day"]
        flash.success(request, f"本轮选举日已定为 {day:%Y-%m-%d}，当天计票后即可录入。")
    return redirect("ballots:round", election.pk)


@login_required
@require_POST
def homonym_pick_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    user = clerk(request.user, village)
    name = request.POST.get("name", "").strip()
    try:
        voter_id = int(request.POST.get("voter", ""))
    except ValueError:
        flash.error(request, f"请在“{name}”的同名选民中选择一人。")
        return redirect("ballots:round", election.pk)
    try:
        holder = elected_homonym_pick(
            election=election, name=name, voter_id=voter_id, acting_user=user
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, f"已登记{holder.person.name}任{holder.get_post_display()}。")
    return redirect("ballots:round", election.pk)
