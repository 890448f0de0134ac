"""A person moving to another household of the village, leaving the register (moved out,
deceased) and coming back to it when the leaving was entered by mistake.

Nobody is deleted: a person who left keeps their household and relation as history, with the
status, the day and why (practice.md §4 counts them). Each function is one audited change in
one transaction; the households whose members changed have their pending derived relations
derived again.
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
from huanjie.people import messages as msg
from huanjie.people.models import HeadRelation, Household, Person, RegisterStatus
from huanjie.people.register import columns as col
from huanjie.people.register.derivation import rederive_household_relations
from huanjie.people.services.faults import Errors, add_error
from huanjie.people.services.heads import (
    head_among,
    locked_household,
    locked_person,
    names,
    on_register,
    refuse,
)

if TYPE_CHECKING:
    from huanjie.accounts.models import User

PERSON_MOVE = AuditAction("people.person_move", "迁到本村其他户")
PERSON_MOVED_OUT = AuditAction("people.person_moved_out", "登记迁出")
PERSON_DECEASED = AuditAction("people.person_deceased", "登记死亡")
PERSON_RETURN = AuditAction("people.person_return", "恢复在册")
LEAVING = {RegisterStatus.MOVED_OUT: PERSON_MOVED_OUT, RegisterStatus.DECEASED: PERSON_DECEASED}
# What the head must not do while others are on the register, for the message.
LEAVE_ACTION = {RegisterStatus.MOVED_OUT: "登记迁出", RegisterStatus.DECEASED: "登记死亡"}
NOTE_LIMIT = Person._meta.get_field("status_note").max_length or 200


def _on_register_or_refuse(person: Person) -> None:
    if person.status != RegisterStatus.ACTIVE:
        status = person.get_status_display()
        refuse(
            None, msg.PERSON_NOT_ON_REGISTER.format(name=person.name, status=status), "person_left"
        )


def _head_may_leave(person: Person, household: Household | None, action: str) -> None:
    """A head leaves only a household with nobody else on the register (or after the head
    changed): a household of people without a head says nothing about who is whose."""
    if household is None or person.relation_to_head != HeadRelation.HEAD:
        return
    others = on_register(household, excluding=person)
    if others:
        message = msg.HEAD_MUST_STAY.format(name=person.name, others=names(others), action=action)
        refuse(None, message, "head_must_stay")


@transaction.atomic
def person_move(
    *, person: Person, household: Household, relation_to_head: str, acting_user: User | None
) -> Person:
    """To another household of the same village (its villager group with it)."""
    person = locked_person(person)
    target = locked_household(household)
    _on_register_or_refuse(person)
    if target.village_id != person.village_id:
        refuse("household", msg.MOVE_OTHER_VILLAGE, "household_of_another_village")
    if person.household_id == target.pk:
        message = msg.MOVE_SAME_HOUSEHOLD.format(name=person.name, number=target.number)
        refuse("household", message, "same_household")
    if relation_to_head not in HeadRelation.values:
        labels = "、".join(str(label) for label in HeadRelation.labels)
        message = msg.CELL_CHOICE.format(
            value=relation_to_head, column=col.RELATION, choices=labels
        )
        refuse("relation_to_head", message, "choice")
    source = locked_household(person.household) if person.household is not None else None
    _head_may_leave(person, source, "迁到其他户")
    head = head_among(on_register(target))
    if relation_to_head == HeadRelation.HEAD and head is not None:
        message = msg.TARGET_HAS_HEAD.format(number=target.number, head=head.name, name=person.name)
        refuse("relation_to_head", message, "head_exists")
    if relation_to_head != HeadRelation.HEAD and head is None:
        message = msg.TARGET_NEEDS_HEAD.format(number=target.number)
        refuse("relation_to_head", message, "household_needs_head")
    before = snapshot(person)
    person.household, person.relation_to_head = target, relation_to_head
    person.save(update_fields=["household", "relation_to_head", "updated_at"])
    rederive_household_relations([h for h in (source, target) if h is not None])
    record_audit(
        actor=acting_user,
        action=PERSON_MOVE,
        target=person,
        before=before,
        after=snapshot(person),
        village=person.village,
    )
    return person


@transaction.atomic
def person_leave(
    *, person: Person, status: str, on: date | None, note: str = "", acting_user: User | None
) -> Person:
    """Mark the person moved out (已迁出) or deceased (已死亡) on `on`. The household and the
    relation stay as they were, as history."""
    person = locked_person(person)
    errors: Errors = {}
    if status not in LEAVING:
        add_error(errors, "status", msg.LEAVE_STATUS_UNKNOWN, "status_unknown")
    label = RegisterStatus(status).label if status in LEAVING else "迁出或死亡"
    today = timezone.localdate()
    if on is None:
        add_error(errors, "on", msg.LEAVE_DATE_REQUIRED.format(status=label), "date_required")
    elif on > today:
        message = msg.LEAVE_DATE_FUTURE.format(today=_day(today))
        add_error(errors, "on", message, "date_in_future")
    elif on < person.birth_date:
        message = msg.LEAVE_DATE_BEFORE_BIRTH.format(birth=_day(person.birth_date))
        add_error(errors, "on", message, "date_before_birth")
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        message = msg.NOTE_TOO_LONG.format(limit=NOTE_LIMIT, length=len(note))
        add_error(errors, "note", message, "note_too_long")
    if errors:
        raise ValidationError(errors)
    _on_register_or_refuse(person)
    household = locked_household(person.household) if person.household is not None else None
    _head_may_leave(person, household, LEAVE_ACTION[RegisterStatus(status)])
    before = snapshot(person)
    person.status, person.status_on, person.status_note = status, on, note
    person.save(update_fields=["status", "status_on", "status_note", "updated_at"])
    if household is not None:
        rederive_household_relations([household])
    record_audit(
        actor=acting_user,
        action=LEAVING[RegisterStatus(status)],
        target=person,
        before=before,
        after=snapshot(person),
        village=person.village,
    )
    return person


@transaction.atomic
def person_return(*, person: Person, acting_user: User | None) -> Person:
    """Undo a leaving entered by mistake: the person is on the register again, in the household
    and with the relation they had. (An ID number is one row: a person who moved out and was
    added by another village is that village's now, and not here to return.)"""
    person = locked_person(person)
    if person.status == RegisterStatus.ACTIVE:
        refuse(None, msg.ALREADY_ON_REGISTER.format(name=person.name), "person_on_register")
    household = locked_household(person.household) if person.household is not None else None
    if household is not None:
        members = on_register(household)
        head = head_among(members)
        if person.relation_to_head == HeadRelation.HEAD and head is not None:
            message = msg.RETURN_HEAD_TAKEN.format(name=person.name, head=head.name)
            refuse(None, message, "head_exists")
        if person.relation_to_head != HeadRelation.HEAD and not members:
            refuse(None, msg.RETURN_NEEDS_HEAD.format(name=person.name), "household_needs_head")
    before = snapshot(person)
    person.status, person.status_on, person.status_note = RegisterStatus.ACTIVE, None, ""
    person.save(update_fields=["status", "status_on", "status_note", "updated_at"])
    if household is not None:
        rederive_household_relations([household])
    record_audit(
        actor=acting_user,
        action=PERSON_RETURN,
        target=person,
        before=before,
        after=snapshot(person),
        village=person.village,
    )
    return person


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
