"""Keeping the derived close-relative links of households in line with their register.

A derived link is a suggestion that follows from the 与户主关系 column (rules.kinship.household);
once the committee has confirmed or rejected it, it is a decision and stays. When a household
changes (a member added, moved, a new head), its *pending* derived links are derived again from
its members on the register; confirmed, rejected and declared links are never touched, and a
link that exists in any state is not derived a second time (a rejected one stays rejected).
"""

from __future__ import annotations

from collections.abc import Iterable

from huanjie.people.models import CloseRelative, Household, Person, RelationSource
from huanjie.people.register.writing import SYMMETRIC
from huanjie.rules.kinship.household import HeadRelation, derive_relations


def rederive_household_relations(households: Iterable[Household]) -> int:
    """Derive the pending links among the members on the register of `households` again: drop
    the pending derived links their register no longer shows (a changed 与户主关系, a new head),
    add the ones it now shows. Returns the number of links added. A member who left keeps their
    links: a daughter who moved out is still the head's daughter. Runs in the caller's
    transaction; the caller audits the change."""
    added = 0
    for household in households:
        members = list(Person.objects.on_register().filter(household=household).order_by("id"))
        ids = {p.pk for p in members}
        wanted = _wanted(members)
        stale = [
            pk
            for pk, a, b, kind in CloseRelative.objects.pending()
            .filter(source=RelationSource.DERIVED, person_a__in=ids, person_b__in=ids)
            .values_list("pk", "person_a_id", "person_b_id", "kind")
            if (a, b, kind) not in wanted
        ]
        CloseRelative.objects.filter(pk__in=stale).delete()
        if not wanted:
            continue
        taken = set(
            CloseRelative.objects.filter(
                person_a__in={a for a, _, _ in wanted}, person_b__in={b for _, b, _ in wanted}
            ).values_list("person_a_id", "person_b_id", "kind")
        )
        new = [
            CloseRelative(person_a_id=a, person_b_id=b, kind=k, source=RelationSource.DERIVED)
            for a, b, k in sorted(wanted - taken)
        ]
        CloseRelative.objects.bulk_create(new)
        added += len(new)
    return added


def _wanted(members: list[Person]) -> set[tuple[int, int, str]]:
    """(person_a, person_b, kind) the register of these members shows; none without one head
    (a household being re-formed has nothing certain to derive)."""
    heads = [p for p in members if p.relation_to_head == HeadRelation.HEAD]
    if len(heads) != 1:
        return set()
    by_number = {p.id_number: p.pk for p in members}
    wanted = set()
    for link in derive_relations(
        [(p.id_number, HeadRelation(p.relation_to_head)) for p in members]
    ):
        a, b = by_number[link.a], by_number[link.b]
        if link.kind in SYMMETRIC and a > b:
            a, b = b, a
        wanted.add((a, b, link.kind.value))
    return wanted
