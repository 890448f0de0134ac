"""Kinship avoidance (任职回避, KIN-1..6): which people of a group are near relatives.

Only what the law's relations imply is derived, through chains of at most two links: a parent's
parent is a grandparent, two children of one parent are siblings. Nothing else: two
grandchildren of one grandparent may be cousins (堂/表兄弟姐妹) and a spouse's parent is an
in-law — neither is a 近亲属 (民法典 1045), so neither is ever derived.

`KinshipIndex` indexes the links per person once; a query then walks only the neighbourhood of
the people in the groups asked about, never all pairs of people.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.relations import Relation, RelationKind, RelationSet
from huanjie.rules.kinship.terms import KIND_OF_ROLE, Person, Role, Sex, chain_sentence

__all__ = [
    "LINK_ROLES",
    "TWO_LINK_CHAINS",
    "KinConflict",
    "KinshipIndex",
    "Person",
    "Sex",
    "chain_rank",
    "conflicts",
]

GENERIC_RULE_ID = "KIN"

# Roles of the first person of a stored link, and of the second.
LINK_ROLES: dict[RelationKind, tuple[Role, Role]] = {
    RelationKind.SPOUSE: (Role.SPOUSE, Role.SPOUSE),
    RelationKind.PARENT_CHILD: (Role.PARENT, Role.CHILD),
    RelationKind.SIBLING: (Role.SIBLING, Role.SIBLING),
    RelationKind.GRANDPARENT_GRANDCHILD: (Role.GRANDPARENT, Role.GRANDCHILD),
}


@dataclass(frozen=True, slots=True)
class KinConflict:
    """Two people of the groups asked about who are related within the rule's relation set.

    `chain` reads "a 是 b 的 …" and names the links it rests on; `path` holds the keys along it.
    """

    a: str
    b: str
    kind: RelationKind
    chain: str
    rule_id: str
    blocking: bool
    path: tuple[str, ...]


_Keys = tuple[str, ...]
_Roles = tuple[Role, ...]
_SIBLINGS_BY_PARENT: _Roles = (Role.CHILD, Role.PARENT)
_ONE_STEP = tuple((role, KIND_OF_ROLE[role]) for role in Role)
_SIBLING = RelationKind.SIBLING
_GRANDPARENT = RelationKind.GRANDPARENT_GRANDCHILD

# The chains of two links the law implies, with the relation each makes: two children of one
# parent are siblings; a parent's parent is a grandparent, a child's child a grandchild.
TWO_LINK_CHAINS: tuple[tuple[RelationKind, tuple[Role, Role]], ...] = (
    (_SIBLING, (Role.CHILD, Role.PARENT)),
    (_GRANDPARENT, (Role.CHILD, Role.CHILD)),
    (_GRANDPARENT, (Role.PARENT, Role.PARENT)),
)


def _kind(roles: _Roles) -> RelationKind:
    if len(roles) == 1:
        return KIND_OF_ROLE[roles[0]]
    return _SIBLING if roles == _SIBLINGS_BY_PARENT else _GRANDPARENT


def chain_rank(roles: Sequence[Role]) -> int:
    """Which of several chains linking one pair to show, before their keys and roles: a direct
    link first (0), then a chain of two links (1), and a grandparent link entered directly
    last (2), since the chain through the parent tells the side (祖父 or 外祖父)."""
    if len(roles) == 2:
        return 1
    if roles[0] in (Role.GRANDPARENT, Role.GRANDCHILD):
        return 2
    return 0


def _preference(keys: _Keys, roles: _Roles) -> tuple[int, _Keys, _Roles]:
    """The chain shown for a pair is the least by (rank, keys along it, roles)."""
    return chain_rank(roles), keys, roles


class KinshipIndex:
    """People and their close-relative links, indexed per person for kinship queries."""

    def __init__(self, people: Iterable[Person], relations: Iterable[Relation]) -> None:
        self._people: dict[str, Person] = {}
        for person in people:
            if person.key in self._people:
                raise RuleViolation(
                    GENERIC_RULE_ID,
                    f"人员编号 {person.key} 在名单中出现了两次，请合并重复的记录后再核查亲属关系",
                )
            self._people[person.key] = person
        # per role, per person: the people that person is `role` of ("CHILD": their parents)
        self._links: dict[Role, dict[str, list[str]]] = {role: {} for role in Role}
        for relation in relations:
            self._add(relation)

    def _add(self, relation: Relation) -> None:
        for key in (relation.a, relation.b):
            if key not in self._people:
                raise RuleViolation(
                    GENERIC_RULE_ID,
                    f"亲属关系中的人员 {key} 不在人员名单中，请先登记该人员或删除这条关系",
                )
        if relation.a == relation.b:
            name = self._people[relation.a].name
            raise RuleViolation(
                GENERIC_RULE_ID, f"{name} 被登记为与本人存在亲属关系，请更正这条关系"
            )
        role_a, role_b = LINK_ROLES[relation.kind]
        # Stored from each side: "a is <role_a> of b", "b is <role_b> of a".
        self._links[role_a].setdefault(relation.a, []).append(relation.b)
        self._links[role_b].setdefault(relation.b, []).append(relation.a)

    def person(self, key: str) -> Person:
        return self._people[key]

    def _chains_from(
        self, x: str, kinds: frozenset[RelationKind]
    ) -> Iterator[tuple[_Keys, _Roles]]:
        """Every chain of at most two links from `x` whose relation falls in `kinds`."""
        links = self._links
        for role, kind in _ONE_STEP:
            if kind in kinds:
                for y in links[role].get(x, ()):
                    yield (x, y), (role,)
        for kind, roles in TWO_LINK_CHAINS:
            if kind in kinds:
                first, then = links[roles[0]], links[roles[1]]
                for middle in first.get(x, ()):
                    for y in then.get(middle, ()):
                        if y != x:
                            yield (x, middle, y), roles

    def _check_known(self, keys: Collection[str]) -> None:
        for key in keys:
            if key not in self._people:
                raise RuleViolation(
                    GENERIC_RULE_ID,
                    f"名单中的人员 {key} 不在人员名单中，请先登记该人员再核查亲属关系",
                )

    def conflicts(
        self,
        relation_set: RelationSet,
        among: Collection[str] | None = None,
        across: tuple[Collection[str], Collection[str]] | None = None,
        *,
        rule_id: str = GENERIC_RULE_ID,
        blocking: bool = True,
    ) -> list[KinConflict]:
        """Related pairs inside one group (`among`), or between two groups (`across`: `a` from
        the first group, `b` from the second); all people when neither is given. One conflict
        per pair, sorted by (a, b). A person in both groups of `across` is not paired with
        themself: holding two posts is for the caller's rule to judge."""
        if among is not None and across is not None:
            raise ValueError("give either `among` or `across`, not both")
        if across is None:
            group = set(self._people if among is None else among)
            left, right = group, group
        else:
            left, right = set(across[0]), set(across[1])
        self._check_known(left)
        self._check_known(right)
        kinds = relation_set.kinds
        best: dict[tuple[str, str], tuple[_Keys, _Roles]] = {}
        for x in left:
            x_in_right = x in right
            for keys, roles in self._chains_from(x, kinds):
                y = keys[-1]
                if y not in right or (x_in_right and y < x and y in left):
                    continue  # not asked about, or found from y's side (the same pair)
                known = best.get((x, y))
                if known is None or _preference(keys, roles) < _preference(*known):
                    best[x, y] = keys, roles
        return [
            self._conflict(keys, roles, rule_id, blocking)
            for _, (keys, roles) in sorted(best.items(), key=lambda item: item[0])
        ]

    def _conflict(self, keys: _Keys, roles: _Roles, rule_id: str, blocking: bool) -> KinConflict:
        people = [self._people[key] for key in keys]
        return KinConflict(
            a=keys[0],
            b=keys[-1],
            kind=_kind(roles),
            chain=chain_sentence(people, roles),
            rule_id=rule_id,
            blocking=blocking,
            path=keys,
        )


def conflicts(
    people: Iterable[Person],
    relations: Iterable[Relation],
    relation_set: RelationSet,
    among: Collection[str] | None = None,
    across: tuple[Collection[str], Collection[str]] | None = None,
) -> list[KinConflict]:
    """One-off query; build a `KinshipIndex` once to ask about many groups (many villages)."""
    return KinshipIndex(people, relations).conflicts(relation_set, among=among, across=across)
