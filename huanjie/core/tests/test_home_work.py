"""The home page of a township (and of every role that works in villages) shows the work to do:
the next elections with their days left (overdue ones as overdue, not 筹备中), registers not yet
imported, imports waiting or failed, relations to check, red and orange villages, each a link
to where it is done; at a cost that does not grow with the number of villages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.campaigns.models import Campaign, CampaignStatus, RiskLevel, VillagePlan
from huanjie.dashboards.work import work_of
from huanjie.elections.models import Body, Election, ElectionStatus, Method, Round
from huanjie.people.models import (
    CloseRelative,
    Person,
    RegisterImport,
    RegisterImportStatus,
    RegisterStatus,
    RelationSource,
)
from huanjie.regions.models import Level, Region, VillageKind
from huanjie.rules.kinship.relations import RelationKind

R = Role
REGION_TABLE = '<th scope="col">层级</th>'  # the region table's column
BODIES = [Body.PARTY_ORGANIZATION, Body.VILLAGERS_COMMITTEE, Body.SUPERVISION_COMMITTEE]


def _today() -> date:
    return timezone.localdate()


def _campaign(
    tree: RegionTree, *, status: str = CampaignStatus.ACTIVE, year: int = 2026
) -> Campaign:
    return Campaign.objects.create(
        name=f"{year}年换届",
        term_start_year=year,
        region=tree.county,
        profile_id="ZJ_2025",
        window_start=_today() - timedelta(days=60),
        window_end=_today() + timedelta(days=60),
        status=status,
    )


def _plan(campaign: Campaign, village: Region, risk: str = RiskLevel.GREEN) -> VillagePlan:
    return VillagePlan.objects.create(campaign=campaign, village=village, risk_level=risk)


def _election(
    plan: VillagePlan, body: Body, days: int | None, status: str = ElectionStatus.PLANNED
) -> Election:
    return Election.objects.create(
        plan=plan,
        body=body,
        round=Round.FIRST,
        method=Method.ASSEMBLY,
        election_day=None if days is None else _today() + timedelta(days=days),
        status=status,
    )


def _import(village: Region, status: str, *, days_ago: int = 0, **extra: Any) -> RegisterImport:
    made = RegisterImport.objects.create(
        village=village,
        file="register_imports/x.xlsx",
        original_name=f"{village.name}{status}.xlsx",
        status=status,
        imported_at=timezone.now() if status == RegisterImportStatus.IMPORTED else None,
        **extra,
    )
    RegisterImport.objects.filter(pk=made.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return made


@pytest.fixture
def busy(tree: RegionTree) -> RegionTree:
    """Work in every village: the township officer's (a1, a2) and others (b1, c1)."""
    campaign = _campaign(tree)
    a1 = _plan(campaign, tree.a1, RiskLevel.ORANGE)
    _election(a1, Body.PARTY_ORGANIZATION, -5)  # overdue
    _election(a1, Body.VILLAGERS_COMMITTEE, -2)  # overdue too
    _election(a1, Body.SUPERVISION_COMMITTEE, 20)
    a2 = _plan(campaign, tree.a2, RiskLevel.RED)
    _election(a2, Body.PARTY_ORGANIZATION, -30, ElectionStatus.COUNTED)  # done
    _election(a2, Body.VILLAGERS_COMMITTEE, 3)
    b1 = _plan(campaign, tree.b1, RiskLevel.RED)
    _election(b1, Body.PARTY_ORGANIZATION, 1)
    # A closed campaign's open elections are history, not work.
    old = _plan(_campaign(tree, status=CampaignStatus.CLOSED, year=2021), tree.a2)
    _election(old, Body.PARTY_ORGANIZATION, -1000)
    # a2's register: everybody has left (the village counts as empty).
    Person.objects.filter(village=tree.a2).update(
        status=RegisterStatus.MOVED_OUT, status_on=_today()
    )
    _import(tree.a1, RegisterImportStatus.VALIDATED)
    _import(tree.a2, RegisterImportStatus.FAILED, days_ago=1)
    _import(tree.a1, RegisterImportStatus.FAILED, days_ago=5)  # overtaken by the one below
    _import(tree.a1, RegisterImportStatus.IMPORTED, days_ago=4)
    _import(tree.a2, RegisterImportStatus.FAILED, days_ago=2, dismissed_at=timezone.now())
    _import(tree.b1, RegisterImportStatus.FAILED)
    CloseRelative.objects.create(
        person_a=tree.heads["a1"],
        person_b=tree.spouses["a1"],
        kind=RelationKind.SPOUSE,
        source=RelationSource.DERIVED,
    )
    CloseRelative.objects.create(
        person_a=tree.heads["b1"],
        person_b=tree.spouses["b1"],
        kind=RelationKind.SPOUSE,
        source=RelationSource.DERIVED,
    )
    return tree


