"""The committee's forms for keeping the register: who may open and post them (the matrix),
what a refusal looks like (beside its field, nothing lost, nothing changed), the buttons on the
household, person and village pages, and the 人员 tab's filter by register status."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, add_person, valid_id
from huanjie.audit.models import AuditEntry
from huanjie.people.models import HeadRelation, Household, Person, RegisterStatus, Sex
from huanjie.people.tests.editing import rows

# Each form: its URL name and the id it takes in a village (key of the tree).
PAGES: dict[str, tuple[str, Any]] = {
    "household_add": ("people:household_add", lambda t, k: t.villages[k].pk),
    "household_edit": ("people:household_edit", lambda t, k: t.households[k].pk),
    "member_add": ("people:member_add", lambda t, k: t.households[k].pk),
    "head_change": ("people:head_change", lambda t, k: t.households[k].pk),
    "person_edit": ("people:person_edit", lambda t, k: t.spouses[k].pk),
    "person_move": ("people:person_move", lambda t, k: t.spouses[k].pk),
    "person_leave": ("people:person_leave", lambda t, k: t.spouses[k].pk),
    "person_return": ("people:person_return", lambda t, k: t.spouses[k].pk),
}
# (label, role, where the user sits, expected status) for 东坑村 (a1)
MATRIX = [
    ("committee of the village", Role.ELECTION_COMMITTEE, "a1", 200),
    ("committee of another village", Role.ELECTION_COMMITTEE, "a2", 404),
    # domain.md §1: only the village's election committee changes its register.
    ("township officer of the township", Role.TOWNSHIP_OFFICER, "township_a", 403),
    ("township officer of another township", Role.TOWNSHIP_OFFICER, "township_b", 404),
    ("election office of the county", Role.ELECTION_OFFICE, "county", 403),
    ("administrator", Role.ADMINISTRATOR, None, 403),
    ("party organization of the village", Role.VILLAGE_PARTY, "a1", 403),
    ("cadre assigned to the village", Role.VILLAGE_CADRE, "a1", 403),
    ("observer of the county", Role.OBSERVER, "county", 404),
    ("reviewer of the county", Role.REVIEWER, "county", 404),
]
# A post each form would accept from the committee (so a refusal is the matrix's, not the
# form's): what a non-keeper sends must change nothing.
POSTS: dict[str, dict[str, Any]] = {
    "household_add": {"number": "900", "m0-name": "新户主", "m0-id_number": valid_id(91),
                      "m0-relation_to_head": "head", "m0-political_status": "masses"},
    "household_edit": {"number": "901"},
    "member_add": {"name": "新成员", "id_number": valid_id(92), "relation_to_head": "son",
                   "political_status": "masses"},
    "head_change": {"former_head_relation": "spouse"},
    "person_edit": {"name": "改名", "relation_to_head": "spouse", "political_status": "masses"},
    "person_move": {"household_number": "001", "relation_to_head": "son"},
    "person_leave": {"status": "moved_out", "on": "2025-01-01"},
    "person_return": {},
}  # fmt: skip


def _url(page: str, tree: RegionTree, key: str = "a1") -> str:
    name, object_id = PAGES[page]
    return reverse(name, args=[object_id(tree, key)])


def _errors(page: str) -> list[str]:
    """The messages a refused form shows (for an assertion's explanation)."""
    return re.findall(r'(?:invalid-feedback[^>]*>|fw-semibold">)([^<]+)<', page)


def _committee(client: Client, tree: RegionTree) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))


def _post_data(page: str, tree: RegionTree) -> dict[str, Any]:
    data = dict(POSTS[page])
    if page in ("household_add", "household_edit"):
        data["villager_group"] = tree.households["a1"].villager_group.pk
    if page == "head_change":
        data["new_head"] = tree.spouses["a1"].pk
    if page == "person_edit":
        data["id_number"] = tree.spouses["a1"].id_number
    return data


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize(
    ("role", "where", "status"), [m[1:] for m in MATRIX], ids=[m[0] for m in MATRIX]
)
def test_the_forms_follow_the_matrix(
    client: Client, tree: RegionTree, page: str, role: Role, where: str | None, status: int
) -> None:
    client.force_login(user_for(role, getattr(tree, where) if where else None))
    response = client.get(_url(page, tree))
    assert response.status_code == status
    if status == 403:
        assert "村民选举委员会" in response.content.decode()
    if status != 200:
        before = rows()
        assert client.post(_url(page, tree), _post_data(page, tree)).status_code == status
        assert rows() == before


