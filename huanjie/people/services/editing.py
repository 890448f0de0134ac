"""Keeping the register by hand between imports: a household's 户号 and group, a member added
(born, married in, moved in from another village), the head changed.

Each function is one audited change in one transaction: it checks everything first (refusing
with the field to correct, `services.heads.refuse`), writes, re-derives the pending close
relations of every household whose members changed (`rederive_household_relations`), and
records the entry with the rows before and after. The web forms, the API and the commands all
call these. Moves within the village and leaving the register are in `services.moves`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.people import messages as msg
from huanjie.people.models import (
    HeadRelation,
    Household,
    Person,
    PersonTag,
    PersonTagKind,
    RegisterStatus,
)
from huanjie.people.register import columns as col
from huanjie.people.register.checks import check_entries
from huanjie.people.register.derivation import rederive_household_relations
from huanjie.people.register.inputs import (
    CheckedMember,
    HouseholdInput,
    MemberInput,
)
from huanjie.people.register.writing import person_fields
from huanjie.people.services.faults import (
    COLUMN_FIELDS,
    NUMBER_LIMIT,
    Errors,
    add_error,
    cleaned_member,
    member_problems,
    other_village_message,
    text_faults,
)
from huanjie.people.services.heads import (
    head_among,
    locked_household,
    on_register,
    refuse,
)
from huanjie.regions.models import Region, VillagerGroup

if TYPE_CHECKING:
    from huanjie.accounts.models import User

HOUSEHOLD_UPDATE = AuditAction("people.household_update", "修改户信息")
PERSON_ADD = AuditAction("people.person_add", "添加户成员")
PERSON_MOVE_IN = AuditAction("people.person_move_in", "迁入本村")
HEAD_CHANGE = AuditAction("people.household_head_change", "更换户主")


@transaction.atomic
def household_update(
    *,
    household: Household,
    number: str | None = None,
    villager_group: VillagerGroup | None = None,
    acting_user: User | None,
) -> Household:
    """A new 户号 (unique in the village) and/or another villager group of the same village.
    Nothing to change: the household as it is, and no entry."""
    household = locked_household(household)
    village = household.village
    changes: dict[str, Any] = {}
    if number is not None:
        number = number.strip()
        if not number:
            refuse("number", msg.HOUSEHOLD_NUMBER_REQUIRED, "number_required")
        if len(number) > NUMBER_LIMIT:
            refuse(
                "number",
                msg.HOUSEHOLD_NUMBER_TOO_LONG.format(limit=NUMBER_LIMIT, length=len(number)),
                "number_too_long",
            )
        if number != household.number:
            taken = Household.objects.filter(village=village, number=number).exclude(
                pk=household.pk
            )
            if taken.exists():
                refuse(
                    "number",
                    msg.HOUSEHOLD_NUMBER_TAKEN.format(number=number),
                    "household_number_taken",
                )
            changes["number"] = number
    if villager_group is not None and villager_group.pk != household.villager_group_id:
        if villager_group.village_id != village.pk:
            refuse(
                "villager_group",
                msg.GROUP_MISSING.format(name=villager_group.name, village=village.name),
                "group_of_another_village",
            )
        changes["villager_group"] = villager_group
    if not changes:
        return household
    before = snapshot(household)
    for field, value in changes.items():
        setattr(household, field, value)
    household.save()
    record_audit(
        actor=acting_user,
        action=HOUSEHOLD_UPDATE,
        target=household,
        before=before,
        after=snapshot(household),
        village=village,
    )
    return household


def member_faults(household: Household, member: MemberInput) -> tuple[CheckedMember | None, Errors]:
    """A member entered for `household`, with the checks of a registered member (fields, the
    ID number, sex against it): the member as checked (None when the ID number is wrong) and
    the faults by field."""
    entry = HouseholdInput(
        number=household.number, villager_group=household.villager_group.name, members=(member,)
    )
    # The household's head is checked against the database, not within this one entry.
    outcome = check_entries([entry], today=timezone.localdate(), unsure_heads=[household.number])
    errors: Errors = {}
    for problem in [*member_problems(member), *outcome.errors]:
        add_error(
            errors,
            COLUMN_FIELDS.get(problem.column, NON_FIELD_ERRORS),
            problem.message,
            "invalid_entry",
        )
    texts = {"name": member.name, "ethnicity": member.ethnicity, "phone": member.phone}
    for field, message in text_faults(texts).items():
        add_error(errors, field, message, "invalid_entry")
    checked = outcome.households[0][1]
    return (checked[0] if checked else None), errors


@transaction.atomic
def person_add(*, household: Household, member: MemberInput, acting_user: User | None) -> Person:
    """A new member of an existing household. A person who moved out of another village moves
    in (the same row: their history and relations stay theirs), audited as 迁入本村. Every
    fault is reported at once."""
    household = locked_household(household)
    village = household.village
    member = dataclasses.replace(cleaned_member(member), row=None)
    checked, errors = member_faults(household, member)
    head = head_among(on_register(household))
    if member.relation == HeadRelation.HEAD and head is not None:
        add_error(errors, "relation_to_head", msg.HEAD_EXISTS.format(head=head.name), "head_exists")
    elif member.relation and member.relation != HeadRelation.HEAD and head is None:
        add_error(errors, "relation_to_head", msg.HOUSEHOLD_NEEDS_HEAD, "household_needs_head")
    found = None
    if checked is not None:
        found = (
            Person.objects.select_for_update(of=("self",))
            .select_related("village", "household")
            .filter(id_number=checked.id_number)
            .first()
        )
    refusal = known_refusal(found, village, acting_user) if found is not None else None
    if refusal is not None:
        add_error(errors, "id_number", *refusal)
    if errors or checked is None:
        raise ValidationError(errors)
    if found is not None:
        return move_in(found, household, checked, acting_user)
    person = Person.objects.create(village=village, household=household, **person_fields(checked))
    PersonTag.objects.bulk_create(PersonTag(person=person, tag=tag) for tag in member.tags)
    rederive_household_relations([household])
    record_audit(
        actor=acting_user,
        action=PERSON_ADD,
        target=person,
        after={**snapshot(person), "tags": tag_labels(person)},
        village=village,
    )
    return person


def known_refusal(
    found: Person, village: Region, acting_user: User | None
) -> tuple[str, str] | None:
    """Why a person the register already knows cannot be added (message, code); None for one
    who moved out of another village (they move in)."""
    here = found.village_id == village.pk
    if found.status == RegisterStatus.ACTIVE:
        if here:
            number = found.household.number if found.household else "—"
            return msg.ID_ACTIVE_HERE.format(number=number, name=found.name), "person_on_register"
        return other_village_message(village, found.village, acting_user), "person_on_register"
    if here:
        status = found.get_status_display()
        return msg.ID_LEFT_HERE.format(name=found.name, status=status), "person_left_here"
    if found.status == RegisterStatus.DECEASED:
        return msg.ID_DECEASED, "person_deceased"
    return None


def move_in(
    person: Person,
    household: Household,
    checked: CheckedMember,
    acting_user: User | None,
    *,
    rederive: bool = True,
) -> Person:
    """A person who moved out of another village comes onto this register in `household`:
    the same row (their history and relations stay theirs), the entry's fields as checked;
    audited as 迁入本村, naming the village they left."""
    before = {**snapshot(person), "tags": tag_labels(person)}
    former = person.village
    for field, value in person_fields(checked).items():
        setattr(person, field, value)
    person.village, person.household = household.village, household
    person.status, person.status_on, person.status_note = RegisterStatus.ACTIVE, None, ""
    person.save()
    set_tags(person, checked.member.tags)
    if rederive:
        rederive_household_relations([household])
    record_audit(
        actor=acting_user,
        action=PERSON_MOVE_IN,
        target=person,
        before=before,
        after={
            **snapshot(person),
            "tags": tag_labels(person),
            "moved_in_from": f"{former.name}（{former.code}）",
        },
        village=household.village,
    )
    return person


def tag_labels(person: Person) -> list[str]:
    return sorted(str(PersonTagKind(t).label) for t in person.tags.values_list("tag", flat=True))


def set_tags(person: Person, tags: tuple[str, ...] | list[str]) -> None:
    PersonTag.objects.filter(person=person).exclude(tag__in=tags).delete()
    have = set(person.tags.values_list("tag", flat=True))
    PersonTag.objects.bulk_create(
        PersonTag(person=person, tag=t) for t in dict.fromkeys(tags) if t not in have
    )


@transaction.atomic
def household_head_change(
    *,
    household: Household,
    new_head: Person,
    former_head_relation: str,
    other_relations: Mapping[int, str] | None = None,
    acting_user: User | None,
) -> Household:
    """`new_head` (a member on the register) becomes 户主; the head until now takes
    `former_head_relation`. `other_relations` (person id → 与户主关系) sets the other members'
    relations to the new head in the same change, so the derived relations follow at once."""
    household = locked_household(household)
    members = on_register(household)
    by_pk = {p.pk: p for p in members}
    chosen = by_pk.get(new_head.pk)
    if chosen is None:
        refuse("new_head", msg.NEW_HEAD_NOT_MEMBER.format(name=new_head.name), "not_a_member")
    if chosen.relation_to_head == HeadRelation.HEAD:
        refuse("new_head", msg.NEW_HEAD_ALREADY.format(name=chosen.name), "already_head")
    former = [p for p in members if p.relation_to_head == HeadRelation.HEAD]
    if former and (
        former_head_relation not in HeadRelation.values or former_head_relation == HeadRelation.HEAD
    ):
        refuse(
            "former_head_relation",
            msg.FORMER_HEAD_RELATION.format(name=former[0].name),
            "former_head_relation",
        )
    others = dict(other_relations or {})
    for pk, relation in others.items():
        person = by_pk.get(pk)
        if person is None or person in former or person is chosen:
            refuse("other_relations", msg.OTHER_RELATION_NOT_MEMBER, "not_a_member")
        if relation == HeadRelation.HEAD:
            refuse(
                "other_relations", msg.OTHER_RELATION_HEAD.format(name=person.name), "second_head"
            )
        if relation not in HeadRelation.values:
            labels = "、".join(str(label) for label in HeadRelation.labels)
            message = msg.CELL_CHOICE.format(value=relation, column=col.RELATION, choices=labels)
            refuse("other_relations", message, "choice")
    before = {"members": _relations(members)}
    chosen.relation_to_head = HeadRelation.HEAD
    changed = [chosen]
    for person in former:
        person.relation_to_head = former_head_relation
        changed.append(person)
    for pk, relation in others.items():
        by_pk[pk].relation_to_head = relation
        changed.append(by_pk[pk])
    for person in changed:
        person.save(update_fields=["relation_to_head", "updated_at"])
    rederive_household_relations([household])
    record_audit(
        actor=acting_user,
        action=HEAD_CHANGE,
        target=household,
        before=before,
        after={"members": _relations(members)},
        village=household.village,
    )
    return household


def _relations(members: list[Person]) -> list[dict[str, str]]:
    return [
        {"name": p.name, "id_number": p.id_number, "relation": p.relation_to_head} for p in members
    ]
