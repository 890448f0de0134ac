"""The close-relative links of many households at once: for each household, the links
`huanjie.rules.kinship.household.derive_relations` derives from its 与户主关系 column, in the
same order (the head's links in member order, then the head's children pairwise). The rule
is defined there (`HEAD_LINKS`, `CHILDREN`); this runs it over whole arrays and is
differential-tested against it (huanjie/bulk/tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from huanjie.rules.kinship.household import CHILDREN, HEAD_LINKS, HeadRelation
from huanjie.rules.kinship.relations import RelationKind

KINDS: tuple[RelationKind, ...] = tuple(RelationKind)


@dataclass(frozen=True)
class Links:
    """Links between members (indexes into the input), `kinds[kind[i]]` the i-th's kind."""

    a: NDArray[np.int64]
    b: NDArray[np.int64]
    kind: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.a)


def derive_links(households: NDArray[np.int64], relations: Sequence[str]) -> Links:
    """The links of every household. `households[i]` is member i's household, each
    household's members next to each other in register order; `relations[i]` its relation to
    the head (a `HeadRelation` value). Like the rule, every household must have exactly one
    head (ValueError otherwise); the members are distinct people (the caller's to ensure)."""
    count = len(relations)
    none = np.zeros(0, np.int64)
    if not count:
        return Links(none, none, none)
    codes = {relation: i for i, relation in enumerate(HeadRelation)}
    try:  # by value: a million members are not made enum members one by one
        relation = np.fromiter((codes[r] for r in relations), np.int64, count)  # type: ignore[index]
    except KeyError as unknown:
        raise ValueError(f"not a relation to the head: {unknown}") from None
    kind_of = np.full(len(codes), -1, np.int64)
    head_first = np.zeros(len(codes), bool)
    for member, (link, is_first) in HEAD_LINKS.items():
        kind_of[codes[member]] = KINDS.index(link)
        head_first[codes[member]] = is_first
    child = np.zeros(len(codes), bool)
    child[[codes[c] for c in CHILDREN]] = True

    starts = np.flatnonzero(np.r_[True, households[1:] != households[:-1]])
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, count]))
    is_head = relation == codes[HeadRelation.HEAD]
    if not np.array_equal(np.bincount(group[is_head], minlength=len(starts)), np.ones(len(starts))):
        raise ValueError("every household needs exactly one head")
    head = np.flatnonzero(is_head)[np.argsort(group[is_head], kind="stable")]

    # The head's links, in member order.
    linked = np.flatnonzero(kind_of[relation] >= 0)
    own_head = head[group[linked]]
    first = head_first[relation[linked]]
    head_a = np.where(first, own_head, linked)
    head_b = np.where(first, linked, own_head)
    head_kind = kind_of[relation[linked]]

    # The head's children pairwise: each child with every later child of its household.
    children = np.flatnonzero(child[relation])
    per_household = np.bincount(group[children], minlength=len(starts))
    rank = np.arange(len(children)) - np.repeat(
        np.cumsum(per_household) - per_household, per_household
    )
    later = per_household[group[children]] - 1 - rank
    within = np.arange(int(later.sum())) - np.repeat(np.cumsum(later) - later, later)
    pair_first = np.repeat(np.arange(len(children)), later)
    pair_a = children[pair_first]
    pair_b = children[pair_first + 1 + within]
    sibling = KINDS.index(RelationKind.SIBLING)

    a = np.concatenate([head_a, pair_a])
    b = np.concatenate([head_b, pair_b])
    kind = np.concatenate([head_kind, np.full(len(pair_a), sibling, np.int64)])
    # Household by household: head links (by member), then the pairs (in generated order).
    section = np.concatenate([np.zeros(len(head_a), np.int64), np.ones(len(pair_a), np.int64)])
    position = np.concatenate([linked, np.arange(len(pair_a))])
    household = np.concatenate([group[linked], group[pair_a]])
    order = np.lexsort((position, section, household))
    return Links(a[order], b[order], kind[order])
