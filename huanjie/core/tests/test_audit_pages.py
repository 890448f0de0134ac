"""The audit page of the user's regions (/audit/) and the village's: scope, filters, masking,
pages, the menu's 审计 link, and a query count that does not grow with the rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.actions import AuditAction
from huanjie.audit.models import AuditEntry
from huanjie.audit.services import record_audit
from huanjie.core import messages as msg
from huanjie.core.audit_listing import PAGE_SIZE
from huanjie.documents.audit_rows import audit_rows
from huanjie.regions.models import Region
from huanjie.rules.eligibility.identity import mask_id_number

R = Role
EDIT = AuditAction("test.person_edit", "修改人员")
PRINT = AuditAction("test.township_print", "批量打印")
HOLIDAY = AuditAction("test.holiday", "修改节假日")
# Where each test entry belongs: (target_repr, village key or None, region key or None).
PLACES = [
    ("东坑村的修改", "a1", None),
    ("大均村的修改", "a2", None),
    ("梧桐村的修改", "b1", None),
    ("沙铺村的修改", "c1", None),
    ("鹤溪街道的打印", None, "township_a"),
    ("景宁县的修改", None, "county"),
    ("全系统的修改", None, None),
]
ALL = {p[0] for p in PLACES}
SEES: dict[Role, set[str]] = {
    R.ADMINISTRATOR: ALL,
    R.ELECTION_OFFICE: ALL - {"沙铺村的修改", "全系统的修改"},
    R.TOWNSHIP_OFFICER: {"东坑村的修改", "大均村的修改", "鹤溪街道的打印"},
    R.ELECTION_COMMITTEE: {"东坑村的修改"},
    R.VILLAGE_CADRE: {"东坑村的修改"},
    R.VILLAGE_PARTY: {"东坑村的修改"},
}


@contextmanager
def _at(moment: datetime) -> Iterator[None]:
    """Entries recorded meanwhile carry `moment` as their time (hashed with it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        yield


def _record(
    tree: RegionTree,
    label: str,
    *,
    village: Region | None = None,
    region: Region | None = None,
    actor: User | None = None,
    action: AuditAction = EDIT,
    after: Any = None,
) -> AuditEntry:
    with transaction.atomic():
        return record_audit(
            actor=actor,
            action=action,
            target=tree.heads["a1"],
            village=village,
            region=region,
            target_repr=label,
            after=after if after is not None else {"name": label},
        )


@pytest.fixture
def placed(tree: RegionTree) -> RegionTree:
    for label, village, region in PLACES:
        _record(
            tree,
            label,
            village=tree.villages[village] if village else None,
            region=getattr(tree, region) if region else None,
        )
    return tree


def _page(client: Client, query: str = "") -> str:
    response = client.get(reverse("core:audit") + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", list(SEES), ids=[r.value for r in SEES])
def test_the_regions_page_lists_the_entries_of_the_users_scope_and_no_more(
    client: Client, placed: RegionTree, role: Role
) -> None:
    client.force_login(make_user(placed, role))
    body = _page(client)
    assert {label for label in ALL if label in body} == SEES[role]


@pytest.mark.parametrize("role", [R.OBSERVER, R.REVIEWER], ids=["observer", "reviewer"])
def test_roles_without_village_pages_are_told_they_read_no_trail(
    client: Client, placed: RegionTree, role: Role
) -> None:
    client.force_login(make_user(placed, role))
    response = client.get(reverse("core:audit"))
    body = response.content.decode()
    assert response.status_code == 403
    assert msg.AUDIT_NOT_FOR_ROLE in body and not any(label in body for label in ALL)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (R.ADMINISTRATOR, "audit"),
        (R.ELECTION_OFFICE, "audit"),
        (R.TOWNSHIP_OFFICER, "audit"),
        (R.VILLAGE_CADRE, "village"),  # the tree's cadre has one village
        (R.ELECTION_COMMITTEE, "village"),
        (R.VILLAGE_PARTY, "village"),
        (R.OBSERVER, None),
        (R.REVIEWER, None),
    ],
    ids=lambda v: v.value if isinstance(v, Role) else str(v),
)
def test_the_menu_links_audit_to_the_page_of_the_users_scope(
    client: Client, tree: RegionTree, role: Role, url: str | None
) -> None:
    client.force_login(make_user(tree, role))
    body = client.get(reverse("core:home")).content.decode()
    link = {
        "audit": reverse("core:audit"),
        "village": reverse("core:village_audit", args=[tree.a1.pk]),
        None: None,
    }[url]
    assert ("审计</a>" in body) is (link is not None)
    if link is not None:
        assert f'href="{link}"' in body
        # Also on a page elsewhere: the menu does not change with the page.
        person = client.get(reverse("core:person", args=[tree.heads["a1"].pk])).content.decode()
        assert f'href="{link}"><i class="bi bi-journal-text"' in person.replace(
            ' aria-current="page"', ""
        )


