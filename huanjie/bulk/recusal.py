"""Kinship recusal (任职回避) for many groups at once: every pair of people related within a
relation set, one from a group's left side and one from its right, with the chain that links
them ("甲是乙的外孙（甲是丙的儿子，丙是乙的女儿）") — what
`huanjie.rules.kinship.avoidance.KinshipIndex.conflicts` answers for one group, run over whole
arrays for thousands of villages. The law stays there: the link roles (`LINK_ROLES`), the chains
of two links it implies (`TWO_LINK_CHAINS`), which chain a pair shows (`chain_rank`), the
relation set's kinds and the Chinese wording (`chain_sentence`, evaluated once per shape of
chain and sexes); this executes them and is differential-tested against the rule
(huanjie/bulk/tests/test_recusal.py).

People are numbered 0..n-1 **in the order of their keys** (as strings), so that when several
chains link one pair, the one the rule shows — the least by keys along it — is the one chosen
here, and pairs come out in the rule's order within a group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from huanjie.bulk.kinship import KINDS, Links
from huanjie.rules.kinship.avoidance import (
    LINK_ROLES,
    TWO_LINK_CHAINS,
    KinConflict,
    chain_rank,
)
from huanjie.rules.kinship.relations import RelationKind, RelationSet
from huanjie.rules.kinship.terms import KIND_OF_ROLE, Person, Role, Sex, chain_sentence

Int = NDArray[np.int64]
Ids = NDArray[np.signedinteger[Any]]  # people's numbers, 32 or 64 bits

ROLES: tuple[Role, ...] = tuple(Role)
# Every chain the rule may show: one link (what the first person is to the second), then the
# chains of two links; with the relation each makes.
SHAPES: tuple[tuple[tuple[Role, ...], RelationKind], ...] = (
    *(((role,), KIND_OF_ROLE[role]) for role in ROLES),
    *((roles, kind) for kind, roles in TWO_LINK_CHAINS),
)
UNKNOWN_BIRTH = np.iinfo(np.int64).min  # a birth date not known (days since 1970-01-01 else)
_EPOCH = date(1970, 1, 1).toordinal()


def _role_order() -> Int:
    """Each shape's place when shapes are ordered by their roles' values, as the rule compares
    two chains of the same rank and keys."""
    by_roles = sorted(range(len(SHAPES)), key=lambda i: tuple(r.value for r in SHAPES[i][0]))
    order = np.empty(len(SHAPES), np.int64)
    order[by_roles] = np.arange(len(SHAPES))
    return order


def _inverse() -> NDArray[np.int8]:
    """What the second person of a link is to the first, by what the first is to the second."""
    inverse = np.zeros(len(ROLES), np.int8)
    for first, second in LINK_ROLES.values():
        inverse[ROLES.index(first)] = ROLES.index(second)
        inverse[ROLES.index(second)] = ROLES.index(first)
    return inverse


_INVERSE = _inverse()
# The chain shown for a pair is the least by (rank, keys along it, roles).
_RANK = np.array([chain_rank(roles) for roles, _ in SHAPES], np.int64)
_ROLE_ORDER = _role_order()


@dataclass(frozen=True)
class People:
    """What the wording needs of each person: sex and birth date (days since 1970-01-01, or
    `UNKNOWN_BIRTH`)."""

    male: NDArray[np.bool_]
    born: Int

    def __len__(self) -> int:
        return len(self.male)


class RelationGraph:
    """The links of n people from each side ("src is <role> of dst"), for any number of
    queries. Nothing is sorted up front: a query picks out the few links that start at its
    left side or end at its right side, so the whole set of links is only scanned."""

    def __init__(self, people: People, links: Links) -> None:
        count = len(people)
        a, b = links.a, links.b
        if len(a) and (min(a.min(), b.min()) < 0 or max(a.max(), b.max()) >= count):
            raise ValueError("a link names someone who is not among the people")
        if np.any(a == b):
            raise ValueError("a link relates someone to themself")
        role_of = np.array([[ROLES.index(r) for r in LINK_ROLES[kind]] for kind in KINDS], np.int8)
        ids = np.int32 if count < 2**31 else np.int64  # half the bytes to scan
        self.people = people
        self._src: Ids = np.concatenate([a, b]).astype(ids)
        self._dst: Ids = np.concatenate([b, a]).astype(ids)
        self._role = np.concatenate([role_of[links.kind, 0], role_of[links.kind, 1]])

    def conflicts(
        self,
        relation_set: RelationSet,
        left: tuple[Int, Int],
        right: tuple[Int, Int],
    ) -> Conflicts:
        """Related pairs per group: `left` and `right` are (person, group) memberships; a pair
        is a from the group's left side and b from its right, as the rule's `across`; give
        the same members on both sides for its `among`. A person on both sides is not paired
        with themself, and a pair both of whose people are on both sides is listed once (the
        lesser first). Sorted by (group, a, b)."""
        groups = 1 + max(int(left[1].max(initial=-1)), int(right[1].max(initial=-1)), 0)
        count = len(self.people)
        lefts, rights = _Side(left, groups, count), _Side(right, groups, count)

        kinds = relation_set.kinds
        one_step = np.full(len(ROLES), -1, np.int64)  # the shape of a one-link chain, by role
        two_steps = np.full((len(ROLES), len(ROLES)), -1, np.int64)  # by the two links' roles
        for number, (roles, kind) in enumerate(SHAPES):
            if kind in kinds:
                if len(roles) == 1:
                    one_step[ROLES.index(roles[0])] = number
                else:
                    two_steps[ROLES.index(roles[0]), ROLES.index(roles[1])] = number
        first_ok: NDArray[np.bool_] = np.logical_or.reduce(two_steps >= 0, axis=1)
        second_ok: NDArray[np.bool_] = np.logical_or.reduce(two_steps >= 0, axis=0)

        src, dst, role = self._src, self._dst, self._role
        out = np.flatnonzero(lefts.mask[src])  # links from the left side
        out_src, out_dst, out_role = src[out], dst[out], role[out]
        # one link: straight to the right side
        direct = (one_step[out_role] >= 0) & rights.mask[out_dst]
        x1, y1 = out_src[direct], out_dst[direct]
        shape1 = one_step[out_role[direct]]
        # two links: to someone in between, then on to the right side
        onward = first_ok[out_role]
        x2, m2, first_role = out_src[onward], out_dst[onward], out_role[onward]
        in_middle = np.zeros(count, bool)
        in_middle[m2] = True
        # the links from the middle to the right side, read from the right side's end
        back = np.flatnonzero(rights.mask[src])
        on_src, on_dst, on_role = dst[back], src[back], _INVERSE[role[back]]
        on = np.flatnonzero(in_middle[on_src] & second_ok[on_role])
        on = on[np.argsort(on_src[on], kind="stable")]
        on_src, on_dst, on_role = on_src[on], on_dst[on], on_role[on]
        row, at = _ranges(np.searchsorted(on_src, m2, "left"), np.searchsorted(on_src, m2, "right"))
        x2, m2 = x2[row], m2[row]
        y2, shape2 = on_dst[at], two_steps[first_role[row], on_role[at]]
        keep = (shape2 >= 0) & (y2 != x2)
        x2, m2, y2, shape2 = x2[keep], m2[keep], y2[keep], shape2[keep]

        x = np.concatenate([x1, x2]).astype(np.int64)
        y = np.concatenate([y1, y2]).astype(np.int64)
        middle = np.concatenate([np.full(len(x1), -1, np.int64), m2])
        shape = np.concatenate([shape1, shape2])
        # each chain in every group of its left person, kept where its right person is too
        row, g = lefts.groups_of(x)
        x, y, middle, shape = x[row], y[row], middle[row], shape[row]
        keep = rights.has(y, g)
        x, g, y, middle, shape = x[keep], g[keep], y[keep], middle[keep], shape[keep]
        # found from y's side too: the same pair
        twice = (y < x) & rights.mask[x] & lefts.mask[y]
        twice[twice] = rights.has(x[twice], g[twice]) & lefts.has(y[twice], g[twice])
        keep = ~twice
        x, g, y, middle, shape = x[keep], g[keep], y[keep], middle[keep], shape[keep]
        rank = _RANK[shape]
        order = np.lexsort((_ROLE_ORDER[shape], np.where(rank == 1, middle, -1), rank, y, x, g))
        x, g, y, middle, shape = x[order], g[order], y[order], middle[order], shape[order]
        first = np.ones(len(x), bool)
        first[1:] = (x[1:] != x[:-1]) | (y[1:] != y[:-1]) | (g[1:] != g[:-1])
        x, g, y, middle, shape = x[first], g[first], y[first], middle[first], shape[first]
        wording, templates = _wordings(self.people, shape, x, middle, y)
        return Conflicts(g, x, y, middle, shape, wording, templates)


class _Side:
    """One side's memberships (person, group), each once, and who is on it."""

    def __init__(self, members: tuple[Int, Int], groups: int, count: int) -> None:
        self.groups = groups
        self.keys = _distinct(members[0] * groups + members[1])
        self.people = self.keys // groups
        self.mask = np.zeros(count, bool)
        self.mask[self.people] = True
        # Where everyone is in one group only (the usual case): that group, by person.
        self.group_of: Int | None = None
        if not np.any(self.people[1:] == self.people[:-1]):
            self.group_of = np.full(count, -1, np.int64)
            self.group_of[self.people] = self.keys % groups

    def groups_of(self, who: Int) -> tuple[Int, Int]:
        """For each of `who` (all on this side), its groups: (index into `who`, group)."""
        if self.group_of is not None:
            return np.arange(len(who)), self.group_of[who]
        row, at = _ranges(
            np.searchsorted(self.people, who, "left"), np.searchsorted(self.people, who, "right")
        )
        return row, self.keys[at] % self.groups

    def has(self, who: Int, group: Int) -> NDArray[np.bool_]:
        """Whether each of `who` is on this side in the group beside it."""
        if self.group_of is not None:
            same: NDArray[np.bool_] = self.group_of[who] == group
            return same
        return _member(self.keys, who * self.groups + group)


