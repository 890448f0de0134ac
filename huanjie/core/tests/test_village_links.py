"""One address per village: /villages/<id>/. The region address of a village redirects there for
whoever may open it (an observer keeps the figures), every link of the pages leads there, and
every page of a village has the same breadcrumb: the regions above it, then the village."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.core.tests.conftest import World
from huanjie.regions.models import Level, Region

R = Role
WORKING_ROLES = [
    R.ADMINISTRATOR,
    R.ELECTION_OFFICE,
    R.TOWNSHIP_OFFICER,
    R.ELECTION_COMMITTEE,
    R.VILLAGE_CADRE,
    R.VILLAGE_PARTY,
]
HREF = re.compile(r'href="(/(?:regions|villages)/(\d+)/)[^"]*"')
CRUMBS = re.compile(r'<ol class="breadcrumb">(.*?)</ol>', re.S)


def _pages(tree: RegionTree) -> list[str]:
    return [
        reverse("core:home"),
        reverse("core:region", args=[tree.county.pk]),
        reverse("core:region", args=[tree.township_a.pk]),
        reverse("core:village", args=[tree.a1.pk]),
        reverse("core:village", args=[tree.a1.pk]) + "?tab=elections",
        reverse("core:village_audit", args=[tree.a1.pk]),
        reverse("core:audit"),
        reverse("core:household", args=[tree.households["a1"].pk]),
        reverse("core:person", args=[tree.heads["a1"].pk]),
    ]


@pytest.mark.parametrize("role", WORKING_ROLES, ids=[r.value for r in WORKING_ROLES])
def test_every_link_to_a_village_is_its_one_address(
    client: Client, world: World, role: Role
) -> None:
    tree = world.tree
    client.force_login(make_user(tree, role))
    villages = set(Region.objects.filter(level=Level.VILLAGE).values_list("pk", flat=True))
    links = 0
    for page in _pages(tree):
        response = client.get(page)
        if response.status_code != 200:
            continue  # a page the role does not open
        for url, pk in HREF.findall(response.content.decode()):
            if int(pk) in villages:
                links += 1
                assert url.startswith("/villages/"), (page, url)
    assert links  # the village is linked somewhere for every role


@pytest.mark.parametrize("role", WORKING_ROLES, ids=[r.value for r in WORKING_ROLES])
def test_the_region_address_of_a_village_redirects_to_it(
    client: Client, tree: RegionTree, role: Role
) -> None:
    client.force_login(make_user(tree, role))
    response = client.get(reverse("core:region", args=[tree.a1.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:village", args=[tree.a1.pk])


def test_an_observer_keeps_the_figures_of_a_village(client: Client, world: World) -> None:
    tree = world.tree
    client.force_login(make_user(tree, R.OBSERVER))
    response = client.get(reverse("core:region", args=[tree.a1.pk]))
    assert response.status_code == 200 and "只能查看统计数字" in response.content.decode()
    assert client.get(reverse("core:village", args=[tree.a1.pk])).status_code == 404
    township = client.get(reverse("core:region", args=[tree.township_a.pk])).content.decode()
    assert f'href="{reverse("core:region", args=[tree.a1.pk])}"' in township
    assert reverse("core:village", args=[tree.a1.pk]) not in township


def test_every_page_of_a_village_has_the_same_breadcrumb(
    client: Client, world: World, settings: Any
) -> None:
    settings.HUANJIE_EXPORT_SYNC_MAX_PEOPLE = 0  # the export's page, not the file
    tree = world.tree
    client.force_login(make_user(tree, R.ELECTION_OFFICE))
    village = reverse("core:village", args=[tree.a1.pk])
    expected = [
        reverse("core:home"),
        reverse("core:region", args=[tree.county.pk]),
        reverse("core:region", args=[tree.township_a.pk]),
        village,
    ]
    pages = [
        reverse("core:village_audit", args=[tree.a1.pk]),
        reverse("core:household", args=[tree.households["a1"].pk]),
        reverse("core:person", args=[tree.heads["a1"].pk]),
        reverse("people:register_export", args=[tree.a1.pk]),
    ]
    for page in pages:
        body = client.get(page).content.decode()
        crumbs = CRUMBS.search(body)
        assert crumbs is not None, page
        links = re.findall(r'href="([^"]+)"', crumbs.group(1))
        assert links[:4] == expected, page
    # The village's own page ends the same trail with its name.
    crumbs = CRUMBS.search(client.get(village).content.decode())
    assert crumbs is not None
    assert re.findall(r'href="([^"]+)"', crumbs.group(1)) == expected[:3]
    assert f'aria-current="page">{tree.a1.name}<' in crumbs.group(1)


def test_a_village_user_finds_its_village_in_the_menu(client: Client, tree: RegionTree) -> None:
    client.force_login(make_user(tree, R.ELECTION_COMMITTEE))
    body = client.get(reverse("core:village", args=[tree.a1.pk])).content.decode()
    link = reverse("core:village", args=[tree.a1.pk])
    assert re.search(
        rf'href="{link}" aria-current="page"><i class="bi bi-diagram-3"[^>]*></i> 本村', body
    )