def test_filters_by_village_operator_action_and_dates(client: Client, tree: RegionTree) -> None:
    officer = make_user(tree, R.TOWNSHIP_OFFICER)
    clerk = user_for(R.ELECTION_COMMITTEE, tree.a1, first_name="明", last_name="柳")
    with _at(timezone.make_aware(datetime(2026, 3, 1, 9))):
        _record(tree, "三月一日东坑村", village=tree.a1, actor=clerk)
    with _at(timezone.make_aware(datetime(2026, 3, 5, 23, 30))):
        _record(tree, "三月五日大均村", village=tree.a2)
    with _at(timezone.make_aware(datetime(2026, 3, 9, 8))):
        _record(tree, "三月九日打印", region=tree.township_a, actor=officer, action=PRINT)
    client.force_login(officer)
    everything = {"三月一日东坑村", "三月五日大均村", "三月九日打印"}

    def shown(query: str) -> set[str]:
        body = _page(client, query)
        return {label for label in everything if label in body}

    assert shown("") == everything
    assert shown(f"?place={tree.a1.pk}") == {"三月一日东坑村"}
    assert shown(f"?place={tree.township_a.pk}") == everything
    assert shown(f"?actor={clerk.pk}") == {"三月一日东坑村"}
    assert shown("?actor=system") == {"三月五日大均村"}
    assert shown(f"?action={PRINT.code}") == {"三月九日打印"}
    # The dates are whole local days, both ends included.
    assert shown("?since=2026-03-05&until=2026-03-05") == {"三月五日大均村"}
    assert shown("?since=2026-03-02") == {"三月五日大均村", "三月九日打印"}
    assert shown("?until=2026-03-05") == {"三月一日东坑村", "三月五日大均村"}
    # The filters offer what the scope holds: the operators by name and role, the actions.
    body = _page(client)
    assert "柳明（村选委会）" in body and "系统自动" in body and "批量打印" in body


def test_bad_filter_values_are_explained_and_the_others_still_apply(
    client: Client, tree: RegionTree
) -> None:
    _record(tree, "东坑村的修改", village=tree.a1)
    _record(tree, "大均村的修改", village=tree.a2)
    _record(tree, "沙铺村的修改", village=tree.c1)
    client.force_login(make_user(tree, R.TOWNSHIP_OFFICER))
    body = _page(client, f"?place={tree.a1.pk}&since=2026-13-01")
    assert msg.AUDIT_BAD_DATE in body
    assert "东坑村的修改" in body and "大均村的修改" not in body
    body = _page(client, "?since=2026-03-09&until=2026-03-01")
    assert msg.AUDIT_DATES_REVERSED in body
    # A village outside the scope is not a choice: refused, and nothing of it shown.
    body = _page(client, f"?place={tree.c1.pk}")
    assert msg.AUDIT_PICK_PLACE in body and "沙铺村" not in body
    assert "东坑村的修改" in body and "大均村的修改" in body
    assert msg.AUDIT_PICK_ACTOR in _page(client, "?actor=abc")
    assert msg.AUDIT_PICK_ACTION in _page(client, "?action=nope")
    # Nothing was written by reading.
    assert AuditEntry.objects.count() == 3


@pytest.mark.parametrize(
    ("role", "full"),
    [
        (R.ADMINISTRATOR, True),
        (R.ELECTION_OFFICE, True),
        (R.TOWNSHIP_OFFICER, True),
        (R.VILLAGE_CADRE, True),
        (R.ELECTION_COMMITTEE, True),
        (R.VILLAGE_PARTY, False),
    ],
    ids=lambda v: v.value if isinstance(v, Role) else str(v),
)
def test_numbers_are_masked_as_on_the_village_page(
    client: Client, tree: RegionTree, role: Role, full: bool
) -> None:
    spouse = tree.spouses["a1"]
    _record(tree, "登记", village=tree.a1, after={"id_number": spouse.id_number})
    client.force_login(make_user(tree, role))
    for url in (reverse("core:audit"), reverse("core:village_audit", args=[tree.a1.pk])):
        body = client.get(url).content.decode()
        assert (spouse.id_number in body) is full, url
        assert (mask_id_number(spouse.id_number) in body) is not full, url


