"""What the committee records for the build (VC-REG-2, VC-REG-4): a wish to vote from away, an
application to register by residence (or village-affairs work) and the assembly's approval, an
exclusion the province's measures provide.

These do not change a list by themselves: a draft takes them in at its next build; after
publication they are the facts an objection's decision rests on.
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
from huanjie.people.models import Person, RegisterStatus
from huanjie.regions.models import VillagerGroup
from huanjie.registration import messages as msg
from huanjie.registration.models import (
    AwayWish,
    Basis,
    Exclusion,
    Meeting,
    ResidentApplication,
    VoterRegister,
    WishMeans,
)
from huanjie.registration.services.build import profile_of
from huanjie.rules.eligibility.identity import check_id_number, normalize_id_number

if TYPE_CHECKING:
    from huanjie.accounts.models import User

WISH_RECORD = AuditAction("registration.wish_record", "登记外出人员参选意愿")
WISH_REMOVE = AuditAction("registration.wish_remove", "删除外出人员参选意愿")
APPLICATION_RECORD = AuditAction("registration.application_record", "登记选民登记申请")
APPLICATION_APPROVE = AuditAction("registration.application_approve", "登记会议同意")
APPLICATION_REMOVE = AuditAction("registration.application_remove", "删除选民登记申请")
RESIDENT_ADD = AuditAction("registration.resident_add", "登记无本村户籍的居住人员")
EXCLUSION_RECORD = AuditAction("registration.exclusion_record", "登记不列入情形")
EXCLUSION_REMOVE = AuditAction("registration.exclusion_remove", "删除不列入情形")

NOTE_LIMIT = 200
NAME_LIMIT = 64
# VC-REG-4's exclusions are provincial (BJ art 14); a profile derived from BJ_2012 has them [I].
EXCLUDING_PROFILES = frozenset({"BJ_2012"})


def _refuse(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise _refuse("note", msg.NOTE_TOO_LONG.format(limit=NOTE_LIMIT), "note_too_long")
    return note


def _not_future(field: str, label: str, day: date, today: date) -> None:
    if day > today:
        raise _refuse(field, msg.APPLICATION_FUTURE.format(field=label, day=day), "future")


def _locked(register: VoterRegister) -> VoterRegister:
    return (
        VoterRegister.objects.select_for_update(of=("self",))
        .select_related("village", "election__plan__campaign")
        .get(pk=register.pk)
    )


@transaction.atomic
def wish_record(
    *,
    register: VoterRegister,
    person: Person,
    expressed_on: date,
    means: str,
    note: str = "",
    acting_user: User | None,
    today: date | None = None,
) -> AwayWish:
    """Category 2: a villager registered here, living away, said they will vote (when, how)."""
    today = today or timezone.localdate()
    register = _locked(register)
    if person.village_id != register.village_id:
        raise _refuse("person", msg.PERSON_NOT_HERE.format(name=person.name), "not_here")
    if person.status != RegisterStatus.ACTIVE:
        raise _refuse(
            "person",
            msg.PERSON_NOT_ON_REGISTER.format(name=person.name, status=person.get_status_display()),
            "not_on_register",
        )
    if not person.hukou_in_village:
        raise _refuse("person", msg.PERSON_NOT_HERE.format(name=person.name), "not_here")
    if person.resides_in_village:
        raise _refuse("person", msg.PERSON_RESIDES.format(name=person.name), "resides")
    if means not in WishMeans.values:
        choices = "、".join(str(label) for label in WishMeans.labels)
        raise _refuse("means", f"表示方式请从以下选择：{choices}。", "means")
    if expressed_on > today:
        raise _refuse("expressed_on", msg.WISH_FUTURE.format(day=expressed_on), "future")
    existing = AwayWish.objects.filter(register=register, person=person).first()
    if existing is not None:
        raise _refuse(
            "person",
            msg.WISH_EXISTS.format(
                name=person.name, day=existing.expressed_on, means=existing.get_means_display()
            ),
            "exists",
        )
    wish = AwayWish.objects.create(
        register=register,
        person=person,
        expressed_on=expressed_on,
        means=means,
        note=_note(note),
        recorded_by=acting_user,
    )
    record_audit(
        actor=acting_user,
        action=WISH_RECORD,
        target=wish,
        after=snapshot(wish, ["person", "expressed_on", "means", "note"]),
        village=register.village,
    )
    return wish


@transaction.atomic
def wish_remove(*, wish: AwayWish, acting_user: User | None) -> None:
    register = _locked(wish.register)
    before = snapshot(wish, ["person", "expressed_on", "means", "note"])
    record_audit(
        actor=acting_user, action=WISH_REMOVE, target=wish, before=before, village=register.village
    )
    wish.delete()


def _resident_person(
    register: VoterRegister, id_number: str, name: str, acting_user: User | None, today: date
) -> Person:
    """The applicant: a person of the system by ID number, or one entered now as a person of
    this village without a household and without its household registration."""
    number = normalize_id_number(id_number)
    found = Person.objects.filter(id_number=number).select_related("village").first()
    if found is not None:
        return found
    check = check_id_number(number, on=today)
    if not check.ok or check.sex is None or check.birth_date is None:
        problems = "".join(check.messages())
        raise _refuse(
            "id_number", msg.APPLICATION_ID_INVALID.format(problems=problems), "id_number"
        )
    name = name.strip()
    if not name:
        raise _refuse("name", msg.APPLICATION_NEW_PERSON_NAME, "name_required")
    if len(name) > NAME_LIMIT:
        raise _refuse("name", msg.NAME_TOO_LONG.format(limit=NAME_LIMIT), "name_too_long")
    person = Person.objects.create(
        id_number=check.number,
        name=name,
        sex=check.sex,
        birth_date=check.birth_date,
        village=register.village,
        hukou_in_village=False,
        resides_in_village=True,
    )
    record_audit(
        actor=acting_user,
        action=RESIDENT_ADD,
        target=person,
        after=snapshot(
            person, ["id_number", "name", "sex", "birth_date", "village", "hukou_in_village"]
        ),
        village=register.village,
    )
    return person


@transaction.atomic
def application_record(
    *,
    register: VoterRegister,
    id_number: str,
    name: str = "",
    basis: str = Basis.RESIDENT,
    since: date,
    applied_on: date,
    approved_on: date | None = None,
    meeting: str = "",
    villager_group: VillagerGroup | None = None,
    note: str = "",
    acting_user: User | None,
    today: date | None = None,
) -> ResidentApplication:
    """Category 3 (or the profile's village-affairs category): the application, and the
    assembly's approval when it has been given."""
    today = today or timezone.localdate()
    register = _locked(register)
    village = register.village
    if basis not in Basis.values:
        raise _refuse("basis", "登记依据请选择“在本村居住”或“在本村从事村务工作”。", "basis")
    profile = profile_of(register)
    if (
        basis == Basis.VILLAGE_AFFAIRS
        and profile.get_optional_int("reg.cat4_village_affairs_years") is None
    ):
        raise _refuse(
            "basis", msg.APPLICATION_NO_AFFAIRS.format(profile=profile.title), "no_affairs"
        )
    _not_future("applied_on", "申请日期", applied_on, today)
    if since > applied_on:
        raise _refuse(
            "since", msg.APPLICATION_SINCE.format(since=since, applied=applied_on), "since"
        )
    _check_approval(approved_on, meeting, applied_on, today)
    if villager_group is not None and villager_group.village_id != village.pk:
        raise _refuse("villager_group", msg.GROUP_NOT_HERE, "group")
    number = normalize_id_number(id_number)
    existing = Person.objects.filter(id_number=number).first()
    if existing is not None:
        if existing.village_id == village.pk and existing.hukou_in_village:
            raise _refuse(
                "id_number", msg.PERSON_HUKOU_HERE.format(name=existing.name), "hukou_here"
            )
        if existing.status == RegisterStatus.DECEASED:
            raise _refuse(
                "id_number",
                msg.PERSON_NOT_ON_REGISTER.format(name=existing.name, status="死亡"),
                "deceased",
            )
        if ResidentApplication.objects.filter(register=register, person=existing).exists():
            raise _refuse("id_number", msg.APPLICATION_EXISTS.format(name=existing.name), "exists")
    note = _note(note)
    person = _resident_person(register, number, name, acting_user, today)
    application = ResidentApplication.objects.create(
        register=register,
        person=person,
        basis=basis,
        since=since,
        applied_on=applied_on,
        approved_on=approved_on,
        meeting=meeting if approved_on else "",
        villager_group=villager_group,
        note=note,
        recorded_by=acting_user,
    )
    record_audit(
        actor=acting_user,
        action=APPLICATION_RECORD,
        target=application,
        after=snapshot(application, APPLICATION_FIELDS),
        village=village,
    )
    return application


APPLICATION_FIELDS = [
    "person",
    "basis",
    "since",
    "applied_on",
    "approved_on",
    "meeting",
    "villager_group",
    "note",
]


def _check_approval(approved_on: date | None, meeting: str, applied_on: date, today: date) -> None:
    if approved_on is None:
        if meeting:
            raise _refuse("approved_on", "选择了同意的会议，请同时填写会议同意的日期。", "approval")
        return
    if meeting not in Meeting.values:
        raise _refuse("meeting", msg.APPLICATION_MEETING, "meeting")
    _not_future("approved_on", "会议同意日期", approved_on, today)
    if approved_on < applied_on:
        raise _refuse(
            "approved_on",
            msg.APPLICATION_ORDER.format(approved=approved_on, applied=applied_on),
            "approval_order",
        )


@transaction.atomic
def application_approve(
    *,
    application: ResidentApplication,
    approved_on: date,
    meeting: str,
    acting_user: User | None,
    today: date | None = None,
) -> ResidentApplication:
    """The villagers' assembly (or the representatives' assembly) agreed (VC-REG-2 cat. 3)."""
    today = today or timezone.localdate()
    register = _locked(application.register)
    application = ResidentApplication.objects.select_for_update().get(pk=application.pk)
    if application.approved_on is not None:
        raise _refuse(
            "approved_on",
            msg.APPLICATION_APPROVED.format(
                name=application.person.name,
                day=application.approved_on,
                meeting=application.get_meeting_display(),
            ),
            "approved",
        )
    _check_approval(approved_on, meeting, application.applied_on, today)
    before = snapshot(application, ["approved_on", "meeting"])
    application.approved_on = approved_on
    application.meeting = meeting
    application.save(update_fields=["approved_on", "meeting", "updated_at"])
    record_audit(
        actor=acting_user,
        action=APPLICATION_APPROVE,
        target=application,
        before=before,
        after=snapshot(application, ["approved_on", "meeting"]),
        village=register.village,
    )
    return application


@transaction.atomic
def application_remove(*, application: ResidentApplication, acting_user: User | None) -> None:
    register = _locked(application.register)
    record_audit(
        actor=acting_user,
        action=APPLICATION_REMOVE,
        target=application,
        before=snapshot(application, APPLICATION_FIELDS),
        village=register.village,
    )
    application.delete()


def exclusions_allowed(register: VoterRegister) -> bool:
    """Whether the election's profile has VC-REG-4's exclusions (BJ art 14) [I]."""
    return bool(EXCLUDING_PROFILES & set(profile_of(register).chain))


@transaction.atomic
def exclusion_record(
    *,
    register: VoterRegister,
    person: Person,
    reason: str,
    until: date | None = None,
    note: str = "",
    acting_user: User | None,
) -> Exclusion:
    """VC-REG-4: a condition that leaves the person off, where the profile provides it; with
    `until` the person is relisted when it ends before election day."""
    register = _locked(register)
    labels = dict(Exclusion._meta.get_field("reason").choices or [])
    if reason not in labels:
        raise _refuse("reason", "请从列出的不列入情形中选择。", "reason")
    if not exclusions_allowed(register):
        profile = profile_of(register)
        raise _refuse(
            "reason",
            msg.EXCLUSION_NOT_IN_PROFILE.format(profile=profile.title, reason=labels[reason]),
            "not_in_profile",
        )
    if person.village_id != register.village_id:
        raise _refuse("person", msg.PERSON_NOT_HERE.format(name=person.name), "not_here")
    if Exclusion.objects.filter(register=register, person=person).exists():
        raise _refuse("person", msg.EXCLUSION_EXISTS.format(name=person.name), "exists")
    row = Exclusion.objects.create(
        register=register,
        person=person,
        reason=reason,
        until=until,
        note=_note(note),
        recorded_by=acting_user,
    )
    record_audit(
        actor=acting_user,
        action=EXCLUSION_RECORD,
        target=row,
        after=snapshot(row, ["person", "reason", "until", "note"]),
        village=register.village,
    )
    return row


@transaction.atomic
def exclusion_remove(*, exclusion: Exclusion, acting_user: User | None) -> None:
    register = _locked(exclusion.register)
    record_audit(
        actor=acting_user,
        action=EXCLUSION_REMOVE,
        target=exclusion,
        before=snapshot(exclusion, ["person", "reason", "until", "note"]),
        village=register.village,
    )
    exclusion.delete()
