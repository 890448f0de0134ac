"""The relation pages and buttons: the village election committee decides (confirm, reject,
reopen, remove, confirm a household, add a relative); every other role reads (403 on a direct
POST, saying who keeps relations); out of scope is 404. Refusals change nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, add_person
from huanjie.audit.models import AuditEntry
from huanjie.people.models import CloseRelative, HeadRelation, Sex
from huanjie.people.register.derivation import rederive_household_relations
from huanjie.people.services import relation_confirm, relation_declare, relation_reject


@pytest.fixture
def links(tree: RegionTree) -> dict[str, CloseRelative]:
    """a1's household with a son: spouse and head–son derived (pending); one of each state."""
    household = tree.households["a1"]
    son = add_person(household, 50, Sex.MALE, HeadRelation.SON, name="王长子")
    daughter = add_person(household, 51, Sex.FEMALE, HeadRelation.DAUGHTER, name="王次女")
    rederive_household_relations([household])
    committee = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    found = {
        "pending": CloseRelative.objects.get(kind="spouse"),
        "confirmed": CloseRelative.objects.get(kind="parent_child", person_b=son),
        "rejected": CloseRelative.objects.get(kind="sibling"),
    }
    relation_confirm(relation=found["confirmed"], acting_user=committee)
    relation_reject(relation=found["rejected"], reason="不是亲兄妹", acting_user=committee)
    found["declared"] = relation_declare(
        person_a=tree.heads["a1"], person_b=daughter, kind="grandparent_grandchild",
        basis="误登", acting_user=committee,
    )  # fmt: skip
    return found


def _state() -> list[Any]:
    return [
        *CloseRelative.objects.order_by("pk").values_list(
            "pk", "kind", "person_a", "person_b", "confirmed_at", "rejected_at", "basis"
        ),
        AuditEntry.objects.count(),
    ]


Post = tuple[Callable[[RegionTree, dict[str, CloseRelative]], str], dict[str, str]]
POSTS: dict[str, Post] = {
    "confirm": (lambda t, r: reverse("people:relation_confirm", args=[r["pending"].pk]), {}),
    "reject": (
        lambda t, r: reverse("people:relation_reject", args=[r["pending"].pk]),
        {"reason": "实为继子女"},
    ),
    "reopen": (lambda t, r: reverse("people:relation_reopen", args=[r["confirmed"].pk]), {}),
    "remove": (lambda t, r: reverse("people:relation_remove", args=[r["declared"].pk]), {}),
    "confirm_household": (
        lambda t, r: reverse("people:household_relations_confirm", args=[t.households["a1"].pk]),
        {},
    ),
    "add": (
        lambda t, r: reverse("core:person_relation_add", args=[t.heads["a1"].pk]),
        {"other": "", "kind": "sibling", "basis": "村民证实"},  # `other` filled in by the test
    ),
}
# (label, role, where the user sits, status of a POST about a1's links)
MATRIX = [
    ("committee of the village", Role.ELECTION_COMMITTEE, "a1", 302),
    ("committee of another village", Role.ELECTION_COMMITTEE, "a2", 404),
    ("township officer of the township", Role.TOWNSHIP_OFFICER, "township_a", 403),
    ("township officer of another township", Role.TOWNSHIP_OFFICER, "township_b", 404),
    ("election office of the county", Role.ELECTION_OFFICE, "county", 403),
    ("administrator", Role.ADMINISTRATOR, None, 403),
    ("party organization of the village", Role.VILLAGE_PARTY, "a1", 403),
    ("cadre assigned to the village", Role.VILLAGE_CADRE, "a1", 403),
    ("observer of the county", Role.OBSERVER, "county", 404),
    ("reviewer of the county", Role.REVIEWER, "county", 404),
]


@pytest.mark.parametrize("action", list(POSTS))
@pytest.mark.parametrize(
    ("role", "where", "status"), [m[1:] for m in MATRIX], ids=[m[0] for m in MATRIX]
)
def test_only_the_committee_changes_relations(
    client: Client,
    tree: RegionTree,
    links: dict[str, CloseRelative],
    action: str,
    role: Role,
    where: str | None,
    status: int,
) -> None:
    region = getattr(tree, where) if where is not None else None
    client.force_login(user_for(role, region))
    url, data = POSTS[action]
    if action == "add":
        data = {**data, "other": str(tree.spouses["a1"].pk)}
    before = _state()
    response = client.post(url(tree, links), data)
    assert response.status_code == status
    if status == 302:
        assert _state() != before
        return
    assert _state() == before
    if status == 403:
        assert "近亲属关系由本村村民选举委员会核对、确认和登记" in response.content.decode()


