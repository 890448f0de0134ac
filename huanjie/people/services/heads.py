"""What every change of a household keeps, and how the changes refuse.

A household with members on the register has exactly one head (户主) among them: the register
says whose household it is, and the close relations derived from 与户主关系 mean something
only against one head. Members who left (已迁出, 已死亡) keep their relation as history and
do not count.

Refusals are `ValidationError`s keyed by the field the user should change (the service's own
argument names), so that a form shows each one beside its field and the API in `details`.
"""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from huanjie.people.models import HeadRelation, Household, Person


def refuse(field: str | None, message: str, code: str) -> NoReturn:
    """Stop the change: `message` belongs beside `field` (None: the change as a whole)."""
    raise ValidationError({field or NON_FIELD_ERRORS: ValidationError(message, code=code)})


def locked_household(household: Household) -> Household:
    """The household again, locked until the transaction ends (PostgreSQL; SQLite's IMMEDIATE
    transactions hold the one write lock): two changes of one household never interleave."""
    return (
        Household.objects.select_for_update(of=("self",))
        .select_related("village", "villager_group")
        .get(pk=household.pk)
    )


def locked_person(person: Person) -> Person:
    return (
        Person.objects.select_for_update(of=("self",))
        .select_related("village", "household__villager_group")
        .get(pk=person.pk)
    )


def on_register(household: Household, *, excluding: Person | None = None) -> list[Person]:
    """The household's members on the register, in the order they were registered."""
    qs = Person.objects.on_register().filter(household=household).order_by("id")
    if excluding is not None:
        qs = qs.exclude(pk=excluding.pk)
    return list(qs)


def head_among(members: list[Person]) -> Person | None:
    return next((p for p in members if p.relation_to_head == HeadRelation.HEAD), None)


def names(people: list[Person], limit: int = 3) -> str:
    """ "王建国、李秀英" — the first few names for a message, never a long list."""
    return "、".join(p.name for p in people[:limit])
