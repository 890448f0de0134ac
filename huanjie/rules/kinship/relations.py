"""Close-relative links and the relation sets the law uses (民法典 1045; KIN-1..6, PROXY).

A link is stored once, directed where the kind is directed: for `parent_child` the first
person is the parent, for `grandparent_grandchild` the first is the grandparent.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RelationKind(StrEnum):
    SPOUSE = "spouse"
    PARENT_CHILD = "parent_child"
    SIBLING = "sibling"
    GRANDPARENT_GRANDCHILD = "grandparent_grandchild"


class RelationSet(StrEnum):
    """Named sets of relation kinds, as profiles.md names them."""

    NONE = "none"
    SPOUSE_PARENT_CHILD_SIBLING = "spouse_parent_child_sibling"
    # spouse, parents, children, grandparents, grandchildren (直系亲属 + spouse; SH)
    SPOUSE_LINEAL = "spouse_lineal"
    # 民法典 1045: spouse, parents, children, siblings, grandparents, grandchildren
    NEAR_RELATIVES = "near_relatives"

    @property
    def kinds(self) -> frozenset[RelationKind]:
        return _KINDS[self]

    def covers(self, kind: RelationKind) -> bool:
        return kind in _KINDS[self]


_KINDS: dict[RelationSet, frozenset[RelationKind]] = {
    RelationSet.NONE: frozenset(),
    RelationSet.SPOUSE_PARENT_CHILD_SIBLING: frozenset(
        {RelationKind.SPOUSE, RelationKind.PARENT_CHILD, RelationKind.SIBLING}
    ),
    RelationSet.SPOUSE_LINEAL: frozenset(
        {RelationKind.SPOUSE, RelationKind.PARENT_CHILD, RelationKind.GRANDPARENT_GRANDCHILD}
    ),
    RelationSet.NEAR_RELATIVES: frozenset(RelationKind),
}


@dataclass(frozen=True, slots=True)
class Relation:
    """One close-relative link between two people (by any stable key: ID, name, code)."""

    a: str
    b: str
    kind: RelationKind

    def involves(self, person: str) -> bool:
        return person in (self.a, self.b)

    def other(self, person: str) -> str:
        return self.b if person == self.a else self.a
