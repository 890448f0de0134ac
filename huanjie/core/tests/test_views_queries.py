"""Query-count guards: the home, region and village pages cost the same whatever the number of
villages, households and people (one query per level and kind of count, no N+1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, add_person, make_user
from huanjie.core.tests.conftest import World
from huanjie.people.models import (
    HeadRelation,
    Household,
    MembershipStatus,
    PartyMembership,
    PartyOrganization,
    Sex,
)
from huanjie.regions.models import Level, Region, VillageKind, VillagerGroup

R = Role
SIZES = [0, 12]


def _grow(tree: RegionTree, extra: int) -> None:
    """`extra` more villages in township a, and `extra` more households of three in a1."""
    serial = 100
    branch = PartyOrganization.objects.get(village=tree.a1)

    def household(village: Region, group: VillagerGroup, number: str) -> None:
        nonlocal serial
        home = Household.objects.create(village=village, villager_group=group, number=number)
        for relation, sex in [
            (HeadRelation.HEAD, Sex.MALE),
            (HeadRelation.SPOUSE, Sex.FEMALE),
            (HeadRelation.SON, Sex.MALE),
        ]:
            serial += 1
            name = f"{village.name}{number}{relation.label}"
            person = add_person(home, serial, sex, relation, name=name)
            if village == tree.a1 and relation == HeadRelation.SON:
                PartyMembership.objects.create(
                    person=person, organization=branch, status=MembershipStatus.PROBATIONARY
                )

    group_a1 = tree.households["a1"].villager_group
    for n in range(extra):
        village = Region.objects.create(
            code=f"331127100{300 + n}",
            name=f"新村{n}",
            level=Level.VILLAGE,
            parent=tree.township_a,
            kind=VillageKind.VILLAGE,
        )
        group = VillagerGroup.objects.create(village=village, name="第一村民小组")
        household(village, group, "001")
        household(tree.a1, group_a1, f"{100 + n}")


PAGES: dict[str, Callable[[RegionTree], str]] = {
    "home": lambda t: reverse("core:home"),
    "region_county": lambda t: reverse("core:region", args=[t.county.pk]),
    "region_township": lambda t: reverse("core:region", args=[t.township_a.pk]),
    "village_households": lambda t: reverse("core:village", args=[t.a1.pk]),
    "village_people": lambda t: reverse("core:village", args=[t.a1.pk]) + "?tab=people",
    "village_party": lambda t: reverse("core:village", args=[t.a1.pk]) + "?tab=party",
    "village_elections": lambda t: reverse("core:village", args=[t.a1.pk]) + "?tab=elections",
    "village_officers": lambda t: reverse("core:village", args=[t.a1.pk]) + "?tab=officers",
    "household": lambda t: reverse("core:household", args=[t.households["a1"].pk]),
    "audit": lambda t: reverse("core:village_audit", args=[t.a1.pk]),
}
# The most queries each page may make (session and user included), whatever the data size.
LIMITS = {
    "home": 13,  # 5 of them for the work waiting in the villages (dashboards.work)
    "region_county": 10,
    "region_township": 10,
    "village_households": 12,
    "village_people": 12,
    "village_party": 10,
    "village_elections": 10,
    "village_officers": 9,
    "household": 11,
    # 3 for the audit chain (head, entries since the last check, checkpoint), 2 for the filters'
    # choices (the operators and the actions of the village's trail)
    "audit": 12,
}
ROLES = [R.ADMINISTRATOR, R.ELECTION_OFFICE, R.TOWNSHIP_OFFICER, R.VILLAGE_CADRE, R.VILLAGE_PARTY]
CASES = [
    (page, role, size)
    for page in PAGES
    for role in ROLES
    for size in SIZES
    # Below the county nobody opens the county's page; a village's roles no region page.
    if not (page == "region_county" and role is R.TOWNSHIP_OFFICER)
    and not (page.startswith("region") and role in {R.VILLAGE_CADRE, R.VILLAGE_PARTY})
]


@pytest.mark.parametrize(
    ("page", "role", "size"),
    CASES,
    ids=[f"{page}-{role.value}-{size}" for page, role, size in CASES],
)
def test_page_queries_do_not_grow_with_the_data(
    client: Client,
    world: World,
    django_assert_max_num_queries: Any,
    page: str,
    role: Role,
    size: int,
) -> None:
    tree = world.tree
    _grow(tree, size)
    client.force_login(make_user(tree, role))
    url = PAGES[page](tree)
    with django_assert_max_num_queries(LIMITS[page]):
        response = client.get(url)
    assert response.status_code == 200
    if page == "village_people":
        assert len(response.context["rows"]) == 2 + 3 * size
