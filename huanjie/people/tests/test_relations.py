"""Reviewing close-relative links: confirm, reject (kept, never derived again), reopen, confirm a
household at once, declare with a basis, remove a declared one; `recusal_relations` returns only
the links that count. Every change is audited; every refusal changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, add_person
from huanjie.audit.models import AuditEntry
from huanjie.people.models import CloseRelative, HeadRelation, Person, RelationSource, Sex
from huanjie.people.register.derivation import rederive_household_relations
from huanjie.people.relation_status import RelationStatus, relation_status
from huanjie.people.selectors import (
    recusal_relations,
    village_relation_counts,
    village_relation_list,
)
from huanjie.people.services import (
    relation_confirm,
    relation_correct,
    relation_declare,
    relation_reject,
    relation_remove,
    relation_reopen,
    relations_confirm_household,
)


@pytest.fixture
def family(tree: RegionTree) -> dict[str, Any]:
    """a1's household with a son and a daughter, its four links derived and pending."""
    household = tree.households["a1"]
    son = add_person(household, 50, Sex.MALE, HeadRelation.SON, name="长子")
    daughter = add_person(household, 51, Sex.FEMALE, HeadRelation.DAUGHTER, name="次女")
    assert rederive_household_relations([household]) == 4
    links = CloseRelative.objects.all()
    return {
        "user": user_for(Role.ELECTION_COMMITTEE, tree.a1),
        "head": tree.heads["a1"],
        "spouse": tree.spouses["a1"],
        "son": son,
        "daughter": daughter,
        "spouse_link": links.get(kind="spouse"),
        "sibling": links.get(kind="sibling"),
        "son_link": links.get(kind="parent_child", person_b=son),
    }


def _state() -> list[tuple[Any, ...]]:
    return [
        *CloseRelative.objects.order_by("pk").values_list(
            "pk", "person_a", "person_b", "kind", "source", "confirmed_at", "confirmed_by",
            "rejected_at", "rejected_by", "basis",
        ),
        ("audit", AuditEntry.objects.count()),
    ]  # fmt: skip


def _last_audit() -> AuditEntry:
    return AuditEntry.objects.latest("id")


def test_reject_keeps_the_link_with_the_reason_and_it_is_not_derived_again(
    tree: RegionTree, family: dict[str, Any]
) -> None:
    user: User = family["user"]
    sibling = relation_reject(
        relation=family["sibling"], reason="  实为 继子女  ", acting_user=user
    )
    assert (sibling.rejected_by, sibling.basis) == (user, "实为 继子女")
    assert relation_status(sibling) == RelationStatus.REJECTED
    entry = _last_audit()
    assert (entry.action, entry.actor, entry.village) == ("people.relation_reject", user, tree.a1)
    assert (entry.before or {})["rejected_at"] is None and (entry.after or {})[
        "basis"
    ] == "实为 继子女"
    # The household is derived again (a member added): the rejected link stays rejected, once.
    add_person(tree.households["a1"], 52, Sex.MALE, HeadRelation.SON, name="三子")
    rederive_household_relations([tree.households["a1"]])
    kept = CloseRelative.objects.filter(
        person_a=family["son"], person_b=family["daughter"], kind="sibling"
    )
    assert list(kept.values_list("pk", "rejected_at")) == [(sibling.pk, sibling.rejected_at)]


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", "请写明否定的理由"), ("   ", "请写明否定的理由"), ("理" * 201, "最多200个字")],
)
def test_reject_needs_a_reason_and_changes_nothing_without(
    family: dict[str, Any], reason: str, message: str
) -> None:
    before = _state()
    with pytest.raises(ValidationError, match=message):
        relation_reject(relation=family["sibling"], reason=reason, acting_user=family["user"])
    assert _state() == before


def test_only_a_pending_derived_link_is_rejected(family: dict[str, Any]) -> None:
    user = family["user"]
    relation_confirm(relation=family["spouse_link"], acting_user=user)
    relation_reject(relation=family["sibling"], reason="不是亲兄妹", acting_user=user)
    declared = relation_declare(
        person_a=family["head"], person_b=family["son"], kind="grandparent_grandchild",
        basis="户口簿", acting_user=user,
    )  # fmt: skip
    before = _state()
    for relation, message in [
        (family["spouse_link"], "先点“撤销确认”"),
        (family["sibling"], "已于.*被否定（理由：不是亲兄妹）"),
        (declared, "村选委会登记的，不能否定"),
    ]:
        with pytest.raises(ValidationError, match=message):
            relation_reject(relation=relation, reason="再否定", acting_user=user)
    assert _state() == before