def test_anonymous_is_sent_to_login(client: Client, tree: RegionTree, links: Any) -> None:
    before = _state()
    url, data = POSTS["confirm"]
    response = client.post(url(tree, links), data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert _state() == before


def test_a_missing_link_is_404(client: Client, tree: RegionTree, links: Any) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    response = client.post(reverse("people:relation_confirm", args=[987_654]))
    assert response.status_code == 404


def test_confirm_goes_back_to_the_page_with_the_news(
    client: Client, tree: RegionTree, links: dict[str, CloseRelative]
) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    page = reverse("core:person", args=[tree.heads["a1"].pk])
    url = reverse("people:relation_confirm", args=[links["pending"].pk])
    response = client.post(url, {"next": page + "#relatives"}, follow=True)
    assert response.redirect_chain[-1][0] == page + "#relatives"
    assert "已确认" in response.content.decode() and "配偶" in response.content.decode()
    # Again: refused with the reason, nothing changes; a foreign `next` is not followed.
    before = _state()
    response = client.post(url, {"next": "https://example.com/"})
    assert response["Location"].startswith("/households/")
    assert _state() == before
    assert "无需再次确认" in client.get(response["Location"]).content.decode()


def test_reject_without_a_reason_says_so_and_changes_nothing(
    client: Client, tree: RegionTree, links: dict[str, CloseRelative]
) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    before = _state()
    url = reverse("people:relation_reject", args=[links["pending"].pk])
    response = client.post(url, {"reason": "  "}, follow=True)
    assert "请写明否定的理由" in response.content.decode()
    assert _state() == before


def test_household_page_shows_status_and_offers_buttons_to_the_committee_only(
    client: Client, tree: RegionTree, links: dict[str, CloseRelative]
) -> None:
    url = reverse("core:household", args=[tree.households["a1"].pk])
    confirm_all = reverse("people:household_relations_confirm", args=[tree.households["a1"].pk])
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    body = client.get(url).content.decode()
    for text in [
        "待确认",
        "已确认",
        "已否定",
        "理由：不是亲兄妹",
        "登记",
        "依据：误登",
        confirm_all,
    ]:
        assert text in body, text
    assert "全部确认（2 条）" in body
    client.force_login(user_for(Role.TOWNSHIP_OFFICER, tree.township_a))
    body = client.get(url).content.decode()
    assert "理由：不是亲兄妹" in body and "待确认的关系由本村村民选举委员会核对确认" in body
    assert confirm_all not in body and "/relations/" not in body


def test_person_page_lists_what_recusal_uses_and_the_pending_count(
    client: Client, tree: RegionTree, links: dict[str, CloseRelative]
) -> None:
    client.force_login(user_for(Role.TOWNSHIP_OFFICER, tree.township_a))
    body = client.get(reverse("core:person", args=[tree.heads["a1"].pk])).content.decode()
    recusal = body[
        body.index("任职回避审查采用的关系") : body.index(
            "</ul>", body.index("任职回避审查采用的关系")
        )
    ]
    assert "只采用已确认或由村选委会登记的关系" in recusal
    assert "另有 2 条由户籍推导的关系待确认，确认前不计入" in recusal
    assert "王长子" in recusal and "王次女" in recusal  # confirmed and declared
    assert tree.spouses["a1"].name not in recusal  # pending: not counted
    assert "添加近亲属" not in body


def test_add_a_relative_searches_by_name_shows_errors_and_declares(
    client: Client, tree: RegionTree, links: dict[str, CloseRelative]
) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    head = tree.heads["a1"]
    page = reverse("core:person", args=[head.pk])
    body = client.get(page, {"relative_q": "王"}).content.decode()
    assert "添加近亲属" in body and "王长子 · 男" in body and "找到 2 人" in body
    other_village = tree.heads["a2"]
    assert "本村没有姓名含“大均”的人员" in client.get(page, {"relative_q": "大均"}).content.decode()
    url = reverse("core:person_relation_add", args=[head.pk])
    before = _state()
    cases = [
        ({"kind": "sibling", "basis": "村民证实", "relative_q": "王"}, "请先按姓名查找"),
        ({"other": str(other_village.pk), "kind": "sibling", "basis": "x"}, "不是本村（社区）登记"),
        ({"other": str(links["pending"].person_b_id), "kind": "spouse", "basis": ""}, "请填写依据"),
        ({"other": str(tree.spouses["a1"].pk), "kind": "parent_child", "basis": "户口簿"}, "要指明谁是长辈"),
        ({"other": str(tree.spouses["a1"].pk), "kind": "spouse", "basis": "结婚证"}, "已由户籍推导、等待确认"),
    ]  # fmt: skip
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 200
        assert message in response.content.decode(), message
    assert _state() == before
    # The chosen relative stays selected when the form comes back with an error.
    son = CloseRelative.objects.get(pk=links["confirmed"].pk).person_b
    response = client.post(url, {"other": str(son.pk), "kind": "grandparent_grandchild"})
    assert f'<option value="{son.pk}" selected>' in response.content.decode()
    response = client.post(
        url,
        {
            "other": str(son.pk),
            "kind": "grandparent_grandchild",
            "elder": "self",
            "basis": "户口簿",
        },
    )
    assert response.status_code == 302 and response["Location"] == page + "#relatives"
    added = CloseRelative.objects.get(kind="grandparent_grandchild", person_b=son)
    assert (added.person_a_id, added.basis, added.source) == (head.pk, "户口簿", "declared")


def test_elder_other_makes_the_relative_the_parent(
    client: Client, tree: RegionTree, links: dict[str, CloseRelative]
) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    son = links["confirmed"].person_b
    url = reverse("core:person_relation_add", args=[son.pk])
    data = {"other": str(tree.spouses["a1"].pk), "kind": "parent_child", "elder": "other"}
    client.post(url, {**data, "basis": "出生医学证明"})
    added = CloseRelative.objects.get(kind="parent_child", person_b=son, source="declared")
    assert added.person_a_id == tree.spouses["a1"].pk


@pytest.mark.parametrize(
    ("role", "where", "status", "buttons"),
    [
        (Role.ELECTION_COMMITTEE, "a1", 200, True),
        (Role.TOWNSHIP_OFFICER, "township_a", 200, False),
        (Role.VILLAGE_PARTY, "a1", 200, False),
        (Role.ELECTION_COMMITTEE, "a2", 404, False),
        (Role.OBSERVER, "county", 404, False),
    ],
    ids=["committee", "township", "party", "other-committee", "observer"],
)
def test_village_list_by_status(
    client: Client,
    tree: RegionTree,
    links: dict[str, CloseRelative],
    role: Role,
    where: str,
    status: int,
    buttons: bool,
) -> None:
    client.force_login(user_for(role, getattr(tree, where)))
    url = reverse("people:village_relations", args=[tree.a1.pk])
    response = client.get(url, {"status": "pending"})
    assert response.status_code == status
    if status != 200:
        return
    body = response.content.decode()
    pending = [row.link for row in response.context["relation_rows"]]
    assert links["pending"] in pending and len(pending) == 2
    assert {r.confirmed_at for r in pending} == {None}
    assert (reverse("people:relation_confirm", args=[links["pending"].pk]) in body) is buttons
    tabs = {key: n for key, _, n in response.context["tabs"]}
    assert tabs == {"pending": 2, "confirmed": 1, "declared": 1, "rejected": 1, "all": 5}
    rejected = client.get(url, {"status": "rejected"}).context["relation_rows"]
    assert [r.link.pk for r in rejected] == [links["rejected"].pk]
    assert len(client.get(url, {"status": "nonsense"}).context["relation_rows"]) == 2


def test_village_page_links_to_the_pending_list(client: Client, tree: RegionTree) -> None:
    client.force_login(user_for(Role.ELECTION_COMMITTEE, tree.a1))
    body = client.get(reverse("core:village", args=[tree.a1.pk])).content.decode()
    assert reverse("people:village_relations", args=[tree.a1.pk]) + "?status=pending" in body
