"""The relation sets of the law (民法典 1045; profiles.md "Relation sets")."""

import pytest

from huanjie.rules.kinship.relations import Relation, RelationKind, RelationSet

SPOUSE, PARENT, SIBLING, GRAND = (
    RelationKind.SPOUSE,
    RelationKind.PARENT_CHILD,
    RelationKind.SIBLING,
    RelationKind.GRANDPARENT_GRANDCHILD,
)


@pytest.mark.parametrize(
    ("relation_set", "kinds"),
    [
        (RelationSet.NONE, set()),
        (RelationSet.SPOUSE_PARENT_CHILD_SIBLING, {SPOUSE, PARENT, SIBLING}),
        (RelationSet.SPOUSE_LINEAL, {SPOUSE, PARENT, GRAND}),
        (RelationSet.NEAR_RELATIVES, {SPOUSE, PARENT, SIBLING, GRAND}),
    ],
    ids=["none", "spouse_parent_child_sibling", "spouse_lineal", "near_relatives"],
)
def test_kin_1_relation_sets(relation_set: RelationSet, kinds: set[RelationKind]) -> None:
    assert relation_set.kinds == kinds
    for kind in RelationKind:
        assert relation_set.covers(kind) is (kind in kinds)


def test_relation_other_and_involves() -> None:
    link = Relation("父", "子", PARENT)
    assert link.involves("父") and link.involves("子") and not link.involves("孙")
    assert link.other("父") == "子"
    assert link.other("子") == "父"
