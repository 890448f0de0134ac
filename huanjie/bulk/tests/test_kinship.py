"""The bulk derivation of household links against the rule (`derive_relations`)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from huanjie.bulk.kinship import KINDS, derive_links
from huanjie.rules.kinship.household import HeadRelation, derive_relations
from huanjie.rules.kinship.relations import Relation

OTHERS: list[HeadRelation] = [r for r in HeadRelation if r is not HeadRelation.HEAD]


@st.composite
def households(draw: st.DrawFn) -> list[list[HeadRelation]]:
    """Households of 1-9 members: one head somewhere, the others any relation."""
    found: list[list[HeadRelation]] = []
    for _ in range(draw(st.integers(1, 12))):
        members: list[HeadRelation] = draw(st.lists(st.sampled_from(OTHERS), max_size=8))
        members.insert(draw(st.integers(0, len(members))), HeadRelation.HEAD)
        found.append(members)
    return found


def _by_rule(register: list[list[HeadRelation]]) -> list[tuple[int, int, str]]:
    links: list[tuple[int, int, str]] = []
    start = 0
    for members in register:
        keys = [str(start + i) for i in range(len(members))]
        found: tuple[Relation, ...] = derive_relations(list(zip(keys, members, strict=True)))
        links += [(int(r.a), int(r.b), r.kind.value) for r in found]
        start += len(members)
    return links


@given(households())
def test_the_same_links_in_the_same_order_as_the_rule(register: list[list[HeadRelation]]) -> None:
    household = np.array([h for h, members in enumerate(register) for _ in members], np.int64)
    relations = [r.value for members in register for r in members]
    links = derive_links(household, relations)
    found = [
        (a, b, KINDS[k].value)
        for a, b, k in zip(links.a.tolist(), links.b.tolist(), links.kind.tolist(), strict=True)
    ]
    assert found == _by_rule(register)
    assert len(links) == len(found)


def test_nothing_to_derive() -> None:
    assert len(derive_links(np.zeros(0, np.int64), [])) == 0


@pytest.mark.parametrize(
    "relations",
    [["spouse", "son"], ["head", "spouse", "head"]],
    ids=["no-head", "two-heads"],
)
def test_a_household_needs_one_head(relations: list[str]) -> None:
    with pytest.raises(ValueError, match="exactly one head"):
        derive_links(np.zeros(len(relations), np.int64), relations)


def test_an_unknown_relation_to_the_head_is_refused() -> None:
    with pytest.raises(ValueError, match="not a relation to the head: 'cousin'"):
        derive_links(np.zeros(2, np.int64), ["head", "cousin"])
