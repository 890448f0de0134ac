"""Moving within the village, leaving the register and coming back: audited, the head kept,
relations derived again, every refusal naming what to do and changing nothing. And every
editing service writes its audit entry in the transaction of its change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, add_person, valid_id
from huanjie.people.models import (
    CloseRelative,
    HeadRelation,
    Household,
    Person,
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
    person_leave,
    person_move,
    person_return,
    person_update,
)
from huanjie.people.tests.editing import last_entry, rows
from huanjie.regions.models import VillagerGroup


def _refused(call: Callable[[], object], field: str, fragment: str) -> None:
    before = rows()
    with pytest.raises(ValidationError) as info:
        call()
    errors = field_errors(info.value)
    assert field in errors, errors
    assert any(fragment in m for m in errors[field]), errors
    assert rows() == before


def _second_household(tree: RegionTree) -> Household:
    household = Household.objects.create(
        village=tree.a1, villager_group=VillagerGroup.objects.create(village=tree.a1, name="二组"),
        number="002",
    )  # fmt: skip
    add_person(household, 60, Sex.MALE, HeadRelation.HEAD, name="二户主")
    return household


# --- person_move -----------------------------------------------------------------------------


def test_move_to_another_household_follows_its_group_and_rederives(tree: RegionTree) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    home, other = tree.households["a1"], _second_household(tree)
    son = add_person(home, 61, Sex.MALE, HeadRelation.SON, name="东坑子")
    CloseRelative.objects.create(
        person_a=tree.heads["a1"], person_b=son, kind="parent_child", source="derived"
    )
    moved = person_move(person=son, household=other, relation_to_head="son", acting_user=user)
    assert moved.household == other
    assert other.villager_group.name == "二组"
    # Still his father's son (a link is kept when a member leaves a household); and, as the
    # register of his new household says, the son of its head.
    kinds = set(CloseRelative.objects.filter(person_b=son).values_list("person_a__name", "kind"))
    assert kinds == {("东坑村户主", "parent_child"), ("二户主", "parent_child")}
    entry = last_entry()
    assert (entry.action, entry.actor, entry.village) == ("people.person_move", user, tree.a1)
    assert entry.before is not None and entry.after is not None
    assert (entry.before["household"], entry.after["household"]) == (home.pk, other.pk)


def test_move_refusals(tree: RegionTree) -> None:
    home, other = tree.households["a1"], _second_household(tree)
    head, spouse = tree.heads["a1"], tree.spouses["a1"]

    def move(person: Person, household: Household, relation: str = "son") -> Callable[[], object]:
        return lambda: person_move(
            person=person, household=household, relation_to_head=relation, acting_user=None
        )

    _refused(move(head, other), "__all__", "请先用本户的“更换户主”另选户主，再迁到其他户")
    _refused(move(spouse, tree.households["a2"]), "household", "只能迁到本村")
    _refused(move(spouse, home), "household", "已在第001户")
    _refused(move(spouse, other, "head"), "relation_to_head", "第002户已有户主二户主")
    _refused(move(spouse, other, "cousin"), "relation_to_head", "不是可选的与户主关系")
    empty = Household.objects.create(
        village=tree.a1, villager_group=other.villager_group, number="003"
    )
    _refused(move(spouse, empty, "spouse"), "relation_to_head", "只能登记为户主")
    Person.objects.filter(pk=spouse.pk).update(
        status=RegisterStatus.DECEASED, status_on=date(2024, 1, 1)
    )
    spouse.refresh_from_db()
    _refused(move(spouse, other), "__all__", "不在册，不能办理这项变更")


def test_a_head_alone_may_move_and_becomes_head_of_an_empty_household(tree: RegionTree) -> None:
    home = tree.households["a1"]
    other = Household.objects.create(
        village=tree.a1, villager_group=home.villager_group, number="003"
    )
    person_leave(
        person=tree.spouses["a1"], status="moved_out", on=date(2025, 1, 1), acting_user=None
    )
    moved = person_move(
        person=tree.heads["a1"], household=other, relation_to_head="head", acting_user=None
    )
    assert (moved.household, moved.relation_to_head) == (other, "head")


# --- person_leave and person_return -----------------------------------------------------------


def test_leave_keeps_household_and_relation_as_history(tree: RegionTree) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    spouse = tree.spouses["a1"]
    left = person_leave(
        person=spouse, status="deceased", on=date(2025, 3, 1), note=" 病故 ", acting_user=user
    )
    assert (left.status, left.status_on, left.status_note) == ("deceased", date(2025, 3, 1), "病故")
    assert (left.household, left.relation_to_head) == (tree.households["a1"], "spouse")
    assert not Person.objects.on_register().filter(pk=spouse.pk).exists()
    entry = last_entry()
    assert (entry.action, entry.action_label, entry.actor) == (
        "people.person_deceased",
        "登记死亡",
        user,
    )
    assert entry.after is not None and entry.after["status_on"] == "2025-03-01"
    person_return(person=left, acting_user=user)
    left.refresh_from_db()
    assert (left.status, left.status_on, left.status_note) == ("active", None, "")
    assert last_entry().action == "people.person_return"


def test_leave_refusals(tree: RegionTree) -> None:
    head, spouse = tree.heads["a1"], tree.spouses["a1"]
    today = timezone.localdate()

    def leave(
        person: Person, status: str = "moved_out", on: Any = date(2025, 1, 1), note: str = ""
    ) -> Callable[[], object]:
        return lambda: person_leave(
            person=person, status=status, on=on, note=note, acting_user=None
        )

    _refused(leave(head), "__all__", "请先用本户的“更换户主”另选户主，再登记迁出")
    _refused(leave(spouse, "active"), "status", "请选择“已迁出”或“已死亡”")
    _refused(leave(spouse, on=None), "on", "请填写已迁出的日期")
    _refused(leave(spouse, on=today + timedelta(days=1)), "on", "不能晚于今天")
    _refused(leave(spouse, on=date(1979, 12, 31)), "on", "不能早于此人的出生日期（1980年1月1日）")
    _refused(leave(spouse, note="说" * 201), "note", "最多200个字")
    person_leave(person=spouse, status="moved_out", on=today, acting_user=None)
    spouse.refresh_from_db()
    _refused(leave(spouse), "__all__", "不在册")


def test_head_alone_may_leave_and_the_household_keeps_its_history(tree: RegionTree) -> None:
    head, spouse = tree.heads["a1"], tree.spouses["a1"]
    person_leave(person=spouse, status="moved_out", on=date(2025, 1, 1), acting_user=None)
    person_leave(person=head, status="deceased", on=date(2025, 2, 1), acting_user=None)
    assert not Person.objects.on_register().filter(household=tree.households["a1"]).exists()


def test_return_refusals(tree: RegionTree) -> None:
    head, spouse = tree.heads["a1"], tree.spouses["a1"]
    _refused(lambda: person_return(person=spouse, acting_user=None), "__all__", "在册，无需恢复")
    # The head died; the spouse became head; the old head cannot come back as a second head.
    person_leave(person=spouse, status="moved_out", on=date(2025, 1, 1), acting_user=None)
    person_leave(person=head, status="deceased", on=date(2025, 2, 1), acting_user=None)
    head.refresh_from_db()
    spouse.refresh_from_db()
    # Nobody on the register: the spouse cannot come back without being made the head first.
    _refused(lambda: person_return(person=spouse, acting_user=None), "__all__", "改为“户主”")
    person_update(person=spouse, changes={"relation_to_head": "head"}, acting_user=None)
    person_return(person=spouse, acting_user=None)
    _refused(
        lambda: person_return(person=head, acting_user=None),
        "__all__",
        "现在本户的户主是东坑村配偶",
    )
    person_update(person=head, changes={"relation_to_head": "spouse"}, acting_user=None)
    assert person_return(person=head, acting_user=None).status == "active"


# --- every service: the entry in the change's transaction ----------------------------------


def _calls(tree: RegionTree, other: Household) -> dict[str, Callable[[], object]]:
    household, head, spouse = tree.households["a1"], tree.heads["a1"], tree.spouses["a1"]
    group = household.villager_group
    son = MemberInput(name="新成员", id_number=valid_id(62), relation="son")
    return {
        "household_register": lambda: household_register(
            village=tree.a1, villager_group=group, number="009",
            members=[MemberInput(name="新户主", id_number=valid_id(63), relation="head")],
            acting_user=None,
        ),
        "household_update": lambda: household_update(household=household, number="008", acting_user=None),
        "person_add": lambda: person_add(household=household, member=son, acting_user=None),
        "person_update": lambda: person_update(person=spouse, changes={"phone": "13800000000"}, acting_user=None),
        "household_head_change": lambda: household_head_change(
            household=household, new_head=spouse, former_head_relation="spouse", acting_user=None
        ),
        "person_move": lambda: person_move(
            person=spouse, household=other, relation_to_head="other", acting_user=None
        ),
        "person_leave": lambda: person_leave(person=spouse, status="moved_out", on=date(2025, 1, 1), acting_user=None),
        "person_return": lambda: person_return(person=head, acting_user=None),
    }  # fmt: skip


SERVICES = [
    ("household_register", "huanjie.people.services.households"),
    ("household_update", "huanjie.people.services.editing"),
    ("person_add", "huanjie.people.services.editing"),
    ("person_update", "huanjie.people.services.entries"),
    ("household_head_change", "huanjie.people.services.editing"),
    ("person_move", "huanjie.people.services.moves"),
    ("person_leave", "huanjie.people.services.moves"),
    ("person_return", "huanjie.people.services.moves"),
]


@pytest.mark.parametrize(("name", "module"), SERVICES, ids=[s[0] for s in SERVICES])
def test_a_failing_audit_entry_undoes_the_change(
    tree: RegionTree, monkeypatch: pytest.MonkeyPatch, name: str, module: str
) -> None:
    if name == "person_return":
        Person.objects.filter(pk=tree.spouses["a1"].pk).update(
            status=RegisterStatus.MOVED_OUT, status_on=date(2025, 1, 1)
        )
        Person.objects.filter(pk=tree.heads["a1"].pk).update(
            status=RegisterStatus.MOVED_OUT, status_on=date(2025, 1, 1)
        )
    call = _calls(tree, _second_household(tree))[name]

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(f"{module}.record_audit", broken)
    before = rows()
    with pytest.raises(RuntimeError):
        call()
    assert rows() == before
