"""The kinship index the committee's withdrawals are decided on (VC-EC-4, KIN-4).

Only the links `people.selectors.recusal_relations` gives count: confirmed by the committee or
registered by it. A derived link still pending is a suggestion of the household register and
never makes a member withdraw. Chains run through one intermediate person (a parent makes two
children siblings; a parent's parent is a grandparent), so the links of the people asked
about and of their direct relatives are read: two queries.
"""

from __future__ import annotations

from collections.abc import Iterable

from huanjie.people.models import CloseRelative, Person
from huanjie.people.selectors import recusal_relations
from huanjie.rules.kinship.avoidance import KinshipIndex
from huanjie.rules.kinship.relations import Relation, RelationKind
from huanjie.rules.kinship.terms import Person as KinPerson
from huanjie.rules.kinship.terms import Sex


def key(person: Person | int) -> str:
    """A person's key in the rule engine: the database id as text."""
    return str(person if isinstance(person, int) else person.pk)


def kinship_index(people: Iterable[Person]) -> KinshipIndex:
    """The people, their counted links and their relatives' counted links."""
    known: dict[int, Person] = {p.pk: p for p in people}
    links: dict[int, CloseRelative] = {}
    first = list(recusal_relations(people=list(known)))
    around = {p for link in first for p in (link.person_a, link.person_b)}
    for link in first:
        links[link.pk] = link
    further = {p.pk for p in around} - set(known)
    if further:
        for link in recusal_relations(people=further):
            links[link.pk] = link
    for link in links.values():
        known.setdefault(link.person_a_id, link.person_a)
        known.setdefault(link.person_b_id, link.person_b)
    return KinshipIndex(
        [KinPerson(key(p), p.name, Sex(p.sex), p.birth_date) for p in known.values()],
        [
            Relation(key(link.person_a_id), key(link.person_b_id), RelationKind(link.kind))
            for link in links.values()
        ],
    )
