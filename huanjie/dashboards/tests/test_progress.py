"""The progress dashboard by level: every figure equals a hand count on the small county, the
queries do not grow with the villages, scope (404 as for a missing region), drill-down links, the
nav link and the charts' data."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from unittest.mock import patch

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.campaigns.models import PlanTask, RiskLevel, VillagePlan
from huanjie.campaigns.prep_services import readiness_record
from huanjie.campaigns.services import village_plan_create
from huanjie.campaigns.task_services import plan_tasks_refresh
from huanjie.campaigns.tests.tasks_world import DAYS, TasksWorld, build
from huanjie.core.tests.test_views_access import _body
from huanjie.dashboards import rollup
from huanjie.dashboards.progress import Progress, progress_by_region, total
from huanjie.elections.models import Body, Election, ElectionStatus
from huanjie.elections.services import election_create
from huanjie.regions.models import Level, Region, VillageKind
from huanjie.registration.models import ListStatus, VoterRegister

TODAY = date(2026, 3, 10)
MISSING = 987_654


@pytest.fixture(autouse=True)
def today() -> Any:
    with patch("django.utils.timezone.localdate", return_value=TODAY):
        yield


@pytest.fixture
def world(tree: RegionTree) -> TasksWorld:
    """a1 red, a2 green, b1 orange (township a: a1, a2; township b: b1); c1 in the other county
    has no plan. a1's party election counted and its VC election complete with its register
    published and everything before the election done; b1's party election complete; a2's
    overdue tasks all done."""
    w = build(tree)
    for plan in w.plans.values():
        plan_tasks_refresh(plan=plan, acting_user=None)
    a1, a2, b1 = w.plans["a1"], w.plans["a2"], w.plans["b1"]
    _status(a1, Body.PARTY_ORGANIZATION, ElectionStatus.COUNTED)
    vc = _status(a1, Body.VILLAGERS_COMMITTEE, ElectionStatus.COMPLETE)
    _status(b1, Body.PARTY_ORGANIZATION, ElectionStatus.COMPLETE)
    VoterRegister.objects.create(
        election=vc,
        village=tree.a1,
        term_year=2026,
        status=ListStatus.PUBLISHED,
        published_on=date(2026, 3, 1),
        objection_deadline=date(2026, 3, 6),
    )
    b1_vc = Election.objects.get(plan=b1, body=Body.VILLAGERS_COMMITTEE)
    VoterRegister.objects.create(election=b1_vc, village=tree.b1, term_year=2026)  # a draft
    PlanTask.objects.filter(plan=a2, due__lt=TODAY).update(
        done_on=date(2026, 3, 1), evidence="会议记录"
    )
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    common: dict[str, Any] = {"plan": a1, "today": TODAY, "acting_user": officer}
    readiness_record(kind="review", done_on=date(2026, 2, 1), outcome="passed", **common)
    for kind in ("finance_audit", "departure_audit"):
        readiness_record(
            kind=kind,
            done_on=date(2026, 2, 5),
            outcome="passed",
            published_on=date(2026, 2, 10),
            **common,
        )
    readiness_record(
        kind="training",
        done_on=date(2026, 2, 20),
        outcome="passed",
        by="乡镇组织办",
        participants=9,
        **common,
    )
    rollup.flush()  # the writes' rollup rows, as their commit would write them
    return w


def _status(plan: VillagePlan, body: str, status: str) -> Election:
    """Saved as the services save it (a queryset's update() would pass the rollup by)."""
    election = Election.objects.get(plan=plan, body=body)
    election.status = status
    election.save(update_fields=["status", "updated_at"])
    return election


def web(tree: RegionTree, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(tree, role))
    return client


def _hand_count(villages: list[Region]) -> dict[str, Any]:
    """The figures counted plan by plan, without the selector's grouping."""
    plans = [p for p in VillagePlan.objects.filter(village__in=villages)]
    late = {t.plan_id for t in PlanTask.objects.filter(due__lt=TODAY, done_on__isnull=True)}
    published = set(
        VoterRegister.objects.filter(status=ListStatus.PUBLISHED).values_list("village", flat=True)
    )
    elections = list(Election.objects.filter(plan__in=plans))

    def villages_with(body: str, statuses: tuple[str, ...]) -> int:
        return len({e.plan_id for e in elections if e.body == body and e.status in statuses})

    every = tuple(ElectionStatus.values)
    held = (ElectionStatus.COUNTED, ElectionStatus.COMPLETE)
    return {
        "villages": len(villages),
        "planned": len(plans),
        "red": sum(p.risk_level == RiskLevel.RED for p in plans),
        "orange": sum(p.risk_level == RiskLevel.ORANGE for p in plans),
        "green": sum(p.risk_level == RiskLevel.GREEN for p in plans),
        "overdue": sum(p.pk in late for p in plans),
        "published": sum(p.village_id in published for p in plans),
        "bodies": {
            body: (
                villages_with(body, every),
                villages_with(body, held),
                villages_with(body, (ElectionStatus.COMPLETE,)),
            )
            for body in DAYS
        },
    }


def _figures(progress: Progress) -> dict[str, Any]:
    names = ("villages", "planned", "red", "orange", "green", "overdue", "published")
    return {
        **{name: getattr(progress, name) for name in names},
        "bodies": {
            body: (b.planned, b.held, b.complete)
            for body, b in progress.bodies.items()
            if body in DAYS
        },
    }


def test_every_figure_equals_a_hand_count(world: TasksWorld) -> None:
    t = world.tree
    office = make_user(t, Role.ELECTION_OFFICE)
    found = progress_by_region(office, [t.township_a, t.township_b], 2026, TODAY)
    a, b = found[t.township_a.pk], found[t.township_b.pk]
    assert _figures(a) == _hand_count([t.a1, t.a2])
    assert _figures(b) == _hand_count([t.b1])
    # Known by construction, so the hand count is not merely compared with itself.
    assert (a.villages, a.planned, a.red, a.orange, a.green) == (2, 2, 1, 0, 1)
    assert (a.overdue, a.ready, a.not_ready, a.published) == (1, 1, 1, 1)
    assert a.bodies[Body.PARTY_ORGANIZATION].held == 1
    assert a.bodies[Body.PARTY_ORGANIZATION].complete == 0
    assert a.bodies[Body.VILLAGERS_COMMITTEE].complete == 1
    assert a.bodies[Body.VILLAGERS_COMMITTEE].percent == 50
    assert (b.orange, b.overdue, b.ready, b.published) == (1, 1, 0, 0)
    assert b.bodies[Body.PARTY_ORGANIZATION].complete == 1
    # One level up: the city's counties, the other county's village without a plan.
    admin = make_user(t, Role.ADMINISTRATOR)
    counties = progress_by_region(admin, [t.county, t.other_county], 2026, TODAY)
    jn, yh = counties[t.county.pk], counties[t.other_county.pk]
    assert _figures(jn) == _hand_count([t.a1, t.a2, t.b1])
    assert (yh.villages, yh.planned, yh.overdue, yh.ready) == (1, 0, 0, 0)
    summed = total([a, b])
    assert _figures(summed) == _figures(jn) and summed.ready == jn.ready == 1
    # Another term: the villages stay, nothing of the campaign counts.
    other = progress_by_region(admin, [t.county], 2021, TODAY)[t.county.pk]
    assert (other.villages, other.planned, other.red, other.overdue) == (3, 0, 0, 0)


def _more_villages(world: TasksWorld, count: int) -> None:
    """`count` more villages in township a, each with a red plan, its elections and tasks."""
    t = world.tree
    for n in range(3, 3 + count):
        village = Region.objects.create(
            code=f"3311271002{n:02d}",
            name=f"新村{n}",
            level=Level.VILLAGE,
            parent=t.township_a,
            kind=VillageKind.VILLAGE,
        )
        plan = village_plan_create(
            campaign=world.campaign, village=village, risk_level=RiskLevel.RED, acting_user=None
        )
        for body, (day, method, seats) in DAYS.items():
            election_create(
                plan=plan, body=body, method=method, seats=seats, election_day=day,
                acting_user=None,
            )  # fmt: skip
        plan_tasks_refresh(plan=plan, acting_user=None)
    rollup.flush()  # as the commit of these writes does


def test_the_figures_take_the_same_queries_for_more_villages(
    world: TasksWorld, django_assert_num_queries: Any
) -> None:
    t = world.tree
    office = make_user(t, Role.ELECTION_OFFICE)
    with django_assert_num_queries(7):
        progress_by_region(office, [t.township_a, t.township_b], 2026, TODAY)
    _more_villages(world, 3)
    with django_assert_num_queries(7):
        found = progress_by_region(office, [t.township_a, t.township_b], 2026, TODAY)
    assert found[t.township_a.pk].red == 4 and found[t.township_a.pk].villages == 5


def test_the_pages_queries_do_not_grow_with_villages(world: TasksWorld) -> None:
    t = world.tree
    client = web(t, Role.ELECTION_OFFICE)
    county, township = (f"/dashboards/regions/{r.pk}/" for r in (t.county, t.township_a))
    client.get(county)  # the session and the shell warmed up
    before = {}
    for url in (county, township):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        before[url] = len(queries.captured_queries)
    _more_villages(world, 4)
    for url in (county, township):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert "新村6" in html or url == county
        assert len(queries.captured_queries) == before[url], url


def test_the_county_page_shows_the_table_charts_and_drill_down(world: TasksWorld) -> None:
    t = world.tree
    client = web(t, Role.ELECTION_OFFICE)
    response = client.get("/dashboards/")
    assert response.status_code == 302
    assert response["Location"] == f"/dashboards/regions/{t.county.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "景宁畲族自治县换届进度统计" in html and "2026年换届" in html
    assert f'href="/dashboards/regions/{t.township_a.pk}/?term=2026"' in html
    assert "/static/vendor/echarts/echarts.min.js" in html
    assert "/static/dashboards/progress_chart.js" in html
    assert "<script>" not in html and "style=" not in html  # the CSP: no inline code or style
    start = html.index('id="hj-progress-data"')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert data["names"] == [t.township_a.name, t.township_b.name]
    assert data["red"] == [1, 0] and data["orange"] == [0, 1] and data["ready"] == [1, 0]
    assert data["links"][1] == f"/dashboards/regions/{t.township_b.pk}/?term=2026"
    assert data["bodies"][1]["name"] == "村民委员会" and data["bodies"][1]["percent"] == [50, 0]
    # The township lists its villages, each opening its 换届任务 tab; the board's villages too.
    html = client.get(f"/dashboards/regions/{t.township_a.pk}/").content.decode()
    assert f'href="/villages/{t.a1.pk}/?tab=tasks"' in html
    assert f"/campaigns/board/?township={t.township_a.pk}" in html
    # The trail climbs no higher than the user's county.
    assert f'href="/dashboards/regions/{t.county.pk}/?term=2026"' in html
    assert f"/dashboards/regions/{t.city.pk}/" not in html


def test_an_observer_reads_figures_and_villages_open_their_figures_page(
    world: TasksWorld,
) -> None:
    t = world.tree
    client = web(t, Role.OBSERVER)
    html = client.get(f"/dashboards/regions/{t.township_a.pk}/").content.decode()
    assert f'href="/regions/{t.a1.pk}/"' in html and f"/villages/{t.a1.pk}/" not in html
    assert "/campaigns/board/" not in html


@pytest.mark.parametrize(
    ("role", "place", "status"),
    [
        (Role.TOWNSHIP_OFFICER, "township_a", 200),
        (Role.TOWNSHIP_OFFICER, "township_b", 404),
        (Role.TOWNSHIP_OFFICER, "county", 404),
        (Role.TOWNSHIP_OFFICER, "a1", 404),  # a village has no dashboard
        (Role.ELECTION_OFFICE, "other_county", 404),
        (Role.ELECTION_OFFICE, "other_township", 404),
        (Role.OBSERVER, "township_b", 200),
        (Role.OBSERVER, "city", 404),
        (Role.ELECTION_COMMITTEE, "township_a", 404),
        (Role.VILLAGE_CADRE, "township_a", 404),
        (Role.REVIEWER, "county", 404),
        (Role.ADMINISTRATOR, "province", 200),
    ],
)
def test_scope_gives_the_missing_region_s_404(
    world: TasksWorld, role: Role, place: str, status: int
) -> None:
    client = web(world.tree, role)
    response = client.get(f"/dashboards/regions/{getattr(world.tree, place).pk}/")
    assert response.status_code == status
    if status == 404:
        missing = client.get(f"/dashboards/regions/{MISSING}/")
        assert missing.status_code == 404
        assert _body(response.content) == _body(missing.content)


def test_the_nav_link_for_the_roles_that_read_it(world: TasksWorld) -> None:
    for role, shown in [
        (Role.ADMINISTRATOR, True),
        (Role.ELECTION_OFFICE, True),
        (Role.TOWNSHIP_OFFICER, True),
        (Role.OBSERVER, True),
        (Role.ELECTION_COMMITTEE, False),
        (Role.VILLAGE_CADRE, False),
        (Role.VILLAGE_PARTY, False),
        (Role.REVIEWER, False),
    ]:
        html = web(world.tree, role).get("/").content.decode()
        assert ('href="/dashboards/"' in html) is shown, role


def test_a_village_s_user_is_told_where_to_look(world: TasksWorld) -> None:
    html = web(world.tree, Role.ELECTION_COMMITTEE).get("/dashboards/").content.decode()
    assert "没有按乡镇、县、市、省汇总的统计" in html


def test_without_a_campaign_the_villages_are_counted_and_the_page_says_why(
    tree: RegionTree,
) -> None:
    html = web(tree, Role.ELECTION_OFFICE).get(f"/dashboards/regions/{tree.county.pk}/")
    body = html.content.decode()
    assert "还没有进行中的换届计划" in body and 'id="hj-progress-data"' not in body
