"""Writes of the party election's roll: exclusions from "should attend" and their two approvals
(PB-QUORUM-2), election registration (SEED-PB-REG), and entering on the roll a member the
register knows by 政治面貌 only (through people's `party_membership_set`).

Each validates, writes and records its audit entry in one transaction; a refusal is a
ValidationError with a code (the API's 400 for an entry to correct, 409 for the state) and
changes nothing. Who may call which is `huanjie.elections.party.access`'s business, except that
a consent entered by anyone but the township must name its document (see there).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.campaigns.models import CampaignStatus
from huanjie.elections.models import (
    AttendanceExclusion,
    Body,
    Election,
    ElectionStatus,
    Ground,
    MemberRegistration,
    RegistrationMethod,
)
from huanjie.elections.party import messages as msg
from huanjie.elections.party.access import may_approve_as_township
from huanjie.elections.party.roll import rule_member
from huanjie.people.models import (
    MembershipStatus,
    PartyMembership,
    PartyOrganization,
    Person,
    PoliticalStatus,
    RegisterStatus,
)
from huanjie.people.services.party import party_membership_set
from huanjie.rules.party.member_rights import member_rights

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

EXCLUSION_PROPOSE = AuditAction("party.exclusion_propose", "提出不列入应到会人数")
EXCLUSION_CONSENT = AuditAction("party.exclusion_consent", "登记上级党组织同意不列入应到会人数")
EXCLUSION_MEETING = AuditAction("party.exclusion_meeting", "登记党员大会通过不列入应到会人数")
EXCLUSION_WITHDRAW = AuditAction("party.exclusion_withdraw", "撤回不列入应到会人数")
MEMBER_REGISTER = AuditAction("party.member_register", "党员选举登记")
MEMBER_REGISTRATION_CANCEL = AuditAction("party.member_registration_cancel", "撤销党员选举登记")

DETAIL_MAX = AttendanceExclusion._meta.get_field("detail").max_length or 200
NAME_MAX = AttendanceExclusion._meta.get_field("higher_approver").max_length or 100
# Stored under the exclusion's approval codes, so the API can tell a state from an entry.
STATE_CODES = frozenset(
    {"no_election", "closed", "not_on_roll", "no_rights", "exists", "consented", "passed",
     "withdrawn", "registered", "not_registered", "on_roll", "not_a_member"}
)  # fmt: skip


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _village(election: Election) -> Region:
    return election.plan.village


def _open(election: Election) -> Election:
    """The party election, refused when it is another body's or is over."""
    election = Election.objects.select_related("plan__campaign", "plan__village").get(
        pk=election.pk
    )
    village = _village(election)
    if election.body != Body.PARTY_ORGANIZATION:
        raise _refuse(msg.NO_ELECTION.format(village=village.name), "no_election")
    over = election.status in (ElectionStatus.COMPLETE, ElectionStatus.VOID)
    if over or election.plan.campaign.status == CampaignStatus.CLOSED:
        status = f"已{election.get_status_display()}" if over else "所在的换届已结束"
        raise _refuse(msg.ELECTION_CLOSED.format(village=village.name, status=status), "closed")
    return election


def _membership(election: Election, person: Person) -> PartyMembership:
    """The person's roll entry in the election's village, on the register."""
    village = _village(election)
    membership = (
        PartyMembership.objects.select_related("organization").filter(person=person).first()
    )
    if membership is None or membership.organization.village_id != village.pk:
        raise _refuse(msg.NOT_ON_ROLL.format(name=person.name, village=village.name), "not_on_roll")
    if person.status != RegisterStatus.ACTIVE:
        raise _refuse(
            msg.NOT_ON_REGISTER.format(name=person.name, status=person.get_status_display()),
            "not_on_roll",
        )
    return membership


def _text(value: str, what: str, limit: int, required: str, code: str) -> str:
    value = (value or "").strip()
    if not value:
        raise _refuse(required, code)
    if len(value) > limit:
        raise _refuse(msg.TEXT_TOO_LONG.format(what=what, limit=limit, length=len(value)), code)
    return value