def test_confirm_refuses_a_rejected_link(family: dict[str, Any]) -> None:
    relation_reject(relation=family["sibling"], reason="不是亲兄妹", acting_user=family["user"])
    before = _state()
    with pytest.raises(ValidationError, match="撤销否定"):
        relation_confirm(relation=family["sibling"], acting_user=family["user"])
    assert _state() == before


def test_reopen_undoes_a_confirmation_or_a_rejection(
    tree: RegionTree, family: dict[str, Any]
) -> None:
    user = family["user"]
    relation_confirm(relation=family["spouse_link"], acting_user=user)
    relation_reject(relation=family["sibling"], reason="不是亲兄妹", acting_user=user)
    for link in (family["spouse_link"], family["sibling"]):
        reopened = relation_reopen(relation=link, acting_user=user)
        assert relation_status(reopened) == RelationStatus.PENDING and reopened.basis == ""
        entry = _last_audit()
        assert (entry.action, entry.actor, entry.village) == (
            "people.relation_reopen",
            user,
            tree.a1,
        )
    assert (_last_audit().before or {})["basis"] == "不是亲兄妹"  # the trail keeps the reason
    declared = relation_declare(
        person_a=family["son"], person_b=family["daughter"], kind="spouse", basis="结婚证",
        acting_user=user,
    )  # fmt: skip
    before = _state()
    with pytest.raises(ValidationError, match="无需撤销"):
        relation_reopen(relation=family["son_link"], acting_user=user)
    with pytest.raises(ValidationError, match="不能撤销为待确认"):
        relation_reopen(relation=declared, acting_user=user)
    assert _state() == before


def test_confirm_household_confirms_every_pending_link_with_one_entry_each(
    tree: RegionTree, family: dict[str, Any]
) -> None:
    user = family["user"]
    relation_reject(relation=family["sibling"], reason="不是亲兄妹", acting_user=user)
    entries = AuditEntry.objects.count()
    assert relations_confirm_household(household=tree.households["a1"], acting_user=user) == 3
    statuses = {relation_status(r) for r in CloseRelative.objects.exclude(pk=family["sibling"].pk)}
    assert statuses == {RelationStatus.CONFIRMED}
    assert CloseRelative.objects.get(pk=family["sibling"].pk).rejected_at is not None
    added = AuditEntry.objects.filter(pk__gt=0).order_by("-id")[:3]
    assert AuditEntry.objects.count() == entries + 3
    assert {(e.action, e.village_id) for e in added} == {("people.relation_confirm", tree.a1.pk)}
    before = _state()
    with pytest.raises(ValidationError, match="本户没有待确认"):
        relations_confirm_household(household=tree.households["a1"], acting_user=user)
    assert _state() == before


def test_declare_needs_a_basis_and_keeps_it(tree: RegionTree, family: dict[str, Any]) -> None:
    user = family["user"]
    before = _state()
    for basis in ("", "  "):
        with pytest.raises(ValidationError, match="请填写依据"):
            relation_declare(
                person_a=family["head"], person_b=tree.heads["a2"], kind="sibling", basis=basis,
                acting_user=user,
            )  # fmt: skip
    with pytest.raises(ValidationError, match="依据最多200个字"):
        relation_declare(
            person_a=family["head"], person_b=tree.heads["a2"], kind="sibling", basis="证" * 201,
            acting_user=user,
        )  # fmt: skip
    assert _state() == before
    link = relation_declare(
        person_a=family["head"], person_b=tree.heads["a2"], kind="sibling", basis="村民证实",
        acting_user=user,
    )  # fmt: skip
    assert (link.basis, link.source, link.confirmed_by) == ("村民证实", "declared", user)
    assert relation_status(link) == RelationStatus.DECLARED
    entry = _last_audit()
    assert entry.action == "people.relation_declare" and (entry.after or {})["basis"] == "村民证实"