def test_the_township_officers_work(busy: RegionTree) -> None:
    work = work_of(make_user(busy, R.TOWNSHIP_OFFICER), _today())
    # One line per village: its earliest open election; the overdue first.
    assert [(n.village.name, n.election.body, n.days, n.overdue) for n in work.elections] == [
        ("东坑村", Body.PARTY_ORGANIZATION, -5, True),
        ("大均村", Body.VILLAGERS_COMMITTEE, 3, False),
    ]
    assert work.elections[0].more_overdue == 1 and work.overdue == 1
    assert [v.name for v in work.empty_registers] == ["大均村"]
    assert [(i.village.name, i.status) for i in work.imports] == [
        ("东坑村", RegisterImportStatus.VALIDATED),
        ("大均村", RegisterImportStatus.FAILED),
    ]
    assert [(r.village_name, r.pending) for r in work.relations] == [("东坑村", 1)]
    assert [(p.village.name, p.risk_level) for p in work.risks] == [
        ("大均村", RiskLevel.RED),
        ("东坑村", RiskLevel.ORANGE),
    ]


def test_the_county_sees_its_townships_work_and_no_more(busy: RegionTree) -> None:
    work = work_of(make_user(busy, R.ELECTION_OFFICE), _today())
    assert {n.village.name for n in work.elections} == {"东坑村", "大均村", "梧桐村"}
    assert {i.village.name for i in work.imports} == {"东坑村", "大均村", "梧桐村"}
    assert [r.village_name for r in work.relations] == ["东坑村", "梧桐村"]
    assert "沙铺村" not in {p.village.name for p in work.risks}


def test_the_home_page_shows_the_work_with_links_to_where_it_is_done(
    client: Client, busy: RegionTree
) -> None:
    client.force_login(make_user(busy, R.TOWNSHIP_OFFICER))
    body = client.get(reverse("core:home")).content.decode()
    a1, a2 = busy.a1.pk, busy.a2.pk
    for text in [
        "近期选举",
        "逾期 5 天",
        "另有 1 场逾期",
        "还有 3 天",
        "户籍尚未导入",
        "待确认导入",
        "有错误，未导入",
        "近亲属关系待核对",
        "选情研判需关注",
        f'href="{reverse("core:village", args=[a1])}?tab=elections"',
        f'href="{reverse("core:village", args=[a2])}"',
        f'href="{reverse("people:village_relations", args=[a1])}?status=pending"',
    ]:
        assert text in body, text
    assert "筹备中" not in body and "梧桐村" not in body and "沙铺村" not in body
    # The township's region table is on its region page, linked from here.
    assert REGION_TABLE not in body
    assert f'href="{reverse("core:region", args=[busy.township_a.pk])}"' in body
    # The officer does not confirm imports: the village page, and who does.
    assert reverse("people:import_detail", args=[a1, 1]).rsplit("/", 2)[0] not in body
    assert "确认导入和修正由村选委会办理" in body


def test_the_committee_is_led_to_its_import(client: Client, busy: RegionTree) -> None:
    client.force_login(make_user(busy, R.ELECTION_COMMITTEE))
    body = client.get(reverse("core:home")).content.decode()
    waiting = RegisterImport.objects.get(village=busy.a1, status=RegisterImportStatus.VALIDATED)
    assert reverse("people:import_detail", args=[busy.a1.pk, waiting.pk]) in body
    assert "大均村" not in body


