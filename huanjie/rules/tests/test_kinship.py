"""Kinship derivation and the Chinese chain sentences (KIN-1..6 rest on these)."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.avoidance import KinConflict, KinshipIndex, Person, Sex, conflicts
from huanjie.rules.kinship.relations import Relation, RelationKind, RelationSet

M, F = Sex.MALE, Sex.FEMALE
SP, PC, SIB, GP = (
    RelationKind.SPOUSE,
    RelationKind.PARENT_CHILD,
    RelationKind.SIBLING,
    RelationKind.GRANDPARENT_GRANDCHILD,
)
NEAR = RelationSet.NEAR_RELATIVES


def person(key: str, sex: Sex, born: date | None = None) -> Person:
    return Person(key=key, name=key, sex=sex, birth_date=born)


def only(found: list[KinConflict]) -> KinConflict:
    assert len(found) == 1, found
    return found[0]


# Keys are chosen so that the first person of the sentence sorts first.
CHAINS = [
    (
        "daughter_son",
        [person("A小明", M), person("B王芳", F), person("C老王", M)],
        [Relation("C老王", "B王芳", PC), Relation("B王芳", "A小明", PC)],
        ("A小明", "C老王"),
        GP,
        "A小明是C老王的外孙（A小明是B王芳的儿子，B王芳是C老王的女儿）",
    ),
    (
        "daughter_daughter",
        [person("A", F), person("B", F), person("C", F)],
        [Relation("C", "B", PC), Relation("B", "A", PC)],
        ("A", "C"),
        GP,
        "A是C的外孙女（A是B的女儿，B是C的女儿）",
    ),
    (
        "son_son",
        [person("A", M), person("B", M), person("C", F)],
        [Relation("C", "B", PC), Relation("B", "A", PC)],
        ("A", "C"),
        GP,
        "A是C的孙子（A是B的儿子，B是C的儿子）",
    ),
    (
        "son_daughter",
        [person("A", F), person("B", M), person("C", M)],
        [Relation("C", "B", PC), Relation("B", "A", PC)],
        ("A", "C"),
        GP,
        "A是C的孙女（A是B的女儿，B是C的儿子）",
    ),
    (
        "paternal_grandfather",
        [person("A", M), person("B", M), person("C", F)],
        [Relation("A", "B", PC), Relation("B", "C", PC)],
        ("A", "C"),
        GP,
        "A是C的祖父（A是B的父亲，B是C的父亲）",
    ),
    (
        "paternal_grandmother",
        [person("A", F), person("B", M), person("C", M)],
        [Relation("A", "B", PC), Relation("B", "C", PC)],
        ("A", "C"),
        GP,
        "A是C的祖母（A是B的母亲，B是C的父亲）",
    ),
    (
        "maternal_grandfather",
        [person("A", M), person("B", F), person("C", M)],
        [Relation("A", "B", PC), Relation("B", "C", PC)],
        ("A", "C"),
        GP,
        "A是C的外祖父（A是B的父亲，B是C的母亲）",
    ),
    (
        "maternal_grandmother",
        [person("A", F), person("B", F), person("C", M)],
        [Relation("A", "B", PC), Relation("B", "C", PC)],
        ("A", "C"),
        GP,
        "A是C的外祖母（A是B的母亲，B是C的母亲）",
    ),
    (
        "husband",
        [person("A", M), person("B", F)],
        [Relation("B", "A", SP)],
        ("A", "B"),
        SP,
        "A是B的丈夫",
    ),
    (
        "wife",
        [person("A", F), person("B", M)],
        [Relation("A", "B", SP)],
        ("A", "B"),
        SP,
        "A是B的妻子",
    ),
    (
        "father",
        [person("A", M), person("B", F)],
        [Relation("A", "B", PC)],
        ("A", "B"),
        PC,
        "A是B的父亲",
    ),
    (
        "mother",
        [person("A", F), person("B", F)],
        [Relation("A", "B", PC)],
        ("A", "B"),
        PC,
        "A是B的母亲",
    ),
    (
        "son",
        [person("A", M), person("B", F)],
        [Relation("B", "A", PC)],
        ("A", "B"),
        PC,
        "A是B的儿子",
    ),
    (
        "daughter",
        [person("A", F), person("B", M)],
        [Relation("B", "A", PC)],
        ("A", "B"),
        PC,
        "A是B的女儿",
    ),
    (
        "elder_brother",
        [person("A", M, date(1970, 1, 1)), person("B", F, date(1972, 1, 1))],
        [Relation("B", "A", SIB)],
        ("A", "B"),
        SIB,
        "A是B的哥哥",
    ),
    (
        "elder_sister",
        [person("A", F, date(1970, 1, 1)), person("B", F, date(1972, 1, 1))],
        [Relation("A", "B", SIB)],
        ("A", "B"),
        SIB,
        "A是B的姐姐",
    ),
    (
        "younger_brother",
        [person("A", M, date(1975, 1, 1)), person("B", M, date(1972, 1, 1))],
        [Relation("A", "B", SIB)],
        ("A", "B"),
        SIB,
        "A是B的弟弟",
    ),
    (
        "younger_sister",
        [person("A", F, date(1975, 1, 1)), person("B", M, date(1972, 1, 1))],
        [Relation("A", "B", SIB)],
        ("A", "B"),
        SIB,
        "A是B的妹妹",
    ),
    (
        "brother_age_unknown",
        [person("A", M, date(1975, 1, 1)), person("B", M)],
        [Relation("A", "B", SIB)],
        ("A", "B"),
        SIB,
        "A是B的兄弟",
    ),
    (
        "sister_twins",
        [person("A", F, date(1975, 1, 1)), person("B", M, date(1975, 1, 1))],
        [Relation("A", "B", SIB)],
        ("A", "B"),
        SIB,
        "A是B的姐妹",
    ),
    (
        "siblings_by_common_parent",
        [person("A", F), person("B", M), person("C", M)],
        [Relation("C", "A", PC), Relation("C", "B", PC)],
        ("A", "B"),
        SIB,
        "A是B的姐妹（A是C的女儿，C是B的父亲）",
    ),
    (
        "grandchild_entered_directly",
        [person("A", F), person("B", M)],
        [Relation("B", "A", GP)],
        ("A", "B"),
        GP,
        "A是B的孙女或外孙女",
    ),
    (
        "grandfather_entered_directly",
        [person("A", M), person("B", M)],
        [Relation("A", "B", GP)],
        ("A", "B"),
        GP,
        "A是B的祖父或外祖父",
    ),
    (
        "grandmother_entered_directly",
        [person("A", F), person("B", M)],
        [Relation("A", "B", GP)],
        ("A", "B"),
        GP,
        "A是B的祖母或外祖母",
    ),
    (
        "grandson_entered_directly",
        [person("A", M), person("B", M)],
        [Relation("B", "A", GP)],
        ("A", "B"),
        GP,
        "A是B的孙子或外孙",
    ),
]


@pytest.mark.parametrize(
    ("people", "relations", "pair", "kind", "sentence"),
    [case[1:] for case in CHAINS],
    ids=[case[0] for case in CHAINS],
)
def test_chain_sentence_names_the_kin_term_by_sex_and_side(
    people: list[Person],
    relations: list[Relation],
    pair: tuple[str, str],
    kind: RelationKind,
    sentence: str,
) -> None:
    found = conflicts(people, relations, NEAR, among=pair)
    conflict = only(found)
    assert (conflict.a, conflict.b) == pair
    assert conflict.kind is kind
    assert conflict.chain == sentence
    assert conflict.rule_id == "KIN"
    assert conflict.blocking


def _family() -> tuple[list[Person], list[Relation]]:
    """Grandfather G; his son S (wife SW, her father SWF) and daughter D; their children."""
    people = [
        person("G", M),
        person("S", M),
        person("SW", F),
        person("SWF", M),
        person("D", F),
        person("S1", M),  # S's son
        person("D1", F),  # D's daughter
        person("SB", M),  # S's brother entered directly, not G's child in the data
        person("SBK", M),  # SB's son
    ]
    relations = [
        Relation("G", "S", PC),
        Relation("G", "D", PC),
        Relation("S", "SW", SP),
        Relation("SWF", "SW", PC),
        Relation("S", "S1", PC),
        Relation("D", "D1", PC),
        Relation("S", "SB", SIB),
        Relation("SB", "SBK", PC),
    ]
    return people, relations


NOT_NEAR = [
    ("cousins_grandchildren_of_one_grandparent", ("S1", "D1")),
    ("spouse_father_in_law", ("S", "SWF")),
    ("daughter_in_law", ("G", "SW")),
    ("stepson_by_marriage", ("SW", "S1")),
    ("aunt_and_nephew", ("D", "S1")),
    ("uncle_by_a_sibling_link", ("SB", "S1")),
    ("sibling_of_a_sibling_link_via_parent", ("SB", "D")),
    ("cousins_through_a_sibling_link", ("S1", "SBK")),
]


@pytest.mark.parametrize("pair", [case[1] for case in NOT_NEAR], ids=[c[0] for c in NOT_NEAR])
def test_cousins_and_in_laws_are_never_derived(pair: tuple[str, str]) -> None:
    people, relations = _family()
    assert conflicts(people, relations, NEAR, among=pair) == []


def test_a_family_yields_exactly_its_near_relatives() -> None:
    people, relations = _family()
    found = {(c.a, c.b): c.kind for c in conflicts(people, relations, NEAR)}
    assert found == {
        ("D", "G"): PC,
        ("D", "S"): SIB,
        ("D", "D1"): PC,
        ("D1", "G"): GP,
        ("G", "S"): PC,
        ("G", "S1"): GP,
        ("S", "SW"): SP,
        ("SW", "SWF"): PC,
        ("S", "S1"): PC,
        ("S", "SB"): SIB,
        ("SB", "SBK"): PC,
    }


SETS = [
    ("none", RelationSet.NONE, set()),
    (
        "spouse_parent_child_sibling",
        RelationSet.SPOUSE_PARENT_CHILD_SIBLING,
        {("A", "B"), ("B", "C"), ("C", "D")},
    ),
    ("spouse_lineal", RelationSet.SPOUSE_LINEAL, {("A", "B"), ("B", "C"), ("A", "C")}),
    ("near_relatives", NEAR, {("A", "B"), ("B", "C"), ("A", "C"), ("C", "D")}),
]


@pytest.mark.parametrize(("relation_set", "pairs"), [c[1:] for c in SETS], ids=[c[0] for c in SETS])
def test_relation_set_limits_the_kinds_reported(
    relation_set: RelationSet, pairs: set[tuple[str, str]]
) -> None:
    # A is B's father, B is C's mother (A is C's grandfather), C and D are siblings.
    people = [person("A", M), person("B", F), person("C", M), person("D", M)]
    relations = [Relation("A", "B", PC), Relation("B", "C", PC), Relation("C", "D", SIB)]
    found = conflicts(people, relations, relation_set)
    assert {(c.a, c.b) for c in found} == pairs


def test_across_orients_each_pair_from_the_first_group() -> None:
    people = [person("A", M), person("B", M), person("C", F)]
    relations = [Relation("A", "B", PC), Relation("C", "B", SP)]
    found = conflicts(people, relations, NEAR, across=(["B"], ["A", "C"]))
    assert [(c.a, c.b, c.chain) for c in found] == [
        ("B", "A", "B是A的儿子"),
        ("B", "C", "B是C的丈夫"),
    ]


def test_across_reports_a_pair_once_when_both_are_in_both_groups() -> None:
    people = [person("A", M), person("B", M), person("C", M)]
    relations = [Relation("A", "B", PC)]
    found = conflicts(people, relations, NEAR, across=(["A", "B", "C"], ["A", "B"]))
    assert [(c.a, c.b) for c in found] == [("A", "B")]


def test_across_does_not_pair_a_person_with_themself() -> None:
    people = [person("A", M), person("B", M)]
    found = conflicts(people, [Relation("A", "B", SIB)], NEAR, across=(["A"], ["A"]))
    assert found == []


def test_a_direct_link_is_shown_before_a_derived_chain() -> None:
    people = [person("A", M), person("B", M), person("P", F)]
    relations = [Relation("P", "A", PC), Relation("P", "B", PC), Relation("A", "B", SIB)]
    conflict = only(conflicts(people, relations, NEAR, among=["A", "B"]))
    assert conflict.path == ("A", "B")
    assert conflict.chain == "A是B的兄弟"


def test_the_chain_through_the_parent_is_shown_before_a_grandparent_link_entered_directly() -> None:
    people = [person("A", M), person("B", F), person("C", M)]
    relations = [Relation("C", "B", PC), Relation("B", "A", PC), Relation("C", "A", GP)]
    conflict = only(conflicts(people, relations, NEAR, among=["A", "C"]))
    assert conflict.path == ("A", "B", "C")
    assert conflict.chain.startswith("A是C的外孙")


def test_among_the_same_pair_from_two_parents_shows_one_chain() -> None:
    people = [person("A", M), person("B", M), person("P", M), person("Q", F)]
    relations = [
        Relation("Q", "A", PC),
        Relation("P", "A", PC),
        Relation("P", "B", PC),
        Relation("Q", "B", PC),
    ]
    conflict = only(conflicts(people, relations, NEAR, among=["A", "B"]))
    assert conflict.path == ("A", "P", "B")


BAD_INPUT = [
    (
        "relation_to_unknown_person",
        [person("A", M)],
        [Relation("A", "X", SP)],
        "亲属关系中的人员 X 不在人员名单中",
    ),
    ("self_link", [person("A", M)], [Relation("A", "A", SIB)], "A 被登记为与本人存在亲属关系"),
    (
        "duplicate_person",
        [person("A", M), person("A", F)],
        [],
        "人员编号 A 在名单中出现了两次",
    ),
]


@pytest.mark.parametrize(
    ("people", "relations", "message"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_bad_people_or_links_are_refused(
    people: list[Person], relations: list[Relation], message: str
) -> None:
    with pytest.raises(RuleViolation) as raised:
        KinshipIndex(people, relations)
    assert raised.value.rule_id == "KIN"
    assert message in raised.value.message


@pytest.mark.parametrize(
    ("among", "across"),
    [(["Z"], None), (None, (["A"], ["Z"]))],
    ids=["among", "across"],
)
def test_a_group_member_missing_from_the_people_is_refused(
    among: list[str] | None, across: tuple[list[str], list[str]] | None
) -> None:
    index = KinshipIndex([person("A", M)], [])
    with pytest.raises(RuleViolation, match="名单中的人员 Z 不在人员名单中"):
        index.conflicts(NEAR, among=among, across=across)


def test_among_and_across_together_are_a_programming_error() -> None:
    index = KinshipIndex([person("A", M)], [])
    with pytest.raises(ValueError, match="either"):
        index.conflicts(NEAR, among=["A"], across=(["A"], ["A"]))


def test_person_lookup_returns_the_registered_person() -> None:
    a = person("A", M)
    assert KinshipIndex([a], []).person("A") is a


# --- random graphs: order independence and a brute-force oracle -------------------------------

KINDS = list(RelationKind)


def _random_graph(seed: int, size: int, edges: int) -> tuple[list[Person], list[Relation]]:
    rng = random.Random(seed)
    people = [
        Person(f"p{i:02d}", f"人{i}", rng.choice([M, F]), rng.choice([None, date(1960 + i, 1, 1)]))
        for i in range(size)
    ]
    relations = []
    for _ in range(edges):
        a, b = rng.sample(range(size), 2)
        relations.append(Relation(f"p{a:02d}", f"p{b:02d}", rng.choice(KINDS)))
    return people, relations


def _oracle(
    relations: list[Relation], kinds: frozenset[RelationKind]
) -> dict[frozenset[str], set[RelationKind]]:
    """Every pair related within `kinds`, by looking at every link and every pair of links."""
    found: dict[frozenset[str], set[RelationKind]] = {}

    def add(x: str, y: str, kind: RelationKind) -> None:
        if x != y and kind in kinds:
            found.setdefault(frozenset((x, y)), set()).add(kind)

    for r in relations:
        add(r.a, r.b, r.kind)
    parent_links = [r for r in relations if r.kind is PC]
    for r, s in itertools.product(parent_links, repeat=2):
        if r.b == s.a:  # r.a is the parent of r.b, who is the parent of s.b
            add(r.a, s.b, GP)
        if r.a == s.a and r is not s:  # two children of one parent
            add(r.b, s.b, SIB)
    return found


@pytest.mark.parametrize("relation_set", list(RelationSet), ids=[s.value for s in RelationSet])
@pytest.mark.parametrize("seed", range(12))
def test_kin_conflicts_match_a_brute_force_oracle(seed: int, relation_set: RelationSet) -> None:
    people, relations = _random_graph(seed, size=14, edges=22)
    rng = random.Random(seed)
    group = rng.sample([p.key for p in people], 9)
    expected = {
        pair: kinds
        for pair, kinds in _oracle(relations, relation_set.kinds).items()
        if pair <= set(group)
    }
    found = conflicts(people, relations, relation_set, among=group)
    assert {frozenset((c.a, c.b)) for c in found} == set(expected)
    for c in found:
        assert c.a < c.b
        assert c.kind in expected[frozenset((c.a, c.b))]
        assert c.path[0] == c.a and c.path[-1] == c.b


@pytest.mark.parametrize("seed", range(8))
def test_kin_conflicts_across_match_the_oracle(seed: int) -> None:
    people, relations = _random_graph(seed, size=14, edges=22)
    rng = random.Random(seed + 100)
    keys = [p.key for p in people]
    left, right = set(rng.sample(keys, 6)), set(rng.sample(keys, 6))
    expected = {
        pair
        for pair in _oracle(relations, NEAR.kinds)
        if any(x in left and y in right for x, y in itertools.permutations(pair))
    }
    found = conflicts(people, relations, NEAR, across=(left, right))
    assert {frozenset((c.a, c.b)) for c in found} == expected
    assert all(c.a in left and c.b in right for c in found)


@given(
    seed=st.integers(min_value=0, max_value=10_000),
    order=st.randoms(use_true_random=False),
    relation_set=st.sampled_from(list(RelationSet)),
)
def test_kin_conflicts_do_not_depend_on_input_order(
    seed: int, order: random.Random, relation_set: RelationSet
) -> None:
    people, relations = _random_graph(seed, size=12, edges=20)
    group = [p.key for p in people[:8]]
    before = conflicts(people, relations, relation_set, among=group)
    order.shuffle(people)
    order.shuffle(relations)
    order.shuffle(group)
    assert conflicts(people, relations, relation_set, among=group) == before
