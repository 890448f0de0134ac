"""Relations derived from 与户主关系 (domain.md §1): exactly the listed links, nothing else."""

from __future__ import annotations

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.household import HeadRelation as H
from huanjie.rules.kinship.household import derive_relations
from huanjie.rules.kinship.relations import Relation
from huanjie.rules.kinship.relations import RelationKind as K

CASES = [
    ("head alone", [("h", H.HEAD)], set()),
    ("spouse", [("h", H.HEAD), ("s", H.SPOUSE)], {Relation("h", "s", K.SPOUSE)}),
    ("son", [("h", H.HEAD), ("c", H.SON)], {Relation("h", "c", K.PARENT_CHILD)}),
    ("daughter", [("h", H.HEAD), ("c", H.DAUGHTER)], {Relation("h", "c", K.PARENT_CHILD)}),
    (
        "parent is the parent",
        [("h", H.HEAD), ("p", H.PARENT)],
        {Relation("p", "h", K.PARENT_CHILD)},
    ),
    (
        "grandparent is the grandparent",
        [("h", H.HEAD), ("g", H.GRANDPARENT)],
        {Relation("g", "h", K.GRANDPARENT_GRANDCHILD)},
    ),
    (
        "grandson",
        [("h", H.HEAD), ("g", H.GRANDSON)],
        {Relation("h", "g", K.GRANDPARENT_GRANDCHILD)},
    ),
    (
        "granddaughter",
        [("h", H.HEAD), ("g", H.GRANDDAUGHTER)],
        {Relation("h", "g", K.GRANDPARENT_GRANDCHILD)},
    ),
    ("sibling", [("h", H.HEAD), ("b", H.SIBLING)], {Relation("h", "b", K.SIBLING)}),
    (
        "children are siblings of each other",
        [("h", H.HEAD), ("c1", H.SON), ("c2", H.DAUGHTER), ("c3", H.SON)],
        {
            Relation("h", "c1", K.PARENT_CHILD),
            Relation("h", "c2", K.PARENT_CHILD),
            Relation("h", "c3", K.PARENT_CHILD),
            Relation("c1", "c2", K.SIBLING),
            Relation("c1", "c3", K.SIBLING),
            Relation("c2", "c3", K.SIBLING),
        },
    ),
    (
        "two grandchildren are not linked (may be cousins)",
        [("h", H.HEAD), ("g1", H.GRANDSON), ("g2", H.GRANDDAUGHTER)],
        {
            Relation("h", "g1", K.GRANDPARENT_GRANDCHILD),
            Relation("h", "g2", K.GRANDPARENT_GRANDCHILD),
        },
    ),
    (
        "in-laws are not near relatives",
        [("h", H.HEAD), ("d", H.DAUGHTER_IN_LAW), ("s", H.SON_IN_LAW)],
        set(),
    ),
    (
        "two parents are not linked to each other",
        [("h", H.HEAD), ("f", H.PARENT), ("m", H.PARENT)],
        {Relation("f", "h", K.PARENT_CHILD), Relation("m", "h", K.PARENT_CHILD)},
    ),
    (
        "spouse is not linked to the head's children (may be a step-parent)",
        [("h", H.HEAD), ("s", H.SPOUSE), ("c", H.SON)],
        {Relation("h", "s", K.SPOUSE), Relation("h", "c", K.PARENT_CHILD)},
    ),
    (
        "child is not linked to a grandchild (may be a nephew)",
        [("h", H.HEAD), ("c", H.SON), ("g", H.GRANDSON)],
        {Relation("h", "c", K.PARENT_CHILD), Relation("h", "g", K.GRANDPARENT_GRANDCHILD)},
    ),
    (
        "siblings are not linked to parents or each other (half-siblings)",
        [("h", H.HEAD), ("b1", H.SIBLING), ("b2", H.SIBLING), ("p", H.PARENT)],
        {
            Relation("h", "b1", K.SIBLING),
            Relation("h", "b2", K.SIBLING),
            Relation("p", "h", K.PARENT_CHILD),
        },
    ),
    ("other gives nothing", [("h", H.HEAD), ("o", H.OTHER)], set()),
    (
        "plain string relations are accepted",
        [("h", "head"), ("s", "spouse")],
        {Relation("h", "s", K.SPOUSE)},
    ),
]


@pytest.mark.parametrize(("members", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_derive_relations_exactly_domain_links(
    members: list[tuple[str, H]], expected: set[Relation]
) -> None:
    derived = derive_relations(members)
    assert set(derived) == expected
    assert len(derived) == len(expected)  # no link twice


def test_derive_relations_order_is_stable() -> None:
    members = [("h", H.HEAD), ("c2", H.DAUGHTER), ("s", H.SPOUSE), ("c1", H.SON)]
    assert derive_relations(members) == (
        Relation("h", "c2", K.PARENT_CHILD),
        Relation("h", "s", K.SPOUSE),
        Relation("h", "c1", K.PARENT_CHILD),
        Relation("c2", "c1", K.SIBLING),
    )


BROKEN = [
    ("no head", [("s", H.SPOUSE)], "有0名"),
    ("two heads", [("h", H.HEAD), ("g", H.HEAD)], "有2名"),
    ("duplicate key", [("h", H.HEAD), ("h", H.SON)], "重复"),
]


@pytest.mark.parametrize(
    ("members", "fragment"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_derive_relations_refuses_broken_household(
    members: list[tuple[str, H]], fragment: str
) -> None:
    with pytest.raises(RuleViolation) as info:
        derive_relations(members)
    assert info.value.rule_id == "REG-HOUSEHOLD"
    assert fragment in info.value.message