def test_the_list_is_paged_and_each_change_stays_folded(client: Client, tree: RegionTree) -> None:
    for n in range(PAGE_SIZE + 5):
        _record(tree, f"第{n}条", village=tree.a1)
    client.force_login(make_user(tree, R.TOWNSHIP_OFFICER))
    first = client.get(reverse("core:audit"))
    assert len(first.context["rows"]) == PAGE_SIZE
    body = first.content.decode()
    assert "共 55 条" in body and "第 1 / 2 页" in body
    # What changed is in a closed <details>: one line per entry until asked for.
    assert body.count("<details>") == PAGE_SIZE and "<details open" not in body
    second = client.get(reverse("core:audit") + f"?page=2&place={tree.a1.pk}")
    assert len(second.context["rows"]) == 5
    assert "第 2 / 2 页" in second.content.decode()


def test_the_village_page_keeps_its_trail_and_filters(client: Client, tree: RegionTree) -> None:
    clerk = user_for(R.ELECTION_COMMITTEE, tree.a1)
    _record(tree, "东坑村的修改", village=tree.a1, actor=clerk)
    _record(tree, "东坑村的另一条", village=tree.a1)
    _record(tree, "大均村的修改", village=tree.a2)
    client.force_login(make_user(tree, R.TOWNSHIP_OFFICER))
    url = reverse("core:village_audit", args=[tree.a1.pk])
    body = client.get(url).content.decode()
    assert "东坑村的修改" in body and "东坑村的另一条" in body and "大均村的修改" not in body
    assert 'name="place"' not in body  # one village: no place to pick
    body = client.get(url + f"?actor={clerk.pk}").content.decode()
    assert "东坑村的修改" in body and "东坑村的另一条" not in body


@pytest.mark.parametrize("rows", [3, 40])
def test_the_regions_page_costs_the_same_whatever_its_rows(
    client: Client, tree: RegionTree, django_assert_max_num_queries: Any, rows: int
) -> None:
    # Each entry with its own actor, a village of its own where possible, a referenced object.
    villages = [tree.a1, tree.a2]
    for n in range(rows):
        actor = user_for(R.ELECTION_COMMITTEE, villages[n % 2])
        _record(
            tree,
            f"第{n}条",
            village=villages[n % 2],
            actor=actor,
            after={"name": f"第{n}条", "household": tree.households["a1"].pk},
        )
    _record(tree, "打印", region=tree.township_a, action=PRINT)
    client.force_login(make_user(tree, R.TOWNSHIP_OFFICER))
    # 3 of them for the audit chain: its head, the entries since the last check, the checkpoint.
    with django_assert_max_num_queries(13):
        response = client.get(reverse("core:audit"))
    assert len(response.context["rows"]) == rows + 1
    with django_assert_max_num_queries(13):
        response = client.get(reverse("core:audit") + f"?place={tree.a1.pk}&since=2020-01-01")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "region", "offered"),
    [
        (R.TOWNSHIP_OFFICER, "township_a", True),
        (R.ELECTION_OFFICE, "county", True),
        (R.ELECTION_OFFICE, "township_b", True),
        (R.OBSERVER, "county", False),
    ],
    ids=["township", "county", "county-township", "observer"],
)
def test_a_region_page_leads_to_its_trail(
    client: Client, tree: RegionTree, role: Role, region: str, offered: bool
) -> None:
    place = getattr(tree, region)
    client.force_login(make_user(tree, role))
    body = client.get(reverse("core:region", args=[place.pk])).content.decode()
    assert (f'href="{reverse("core:audit")}?place={place.pk}"' in body) is offered


def test_the_summaries_of_logins_and_api_reads_read_in_chinese(tree: RegionTree) -> None:
    summary = {
        "address": "127.0.0.1",
        "failures": 3,
        "username": "liuzhiqiang",
        "method": "GET",
        "path": "/api/v1/persons/",
        "query": {"code": "331127"},
        "id_numbers": 5,
    }
    entry = _record(tree, "登录", village=tree.a1, after=summary)
    fetched = AuditEntry.objects.select_related("actor", "target_type").get(pk=entry.pk)
    [row] = audit_rows([fetched], full_ids=True)
    labels = [change.field for change in row.changes]
    assert len(labels) == len(summary)
    assert not [label for label in labels if re.search(r"[A-Za-z]", label)]


def test_an_administrator_reads_the_trail_of_every_region(
    client: Client, placed: RegionTree
) -> None:
    client.force_login(make_user(placed, R.ADMINISTRATOR))
    assert "操作记录 · 全部区划" in _page(client)
