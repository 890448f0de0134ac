"""VC-REG-3: nobody on two registers of the same term anywhere in the system — 人户分离 (a
category-3 resident registered at home too), movers, another county — enforced by the database
and shown to both villages, naming the other one only to whom may open it; publication waits
until it is settled, and the settlement is recorded."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.people.models import HeadRelation, RegisterStatus
from huanjie.people.register.inputs import MemberInput
from huanjie.people.services import person_add, person_leave
from huanjie.registration.models import (
    Conflict,
    LeftOff,
    LeftOffKind,
    ListStatus,
    Meeting,
    Voter,
)
from huanjie.registration.selectors import conflict_views
from huanjie.registration.services import (
    application_record,
    conflict_resolve,
    register_build,
    register_publish,
)
from huanjie.registration.tests.world import World, build_world

TODAY = date(2026, 3, 1)


@pytest.fixture
def world(tree: RegionTree) -> World:
    return build_world(tree)


def _build(world: World, *keys: str) -> None:
    for key in keys:
        register_build(election=world.elections[key], acting_user=None, today=TODAY)


def _apply_in_a1(world: World, key: str) -> None:
    """The head of village `key` lives in 东坑村 and is approved there as a resident."""
    application_record(
        register=world.register("a1"),
        id_number=world.tree.heads[key].id_number,
        since=date(2021, 1, 1),
        applied_on=date(2026, 2, 1),
        approved_on=date(2026, 2, 20),
        meeting=Meeting.ASSEMBLY,
        acting_user=None,
        today=TODAY,
    )


def _voters(world: World, key: str) -> set[str]:
    return set(
        Voter.objects.filter(register=world.register(key), removed_at__isnull=True).values_list(
            "name", flat=True
        )
    )


def test_vc_reg_3_the_database_refuses_a_second_register(world: World) -> None:
    _build(world, "a1", "b1")
    head = world.tree.heads["a1"]
    row = Voter.objects.get(register=world.register("a1"), person=head)
    with pytest.raises(IntegrityError), transaction.atomic():
        Voter.objects.create(
            register=world.register("b1"),
            person=head,
            term_year=row.term_year,
            category=row.category,
            name=row.name,
            sex=row.sex,
            sort_key="x",
        )


def test_vc_reg_3_a_resident_registered_at_home_is_a_conflict_in_both(world: World) -> None:
    _build(world, "a1", "b1")  # 梧桐村 (b1) lists its head
    _apply_in_a1(world, "b1")
    _build(world, "a1")
    head = world.tree.heads["b1"]
    assert head.name not in _voters(world, "a1")
    conflict = Conflict.objects.get(person=head)
    assert (conflict.claimant, conflict.holder) == (world.register("a1"), world.register("b1"))
    committee = make_user(world.tree, Role.ELECTION_COMMITTEE)  # 东坑村's
    (seen,) = conflict_views(world.register("a1"), committee)
    # 梧桐村 is in another township: the committee of 东坑村 may not open it.
    assert seen.other_name == "本县另一个乡镇（街道）的村（社区）"
    assert seen.contact == "县级选举办公室"
    county = make_user(world.tree, Role.ELECTION_OFFICE)
    assert conflict_views(world.register("a1"), county)[0].other_name == "梧桐村"
    assert conflict_views(world.register("b1"), county)[0].other_name == "东坑村"


@pytest.mark.parametrize("key", ["a1", "b1"])
def test_vc_reg_3_an_open_conflict_blocks_both_publications(world: World, key: str) -> None:
    _build(world, "a1", "b1")
    _apply_in_a1(world, "b1")
    _build(world, "a1")
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="有1人同时列入了其他村") as refused:
        register_publish(
            register=world.register(key),
            published_on=date(2026, 3, 8),
            acting_user=None,
            today=date(2026, 3, 8),
        )
    assert "VC-REG-3" in str(refused.value)
    assert world.register(key).status == ListStatus.DRAFT
    assert AuditEntry.objects.count() == before


def test_vc_reg_3_the_claimant_lets_go_and_publishes(world: World) -> None:
    _build(world, "a1", "b1")
    _apply_in_a1(world, "b1")
    _build(world, "a1")
    committee = make_user(world.tree, Role.ELECTION_COMMITTEE)
    conflict = Conflict.objects.get()
    conflict_resolve(
        conflict=conflict,
        keep=world.register("b1"),
        note="本人选择在户籍地梧桐村参加选举",
        acting_user=committee,
    )
    left = LeftOff.objects.get(register=world.register("a1"), person=world.tree.heads["b1"])
    assert (left.kind, left.rule_ids) == (LeftOffKind.ELSEWHERE, "VC-REG-3")
    entries = AuditEntry.objects.filter(action="registration.conflict_resolve")
    assert {e.village_id for e in entries} == {world.tree.a1.pk, world.tree.b1.pk}
    _build(world, "a1")  # a later build follows the settlement
    assert not Conflict.objects.filter(resolved_at__isnull=True).exists()
    register_publish(
        register=world.register("a1"),
        published_on=date(2026, 3, 8),
        acting_user=committee,
        today=date(2026, 3, 8),
    )
    assert world.register("a1").status == ListStatus.PUBLISHED


def test_vc_reg_3_only_the_holder_takes_a_person_off_its_list(world: World) -> None:
    _build(world, "a1", "b1")
    _apply_in_a1(world, "b1")
    _build(world, "a1")
    conflict = Conflict.objects.get()
    claimant_committee = make_user(world.tree, Role.ELECTION_COMMITTEE)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="只有该村选委会可以决定取消其登记"):
        conflict_resolve(
            conflict=conflict, keep=world.register("a1"), acting_user=claimant_committee
        )
    assert AuditEntry.objects.count() == before and Conflict.objects.get().open
    holder_committee = user_for(Role.ELECTION_COMMITTEE, world.tree.b1)
    conflict_resolve(conflict=conflict, keep=world.register("a1"), acting_user=holder_committee)
    head = world.tree.heads["b1"].name
    assert head in _voters(world, "a1") and head not in _voters(world, "b1")
    _build(world, "b1")  # 梧桐村 built again: the settlement holds
    assert head not in _voters(world, "b1")
    assert Conflict.objects.filter(resolved_at__isnull=True).count() == 0


def test_vc_reg_3_a_published_holder_changes_only_through_an_objection(world: World) -> None:
    _build(world, "b1")
    register_publish(
        register=world.register("b1"),
        published_on=date(2026, 3, 8),
        acting_user=None,
        today=date(2026, 3, 8),
    )
    _build(world, "a1")
    _apply_in_a1(world, "b1")
    _build(world, "a1")
    holder_committee = user_for(Role.ELECTION_COMMITTEE, world.tree.b1)
    with pytest.raises(ValidationError, match="只能由该村选委会经异议处理取消后"):
        conflict_resolve(
            conflict=Conflict.objects.get(), keep=world.register("a1"), acting_user=holder_committee
        )


def test_vc_reg_3_a_mover_is_not_listed_twice(world: World) -> None:
    """大均村's spouse moves to 东坑村 after 大均村 built its draft."""
    _build(world, "a2")
    spouse = world.tree.spouses["a2"]
    assert spouse.name in _voters(world, "a2")
    person_leave(
        person=spouse, status=RegisterStatus.MOVED_OUT, on=date(2026, 2, 1), acting_user=None
    )
    person_add(
        household=world.tree.households["a1"],
        member=MemberInput(
            name=spouse.name, id_number=spouse.id_number, relation=HeadRelation.DAUGHTER_IN_LAW
        ),
        acting_user=None,
    )
    _build(world, "a1")
    assert spouse.name not in _voters(world, "a1")
    committee = make_user(world.tree, Role.ELECTION_COMMITTEE)
    (seen,) = conflict_views(world.register("a1"), make_user(world.tree, Role.TOWNSHIP_OFFICER))
    assert seen.other_name == "大均村"  # the township officer sees both villages
    assert conflict_views(world.register("a1"), committee)[0].other_name == (
        "本乡镇（街道）的另一个村（社区）"
    )
    _build(world, "a2")  # 大均村 builds again: she is no longer on its household register
    assert spouse.name not in _voters(world, "a2")
    _build(world, "a1")
    assert spouse.name in _voters(world, "a1")
    assert not Conflict.objects.exists()


def test_vc_reg_3_across_counties_in_the_same_term(world: World) -> None:
    _build(world, "c1", "a1")
    _apply_in_a1(world, "c1")
    _build(world, "a1")
    (seen,) = conflict_views(world.register("a1"), make_user(world.tree, Role.ELECTION_COMMITTEE))
    assert seen.other_name == "本县以外的村（社区）"
    assert seen.conflict.holder == world.register("c1")