@pytest.mark.parametrize("page", list(PAGES))
def test_missing_and_out_of_scope_are_the_same_404(
    client: Client, tree: RegionTree, page: str
) -> None:
    _committee(client, tree)
    name, _ = PAGES[page]
    missing = client.get(reverse(name, args=[987_654]))
    foreign = client.get(_url(page, tree, "c1"))
    assert missing.status_code == foreign.status_code == 404
    assert tree.c1.name not in foreign.content.decode()


def test_anonymous_is_sent_to_login(client: Client, tree: RegionTree) -> None:
    before = rows()
    response = client.post(_url("member_add", tree), _post_data("member_add", tree))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert rows() == before


@pytest.mark.parametrize("page", [p for p in PAGES if p != "person_return"])
def test_each_form_saves_and_returns_to_its_page(
    client: Client, tree: RegionTree, page: str
) -> None:
    _committee(client, tree)
    if page == "person_move":
        Household.objects.create(
            village=tree.a1, villager_group=tree.households["a1"].villager_group, number="002"
        )
        add_person(
            Household.objects.get(number="002", village=tree.a1), 93, Sex.MALE, HeadRelation.HEAD
        )
    data = _post_data(page, tree)
    if page == "person_move":
        data["household_number"] = "002"
    audit = AuditEntry.objects.count()
    response = client.post(_url(page, tree), data)
    assert response.status_code == 302, _errors(response.content.decode())
    assert AuditEntry.objects.count() == audit + 1
    page_after = client.get(response["Location"])
    assert "alert-success" in page_after.content.decode()


def test_a_refused_new_household_keeps_what_was_typed(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    data = {
        "number": "001",  # taken
        "villager_group": tree.households["a1"].villager_group.pk,
        "m0-name": "",
        "m0-id_number": valid_id(94),
        "m0-relation_to_head": "head",
        "m1-name": "张小三",
        "m1-id_number": "33112720100101123",
        "m1-relation_to_head": "",
        "m1-phone": "abc",
    }
    before = rows()
    response = client.post(_url("household_add", tree), data)
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "户号“001”已是本村另一户的户号",
        "“姓名”不能为空",
        "身份证号应为18位",
        "“与户主关系”不能为空",
        "联系电话只能包含数字",
        "没有保存",
    ):
        assert text in page, text
    assert 'value="张小三"' in page and f'value="{valid_id(94)}"' in page
    assert page.count("is-invalid") >= 5
    assert rows() == before


