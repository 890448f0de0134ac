"""Chinese kin terms for a chain of close-relative links ("甲是乙的外孙").

A chain runs from one person to another through at most one intermediate person. Each step
says what the person at its start is to the person at its end. The term of a two-step chain
depends on the intermediate person's sex: a daughter's son is 外孙, a son's son 孙子.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from huanjie.rules.kinship.relations import RelationKind, RelationSet


class Sex(StrEnum):
    """As `identity.IdCheck.sex` spells it."""

    MALE = "M"
    FEMALE = "F"


class Role(StrEnum):
    """What the first person of a step is to the second."""

    SPOUSE = "spouse"
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who may hold a post; `key` is any stable identifier (ID number, database key)."""

    key: str
    name: str
    sex: Sex
    birth_date: date | None = None


# (male, female) terms for one step, by role.
_ONE_STEP: dict[Role, tuple[str, str]] = {
    Role.SPOUSE: ("丈夫", "妻子"),
    Role.PARENT: ("父亲", "母亲"),
    Role.CHILD: ("儿子", "女儿"),
    # A grandparent link entered directly does not say on which side it runs.
    Role.GRANDPARENT: ("祖父或外祖父", "祖母或外祖母"),
    Role.GRANDCHILD: ("孙子或外孙", "孙女或外孙女"),
}

# (male, female) terms for two steps, by the intermediate person's sex.
_TWO_STEPS: dict[tuple[Role, Role, Sex], tuple[str, str]] = {
    (Role.PARENT, Role.PARENT, Sex.MALE): ("祖父", "祖母"),
    (Role.PARENT, Role.PARENT, Sex.FEMALE): ("外祖父", "外祖母"),
    (Role.CHILD, Role.CHILD, Sex.MALE): ("孙子", "孙女"),
    (Role.CHILD, Role.CHILD, Sex.FEMALE): ("外孙", "外孙女"),
}

KIND_OF_ROLE: dict[Role, RelationKind] = {
    Role.SPOUSE: RelationKind.SPOUSE,
    Role.PARENT: RelationKind.PARENT_CHILD,
    Role.CHILD: RelationKind.PARENT_CHILD,
    Role.SIBLING: RelationKind.SIBLING,
    Role.GRANDPARENT: RelationKind.GRANDPARENT_GRANDCHILD,
    Role.GRANDCHILD: RelationKind.GRANDPARENT_GRANDCHILD,
}


_MALE = Sex.MALE  # bound once: enum attribute lookups are slow in a W3-sized loop


def _by_sex(terms: tuple[str, str], person: Person) -> str:
    return terms[0] if person.sex is _MALE else terms[1]


def sibling_term(person: Person, other: Person) -> str:
    """哥哥/弟弟/姐姐/妹妹 when both birth dates tell who is older, else 兄弟/姐妹."""
    if person.birth_date is None or other.birth_date is None:
        return _by_sex(("兄弟", "姐妹"), person)
    if person.birth_date < other.birth_date:
        return _by_sex(("哥哥", "姐姐"), person)
    if person.birth_date > other.birth_date:
        return _by_sex(("弟弟", "妹妹"), person)
    return _by_sex(("兄弟", "姐妹"), person)


def step_term(person: Person, role: Role, other: Person) -> str:
    """What `person` is to `other` when the two are linked directly by `role`."""
    if role is Role.SIBLING:
        return sibling_term(person, other)
    return _by_sex(_ONE_STEP[role], person)


def chain_term(people: Sequence[Person], roles: Sequence[Role]) -> str:
    """What the first person is to the last, for a chain of one or two steps."""
    first, last = people[0], people[-1]
    if len(roles) == 1:
        return step_term(first, roles[0], last)
    middle = people[1]
    if roles[0] is Role.CHILD and roles[1] is Role.PARENT:  # two children of one parent
        return sibling_term(first, last)
    return _by_sex(_TWO_STEPS[(roles[0], roles[1], middle.sex)], first)


def chain_sentence(people: Sequence[Person], roles: Sequence[Role]) -> str:
    """ "甲是乙的外孙（甲是丙的儿子，丙是乙的女儿）" — the relation, then the links it rests on."""
    first, last = people[0], people[-1]
    sentence = f"{first.name}是{last.name}的{chain_term(people, roles)}"
    if len(roles) == 1:
        return sentence
    steps = "，".join(
        f"{people[i].name}是{people[i + 1].name}的{step_term(people[i], roles[i], people[i + 1])}"
        for i in range(len(roles))
    )
    return f"{sentence}（{steps}）"


RELATION_SET_LABELS: dict[RelationSet, str] = {
    RelationSet.NONE: "无",
    RelationSet.SPOUSE_PARENT_CHILD_SIBLING: "配偶、父母、子女、兄弟姐妹",
    RelationSet.SPOUSE_LINEAL: "配偶、父母、子女、祖父母、外祖父母、孙子女、外孙子女",
    RelationSet.NEAR_RELATIVES: ("配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女"),
}
