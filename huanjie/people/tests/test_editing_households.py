"""Keeping households by hand: 户号 and group, members added (and moved in from another
village), the head changed, 与户主关系 edited. Each change is audited with the rows before and
after; each refusal names the field and changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, add_person, valid_id
from huanjie.audit.models import AuditEntry
from huanjie.people.models import (
    CloseRelative,
    HeadRelation,
    Person,
    PersonTag,
    RegisterStatus,
    Sex,
)
from huanjie.people.register.inputs import MemberInput
from huanjie.people.services import (
    field_errors,
    household_head_change,
    household_register,
    household_update,
    person_add,
    person_update,
)
from huanjie.people.tests.editing import last_entry, rows
from huanjie.regions.models import VillagerGroup


def _refused(call: object, field: str, fragment: str) -> None:
    """`call()` is refused beside `field` with a message containing `fragment`, and nothing
    changed."""
    before = rows()
    with pytest.raises(ValidationError) as info:
        call()  # type: ignore[operator]
    errors = field_errors(info.value)
    assert field in errors, errors
    assert any(fragment in m for m in errors[field]), errors
    assert rows() == before


def _committee(tree: RegionTree) -> object:
    return user_for(Role.ELECTION_COMMITTEE, tree.a1)


# --- household_update ----------------------------------------------------------------------


def test_household_update_renumbers_and_moves_to_another_group(tree: RegionTree) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    household = tree.households["a1"]
    second = VillagerGroup.objects.create(village=tree.a1, name="第二村民小组")
    updated = household_update(
        household=household, number=" 009 ", villager_group=second, acting_user=user
    )
    assert (updated.number, updated.villager_group) == ("009", second)
    entry = last_entry()
    assert (entry.action, entry.actor, entry.village) == ("people.household_update", user, tree.a1)
    assert entry.before is not None and entry.after is not None
    assert (entry.before["number"], entry.after["number"]) == ("001", "009")
    assert entry.after["villager_group"] == second.pk


def test_household_update_without_a_change_writes_nothing(tree: RegionTree) -> None:
    household = tree.households["a1"]
    before = rows()
    household_update(household=household, number="001", acting_user=None)
    assert rows() == before


def test_household_update_refusals(tree: RegionTree) -> None:
    household = tree.households["a1"]
    other = tree.households["a1"].__class__.objects.create(
        village=tree.a1, villager_group=household.villager_group, number="002"
    )
    foreign = VillagerGroup.objects.get(village=tree.a2)
    _refused(lambda: household_update(household=household, number="002", acting_user=None),
             "number", "已是本村另一户的户号")  # fmt: skip
    _refused(lambda: household_update(household=household, number="  ", acting_user=None),
             "number", "户号不能为空")  # fmt: skip
    _refused(lambda: household_update(household=household, number="9" * 40, acting_user=None),
             "number", "最多32个字符")  # fmt: skip
    _refused(
        lambda: household_update(household=household, villager_group=foreign, acting_user=None),
        "villager_group",
        "不属于东坑村",
    )
    # 户号 are unique within a village: 大均村's 001 is no obstacle.
    assert household_update(household=other, number="003", acting_user=None).number == "003"
    assert tree.households["a2"].number == "001"


# --- person_add ------------------------------------------------------------------------------


def test_person_add_registers_a_member_derives_relations_and_audits(tree: RegionTree) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    household = tree.households["a1"]
    member = MemberInput(
        name=" 王小明 ",
        id_number=valid_id(70, birth="20100101").lower(),
        relation=HeadRelation.SON,
        education="primary",
        tags=("college_graduate",),
    )
    person = person_add(household=household, member=member, acting_user=user)
    assert (person.name, person.sex, person.birth_date) == ("王小明", "M", date(2010, 1, 1))
    assert (person.village, person.household, person.status) == (tree.a1, household, "active")
    assert list(person.tags.values_list("tag", flat=True)) == ["college_graduate"]
    links = set(CloseRelative.objects.filter(person_b=person).values_list("person_a", "kind"))
    # Only the head's children are derived (the spouse may be a step-parent: domain.md §1).
    assert links == {(tree.heads["a1"].pk, "parent_child")}
    entry = last_entry()
    assert (entry.action, entry.actor, entry.village) == ("people.person_add", user, tree.a1)
    assert entry.before is None and entry.after is not None
    assert entry.after["tags"] == ["大学生"]


def test_person_add_checks_the_member_as_the_import_does(tree: RegionTree) -> None:
    household = tree.households["a1"]
    good = valid_id(71, male=False)

    def add(**fields: Any) -> object:
        values: dict[str, Any] = {"name": "李四", "id_number": good, "relation": "daughter"}
        values.update(fields)
        return lambda: person_add(
            household=household, member=MemberInput(**values), acting_user=None
        )

    _refused(add(name=""), "name", "“姓名”不能为空")
    _refused(add(id_number=good[:-1] + ("0" if good[-1] != "0" else "1")), "id_number", "校验位")
    _refused(add(sex="M"), "sex", "身份证号第17位表示女性")
    _refused(add(relation="cousin"), "relation_to_head", "不是可选的与户主关系")
    _refused(add(phone="电话"), "phone", "联系电话只能包含数字")
    _refused(add(name="长" * 70), "name", "最多64个字")


def test_person_add_keeps_one_head(tree: RegionTree) -> None:
    household = tree.households["a1"]
    head = MemberInput(name="新户主", id_number=valid_id(72), relation=HeadRelation.HEAD)
    _refused(
        lambda: person_add(household=household, member=head, acting_user=None),
        "relation_to_head",
        "本户已有户主东坑村户主",
    )
    empty = household.__class__.objects.create(
        village=tree.a1, villager_group=household.villager_group, number="050"
    )
    son = MemberInput(name="某子", id_number=valid_id(73), relation=HeadRelation.SON)
    _refused(
        lambda: person_add(household=empty, member=son, acting_user=None),
        "relation_to_head",
        "没有在册的户主",
    )
    assert person_add(household=empty, member=head, acting_user=None).relation_to_head == "head"


def test_person_add_refuses_someone_on_a_register(tree: RegionTree) -> None:
    household = tree.households["a1"]
    committee = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    township = user_for(Role.TOWNSHIP_OFFICER, tree.township_a)

    def add(id_number: str, user: object) -> object:
        member = MemberInput(name="某", id_number=id_number, relation=HeadRelation.SON)
        return lambda: person_add(household=household, member=member, acting_user=user)  # type: ignore[arg-type]

    here = tree.spouses["a1"].id_number
    _refused(add(here, committee), "id_number", "已登记在本村第001户（东坑村配偶）")
    # Another village: named only to a user who may open it (the import's wording).
    _refused(add(tree.heads["a2"].id_number, committee), "id_number", "本乡镇（街道）的另一个村")
    _refused(add(tree.heads["a2"].id_number, township), "id_number", "此人已在大均村登记")
    _refused(add(tree.heads["c1"].id_number, committee), "id_number", "本县以外")


def test_person_add_refuses_a_person_who_left_this_village_or_died(tree: RegionTree) -> None:
    household = tree.households["a1"]
    left = add_person(household, 74, Sex.MALE, HeadRelation.SON, name="外出子")
    Person.objects.filter(pk=left.pk).update(
        status=RegisterStatus.MOVED_OUT, status_on=date(2024, 1, 1)
    )
    dead = add_person(tree.households["a2"], 75, Sex.MALE, HeadRelation.SON, name="故人")
    Person.objects.filter(pk=dead.pk).update(
        status=RegisterStatus.DECEASED, status_on=date(2024, 1, 1)
    )
    for person, fragment in ((left, "恢复在册"), (dead, "已登记死亡")):
        member = MemberInput(name=person.name, id_number=person.id_number, relation="son")
        _refused(
            lambda m=member: person_add(household=household, member=m, acting_user=None),
            "id_number",
            fragment,
        )


def test_person_add_moves_in_a_person_who_moved_out_of_another_village(tree: RegionTree) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    household = tree.households["a1"]
    bride = add_person(tree.households["c1"], 76, Sex.FEMALE, HeadRelation.DAUGHTER, name="沙铺女")
    PersonTag.objects.create(person=bride, tag="veteran")
    Person.objects.filter(pk=bride.pk).update(
        status=RegisterStatus.MOVED_OUT, status_on=date(2025, 5, 1), status_note="嫁到东坑村"
    )
    member = MemberInput(
        name="沙铺女",
        id_number=bride.id_number,
        relation=HeadRelation.DAUGHTER_IN_LAW,
        phone="13700000000",
    )
    moved = person_add(household=household, member=member, acting_user=user)
    assert moved.pk == bride.pk
    moved.refresh_from_db()
    assert (moved.village, moved.household, moved.relation_to_head) == (
        tree.a1,
        household,
        "daughter_in_law",
    )
    assert (moved.status, moved.status_on, moved.status_note) == ("active", None, "")
    assert (moved.phone, list(moved.tags.values_list("tag", flat=True))) == ("13700000000", [])
    entry = last_entry()
    assert (entry.action, entry.village) == ("people.person_move_in", tree.a1)
    assert entry.before is not None and entry.after is not None
    assert entry.before["village"] == tree.c1.pk and entry.after["village"] == tree.a1.pk
    assert entry.after["moved_in_from"] == "沙铺村（331128100201）"


# --- household_head_change -------------------------------------------------------------------


def test_head_change_swaps_the_head_and_rederives(tree: RegionTree) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    household = tree.households["a1"]
    head, spouse = tree.heads["a1"], tree.spouses["a1"]
    son = add_person(household, 77, Sex.MALE, HeadRelation.SON, name="东坑子")
    household_head_change(
        household=household,
        new_head=son,
        former_head_relation=HeadRelation.PARENT,
        other_relations={spouse.pk: HeadRelation.PARENT},
        acting_user=user,
    )
    relations = dict(
        Person.objects.filter(household=household).values_list("name", "relation_to_head")
    )
    assert relations == {head.name: "parent", spouse.name: "parent", son.name: "head"}
    links = set(CloseRelative.objects.values_list("person_a", "person_b", "kind"))
    assert (head.pk, son.pk, "parent_child") in links and (
        spouse.pk,
        son.pk,
        "parent_child",
    ) in links
    entry = last_entry()
    assert (entry.action, entry.actor, entry.village) == (
        "people.household_head_change",
        user,
        tree.a1,
    )
    assert entry.after is not None and entry.before is not None
    assert [m["relation"] for m in entry.before["members"]] == ["head", "spouse", "son"]
    assert [m["relation"] for m in entry.after["members"]] == ["parent", "parent", "head"]


def test_head_change_refusals(tree: RegionTree) -> None:
    household = tree.households["a1"]
    head, spouse = tree.heads["a1"], tree.spouses["a1"]
    left = add_person(household, 78, Sex.MALE, HeadRelation.SON, name="外出子")
    Person.objects.filter(pk=left.pk).update(
        status=RegisterStatus.MOVED_OUT, status_on=date(2024, 1, 1)
    )

    def change(new_head: Person, former: str = "spouse", **more: object) -> object:
        return lambda: household_head_change(
            household=household, new_head=new_head, former_head_relation=former,
            acting_user=None, **more,  # type: ignore[arg-type]
        )  # fmt: skip

    _refused(change(tree.heads["a2"]), "new_head", "不是本户在册的成员")
    _refused(change(left), "new_head", "不是本户在册的成员")
    _refused(change(head), "new_head", "已经是本户户主")
    _refused(change(spouse, "head"), "former_head_relation", "为原户主东坑村户主选择")
    _refused(change(spouse, "cousin"), "former_head_relation", "为原户主")
    _refused(change(spouse, other_relations={head.pk: "son"}), "other_relations", "刷新页面")


# --- person_update: 与户主关系 and the rest ----------------------------------------------------


def test_person_update_changes_relation_and_rederives(tree: RegionTree) -> None:
    household = tree.households["a1"]
    son = add_person(household, 79, Sex.MALE, HeadRelation.SON, name="东坑子")
    person_update(person=son, changes={"relation_to_head": "other"}, acting_user=None)
    assert not CloseRelative.objects.filter(person_b=son).exists()
    assert last_entry().action == "people.person_update"
    person_update(
        person=son, changes={"relation_to_head": "son", "tags": ["veteran"]}, acting_user=None
    )
    assert CloseRelative.objects.filter(person_b=son, kind="parent_child").count() == 1
    entry = last_entry()
    assert entry.before is not None and entry.after is not None
    assert (entry.before["tags"], entry.after["tags"]) == ([], ["退役军人"])


def test_person_update_keeps_one_head(tree: RegionTree) -> None:
    head, spouse = tree.heads["a1"], tree.spouses["a1"]
    _refused(
        lambda: person_update(
            person=head, changes={"relation_to_head": "spouse"}, acting_user=None
        ),
        "relation_to_head",
        "更换户主",
    )
    _refused(
        lambda: person_update(
            person=spouse, changes={"relation_to_head": "head"}, acting_user=None
        ),
        "relation_to_head",
        "本户已有户主东坑村户主",
    )
    _refused(
        lambda: person_update(person=spouse, changes={"relation_to_head": ""}, acting_user=None),
        "relation_to_head",
        "请选择与户主关系",
    )
    # Alone on the register, the head stays the head.
    Person.objects.filter(pk=spouse.pk).update(
        status=RegisterStatus.DECEASED, status_on=date(2024, 1, 1)
    )
    _refused(
        lambda: person_update(person=head, changes={"relation_to_head": "other"}, acting_user=None),
        "relation_to_head",
        "唯一在册的成员",
    )


def test_person_update_names_another_village_only_within_scope(tree: RegionTree) -> None:
    person = tree.spouses["a1"]
    committee = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    taken = tree.heads["b1"].id_number
    _refused(
        lambda: person_update(person=person, changes={"id_number": taken}, acting_user=committee),
        "id_number",
        "本乡镇以外的村",
    )
    _refused(
        lambda: person_update(person=person, changes={"id_number": taken}, acting_user=None),
        "id_number",
        "已被梧桐村的另一人使用",
    )
    _refused(
        lambda: person_update(
            person=person, changes={"id_number": tree.heads["a1"].id_number}, acting_user=committee
        ),
        "id_number",
        "本村第001户的东坑村户主",
    )


def test_person_update_without_a_change_writes_nothing(tree: RegionTree) -> None:
    person = tree.spouses["a1"]
    before = rows()
    person_update(
        person=person,
        changes={"name": person.name, "relation_to_head": "spouse", "tags": []},
        acting_user=None,
    )
    assert rows() == before


# --- household_register: a new household of people new to the register or moving in -----------


def test_a_new_household_moves_in_a_family_from_another_village(tree: RegionTree) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    returning = add_person(tree.households["c1"], 80, Sex.MALE, HeadRelation.SON, name="回乡人")
    Person.objects.filter(pk=returning.pk).update(
        status=RegisterStatus.MOVED_OUT, status_on=date(2025, 1, 1)
    )
    members = [
        MemberInput(name="回乡人", id_number=returning.id_number, relation="head"),
        MemberInput(name="回乡人之子", id_number=valid_id(81, birth="20150101"), relation="son"),
    ]
    household = household_register(
        village=tree.a1,
        villager_group=tree.households["a1"].villager_group,
        number="300",
        members=members,
        acting_user=user,
    )
    returning.refresh_from_db()
    assert (returning.village, returning.household, returning.status) == (
        tree.a1,
        household,
        "active",
    )
    assert CloseRelative.objects.filter(person_a=returning, kind="parent_child").count() == 1
    entries = list(AuditEntry.objects.order_by("-id")[:2])
    assert [e.action for e in entries] == ["people.household_register", "people.person_move_in"]
    assert entries[0].after is not None
    assert entries[0].after["members"][0]["moved_in_from"] == "沙铺村"


def test_a_new_household_reports_who_is_registered_with_every_other_fault(
    tree: RegionTree,
) -> None:
    members = [
        MemberInput(name="", id_number=valid_id(82), relation="head"),
        MemberInput(name="重复", id_number=tree.spouses["a1"].id_number, relation="spouse"),
    ]
    before = rows()
    with pytest.raises(ValidationError) as info:
        household_register(
            village=tree.a1,
            villager_group=tree.households["a1"].villager_group,
            number="001",
            members=members,
            acting_user=None,
        )
    errors = field_errors(info.value)
    assert "户号“001”已是本村另一户的户号" in errors["number"][0]
    assert "“姓名”不能为空" in errors["members.0.name"][0]
    assert "已登记在本村第001户（东坑村配偶）" in errors["members.1.id_number"][0]
    assert rows() == before
