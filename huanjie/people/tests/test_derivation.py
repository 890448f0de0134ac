"""Deriving a household's pending links again after it changed (people.register.derivation)."""

from __future__ import annotations

from django.utils import timezone

from huanjie.accounts.tests.region_tree import RegionTree, add_person
from huanjie.people.models import CloseRelative, HeadRelation, RegisterStatus, Sex
from huanjie.people.register.derivation import rederive_household_relations


def _links(tree: RegionTree) -> set[tuple[str, str, str]]:
    return {
        (r.person_a.name, r.person_b.name, r.kind)
        for r in CloseRelative.objects.select_related("person_a", "person_b")
    }


def test_derives_the_household_and_keeps_decisions(tree: RegionTree) -> None:
    household = tree.households["a1"]
    child = add_person(household, 50, Sex.MALE, HeadRelation.SON, name="长子")
    other = add_person(household, 51, Sex.FEMALE, HeadRelation.DAUGHTER, name="次女")
    assert rederive_household_relations([household]) == 4  # spouse, 2 parent-child, siblings
    sibling = CloseRelative.objects.get(kind="sibling")
    sibling.rejected_at = timezone.now()
    sibling.save()
    # The daughter moves out: still the head's daughter; the rejected sibling link stays rejected.
    other.status, other.status_on = RegisterStatus.MOVED_OUT, timezone.localdate()
    other.save()
    assert rederive_household_relations([household]) == 0
    head = tree.heads["a1"].name
    assert (head, other.name, "parent_child") in _links(tree)
    assert CloseRelative.objects.filter(pk=sibling.pk, rejected_at__isnull=False).exists()
    # The son becomes 其他 (a foster child, say): his pending link to the head goes.
    child.relation_to_head = HeadRelation.OTHER
    child.save()
    assert rederive_household_relations([household]) == 0
    assert (head, child.name, "parent_child") not in _links(tree)


def test_a_household_without_one_head_derives_nothing(tree: RegionTree) -> None:
    household = tree.households["a2"]
    add_person(household, 52, Sex.MALE, HeadRelation.HEAD, name="第二户主")
    assert rederive_household_relations([household]) == 0
    assert not CloseRelative.objects.exists()
