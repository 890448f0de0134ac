"""The bulk kinship recusal against the rule (`KinshipIndex.conflicts`): the same pairs, the
same chains in the same words, on random small graphs of many groups."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huanjie.bulk.kinship import KINDS, Links
from huanjie.bulk.recusal import UNKNOWN_BIRTH, People, RelationGraph
from huanjie.rules.kinship.avoidance import KinConflict, KinshipIndex, Person, Sex
from huanjie.rules.kinship.relations import Relation, RelationKind, RelationSet

EPOCH = date(1970, 1, 1)
BIRTHS = [None, date(1950, 3, 1), date(1950, 3, 1), date(1961, 7, 9), date(1988, 1, 2)]


def _graph(
    people: list[Person], relations: list[Relation]
) -> tuple[RelationGraph, list[str], list[str]]:
    """The kernel's graph, people numbered in the order of their keys."""
    keys = sorted(p.key for p in people)
    number = {key: i for i, key in enumerate(keys)}
    by_key = {p.key: p for p in people}
    male = np.array([by_key[k].sex is Sex.MALE for k in keys], bool)
    born = np.array([_days(by_key[k].birth_date) for k in keys], np.int64)
    links = Links(
        np.array([number[r.a] for r in relations], np.int64),
        np.array([number[r.b] for r in relations], np.int64),
        np.array([KINDS.index(r.kind) for r in relations], np.int64),
    )
    names = [by_key[k].name for k in keys]
    return RelationGraph(People(male, born), links), keys, names


def _days(born: date | None) -> int:
    return UNKNOWN_BIRTH if born is None else (born - EPOCH).days


def _members(groups: list[set[str]], number: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    person = [number[k] for g in groups for k in sorted(g)]
    group = [i for i, g in enumerate(groups) for _ in g]
    return np.array(person, np.int64), np.array(group, np.int64)


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[Person], list[Relation]]:
    keys = draw(st.lists(st.text("0123456789ab", min_size=1, max_size=3), unique=True, max_size=14))
    people = [
        Person(
            key,
            draw(st.sampled_from(["甲", "乙", "丙", "丁", "戊"])) + key,
            draw(st.sampled_from(list(Sex))),
            draw(st.sampled_from(BIRTHS)),
        )
        for key in keys
    ]
    relations: list[Relation] = []
    if len(keys) >= 2:
        for _ in range(draw(st.integers(0, 30))):
            a, b = draw(st.lists(st.sampled_from(keys), min_size=2, max_size=2, unique=True))
            relations.append(Relation(a, b, draw(st.sampled_from(list(RelationKind)))))
    return people, relations


@settings(max_examples=300, deadline=None)
@given(worlds(), st.data())
def test_the_same_conflicts_as_the_rule(
    world: tuple[list[Person], list[Relation]], data: st.DataObject
) -> None:
    people, relations = world
    keys = [p.key for p in people]
    relation_set = data.draw(st.sampled_from(list(RelationSet)))
    count = data.draw(st.integers(1, 3))
    subsets = st.sets(st.sampled_from(keys)) if keys else st.just(set[str]())
    left = [data.draw(subsets) for _ in range(count)]
    among = data.draw(st.booleans())
    right = left if among else [data.draw(subsets) for _ in range(count)]
    blocking = data.draw(st.booleans())

    index = KinshipIndex(people, relations)
    expected: list[KinConflict] = []
    for group in range(count):
        if among:
            found = index.conflicts(relation_set, among=left[group], rule_id="R", blocking=blocking)
        else:
            found = index.conflicts(
                relation_set, across=(left[group], right[group]), rule_id="R", blocking=blocking
            )
        expected += found

    graph, ordered, names = _graph(people, relations)
    number = {key: i for i, key in enumerate(ordered)}
    result = graph.conflicts(relation_set, _members(left, number), _members(right, number))
    assert result.kin_conflicts(ordered, names, "R", blocking) == expected
    assert len(result) == len(expected)
    assert result.group.tolist() == sorted(result.group.tolist())


def test_a_grandchild_through_a_daughter_is_her_parents_外孙() -> None:
    people = [
        Person("1", "张大山", Sex.MALE),
        Person("2", "张小梅", Sex.FEMALE),
        Person("3", "李明", Sex.MALE),
    ]
    relations = [
        Relation("1", "2", RelationKind.PARENT_CHILD),
        Relation("2", "3", RelationKind.PARENT_CHILD),
    ]
    graph, _, names = _graph(people, relations)
    ec = (np.array([2]), np.array([0]))
    candidates = (np.array([0]), np.array([0]))
    found = graph.conflicts(RelationSet.NEAR_RELATIVES, ec, candidates)
    assert found.chains(names) == ["李明是张大山的外孙（李明是张小梅的儿子，张小梅是张大山的女儿）"]
    assert found.kinds() == [RelationKind.GRANDPARENT_GRANDCHILD]
    # A set without grandparents sees no conflict.
    none = graph.conflicts(RelationSet.SPOUSE_PARENT_CHILD_SIBLING, ec, candidates)
    assert len(none) == 0


def test_no_one_asked_about() -> None:
    graph, _, _ = _graph([Person("1", "甲", Sex.MALE)], [])
    nobody = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    assert len(graph.conflicts(RelationSet.NEAR_RELATIVES, nobody, nobody)) == 0


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [(0, 0, "themself"), (0, 5, "not among the people"), (-1, 0, "not among the people")],
)
def test_links_must_name_two_of_the_people(a: int, b: int, message: str) -> None:
    people = People(np.array([True, False]), np.array([0, 0], np.int64))
    links = Links(np.array([a]), np.array([b]), np.array([0]))
    with pytest.raises(ValueError, match=message):
        RelationGraph(people, links)
