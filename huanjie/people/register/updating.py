"""Applying an import's previewed changes to the register (`people.register.diff`).

Runs inside the import's write transaction, after the file and the database were checked again
and the diff found equal to the one the committee confirmed: the new households, the new people
(written at once, `staging.write_people`), then the changes to people already registered —
moved between households, back on the register, moved in from another village, or leaving it —
each person's change with its own audit entry, so that a person's history shows what the import
did to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.people import messages as msg
from huanjie.people.models import (
    Household,
    Person,
    PersonTag,
    RegisterImport,
    RegisterStatus,
)
from huanjie.people.register import columns as col
from huanjie.people.register import staging
from huanjie.people.register.derivation import rederive_household_relations
from huanjie.people.register.diff import Entry, RegisterDiff
from huanjie.people.register.writing import BATCH, person_fields
from huanjie.regions.models import Region, VillagerGroup

if TYPE_CHECKING:
    from huanjie.accounts.models import User

IMPORT_PERSON_UPDATE = AuditAction("people.import_person_update", "导入时更新人员信息")
IMPORT_PERSON_RETURN = AuditAction("people.import_person_return", "导入时恢复在册")
IMPORT_PERSON_MOVE_IN = AuditAction("people.import_person_move_in", "导入时由外村迁入")
IMPORT_PERSON_LEAVE = AuditAction("people.import_person_leave", "导入时登记迁出")
IMPORT_HOUSEHOLD_REGROUP = AuditAction("people.import_household_regroup", "导入时调整村民小组")

# The columns an update writes: the register's entry as the file has it (the ID number, and the
# sex and birth date it gives, identify the person and do not change).
UPDATED = [
    "village",
    "household",
    "name",
    "ethnicity",
    "education",
    "political_status",
    "phone",
    "relation_to_head",
    "hukou_in_village",
    "resides_in_village",
    "status",
    "status_on",
    "status_note",
    "updated_at",
]
# Columns whose change re-forms a household's derived relations.
REFORMING = {col.HOUSEHOLD_NUMBER, col.RELATION}


@dataclass(frozen=True)
class Applied:
    households: int
    people: int
    relations: int


def apply_diff(
    *,
    register_import: RegisterImport,
    village: Region,
    diff: RegisterDiff,
    new: staging.NewPeople,
    groups: dict[str, VillagerGroup],
    acting_user: User | None,
    today: date,
) -> Applied:
    """Write `diff` (computed in this transaction) into `village`'s register, its new people
    made ready before (`staging.new_people`); the caller holds the transaction."""
    staging.insert_households(
        village, [(number, groups[group].pk) for number, group, _ in diff.new_households]
    )
    households = dict(Household.objects.filter(village=village).values_list("number", "pk"))
    published = staging.write_people(village, new, households)
    _regroup(diff, village, groups, acting_user)
    touched = _update_people(diff, village, households, acting_user)
    touched |= _leave(diff, register_import, today, acting_user)
    touched |= {households[number] for number in diff.added_households() - set(new.fresh)}
    rederived = rederive_household_relations(
        Household.objects.filter(pk__in=touched).order_by("pk")
    )
    return Applied(
        households=len(diff.new_households),
        people=published.people,
        relations=published.relations + rederived,
    )


def _regroup(
    diff: RegisterDiff, village: Region, groups: dict[str, VillagerGroup], actor: User | None
) -> None:
    for number, _, group in diff.regrouped:
        household = Household.objects.get(village=village, number=number)
        before = snapshot(household, ["villager_group"])
        household.villager_group = groups[group]
        household.save(update_fields=["villager_group", "updated_at"])
        record_audit(
            actor=actor,
            action=IMPORT_HOUSEHOLD_REGROUP,
            target=household,
            before=before,
            after=snapshot(household, ["villager_group"]),
            village=village,
        )


def _stored(entries: Iterable[Entry]) -> dict[int, Person]:
    ids = [e.person_id for e in entries if e.person_id is not None]
    found: dict[int, Person] = {}
    for start in range(0, len(ids), BATCH):
        found.update(Person.objects.in_bulk(ids[start : start + BATCH]))
    return found


def _update_people(
    diff: RegisterDiff, village: Region, households: dict[str, int], actor: User | None
) -> set[int]:
    """People already registered whom the file lists differently; returns the households
    whose derived relations must be formed again."""
    actions = (
        (diff.changed, IMPORT_PERSON_UPDATE),
        (diff.returned, IMPORT_PERSON_RETURN),
        (diff.moved_in, IMPORT_PERSON_MOVE_IN),
    )
    stored = _stored(e for entries, _ in actions for e in entries)
    tags_before = _tags_of(list(stored))
    now = timezone.now()  # bulk_update does not set auto_now fields
    touched: set[int] = set()
    updated: list[Person] = []
    for entries, action in actions:
        for entry in entries:
            assert entry.person_id is not None and entry.member is not None
            person = stored[entry.person_id]
            before = {**snapshot(person), "tags": tags_before.get(person.pk, [])}
            old_household = person.household_id
            fields = person_fields(entry.member)
            for name in ("id_number", "sex", "birth_date"):
                fields.pop(name)
            for name, value in fields.items():
                setattr(person, name, value)
            person.village = village
            person.household_id = households[entry.household]
            person.status, person.status_on, person.status_note = RegisterStatus.ACTIVE, None, ""
            person.updated_at = now
            updated.append(person)
            if action is not IMPORT_PERSON_UPDATE or REFORMING & {c.column for c in entry.changes}:
                touched.add(person.household_id)
                if old_household is not None:
                    touched.add(old_household)
            record_audit(
                actor=actor,
                action=action,
                target=person,
                before=before,
                after={**snapshot(person), "tags": sorted(entry.member.member.tags)},
                village=village,
                target_repr=entry.name,
            )
    Person.objects.bulk_update(updated, UPDATED, batch_size=BATCH)
    _retag(diff)
    return touched


def _tags_of(person_ids: list[int]) -> dict[int, list[str]]:
    """The people's tags as they stand, for the audit entry's before (in the tag kinds' order)."""
    found: dict[int, list[str]] = {}
    for start in range(0, len(person_ids), BATCH):
        chunk = person_ids[start : start + BATCH]
        for person_id, tag in (
            PersonTag.objects.filter(person_id__in=chunk)
            .order_by("tag")
            .values_list("person_id", "tag")
        ):
            found.setdefault(person_id, []).append(tag)
    return found


def _retag(diff: RegisterDiff) -> None:
    """The tags of the people updated become the file's."""
    entries = [*diff.changed, *diff.returned, *diff.moved_in]
    for start in range(0, len(entries), BATCH):
        chunk = entries[start : start + BATCH]
        PersonTag.objects.filter(person_id__in=[e.person_id for e in chunk]).delete()
        PersonTag.objects.bulk_create(
            [
                PersonTag(person_id=e.person_id, tag=tag)
                for e in chunk
                if e.member is not None and e.person_id is not None
                for tag in e.member.member.tags
            ]
        )


def _leave(
    diff: RegisterDiff, register_import: RegisterImport, today: date, actor: User | None
) -> set[int]:
    """People on the register whom the file no longer lists leave it (已迁出, kept)."""
    note = msg.IMPORT_LEAVING_NOTE.format(file=register_import.original_name, id=register_import.pk)
    note = note[: Person._meta.get_field("status_note").max_length]
    stored = _stored(diff.leaving)
    now = timezone.now()
    touched: set[int] = set()
    for entry in diff.leaving:
        assert entry.person_id is not None
        person = stored[entry.person_id]
        before = snapshot(person, ["status", "status_on", "status_note"])
        person.status, person.status_on, person.status_note = RegisterStatus.MOVED_OUT, today, note
        person.updated_at = now
        if person.household_id is not None:
            touched.add(person.household_id)
        record_audit(
            actor=actor,
            action=IMPORT_PERSON_LEAVE,
            target=person,
            before=before,
            after=snapshot(person, ["status", "status_on", "status_note"]),
            village=register_import.village,
            target_repr=entry.name,
        )
    Person.objects.bulk_update(
        list(stored.values()),
        ["status", "status_on", "status_note", "updated_at"],
        batch_size=BATCH,
    )
    return touched