def test_member_add_reports_every_fault_at_once(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    data = {
        "name": "重复",
        "id_number": tree.spouses["a1"].id_number,
        "relation_to_head": "head",
        "phone": "电话",
        "political_status": "masses",
    }
    before = rows()
    page = client.post(_url("member_add", tree), data).content.decode()
    assert "已登记在本村第001户" in page
    assert "本户已有户主东坑村户主" in page
    assert "联系电话只能包含数字" in page
    assert rows() == before


def test_head_change_on_the_web_sets_everyones_relation(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    son = add_person(tree.households["a1"], 95, Sex.MALE, HeadRelation.SON, name="东坑子")
    data = {
        "new_head": son.pk,
        "former_head_relation": "parent",
        f"relation_{tree.spouses['a1'].pk}": "parent",
        f"relation_{son.pk}": "son",  # the new head's own line is ignored
    }
    assert client.post(_url("head_change", tree), data).status_code == 302
    relations = dict(
        Person.objects.filter(household=tree.households["a1"]).values_list("pk", "relation_to_head")
    )
    assert relations == {
        tree.heads["a1"].pk: "parent",
        tree.spouses["a1"].pk: "parent",
        son.pk: "head",
    }


def test_person_edit_refusal_is_beside_the_field(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    url = reverse("people:person_edit", args=[tree.heads["a1"].pk])
    data = {"name": "东坑村户主", "id_number": tree.heads["a1"].id_number,
            "relation_to_head": "spouse", "political_status": "masses", "phone": "abc"}  # fmt: skip
    before = rows()
    page = client.post(url, data).content.decode()
    assert "请用本户的“更换户主”另选户主" in page and "联系电话只能包含数字" in page
    assert rows() == before
    # Nothing changed: nothing saved, nothing audited.
    unchanged = {"name": "东坑村户主", "id_number": tree.heads["a1"].id_number,
                 "relation_to_head": "head", "political_status": "masses",
                 "ethnicity": "汉族", "hukou_in_village": "on", "resides_in_village": "on"}  # fmt: skip
    response = client.post(url, unchanged)
    assert response.status_code == 302
    assert rows() == before


def test_move_to_an_unknown_household_number(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    before = rows()
    data = {"household_number": "999", "relation_to_head": "son"}
    page = client.post(_url("person_move", tree), data).content.decode()
    assert "本村没有户号为“999”的户" in page and 'value="999"' in page
    assert rows() == before


def test_leave_and_return_on_the_web(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    spouse = tree.spouses["a1"]
    future = {"status": "deceased", "on": "2999-01-01", "note": "写错了"}
    page = client.post(_url("person_leave", tree), future).content.decode()
    assert "不能晚于今天" in page and "写错了" in page
    response = client.post(_url("person_leave", tree), {**future, "on": "2025-02-03"})
    assert response.status_code == 302
    spouse.refresh_from_db()
    assert (spouse.status, spouse.status_on) == (RegisterStatus.DECEASED, date(2025, 2, 3))
    household = client.get(reverse("core:household", args=[tree.households["a1"].pk]))
    text = household.content.decode()
    assert 'class="hj-left"' in text and "已死亡 2025-02-03" in text
    assert "1 人在册（另有 1 人已迁出或死亡）" in text
    person = client.get(reverse("core:person", args=[spouse.pk])).content.decode()
    assert "恢复在册" in person and "迁到本村其他户" not in person
    assert client.post(_url("person_return", tree)).status_code == 302
    spouse.refresh_from_db()
    assert spouse.status == RegisterStatus.ACTIVE


def test_a_refused_return_says_what_to_do(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    before = rows()
    page = client.post(_url("person_return", tree)).content.decode()
    assert "在册，无需恢复" in page
    assert rows() == before


@pytest.mark.parametrize(
    ("role", "where", "buttons"),
    [
        (Role.ELECTION_COMMITTEE, "a1", True),
        (Role.TOWNSHIP_OFFICER, "township_a", False),
        (Role.VILLAGE_CADRE, "a1", False),
        (Role.ADMINISTRATOR, None, False),
    ],
)
def test_edit_buttons_only_for_the_committee(
    client: Client, tree: RegionTree, role: Role, where: str | None, buttons: bool
) -> None:
    client.force_login(user_for(role, getattr(tree, where) if where else None))
    pages = {
        reverse("core:village", args=[tree.a1.pk]): "people:household_add",
        reverse("core:household", args=[tree.households["a1"].pk]): "people:member_add",
        reverse("core:person", args=[tree.spouses["a1"].pk]): "people:person_edit",
    }
    for url, form in pages.items():
        _, object_id = next(v for v in PAGES.values() if v[0] == form)
        link = reverse(form, args=[object_id(tree, "a1")])
        assert (link in client.get(url).content.decode()) is buttons


def test_people_tab_filters_by_register_status(client: Client, tree: RegionTree) -> None:
    _committee(client, tree)
    Person.objects.filter(pk=tree.spouses["a1"].pk).update(
        status=RegisterStatus.MOVED_OUT, status_on=date(2025, 6, 1), status_note="迁往杭州"
    )
    url = reverse("core:village", args=[tree.a1.pk])
    default = client.get(url, {"tab": "people"}).content.decode()
    assert "东坑村户主" in default and "东坑村配偶" not in default
    moved = client.get(url, {"tab": "people", "status": "moved_out"}).content.decode()
    assert "东坑村配偶" in moved and "东坑村户主" not in moved and "迁往杭州" in moved
    dead = client.get(url, {"tab": "people", "status": "deceased"}).content.decode()
    assert "本村没有登记为“已死亡”的人员" in dead


def test_head_change_of_a_household_without_anyone_on_the_register(
    client: Client, tree: RegionTree
) -> None:
    _committee(client, tree)
    for person in (tree.heads["a1"], tree.spouses["a1"]):
        Person.objects.filter(pk=person.pk).update(
            status=RegisterStatus.MOVED_OUT, status_on=date(2025, 1, 1)
        )
    page = client.get(_url("head_change", tree)).content.decode()
    assert "本户现在没有在册的成员" in page and "<form" not in page.split("<main")[1]