def test_an_election_past_its_day_shows_as_overdue_on_the_village_page(
    client: Client, busy: RegionTree
) -> None:
    client.force_login(make_user(busy, R.TOWNSHIP_OFFICER))
    url = reverse("core:village", args=[busy.a1.pk]) + "?tab=elections"
    body = client.get(url).content.decode()
    assert body.count("逾期未录入结果") == 2 and body.count("筹备中") == 1


def test_nothing_to_do_is_said_plainly(client: Client, tree: RegionTree) -> None:
    client.force_login(make_user(tree, R.TOWNSHIP_OFFICER))
    body = client.get(reverse("core:home")).content.decode()
    assert "没有待进行的选举" in body and "暂无待办事项" in body


@pytest.mark.parametrize(
    ("role", "work", "table"),
    [
        (R.ADMINISTRATOR, True, False),
        (R.ELECTION_OFFICE, True, False),
        (R.TOWNSHIP_OFFICER, True, False),
        (R.ELECTION_COMMITTEE, True, False),
        (R.VILLAGE_PARTY, True, False),
        (R.OBSERVER, False, True),
    ],
    ids=lambda v: v.value if isinstance(v, Role) else str(v),
)
def test_who_gets_the_work_and_who_the_table(
    client: Client, busy: RegionTree, role: Role, work: bool, table: bool
) -> None:
    client.force_login(make_user(busy, role))
    body = client.get(reverse("core:home")).content.decode()
    assert ("近期选举" in body) is work
    assert (REGION_TABLE in body) is table


def test_a_cadre_of_several_villages_gets_both(client: Client, busy: RegionTree) -> None:
    cadre = user_for(R.VILLAGE_CADRE, busy.a1)
    cadre.assigned_villages.add(busy.b1)
    client.force_login(cadre)
    body = client.get(reverse("core:home")).content.decode()
    assert "近期选举" in body and "您所包的村" in body and "梧桐村" in body


@pytest.mark.parametrize("extra", [0, 15])
def test_the_home_page_costs_the_same_whatever_the_number_of_villages(
    client: Client, busy: RegionTree, django_assert_max_num_queries: Any, extra: int
) -> None:
    campaign = Campaign.objects.get(status=CampaignStatus.ACTIVE)
    for n in range(extra):
        village = Region.objects.create(
            code=f"331127100{300 + n}",
            name=f"新村{n}",
            level=Level.VILLAGE,
            parent=busy.township_a,
            kind=VillageKind.VILLAGE,
        )
        plan = _plan(campaign, village, RiskLevel.RED if n % 2 else RiskLevel.ORANGE)
        for days, body in zip([-n - 1, n + 1, n + 9], BODIES, strict=True):
            _election(plan, body, days)
        _import(village, RegisterImportStatus.FAILED)
    client.force_login(make_user(busy, R.TOWNSHIP_OFFICER))
    with django_assert_max_num_queries(13):
        response = client.get(reverse("core:home"))
    assert len(response.context["work"].elections) == 2 + extra
    assert len(response.context["work"].empty_registers) == 1 + extra


def test_a_village_s_own_users_see_every_open_election_of_it(busy: RegionTree) -> None:
    work = work_of(make_user(busy, R.ELECTION_COMMITTEE), _today(), one_village=True)
    assert [(n.election.body, n.days, n.overdue) for n in work.elections] == [
        (Body.PARTY_ORGANIZATION, -5, True),
        (Body.VILLAGERS_COMMITTEE, -2, True),
        (Body.SUPERVISION_COMMITTEE, 20, False),
    ]


def test_the_committee_s_home_names_its_village(client: Client, busy: RegionTree) -> None:
    client.force_login(make_user(busy, R.ELECTION_COMMITTEE))
    body = client.get(reverse("core:home")).content.decode()
    assert "本村尚未完成的选举" in body and "还有 20 天" in body
    assert f'<a href="{reverse("core:village", args=[busy.a1.pk])}">东坑村</a>的概况' in body


def test_a_county_s_list_names_the_township_of_each_village(
    client: Client, busy: RegionTree
) -> None:
    client.force_login(make_user(busy, R.ELECTION_OFFICE))
    body = client.get(reverse("core:home")).content.decode()
    assert "鹤溪街道" in body and "红星街道" in body and "各村下一场选举" in body