def _ranges(start: Int, stop: Int) -> tuple[Int, Int]:
    """For each i, the positions start[i]..stop[i]-1: (i, position) pairs."""
    counts = stop - start
    row = np.repeat(np.arange(len(start)), counts)
    within = np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts)
    return row, start[row] + within


def _distinct(keys: Int) -> Int:
    """The keys sorted, each once (np.unique, without its hashing: far slower here)."""
    if np.all(keys[1:] > keys[:-1]):  # as a caller usually has them
        return keys
    ordered = np.sort(keys)
    keep = np.ones(len(ordered), bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def _member(sorted_keys: Int, keys: Int) -> NDArray[np.bool_]:
    at = np.searchsorted(sorted_keys, keys)
    found = np.zeros(len(keys), bool)
    inside = at < len(sorted_keys)
    found[inside] = sorted_keys[at[inside]] == keys[inside]
    return found


# A chain's wording depends on its shape, the sexes of its people and which of the first and
# the last was born first (siblings: 哥哥/弟弟); the rule words each combination once.
_ORDERS = 4  # birth order of first and last: not known, earlier, later, same day
_DAYS = {0: (None, None), 1: (0, 1), 2: (1, 0), 3: (0, 0)}


def _wordings(people: People, shape: Int, x: Int, middle: Int, y: Int) -> tuple[Int, list[str]]:
    via = np.where(middle >= 0, middle, x)
    born_x, born_y = people.born[x], people.born[y]
    order = np.where(
        (born_x == UNKNOWN_BIRTH) | (born_y == UNKNOWN_BIRTH),
        0,
        np.where(born_x < born_y, 1, np.where(born_x > born_y, 2, 3)),
    )
    sexes = people.male[x] * 4 + people.male[via] * 2 + people.male[y]
    code = (shape * 8 + sexes) * _ORDERS + order
    present = np.bincount(code, minlength=len(SHAPES) * 8 * _ORDERS) > 0
    wording = (np.cumsum(present) - 1)[code]
    return wording.astype(np.int64), [_template(int(c)) for c in np.flatnonzero(present)]


def _template(code: int) -> str:
    """The rule's sentence for one combination, with {0}, {1}, {2} for the three names."""
    rest, order = divmod(code, _ORDERS)
    shape, sexes = divmod(rest, 8)
    roles = SHAPES[shape][0]
    days = _DAYS[order]

    def person(i: int, male: int, day: int | None) -> Person:
        born = None if day is None else date.fromordinal(_EPOCH + 10_000 + day)
        return Person(str(i), f"{{{i}}}", Sex.MALE if male else Sex.FEMALE, born)

    first = person(0, sexes >> 2 & 1, days[0])
    last = person(2, sexes & 1, days[1])
    if len(roles) == 1:
        return chain_sentence([first, last], roles)
    return chain_sentence([first, person(1, sexes >> 1 & 1, None), last], roles)


@dataclass(frozen=True)
class Conflicts:
    """Related pairs, one a row, sorted by (group, a, b): `middle` is the person a two-link
    chain runs through (-1 for one link), `shape` indexes `SHAPES`, `wording` the templates."""

    group: Int
    a: Int
    b: Int
    middle: Int
    shape: Int
    wording: Int
    templates: list[str]

    def __len__(self) -> int:
        return len(self.a)

    def kinds(self) -> list[RelationKind]:
        kind_of = [kind for _, kind in SHAPES]
        return [kind_of[s] for s in self.shape.tolist()]

    def chains(self, names: Sequence[str]) -> list[str]:
        """Each pair's chain in words, as the rule's `chain_sentence` says it."""
        templates = [t.format for t in self.templates]
        return [
            templates[w](names[a], names[m], names[b])
            for w, a, m, b in zip(
                self.wording.tolist(),
                self.a.tolist(),
                np.where(self.middle >= 0, self.middle, self.a).tolist(),
                self.b.tolist(),
                strict=True,
            )
        ]

    def kin_conflicts(
        self, keys: Sequence[str], names: Sequence[str], rule_id: str, blocking: bool = True
    ) -> list[KinConflict]:
        """The rows as the rule's `KinConflict`s (people by their keys)."""
        return [
            KinConflict(
                a=keys[a],
                b=keys[b],
                kind=kind,
                chain=chain,
                rule_id=rule_id,
                blocking=blocking,
                path=(keys[a], keys[m], keys[b]) if m >= 0 else (keys[a], keys[b]),
            )
            for a, m, b, kind, chain in zip(
                self.a.tolist(),
                self.middle.tolist(),
                self.b.tolist(),
                self.kinds(),
                self.chains(names),
                strict=True,
            )
        ]