def _day(election: Election, day: date, what: str, today: date, code: str) -> date:
    if day > today:
        raise _refuse(msg.DAY_IN_FUTURE.format(what=what, day=day, today=today), code)
    if election.election_day is not None and day > election.election_day:
        raise _refuse(
            msg.DAY_AFTER_ELECTION.format(what=what, day=day, election_day=election.election_day),
            code,
        )
    return day


@transaction.atomic
def exclusion_propose(
    *,
    election: Election,
    person: Person,
    ground: str,
    detail: str,
    acting_user: User | None,
    today: date | None = None,
) -> AttendanceExclusion:
    """The party organization proposes to leave a voting member out of "should attend"; it
    counts once both approvals are recorded (PB-QUORUM-2)."""
    election = _open(election)
    today = today or timezone.localdate()
    if ground not in Ground.values:
        choices = "、".join(str(label) for label in Ground.labels)
        raise _refuse(msg.GROUND_UNKNOWN.format(ground=ground, choices=choices), "ground")
    detail = _text(detail, "具体情况", DETAIL_MAX, msg.DETAIL_REQUIRED, "detail")
    membership = _membership(election, person)
    on = election.election_day or today
    rights = member_rights(rule_member(membership, key=person.name, registered=True), on)
    if not rights.has_rights:
        raise _refuse(
            msg.NO_RIGHTS.format(name=person.name, on=on, reason=rights.reason.rstrip("。")),
            "no_rights",
        )
    if ground == Ground.FLOATING and not membership.floating:
        raise _refuse(msg.FLOATING_ONLY.format(name=person.name), "ground")
    taken = (
        AttendanceExclusion.objects.select_for_update()
        .filter(election=election, person=person, withdrawn_at__isnull=True)
        .first()
    )
    if taken is not None:
        raise _refuse(
            msg.ALREADY_EXCLUDED.format(name=person.name, ground=taken.get_ground_display()),
            "exists",
        )
    exclusion = AttendanceExclusion.objects.create(
        election=election, person=person, ground=ground, detail=detail, created_by=acting_user
    )
    record_audit(
        actor=acting_user,
        action=EXCLUSION_PROPOSE,
        target=exclusion,
        after=snapshot(exclusion, ["election", "person", "ground", "detail"]),
        village=_village(election),
    )
    return exclusion


def _locked(exclusion: AttendanceExclusion) -> AttendanceExclusion:
    locked = (
        AttendanceExclusion.objects.select_for_update(of=("self",))
        .select_related("person", "election__plan__village", "election__plan__campaign")
        .get(pk=exclusion.pk)
    )
    if locked.withdrawn_at is not None:
        day = timezone.localtime(locked.withdrawn_at).date()
        raise _refuse(msg.WITHDRAWN.format(day=day), "withdrawn")
    _open(locked.election)
    return locked


CONSENT_FIELDS = ["higher_approved_on", "higher_approver", "higher_document", "higher_recorded_by"]


@transaction.atomic
def exclusion_consent_record(
    *,
    exclusion: AttendanceExclusion,
    on: date,
    approver: str,
    document: str = "",
    acting_user: User | None,
    today: date | None = None,
) -> AttendanceExclusion:
    """The higher Party organization's consent: when, which organization, its document. The
    township officer records its own approval; anyone else must name the written consent."""
    exclusion = _locked(exclusion)
    today = today or timezone.localdate()
    if exclusion.higher_approved_on is not None:
        raise _refuse(
            msg.ALREADY_CONSENTED.format(
                name=exclusion.person.name,
                day=exclusion.higher_approved_on,
                approver=exclusion.higher_approver,
            ),
            "consented",
        )
    approver = _text(approver, "上级党组织名称", NAME_MAX, msg.APPROVER_REQUIRED, "approver")
    document = (document or "").strip()
    if len(document) > NAME_MAX:
        raise _refuse(
            msg.TEXT_TOO_LONG.format(what="同意文件或文号", limit=NAME_MAX, length=len(document)),
            "document",
        )
    village = _village(exclusion.election)
    township = acting_user is not None and may_approve_as_township(acting_user, village)
    if not document and not township:
        raise _refuse(msg.DOCUMENT_REQUIRED, "document")
    _day(exclusion.election, on, "上级党组织同意日期", today, "on")
    before = snapshot(exclusion, CONSENT_FIELDS)
    exclusion.higher_approved_on = on
    exclusion.higher_approver = approver
    exclusion.higher_document = document
    exclusion.higher_recorded_by = acting_user
    exclusion.save()
    record_audit(
        actor=acting_user,
        action=EXCLUSION_CONSENT,
        target=exclusion,
        before=before,
        after=snapshot(exclusion, CONSENT_FIELDS),
        village=village,
    )
    return exclusion


