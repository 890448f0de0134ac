"""The party roll page of a village's party election: the roll on the election day, "should
attend" with its derivation, exclusions with their two approvals, registration, and members to
enter on the roll.

Thin views: the village through `access_village` (the same 404 for missing and out of scope),
a change only for whom `party.access` allows (403 saying who may), then one service; a refusal
comes back above the form that was sent, with what was typed still there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_village
from huanjie.elections.models import AttendanceExclusion
from huanjie.elections.party import access
from huanjie.elections.party.forms import (
    ConsentForm,
    EnterRollForm,
    ExclusionForm,
    MeetingForm,
    MemberEditForm,
    RegistrationForm,
    WithdrawForm,
)
from huanjie.elections.party.roll import PartyRoll, RollRow, party_roll
from huanjie.elections.party.services import (
    exclusion_consent_record,
    exclusion_meeting_record,
    exclusion_propose,
    exclusion_withdraw,
    member_enter_roll,
    member_register,
    member_registration_cancel,
    member_update,
)
from huanjie.people.display import PersonMasker
from huanjie.people.models import PartyMembership, PartyOrganization, Person

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.people.forms_edit import EditForm
    from huanjie.regions.models import Region

NOT_FOUND = "找不到这条记录，或它不属于本村的党组织选举。"


def _excludable(roll: PartyRoll) -> list[tuple[int, str]]:
    """Voting members without an open exclusion."""
    return [
        (r.person.pk, r.person.name)
        for r in roll.rows
        if r.rights.has_rights and r.exclusion is None
    ]


def _registrable(roll: PartyRoll) -> list[tuple[int, str]]:
    return [(r.person.pk, r.person.name) for r in roll.rows if r.registration is None]


def _organizations(roll: PartyRoll) -> list[tuple[int, str]]:
    return [(o.pk, o.name) for o in roll.organizations]


def _context(request: HttpRequest, village: Region, **bound: Any) -> dict[str, Any]:
    roll = party_roll(village=village)
    user = request.user
    today = timezone.localdate()
    day = roll.election.election_day if roll.election is not None else None
    default_day = min(today, day) if day is not None else today
    masker = PersonMasker(user)
    context: dict[str, Any] = {
        "village": village,
        "roll": roll,
        "today": today,
        "may_keep_roll": access.may_keep_roll(user, village),
        "may_exclude": access.may_exclude(user, village),
        "may_consent": access.may_record_consent(user, village),
        "consent_as_township": access.may_approve_as_township(user, village),
        "may_register": access.may_register(user, village),
        "exclusion_form": bound.get("exclusion_form")
        or ExclusionForm(prefix="ex", people=_excludable(roll)),
        "registration_form": bound.get("registration_form")
        or RegistrationForm(
            prefix="reg",
            people=_registrable(roll),
            initial={"on": default_day, "method": "in_person"},
        ),
        "cards": _cards(roll, default_day, bound),
        "edit": _edit(request, roll, bound) if access.may_keep_roll(user, village) else None,
        **_filtered(request, roll),
        "off_roll": [
            OffRollCard(
                person=p,
                id_number=masker.id_number(p),
                form=bound["enter_form"]
                if bound.get("pk") == p.pk and "enter_form" in bound
                else EnterRollForm(prefix=f"e{p.pk}", organizations=_organizations(roll)),
            )
            for p in roll.off_roll
        ],
    }
    for form in (context["exclusion_form"], context["registration_form"]):
        form.mark_invalid()
    for card in context["off_roll"]:
        card.form.mark_invalid()
    return context


@dataclass
class EditCard:
    row: RollRow
    form: MemberEditForm


def _edit(request: HttpRequest, roll: PartyRoll, bound: dict[str, Any]) -> EditCard | None:
    """The member the keeper chose to change (?edit=<person>), with the entry as it is."""
    wanted = bound.get("edit_pk") or request.GET.get("edit", "")
    row = next((r for r in roll.rows if str(r.person.pk) == str(wanted)), None)
    if row is None:
        return None
    m = row.membership
    form = bound.get("edit_form") or MemberEditForm(
        prefix="m",
        initial={
            "status": m.status,
            "joined_on": m.joined_on,
            "probation_until": m.probation_until,
            "suspended": m.suspended,
            "floating": m.floating,
        },
    )
    form.mark_invalid()
    return EditCard(row=row, form=form)


@dataclass
class ExclusionCard:
    exclusion: AttendanceExclusion
    row: RollRow | None
    consent: ConsentForm
    meeting: MeetingForm
    withdraw: WithdrawForm
    open_form: str  # the form to show unfolded: the one that was refused

    @property
    def counts(self) -> bool:
        """Left out of "should attend" now (both approvals, and the member votes)."""
        return self.exclusion.approved and self.row is not None and self.row.rights.has_rights


@dataclass
class OffRollCard:
    person: Person
    id_number: str  # as the reader may see it
    form: EnterRollForm


def _cards(roll: PartyRoll, day: date, bound: dict[str, Any]) -> list[ExclusionCard]:
    rows = {r.person.pk: r for r in roll.rows}
    cards = []
    for ex in sorted(roll.open_exclusions, key=lambda e: (e.approved, e.pk)):
        mine = bound.get("pk") == ex.pk
        consent = bound.get("consent_form") if mine else None
        meeting = bound.get("meeting_form") if mine else None
        withdraw = bound.get("withdraw_form") if mine else None
        card = ExclusionCard(
            exclusion=ex,
            row=rows.get(ex.person_id),
            consent=consent or ConsentForm(prefix=f"c{ex.pk}", initial={"on": day}),
            meeting=meeting or MeetingForm(prefix=f"m{ex.pk}", initial={"on": day}),
            withdraw=withdraw or WithdrawForm(prefix=f"w{ex.pk}"),
            open_form=(
                "consent" if consent else "meeting" if meeting else "withdraw" if withdraw else ""
            ),
        )
        for form in (card.consent, card.meeting, card.withdraw):
            form.mark_invalid()
        cards.append(card)
    return cards


# The roll's filters: key → (label, which rows).
FILTERS: dict[str, tuple[str, Callable[[RollRow], bool]]] = {
    "all": ("全部", lambda r: True),
    "not-counted": ("不计入应到会", lambda r: not r.counted),
    "unregistered": ("未选举登记", lambda r: r.registration is None),
}


def _filtered(request: HttpRequest, roll: PartyRoll) -> dict[str, Any]:
    show = request.GET.get("show", "all")
    if show not in FILTERS:
        show = "all"
    keep = FILTERS[show][1]
    return {
        "show": show,
        "rows": [r for r in roll.rows if keep(r)],
        "filters": [
            (key, label, sum(1 for r in roll.rows if test(r)))
            for key, (label, test) in FILTERS.items()
        ],
    }


def _page(request: HttpRequest, village: Region, **bound: Any) -> HttpResponse:
    return render(request, "elections/party_roll.html", _context(request, village, **bound))


def _refused(form: EditForm, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def _exclusion(village: Region, exclusion_id: int) -> AttendanceExclusion:
    found = (
        AttendanceExclusion.objects.select_related("person", "election__plan__village")
        .filter(pk=exclusion_id, election__plan__village=village)
        .first()
    )
    if found is None:
        raise Http404(NOT_FOUND)
    return found


def _done(request: HttpRequest, village: Region, text: str, anchor: str) -> HttpResponse:
    flash.success(request, text)
    return redirect(f"{_url(village)}#{anchor}")


def _url(village: Region) -> str:
    return reverse("elections:party_roll", args=[village.pk])


@login_required
@require_GET
def party_roll_page(request: HttpRequest, village_id: int) -> HttpResponse:
    return _page(request, access_village(request.user, village_id))


@login_required
@require_POST
def exclusion_add(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = access.excluder(request.user, village)
    roll = party_roll(village=village)
    form = ExclusionForm(request.POST, prefix="ex", people=_excludable(roll))
    if roll.election is None:
        form.add_error(None, "本村还没有建立村党组织选举，请乡镇先建立选举。")
    if form.is_valid() and roll.election is not None:
        person = Person.objects.get(pk=form.cleaned_data["person"])
        try:
            exclusion_propose(
                election=roll.election,
                person=person,
                ground=form.cleaned_data["ground"],
                detail=form.cleaned_data["detail"],
                acting_user=user,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            text = (
                f"已提出{person.name}不列入应到会人数；经上级党组织同意并经党员大会通过后才计算。"
            )
            return _done(request, village, text, "exclusions")
    return _page(request, village, exclusion_form=form)


@login_required
@require_POST
def exclusion_consent(request: HttpRequest, village_id: int, exclusion_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = access.consent_recorder(request.user, village)
    exclusion = _exclusion(village, exclusion_id)
    form = ConsentForm(request.POST, prefix=f"c{exclusion.pk}")
    if form.is_valid():
        try:
            exclusion_consent_record(
                exclusion=exclusion,
                on=form.cleaned_data["on"],
                approver=form.cleaned_data["approver"],
                document=form.cleaned_data["document"],
                acting_user=user,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            text = f"已登记上级党组织同意{exclusion.person.name}不列入应到会人数。"
            return _done(request, village, text, f"ex-{exclusion.pk}")
    return _page(request, village, consent_form=form, pk=exclusion.pk)


@login_required
@require_POST
def exclusion_meeting(request: HttpRequest, village_id: int, exclusion_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = access.excluder(request.user, village)
    exclusion = _exclusion(village, exclusion_id)
    form = MeetingForm(request.POST, prefix=f"m{exclusion.pk}")
    if form.is_valid():
        try:
            exclusion_meeting_record(
                exclusion=exclusion, on=form.cleaned_data["on"], acting_user=user
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            text = f"已登记党员大会通过{exclusion.person.name}不列入应到会人数。"
            return _done(request, village, text, f"ex-{exclusion.pk}")
    return _page(request, village, meeting_form=form, pk=exclusion.pk)


@login_required
@require_POST
def exclusion_withdraw_view(
    request: HttpRequest, village_id: int, exclusion_id: int
) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = access.excluder(request.user, village)
    exclusion = _exclusion(village, exclusion_id)
    form = WithdrawForm(request.POST, prefix=f"w{exclusion.pk}")
    if form.is_valid():
        try:
            exclusion_withdraw(
                exclusion=exclusion, reason=form.cleaned_data["reason"], acting_user=user
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            text = f"已撤回{exclusion.person.name}不列入应到会人数，此人重新计入应到会人数。"
            return _done(request, village, text, "exclusions")
    return _page(request, village, withdraw_form=form, pk=exclusion.pk)


@login_required
@require_POST
def registration_add(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = access.registrar(request.user, village)
    roll = party_roll(village=village)
    form = RegistrationForm(request.POST, prefix="reg", people=_registrable(roll))
    if roll.election is None:
        form.add_error(None, "本村还没有建立村党组织选举，请乡镇先建立选举。")
    if form.is_valid() and roll.election is not None:
        person = Person.objects.get(pk=form.cleaned_data["person"])
        try:
            member_register(
                election=roll.election,
                person=person,
                on=form.cleaned_data["on"],
                method=form.cleaned_data["method"],
                note=form.cleaned_data["note"],
                acting_user=user,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            return _done(request, village, f"已登记{person.name}参加选举登记。", "registration")
    return _page(request, village, registration_form=form)


@login_required
@require_POST
def registration_cancel(request: HttpRequest, village_id: int, person_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = access.registrar(request.user, village)
    roll = party_roll(village=village)
    row = next((r for r in roll.rows if r.person.pk == person_id), None)
    if row is None or roll.election is None:
        raise Http404(NOT_FOUND)
    try:
        member_registration_cancel(election=roll.election, person=row.person, acting_user=user)
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
        return redirect(f"{_url(village)}#roll")
    return _done(request, village, f"已撤销{row.person.name}的选举登记。", "roll")


@login_required
@require_POST
def roll_enter(request: HttpRequest, village_id: int, person_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = access.roll_keeper(request.user, village)
    roll = party_roll(village=village)
    person = next((p for p in roll.off_roll if p.pk == person_id), None)
    if person is None:
        raise Http404(NOT_FOUND)
    form = EnterRollForm(request.POST, prefix=f"e{person.pk}", organizations=_organizations(roll))
    if not roll.organizations:
        form.add_error(None, f"{village.name}还没有建立村党组织，请联系乡镇先建立党组织。")
    if form.is_valid() and roll.organizations:
        organization = PartyOrganization.objects.get(pk=form.cleaned_data["organization"])
        try:
            member_enter_roll(
                village=village,
                person=person,
                organization=organization,
                joined_on=form.cleaned_data["joined_on"],
                floating=form.cleaned_data["floating"],
                acting_user=user,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            text = f"已把{person.name}登记入党员名册（{organization.name}）。"
            return _done(request, village, text, "off-roll")
    return _page(request, village, enter_form=form, pk=person.pk)


@login_required
@require_POST
def member_edit(request: HttpRequest, village_id: int, person_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = access.roll_keeper(request.user, village)
    membership = (
        PartyMembership.objects.select_related("person", "organization")
        .filter(person_id=person_id, organization__village=village)
        .first()
    )
    if membership is None:
        raise Http404(NOT_FOUND)
    form = MemberEditForm(request.POST, prefix="m")
    if form.is_valid():
        data = form.cleaned_data
        try:
            member_update(
                village=village,
                membership=membership,
                status=data["status"],
                joined_on=data["joined_on"],
                probation_until=data["probation_until"],
                suspended=data["suspended"],
                floating=data["floating"],
                acting_user=user,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            text = f"已保存{membership.person.name}的党员信息，表决权和应到会人数已按新信息计算。"
            return _done(request, village, text, "roll")
    return _page(request, village, edit_form=form, edit_pk=membership.person_id)
