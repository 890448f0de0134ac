"""Close-relative links a household register shows by itself (domain.md §1).

A register lists each member's relation to the head of household (与户主关系, GB/T 4761). Only
links that follow from that column with certainty are derived; each is later confirmed or
corrected by the election committee, and declared links add what a register cannot show:

- head – 配偶: spouses;
- head – 子 / 女: the head is the parent;
- head – 父母: the 父母 member is the parent;
- head – 祖父母: the 祖父母 member is the grandparent; head – 孙子 / 孙女: the head is;
- head – 兄弟姐妹: siblings;
- the head's 子 / 女 among themselves: siblings.

Deliberately NOT derived (each may be true, none is certain from the register):

- two 孙子 / 孙女: they may be cousins (children of different children of the head);
- 儿媳 / 女婿 with anybody: in-laws are not 近亲属 (民法典 1045);
- two 父母 (or two 祖父母) members among themselves: usually a couple, but one may be a
  step-parent or a widowed parent's new spouse; the register does not say;
- 配偶 with the head's 子 / 女: the spouse may be a step-parent;
- the head's 子 / 女 with 孙子 / 孙女: a grandchild's parent may be another child of the head;
- 兄弟姐妹 with 父母, or 兄弟姐妹 among themselves: half-siblings and step-families are common;
- 其他: nothing at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from itertools import combinations

from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.relations import Relation, RelationKind

RULE_ID = "REG-HOUSEHOLD"


class HeadRelation(StrEnum):
    """与户主关系 on the register (values shared with the database's choices)."""

    HEAD = "head"
    SPOUSE = "spouse"
    SON = "son"
    DAUGHTER = "daughter"
    GRANDSON = "grandson"
    GRANDDAUGHTER = "granddaughter"
    PARENT = "parent"
    GRANDPARENT = "grandparent"
    SIBLING = "sibling"
    DAUGHTER_IN_LAW = "daughter_in_law"
    SON_IN_LAW = "son_in_law"
    OTHER = "other"


CHILDREN = frozenset({HeadRelation.SON, HeadRelation.DAUGHTER})
GRANDCHILDREN = frozenset({HeadRelation.GRANDSON, HeadRelation.GRANDDAUGHTER})

# (kind, head_first): the link between the head and a member of that relation; `head_first`
# says whether the head is `a` (the parent / grandparent of a directed kind).
HEAD_LINKS: dict[HeadRelation, tuple[RelationKind, bool]] = {
    HeadRelation.SPOUSE: (RelationKind.SPOUSE, True),
    HeadRelation.SON: (RelationKind.PARENT_CHILD, True),
    HeadRelation.DAUGHTER: (RelationKind.PARENT_CHILD, True),
    HeadRelation.PARENT: (RelationKind.PARENT_CHILD, False),
    HeadRelation.GRANDPARENT: (RelationKind.GRANDPARENT_GRANDCHILD, False),
    HeadRelation.GRANDSON: (RelationKind.GRANDPARENT_GRANDCHILD, True),
    HeadRelation.GRANDDAUGHTER: (RelationKind.GRANDPARENT_GRANDCHILD, True),
    HeadRelation.SIBLING: (RelationKind.SIBLING, True),
}


def derive_relations(members: Sequence[tuple[str, HeadRelation]]) -> tuple[Relation, ...]:
    """The derived links of one household, keyed by the member keys given.

    `members` are (key, relation to the head) pairs in register order; the household must have
    exactly one head and distinct keys (a broken precondition raises `RuleViolation`). The
    result is in a stable order: head links in member order, then the children's sibling pairs.
    """
    keys = [key for key, _ in members]
    if len(set(keys)) != len(keys):
        raise RuleViolation(RULE_ID, "同一户中有重复的成员，请每人只登记一次。")
    heads = [key for key, relation in members if relation == HeadRelation.HEAD]
    if len(heads) != 1:
        raise RuleViolation(
            RULE_ID, f"每户必须有且只有一名户主，这一户有{len(heads)}名，请核对与户主关系。"
        )
    head = heads[0]
    links: list[Relation] = []
    for key, relation in members:
        link = HEAD_LINKS.get(relation)
        if link is None:
            continue
        kind, head_first = link
        links.append(Relation(head, key, kind) if head_first else Relation(key, head, kind))
    children = [key for key, relation in members if relation in CHILDREN]
    links.extend(Relation(x, y, RelationKind.SIBLING) for x, y in combinations(children, 2))
    return tuple(links)
