"""Every figure of a village's page, of its township's page and of the API equals a count by
hand of a small village built here: households, people, 户籍在本村, 在本村居住, party members
with and without a roll entry; who moved out or died is not counted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, add_person
from huanjie.dashboards.figures import Figures
from huanjie.documents.household_register import household_register_context
from huanjie.people.models import (
    HeadRelation,
    Household,
    MembershipStatus,
    PartyMembership,
    PartyOrganization,
    PartyOrganizationKind,
    Person,
    PoliticalStatus,
    RegisterStatus,
    Sex,
)
from huanjie.regions.models import Level, Region, VillageKind, VillagerGroup

FIGURE = re.compile(r'data-figure="(\w+)">([\d,]+)<')


@dataclass
class SmallVillage:
    township: Region
    village: Region
    off_roll: list[Person]


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _figures(html: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for name, value in FIGURE.findall(html):
        found.setdefault(name, _number(value))  # the first: the cards above any table
    return found


@pytest.fixture
def small(tree: RegionTree) -> SmallVillage:
    """Three groups (one empty), four households (one whose only member moved out), eight
    people of whom one moved out with his household, one moved out of a household that stays
    and one died; party members: two on the roll, two known only from 政治面貌, and a roll entry
    of the one who moved out with his household."""
    township = Region.objects.create(
        code="331127102000", name="沙湾镇", level=Level.TOWNSHIP, parent=tree.county
    )
    village = Region.objects.create(
        code="331127102201",
        name="茗源村",
        level=Level.VILLAGE,
        parent=township,
        kind=VillageKind.VILLAGE,
        # The yearbook's figures, far from the register's: never shown as its counts.
        population=1029,
        household_count=255,
    )
    g1, g2, _ = (
        VillagerGroup.objects.create(village=village, name=name)
        for name in ("第一村民小组", "第二村民小组", "第三村民小组")
    )
    branch = PartyOrganization.objects.create(
        village=village, name="中共茗源村支部委员会", kind=PartyOrganizationKind.BRANCH
    )
    serial = iter(range(100, 200))

    def person(home: Household, sex: Sex, relation: HeadRelation, **facts: Any) -> Person:
        someone = add_person(home, next(serial), sex, relation, name=f"{home.number}{relation}")
        if facts:
            Person.objects.filter(pk=someone.pk).update(**facts)
            someone.refresh_from_db()
        return someone

    def roll(someone: Person, status: str) -> None:
        PartyMembership.objects.create(person=someone, organization=branch, status=status)

    def left(status: str) -> dict[str, Any]:
        return {"status": status, "status_on": date(2026, 3, 1), "status_note": "测试"}

    h1 = Household.objects.create(village=village, villager_group=g1, number="01001")
    roll(person(h1, Sex.MALE, HeadRelation.HEAD), MembershipStatus.FULL)
    spouse = person(
        h1, Sex.FEMALE, HeadRelation.SPOUSE, political_status=PoliticalStatus.FULL_MEMBER
    )
    person(h1, Sex.MALE, HeadRelation.SON, **left(RegisterStatus.MOVED_OUT))

    h2 = Household.objects.create(village=village, villager_group=g1, number="01002")
    person(h2, Sex.MALE, HeadRelation.HEAD, **left(RegisterStatus.DECEASED))
    person(h2, Sex.FEMALE, HeadRelation.SPOUSE, resides_in_village=False)
    daughter = person(
        h2,
        Sex.FEMALE,
        HeadRelation.DAUGHTER,
        political_status=PoliticalStatus.PROBATIONARY_MEMBER,
    )

    h3 = Household.objects.create(village=village, villager_group=g2, number="02001")
    gone = person(h3, Sex.MALE, HeadRelation.HEAD, **left(RegisterStatus.MOVED_OUT))
    roll(gone, MembershipStatus.FULL)

    h4 = Household.objects.create(village=village, villager_group=g2, number="02002")
    roll(person(h4, Sex.MALE, HeadRelation.HEAD, hukou_in_village=False), "probationary")
    return SmallVillage(township, village, off_roll=[spouse, daughter])


# Counted by hand from the fixture's docstring and code.
VILLAGE_PAGE = {
    "villager_groups": 3,
    "households": 3,  # 01001, 01002, 02002 (02001's only member moved out)
    "people": 5,  # 01001 head and spouse, 01002 spouse and daughter, 02002 head
    "hukou_in_village": 4,  # all but 02002's head
    "resides_in_village": 4,  # all but 01002's spouse
    "party_members": 4,  # 01001 head and spouse, 01002 daughter, 02002 head
    "full_members": 2,  # 01001 head (roll), spouse (政治面貌)
    "probationary_members": 2,  # 01002 daughter (政治面貌), 02002 head (roll)
    "off_roll": 2,  # 01001 spouse, 01002 daughter
    "moved_out": 2,  # 01001 son, 02001 head
    "deceased": 1,  # 01002 head
}
REGION_FIGURES = {"villages": 1, "households": 3, "people": 5, "party_members": 4}


def _client(tree: RegionTree, role: Role, place: Region) -> Client:
    client = Client()
    client.force_login(user_for(role, place))
    return client


def test_the_village_page_shows_the_hand_count(
    tree: RegionTree, small: SmallVillage, django_assert_max_num_queries: Any
) -> None:
    client = _client(tree, Role.TOWNSHIP_OFFICER, small.township)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("core:village", args=[small.village.pk])).content.decode()
    assert _figures(html) == VILLAGE_PAGE
    # The yearbook's figures are not shown as the register's.
    assert "1029" not in html and "1,029" not in html and "255" not in html
    # The households tab lists the counted households; its group buttons add up to them.
    assert re.findall(r"（(\d+)户）", html) == ["2", "1", "0"]
    assert "02001" not in html and "01001" in html and "02002" in html


def test_the_party_tab_lists_the_counted_members_and_marks_those_off_the_roll(
    tree: RegionTree, small: SmallVillage, django_assert_max_num_queries: Any
) -> None:
    client = _client(tree, Role.VILLAGE_PARTY, small.village)
    url = reverse("core:village", args=[small.village.pk]) + "?tab=party"
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    tab = html[html.index('id="tab-pane"') :]
    rows = tab[tab.index("<tbody>") : tab.index("</tbody>")].count("<tr>")
    assert rows == VILLAGE_PAGE["party_members"]
    assert tab.count("data-off-roll") == VILLAGE_PAGE["off_roll"]
    for someone in small.off_roll:
        assert someone.name in tab
    assert "02001" + str(HeadRelation.HEAD) not in tab  # moved out: not a member here
    assert "另有 1 名已迁出或已死亡的人员" in tab


def test_the_township_and_county_pages_show_the_same_count(
    tree: RegionTree, small: SmallVillage, django_assert_max_num_queries: Any
) -> None:
    township_page = _client(tree, Role.TOWNSHIP_OFFICER, small.township)
    with django_assert_max_num_queries(12):
        page = township_page.get(reverse("core:region", args=[small.township.pk]))
    cards = _figures(page.content.decode())
    assert {k: cards[k] for k in REGION_FIGURES} == REGION_FIGURES
    county_page = _client(tree, Role.ELECTION_OFFICE, tree.county)
    html = county_page.get(reverse("core:region", args=[tree.county.pk])).content.decode()
    row = html[html.index(small.township.name) :]
    row = row[: row.index("</tr>")]
    assert {k: _number(v) for k, v in FIGURE.findall(row)} == REGION_FIGURES


def test_the_api_and_the_printed_register_agree(tree: RegionTree, small: SmallVillage) -> None:
    client = _client(tree, Role.TOWNSHIP_OFFICER, small.township)
    data = client.get(f"/api/v1/villages/{small.village.pk}/").json()
    expected = {
        ("party_members_off_roll" if k == "off_roll" else k): v for k, v in VILLAGE_PAGE.items()
    }
    assert data["registered"] == expected
    assert (data["population"], data["household_count"]) == (1029, 255)  # the yearbook's
    node = client.get(f"/api/v1/regions/{small.township.pk}/").json()
    assert node["totals"] == REGION_FIGURES
    officer = user_for(Role.TOWNSHIP_OFFICER, small.township)
    printed = household_register_context(small.village, viewer=officer)
    blocks = printed["households"]
    members = [m for b in blocks for m in b.members]
    assert [b.number for b in blocks] == ["01001", "01002", "02002"]
    assert (
        (printed["household_count"], printed["people_count"], printed["party_count"])
        == (
            len(blocks),
            len(members),
            sum(1 for m in members if m.note),
        )
        == (3, 5, 4)
    )


def test_counts_are_printed_with_thousands_separators() -> None:
    totals = Figures(townships=3, villages=30, households=9876, people=34567, party_members=2101)
    html = render_to_string("core/_figures.html", {"totals": totals, "show_townships": True})
    assert _figures(html) == {
        "townships": 3,
        "villages": 30,
        "households": 9876,
        "people": 34567,
        "party_members": 2101,
    }
    assert ">34,567<" in html and ">9,876<" in html and ">2,101<" in html
