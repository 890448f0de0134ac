"""Masking parity: every role reads the same ID numbers, phones and audit rows through the API
as on the web pages (person page, household page, the village's people tab, its audit page)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import make_user
from huanjie.api.tests.conftest import session_client
from huanjie.core.tests.conftest import World
from huanjie.core.tests.test_views_access import OPENS

ROLES_WITH_PEOPLE = [role for role in Role if OPENS[role]]
ids = [role.value for role in ROLES_WITH_PEOPLE]


def _clients(world: World, role: Role) -> tuple[Client, Any]:
    user = make_user(world.tree, role)
    web = Client()
    web.force_login(user)
    return web, session_client(user)


@pytest.mark.parametrize("role", ROLES_WITH_PEOPLE, ids=ids)
def test_person_detail_masks_as_the_person_page(world: World, role: Role) -> None:
    web, api = _clients(world, role)
    tree = world.tree
    checked = 0
    for key in sorted(OPENS[role]):
        for person in (tree.heads[key], tree.spouses[key]):
            page = web.get(f"/people/{person.pk}/").context
            data = api.get(f"/api/v1/persons/{person.pk}/").json()
            assert (data["id_number"], data["phone"]) == (page["id_number"], page["phone"])
            assert data["id_number_full"] == (page["id_number"] == person.id_number)
            checked += 1
    assert checked == 2 * len(OPENS[role])


@pytest.mark.parametrize("role", ROLES_WITH_PEOPLE, ids=ids)
def test_household_members_mask_as_the_household_page(world: World, role: Role) -> None:
    web, api = _clients(world, role)
    for key in sorted(OPENS[role]):
        household = world.tree.households[key]
        rows = web.get(f"/households/{household.pk}/").context["members"]
        members = api.get(f"/api/v1/households/{household.pk}/").json()["members"]
        assert [(m["id"], m["id_number"]) for m in members] == [
            (r.person.pk, r.id_number) for r in rows
        ]


@pytest.mark.parametrize("role", ROLES_WITH_PEOPLE, ids=ids)
def test_person_list_masks_as_the_people_tab(world: World, role: Role) -> None:
    web, api = _clients(world, role)
    for key in sorted(OPENS[role]):
        village = world.tree.villages[key]
        rows = web.get(f"/villages/{village.pk}/?tab=people").context["rows"]
        results = api.get(f"/api/v1/persons/?village={village.pk}").json()["results"]
        assert [(p["id"], p["id_number"], p["age"]) for p in results] == [
            (r.person.pk, r.id_number, r.age) for r in rows
        ]


@pytest.mark.parametrize("role", ROLES_WITH_PEOPLE, ids=ids)
def test_audit_log_masks_as_the_audit_page(world: World, role: Role) -> None:
    web, api = _clients(world, role)
    village = world.tree.a1  # every role that opens pages opens 东坑村's
    rows = web.get(f"/villages/{village.pk}/audit/").context["rows"]
    results = api.get(f"/api/v1/villages/{village.pk}/audit/").json()["results"]
    assert rows, "the world has entries on 东坑村's page"
    assert [
        (a["id"], a["target"], [(c["field"], c["before"], c["after"]) for c in a["changes"]])
        for a in results
    ] == [
        (r.entry.pk, r.target, [(c.field, list(c.before), list(c.after)) for c in r.changes])
        for r, _ in rows  # (the row, the region of an entry without a village)
    ]


def test_masked_roles_see_no_full_number_anywhere(world: World) -> None:
    """The village party organization sees its members' numbers only; the spouse is no member."""
    _, api = _clients(world, Role.VILLAGE_PARTY)
    head, spouse = world.tree.heads["a1"], world.tree.spouses["a1"]
    body = api.get(f"/api/v1/persons/?village={world.tree.a1.pk}").content.decode()
    assert head.id_number in body
    assert spouse.id_number not in body
    assert spouse.phone not in body
    audit = api.get(f"/api/v1/villages/{world.tree.a1.pk}/audit/").content.decode()
    assert spouse.id_number not in audit and spouse.phone not in audit