@transaction.atomic
def exclusion_meeting_record(
    *,
    exclusion: AttendanceExclusion,
    on: date,
    acting_user: User | None,
    today: date | None = None,
) -> AttendanceExclusion:
    """The members' meeting passed the exclusion (党员大会通过)."""
    exclusion = _locked(exclusion)
    today = today or timezone.localdate()
    if exclusion.meeting_approved_on is not None:
        raise _refuse(
            msg.ALREADY_PASSED.format(
                name=exclusion.person.name, day=exclusion.meeting_approved_on
            ),
            "passed",
        )
    _day(exclusion.election, on, "党员大会通过日期", today, "on")
    fields = ["meeting_approved_on", "meeting_recorded_by"]
    before = snapshot(exclusion, fields)
    exclusion.meeting_approved_on = on
    exclusion.meeting_recorded_by = acting_user
    exclusion.save()
    record_audit(
        actor=acting_user,
        action=EXCLUSION_MEETING,
        target=exclusion,
        before=before,
        after=snapshot(exclusion, fields),
        village=_village(exclusion.election),
    )
    return exclusion


@transaction.atomic
def exclusion_withdraw(
    *, exclusion: AttendanceExclusion, reason: str, acting_user: User | None
) -> AttendanceExclusion:
    """The member counts again; the exclusion is kept, withdrawn, with its reason."""
    exclusion = _locked(exclusion)
    reason = _text(reason, "撤回理由", DETAIL_MAX, msg.REASON_REQUIRED, "reason")
    fields = ["withdrawn_at", "withdrawn_by", "withdrawal_reason"]
    before = snapshot(exclusion, fields)
    exclusion.withdrawn_at = timezone.now()
    exclusion.withdrawn_by = acting_user
    exclusion.withdrawal_reason = reason
    exclusion.save()
    record_audit(
        actor=acting_user,
        action=EXCLUSION_WITHDRAW,
        target=exclusion,
        before=before,
        after=snapshot(exclusion, fields),
        village=_village(exclusion.election),
    )
    return exclusion


@transaction.atomic
def member_register(
    *,
    election: Election,
    person: Person,
    on: date,
    method: str,
    note: str = "",
    acting_user: User | None,
    today: date | None = None,
) -> MemberRegistration:
    """A member registers for the election (SEED-PB-REG). Every member on the roll may: whether
    registration decides "should attend" is the profile's switch, not this record's."""
    election = _open(election)
    today = today or timezone.localdate()
    if method not in RegistrationMethod.values:
        choices = "、".join(str(label) for label in RegistrationMethod.labels)
        raise _refuse(msg.METHOD_UNKNOWN.format(method=method, choices=choices), "method")
    note = (note or "").strip()
    if len(note) > DETAIL_MAX:
        raise _refuse(
            msg.TEXT_TOO_LONG.format(what="备注", limit=DETAIL_MAX, length=len(note)), "note"
        )
    if on > today:
        raise _refuse(msg.REGISTERED_IN_FUTURE.format(day=on, today=today), "on")
    _day(election, on, "登记日期", today, "on")
    _membership(election, person)
    taken = MemberRegistration.objects.filter(election=election, person=person).first()
    if taken is not None:
        raise _refuse(
            msg.ALREADY_REGISTERED.format(name=person.name, day=taken.registered_on), "registered"
        )
    registration = MemberRegistration.objects.create(
        election=election,
        person=person,
        registered_on=on,
        method=method,
        note=note,
        recorded_by=acting_user,
    )
    record_audit(
        actor=acting_user,
        action=MEMBER_REGISTER,
        target=registration,
        after=snapshot(registration, ["election", "person", "registered_on", "method", "note"]),
        village=_village(election),
    )
    return registration


