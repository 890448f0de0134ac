"""People services: one household, person changes, relations, the party roll. Each is audited;
each refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.audit.models import AuditEntry
from huanjie.people.models import (
    CloseRelative,
    Household,
    MembershipStatus,
    Person,
    PoliticalStatus,
    RelationSource,
)
from huanjie.people.register.inputs import HouseholdInput, MemberInput
from huanjie.people.services import (
    household_register,
    household_register_many,
    party_membership_set,
    party_organization_create,
    person_update,
    relation_confirm,
    relation_correct,
    relation_declare,
    relation_remove,
)
from huanjie.regions.models import VillagerGroup


def _members() -> list[MemberInput]:
    return [
        MemberInput(name="王建国", id_number=valid_id(60), relation="head"),
        MemberInput(name="李秀英", id_number=valid_id(61, male=False), relation="spouse", sex="F"),
        MemberInput(name="王小明", id_number=valid_id(62, birth="20100101"), relation="son"),
    ]


def _snapshot() -> tuple[int, int, int, int]:
    return (
        Household.objects.count(),
        Person.objects.count(),
        CloseRelative.objects.count(),
        AuditEntry.objects.count(),
    )


def test_household_register_writes_people_relations_and_one_audit_entry(tree: RegionTree) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    group = VillagerGroup.objects.get(village=tree.a1)
    household = household_register(
        village=tree.a1, villager_group=group, number="201", members=_members(), acting_user=user
    )
    people = {p.name: p for p in household.members.all()}
    assert people["李秀英"].sex == "F" and people["王小明"].birth_date == date(2010, 1, 1)
    assert people["王建国"].sex == "M"  # taken from the ID number
    kinds = sorted(
        CloseRelative.objects.filter(person_a__household=household).values_list("kind", "source")
    )
    assert kinds == [("parent_child", RelationSource.DERIVED), ("spouse", RelationSource.DERIVED)]
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.actor, entry.village) == (
        "people.household_register",
        user,
        tree.a1,
    )
    assert entry.after is not None
    assert [m["name"] for m in entry.after["members"]] == ["王建国", "李秀英", "王小明"]


REFUSALS = [
    (
        "sex contradicts the ID",
        lambda m: [
            m[0],
            MemberInput(name="李秀英", id_number=m[1].id_number, relation="spouse", sex="M"),
        ],
        "第2位成员“性别”",
    ),
    (
        "bad checksum",
        lambda m: [
            MemberInput(name="王建国", id_number=m[0].id_number[:-1] + "0", relation="head")
        ],
        "校验位不符",
    ),
    ("no head", lambda m: m[1:], "没有户主"),
    (
        "unknown relation code",
        lambda m: [m[0], MemberInput(name="某", id_number=m[2].id_number, relation="cousin")],
        "“cousin”不是可选的与户主关系",
    ),
]


@pytest.mark.parametrize(
    ("change", "fragment"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_household_register_refusals_change_nothing(
    tree: RegionTree, change: Callable[[list[MemberInput]], list[MemberInput]], fragment: str
) -> None:
    group = VillagerGroup.objects.get(village=tree.a1)
    members = change(_members())
    before = _snapshot()
    with pytest.raises(ValidationError) as info:
        household_register(
            village=tree.a1, villager_group=group, number="201", members=members, acting_user=None
        )
    assert any(fragment in m for m in info.value.messages), info.value.messages
    assert _snapshot() == before


def test_household_register_refuses_a_person_of_another_village(tree: RegionTree) -> None:
    group = VillagerGroup.objects.get(village=tree.a1)
    person = MemberInput(name="某", id_number=tree.heads["b1"].id_number, relation="son")
    committee = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    before = _snapshot()
    # The committee may not open 梧桐村: the message does not name it.
    with pytest.raises(ValidationError, match="此人已在本乡镇以外的村登记"):
        household_register(
            village=tree.a1,
            villager_group=group,
            number="201",
            members=[_members()[0], person],
            acting_user=committee,
        )
    assert _snapshot() == before


def test_household_register_refuses_a_group_of_another_village(tree: RegionTree) -> None:
    group = VillagerGroup.objects.get(village=tree.a2)
    with pytest.raises(ValidationError, match="不属于东坑村"):
        household_register(
            village=tree.a1,
            villager_group=group,
            number="201",
            members=_members(),
            acting_user=None,
        )


def test_household_register_many_is_one_audit_entry(tree: RegionTree) -> None:
    households = [
        HouseholdInput(
            "301",
            "第七村民小组",
            (MemberInput(name="甲", id_number=valid_id(70), relation="head"),),
        ),
        HouseholdInput(
            "302",
            "第七村民小组",
            (MemberInput(name="乙", id_number=valid_id(71), relation="head"),),
        ),
    ]
    audit = AuditEntry.objects.count()
    written = household_register_many(village=tree.a1, households=households, acting_user=None)
    assert (len(written.households), written.people) == (2, 2)
    assert AuditEntry.objects.count() == audit + 1
    assert VillagerGroup.objects.filter(village=tree.a1, name="第七村民小组").exists()


def test_person_update_follows_a_new_id_number_and_refuses_a_contradicting_sex(
    tree: RegionTree,
) -> None:
    person = tree.heads["a1"]
    new_id = valid_id(80, male=False, birth="19850505")
    updated = person_update(
        person=person, changes={"id_number": new_id, "phone": "13900000000"}, acting_user=None
    )
    assert (updated.id_number, updated.sex, updated.birth_date) == (new_id, "F", date(1985, 5, 5))
    entry = AuditEntry.objects.latest("id")
    assert entry.before is not None and entry.after is not None
    assert (
        entry.before["id_number"] == tree.heads["a1"].id_number
        and entry.after["id_number"] == new_id
    )
    before = _snapshot()
    with pytest.raises(ValidationError, match="身份证号第17位表示女性"):
        person_update(person=updated, changes={"sex": "M"}, acting_user=None)
    with pytest.raises(ValidationError, match="已被梧桐村的另一人使用"):
        person_update(
            person=updated, changes={"id_number": tree.heads["b1"].id_number}, acting_user=None
        )
    with pytest.raises(ValidationError, match="不能在这里修改"):
        person_update(person=updated, changes={"village": tree.a2}, acting_user=None)
    assert _snapshot() == before


def test_relations_declare_confirm_correct_remove(tree: RegionTree) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    head, spouse = tree.heads["a1"], tree.spouses["a1"]
    other = tree.heads["a2"]
    declared = relation_declare(
        person_a=other, person_b=head, kind="sibling", basis="村民证实", acting_user=user
    )
    assert (declared.person_a_id, declared.person_b_id) == tuple(sorted([head.pk, other.pk]))
    assert declared.source == RelationSource.DECLARED and declared.confirmed_by == user
    with pytest.raises(ValidationError, match="已经登记"):
        relation_declare(
            person_a=head, person_b=other, kind="sibling", basis="村民证实", acting_user=user
        )
    with pytest.raises(ValidationError, match="与自己"):
        relation_declare(
            person_a=head, person_b=head, kind="spouse", basis="结婚证", acting_user=user
        )

    derived = CloseRelative.objects.create(
        person_a=head, person_b=spouse, kind="parent_child", source=RelationSource.DERIVED
    )
    confirmed = relation_confirm(relation=derived, acting_user=user)
    assert confirmed.confirmed_by == user
    with pytest.raises(ValidationError, match="无需再次确认"):
        relation_confirm(relation=derived, acting_user=user)
    corrected = relation_correct(relation=derived, kind="spouse", acting_user=user)
    assert (corrected.kind, corrected.source) == ("spouse", RelationSource.DECLARED)
    corrected = relation_correct(
        relation=derived, kind="parent_child", parent_or_elder=spouse, acting_user=user
    )
    assert (corrected.person_a_id, corrected.person_b_id) == (spouse.pk, head.pk)
    with pytest.raises(ValidationError, match="不是这条关系中的两人之一"):
        relation_correct(
            relation=derived, kind="parent_child", parent_or_elder=other, acting_user=user
        )
    relation_remove(relation=derived, acting_user=user)
    assert not CloseRelative.objects.filter(pk=derived.pk).exists()
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))[-5:]
    assert actions == [
        "people.relation_declare",
        "people.relation_confirm",
        "people.relation_correct",
        "people.relation_correct",
        "people.relation_remove",
    ]


def test_party_roll(tree: RegionTree) -> None:
    branch = party_organization_create(
        village=tree.a2, name="大均村党支部", kind="branch", acting_user=None
    )
    with pytest.raises(ValidationError, match="已有名为"):
        party_organization_create(
            village=tree.a2, name="大均村党支部", kind="branch", acting_user=None
        )
    with pytest.raises(ValidationError, match="无法识别"):
        party_organization_create(village=tree.a2, name="总支", kind="cell", acting_user=None)
    person = tree.spouses["a2"]
    membership = party_membership_set(
        person=person, organization=branch, status="probationary", acting_user=None
    )
    assert person.political_status == PoliticalStatus.PROBATIONARY_MEMBER  # the caller's copy
    person.refresh_from_db()
    assert person.political_status == PoliticalStatus.PROBATIONARY_MEMBER
    # The register's 政治面貌 changed with the roll: the person's own entry says from what to what.
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.target_id, entry.before, entry.after) == (
        "people.political_status_follow",
        str(person.pk),
        {"political_status": PoliticalStatus.MASSES},
        {"political_status": PoliticalStatus.PROBATIONARY_MEMBER},
    )
    membership = party_membership_set(
        person=person,
        organization=branch,
        status="full",
        probation_until=date(2027, 1, 1),
        acting_user=None,
    )
    assert membership.status == MembershipStatus.FULL
    before = AuditEntry.objects.filter(action="people.party_membership_set").latest("id").before
    assert before is not None and before["status"] == "probationary"
    with pytest.raises(ValidationError, match="只有正式党员"):
        party_membership_set(
            person=person,
            organization=branch,
            status="probationary",
            probation_until=date(2027, 1, 1),
            acting_user=None,
        )
    with pytest.raises(ValidationError, match="不是大均村党支部所在村的村民"):
        party_membership_set(
            person=tree.heads["b1"], organization=branch, status="full", acting_user=None
        )


def test_household_values_match_the_pure_core() -> None:
    from huanjie.people.models import HeadRelation as Stored
    from huanjie.rules.kinship.household import HeadRelation as Pure

    assert set(Stored.values) == {r.value for r in Pure}
