"""Writing checked households in bulk: households, people, tags and the derived relations.

Runs inside the caller's transaction, after every check passed. A fixed, small number of
INSERT statements per batch whatever the number of rows (no per-row queries).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from huanjie.people.models import (
    CloseRelative,
    Household,
    Person,
    PersonTag,
    RelationSource,
)
from huanjie.people.register.inputs import CheckedMember, CheckOutcome
from huanjie.regions.models import Region, VillagerGroup
from huanjie.rules.kinship.household import HeadRelation, derive_relations
from huanjie.rules.kinship.relations import RelationKind

BATCH = 2000
SYMMETRIC = frozenset({RelationKind.SPOUSE, RelationKind.SIBLING})


@dataclass(frozen=True)
class Written:
    households: list[Household]
    people: int
    relations: int


def person_fields(checked: CheckedMember) -> dict[str, Any]:
    """A checked member's columns of `Person`, shared by the direct write and the staging."""
    m = checked.member
    return {
        "id_number": checked.id_number,
        "name": m.name,
        "sex": checked.sex,
        "birth_date": checked.birth_date,
        "ethnicity": m.ethnicity,
        "education": m.education,
        "political_status": m.political_status,
        "phone": m.phone,
        "relation_to_head": m.relation,
        "hukou_in_village": m.hukou_in_village,
        "resides_in_village": m.resides_in_village,
    }


def write_households(
    *,
    village: Region,
    outcome: CheckOutcome,
    groups: dict[str, VillagerGroup],
    progress: Callable[[int, int], None] | None = None,
) -> Written:
    """Insert the checked households of `outcome` into `village` (which must be error-free)."""
    if not outcome.ok:
        raise ValueError("write_households needs an outcome without errors.")
    households = [
        Household(village=village, villager_group=groups[entry.villager_group], number=entry.number)
        for entry, _ in outcome.households
    ]
    Household.objects.bulk_create(households, batch_size=BATCH)
    people: list[Person] = []
    for household, (_, members) in zip(households, outcome.households, strict=True):
        for checked in members:
            people.append(Person(village=village, household=household, **person_fields(checked)))
    total = len(people)
    for start in range(0, total, BATCH):
        Person.objects.bulk_create(people[start : start + BATCH])
        if progress is not None:
            progress(min(start + BATCH, total), total)
    pk_by_id = {p.id_number: p.pk for p in people}
    tags = [
        PersonTag(person_id=pk_by_id[c.id_number], tag=tag)
        for _, members in outcome.households
        for c in members
        for tag in c.member.tags
    ]
    PersonTag.objects.bulk_create(tags, batch_size=BATCH)
    relations = [
        _close_relative(pk_by_id[link.a], pk_by_id[link.b], link.kind)
        for _, members in outcome.households
        for link in derive_relations(
            [(c.id_number, HeadRelation(c.member.relation)) for c in members]
        )
    ]
    CloseRelative.objects.bulk_create(relations, batch_size=BATCH)
    return Written(households=households, people=total, relations=len(relations))


def _close_relative(a: int, b: int, kind: RelationKind) -> CloseRelative:
    # Symmetric kinds are stored once, the lower id first (a model constraint).
    if kind in SYMMETRIC and a > b:
        a, b = b, a
    return CloseRelative(
        person_a_id=a, person_b_id=b, kind=kind.value, source=RelationSource.DERIVED
    )