@transaction.atomic
def member_registration_cancel(
    *, election: Election, person: Person, acting_user: User | None
) -> None:
    """A registration entered by mistake is removed; the audit entry keeps what it was."""
    election = _open(election)
    registration = (
        MemberRegistration.objects.select_for_update()
        .filter(election=election, person=person)
        .first()
    )
    if registration is None:
        raise _refuse(msg.NOT_REGISTERED.format(name=person.name), "not_registered")
    record_audit(
        actor=acting_user,
        action=MEMBER_REGISTRATION_CANCEL,
        target=registration,
        before=snapshot(registration, ["election", "person", "registered_on", "method", "note"]),
        village=_village(election),
    )
    registration.delete()


_ROLL_STATUS = {
    PoliticalStatus.FULL_MEMBER: MembershipStatus.FULL,
    PoliticalStatus.PROBATIONARY_MEMBER: MembershipStatus.PROBATIONARY,
}


@transaction.atomic
def member_enter_roll(
    *,
    village: Region,
    person: Person,
    organization: PartyOrganization,
    joined_on: date | None = None,
    floating: bool = False,
    acting_user: User | None,
) -> PartyMembership:
    """Enter on the roll a villager the register knows as a party member by 政治面貌 only, with
    the category the register gives; people's `party_membership_set` writes and audits it."""
    if person.village_id != village.pk or person.status != RegisterStatus.ACTIVE:
        raise _refuse(msg.NOT_ON_ROLL.format(name=person.name, village=village.name), "on_roll")
    if PartyMembership.objects.filter(person=person).exists():
        raise _refuse(msg.ALREADY_ON_ROLL.format(name=person.name), "on_roll")
    if person.political_status not in _ROLL_STATUS:
        raise _refuse(
            msg.NOT_A_MEMBER_BY_REGISTER.format(
                name=person.name, status=person.get_political_status_display()
            ),
            "not_a_member",
        )
    if organization.village_id != village.pk:
        raise _refuse(msg.ORGANIZATION_OTHER.format(village=village.name), "organization")
    if joined_on is not None and joined_on > timezone.localdate():
        raise _refuse(msg.JOINED_IN_FUTURE.format(day=joined_on), "joined_on")
    return party_membership_set(
        person=person,
        organization=organization,
        status=_ROLL_STATUS[PoliticalStatus(person.political_status)],
        joined_on=joined_on,
        floating=floating,
        acting_user=acting_user,
    )


@transaction.atomic
def member_update(
    *,
    village: Region,
    membership: PartyMembership,
    status: str,
    joined_on: date | None,
    probation_until: date | None,
    suspended: bool,
    floating: bool,
    acting_user: User | None,
) -> PartyMembership:
    """Change a roll entry of the village (category, 留党察看期满, 权利暂停, 流动党员) through
    people's `party_membership_set`, which writes and audits it."""
    if membership.organization.village_id != village.pk:
        raise _refuse(
            msg.NOT_ON_ROLL.format(name=membership.person.name, village=village.name), "on_roll"
        )
    if joined_on is not None and joined_on > timezone.localdate():
        raise _refuse(msg.JOINED_IN_FUTURE.format(day=joined_on), "joined_on")
    return party_membership_set(
        person=membership.person,
        organization=membership.organization,
        status=status,
        joined_on=joined_on,
        probation_until=probation_until,
        suspended=suspended,
        floating=floating,
        acting_user=acting_user,
    )