def test_remove_takes_a_declared_link_only(family: dict[str, Any]) -> None:
    user = family["user"]
    before = _state()
    with pytest.raises(ValidationError, match="请点“否定”"):
        relation_remove(relation=family["sibling"], acting_user=user)
    assert _state() == before
    declared = relation_declare(
        person_a=family["son"], person_b=family["daughter"], kind="spouse", basis="误登",
        acting_user=user,
    )  # fmt: skip
    relation_remove(relation=declared, acting_user=user)
    assert not CloseRelative.objects.filter(pk=declared.pk).exists()
    assert (_last_audit().before or {})["basis"] == "误登"


def test_correcting_a_rejected_link_clears_the_rejection(family: dict[str, Any]) -> None:
    user = family["user"]
    relation_reject(relation=family["son_link"], reason="实为孙子", acting_user=user)
    corrected = relation_correct(
        relation=family["son_link"], kind="grandparent_grandchild", basis="户口簿",
        acting_user=user,
    )  # fmt: skip
    assert corrected.rejected_at is None and corrected.confirmed_by == user
    assert (corrected.basis, relation_status(corrected)) == ("户口簿", RelationStatus.DECLARED)


def test_recusal_relations_are_only_confirmed_and_declared_links(
    tree: RegionTree, family: dict[str, Any]
) -> None:
    user = family["user"]
    head, son, daughter = family["head"], family["son"], family["daughter"]
    relation_confirm(relation=family["spouse_link"], acting_user=user)
    relation_reject(relation=family["sibling"], reason="不是亲兄妹", acting_user=user)
    # son_link and the daughter's link stay pending.
    cousin = relation_declare(
        person_a=tree.heads["a2"], person_b=son, kind="sibling", basis="村民证实", acting_user=user
    )

    def kinds(people: list[Person | int], among: bool = False) -> set[tuple[int, int, str]]:
        rows = recusal_relations(people=people, among=among)
        return {(r.person_a_id, r.person_b_id, r.kind) for r in rows}

    spouse = (family["spouse_link"].person_a_id, family["spouse_link"].person_b_id, "spouse")
    assert kinds([head]) == {spouse}
    assert kinds([son.pk, daughter]) == {(cousin.person_a_id, cousin.person_b_id, "sibling")}
    assert kinds([head, son, daughter, family["spouse"]], among=True) == {spouse}
    assert kinds([]) == set()


def test_village_lists_count_and_filter_by_status(tree: RegionTree, family: dict[str, Any]) -> None:
    user = family["user"]
    relation_confirm(relation=family["spouse_link"], acting_user=user)
    relation_reject(relation=family["sibling"], reason="不是亲兄妹", acting_user=user)
    relation_declare(
        person_a=tree.heads["a2"], person_b=family["son"], kind="sibling", basis="村民证实",
        acting_user=user,
    )  # fmt: skip
    counts = village_relation_counts(village=tree.a1)
    assert counts == {
        RelationStatus.PENDING: 2,
        RelationStatus.CONFIRMED: 1,
        RelationStatus.REJECTED: 1,
        RelationStatus.DECLARED: 1,
    }
    for status, n in counts.items():
        assert village_relation_list(village=tree.a1, status=status).count() == n
        assert {
            relation_status(r) for r in village_relation_list(village=tree.a1, status=status)
        } == {status}
    assert village_relation_list(village=tree.a2).count() == 1  # the declared link, from a2's side
    assert village_relation_list(village=tree.b1).count() == 0
    assert RelationSource.DECLARED in {r.source for r in village_relation_list(village=tree.a2)}


def test_declaring_a_derived_link_again_says_to_decide_on_it(family: dict[str, Any]) -> None:
    user = family["user"]
    son, daughter = family["son"], family["daughter"]
    before = _state()
    with pytest.raises(ValidationError, match="已由户籍推导、等待确认"):
        relation_declare(
            person_a=daughter, person_b=son, kind="sibling", basis="村民证实", acting_user=user
        )
    assert _state() == before
    relation_reject(relation=family["sibling"], reason="不是亲兄妹", acting_user=user)
    with pytest.raises(ValidationError, match="曾被否定（理由：不是亲兄妹）"):
        relation_declare(
            person_a=son, person_b=daughter, kind="sibling", basis="村民证实", acting_user=user
        )
