"""Plan tasks on the web, in the API and from the shell: the village's 换届任务 tab, the board
(scope, filters, query count, drill-down), recording a task as done (403 and 404 change nothing),
the /api/v1 endpoints by the role matrix, and `huanjie plan_tasks`."""

from __future__ import annotations

from datetime import date
from io import StringIO
from unittest.mock import patch

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.api.tests.conftest import session_client
from huanjie.audit.models import AuditEntry
from huanjie.campaigns.models import PlanTask
from huanjie.campaigns.task_services import plan_tasks_refresh
from huanjie.campaigns.tests.tasks_world import TasksWorld, build
from huanjie.core.tests.test_views_access import OPENS

TODAY = date(2026, 3, 10)
MISSING = 987_654


@pytest.fixture
def world(tree: RegionTree) -> TasksWorld:
    w = build(tree)
    for plan in w.plans.values():
        plan_tasks_refresh(plan=plan, acting_user=None)
    return w


@pytest.fixture(autouse=True)
def today() -> object:
    with patch("django.utils.timezone.localdate", return_value=TODAY):
        yield


def web(world: TasksWorld, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(world.tree, role))
    return client


def _task(world: TasksWorld, key: str, village: str = "a1") -> PlanTask:
    return PlanTask.objects.get(plan=world.plans[village], key=key)


def _state() -> tuple[object, ...]:
    return (
        list(PlanTask.objects.order_by("pk").values_list("pk", "done_on", "evidence")),
        AuditEntry.objects.count(),
    )


def test_the_village_tab_lists_tasks_with_basis_and_how_to(world: TasksWorld) -> None:
    response = web(world, Role.ELECTION_COMMITTEE).get(f"/villages/{world.tree.a1.pk}/?tab=tasks")
    html = response.content.decode()
    assert response.status_code == 200
    assert "公布选民名单" in html and "VC-REG-5" in html
    assert "参加选举的村民名单应当在选举日的二十日前由村民选举委员会公布" in html
    assert "重温入党誓词" in html and "固定仪式" in html
    assert (
        html.index("1. 村党组织选举")
        < html.index("2. 村民委员会选举")
        < html.index("4. 经济合作社选举")
    )
    assert 'data-status="overdue"' in html  # 03-08's list, not recorded by 03-10
    assert "登记完成" in html  # the committee records its own steps
    assert "村民委员会选举的法定核对" in html and "现已逾期" in html


def test_the_tab_without_a_plan_says_so(world: TasksWorld) -> None:
    client = Client()
    client.force_login(make_user(world.tree, Role.ADMINISTRATOR))
    html = client.get(f"/villages/{world.tree.c1.pk}/?tab=tasks").content.decode()
    assert "还没有进行中的村换届计划" in html


def test_recording_a_task_on_the_web(world: TasksWorld) -> None:
    task = _task(world, "vc_voter_list")
    response = web(world, Role.ELECTION_COMMITTEE).post(
        f"/campaigns/tasks/{task.pk}/done/",
        {"done_on": "2026-03-08", "evidence": "名单已在各组张贴"},
        follow=True,
    )
    assert "已登记“公布选民名单”于2026-03-08完成" in response.content.decode()
    task.refresh_from_db()
    assert (task.done_on, task.evidence) == (date(2026, 3, 8), "名单已在各组张贴")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"done_on": "3月8日", "evidence": "已张贴"}, "无法识别"),
        ({"done_on": "2026-03-08", "evidence": ""}, "请写明完成情况"),
    ],
)
def test_a_bad_entry_on_the_web_changes_nothing(
    world: TasksWorld, data: dict[str, str], words: str
) -> None:
    before = _state()
    task = _task(world, "vc_voter_list")
    response = web(world, Role.ELECTION_COMMITTEE).post(
        f"/campaigns/tasks/{task.pk}/done/", data, follow=True
    )
    assert words in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize(
    ("role", "village", "status"),
    [
        (Role.VILLAGE_PARTY, "a1", 403),  # the committee's step
        (Role.ELECTION_OFFICE, "a1", 403),
        (Role.TOWNSHIP_OFFICER, "b1", 404),  # another township's village
        (Role.OBSERVER, "a1", 404),
    ],
)
def test_a_refused_record_on_the_web_changes_nothing(
    world: TasksWorld, role: Role, village: str, status: int
) -> None:
    before = _state()
    task = _task(world, "vc_voter_list", village)
    response = web(world, role).post(
        f"/campaigns/tasks/{task.pk}/done/", {"done_on": "2026-03-08", "evidence": "已张贴"}
    )
    assert response.status_code == status
    assert _state() == before


def test_the_board_for_the_county_with_filters_and_drill_down(world: TasksWorld) -> None:
    client = web(world, Role.ELECTION_OFFICE)
    html = client.get("/campaigns/board/").content.decode()
    t = world.tree
    for key in ("a1", "a2", "b1"):
        assert t.villages[key].name in html
        assert f'href="/villages/{t.villages[key].pk}/?tab=tasks"' in html
    assert t.c1.name not in html
    table = client.get(f"/campaigns/board/?view=table&risk=red&township={t.township_a.pk}")
    html = table.content.decode()
    assert t.a1.name in html and t.a2.name not in html
    assert "逾期" in html
    none = client.get("/campaigns/board/?stage=done").content.decode()
    assert "没有符合筛选条件的村" in none


def test_the_board_is_in_the_nav_of_those_over_several_villages(world: TasksWorld) -> None:
    for role, shown in [
        (Role.ELECTION_OFFICE, True),
        (Role.TOWNSHIP_OFFICER, True),
        (Role.ELECTION_COMMITTEE, False),
        (Role.OBSERVER, False),
    ]:
        html = web(world, role).get("/").content.decode()
        assert ('href="/campaigns/board/"' in html) is shown, role


def test_the_board_of_a_township_and_of_an_observer(world: TasksWorld) -> None:
    html = web(world, Role.TOWNSHIP_OFFICER).get("/campaigns/board/").content.decode()
    assert world.tree.a1.name in html and world.tree.b1.name not in html
    html = web(world, Role.OBSERVER).get("/campaigns/board/").content.decode()
    assert "还没有换届计划" in html


def test_the_board_leads_to_voting_day_and_handover_of_every_village(world: TasksWorld) -> None:
    client = web(world, Role.TOWNSHIP_OFFICER)
    html = client.get("/campaigns/board/").content.decode()
    for path in ("/ballots/township/", "/handover/"):
        assert f'href="{path}"' in html
        assert client.get(path).status_code == 200, path


def test_the_board_page_s_queries_do_not_grow_with_villages(world: TasksWorld) -> None:
    client = web(world, Role.ELECTION_OFFICE)
    client.get("/campaigns/board/")  # the session and the shell warmed up
    with CaptureQueriesContext(connection) as three:
        assert client.get("/campaigns/board/?view=table").status_code == 200
    with CaptureQueriesContext(connection) as one:
        html = client.get("/campaigns/board/?view=table&risk=red").content.decode()
    assert world.tree.a2.name not in html
    assert len(three.captured_queries) == len(one.captured_queries)
    with CaptureQueriesContext(connection) as grid:
        client.get("/campaigns/board/")
    assert len(grid.captured_queries) == len(three.captured_queries)


# --- API ------------------------------------------------------------------------------------------

CASES = [(role, key) for role in Role for key in ("a1", "a2", "b1", "c1")]


@pytest.mark.parametrize(("role", "key"), CASES)
def test_api_read_follows_the_matrix(world: TasksWorld, role: Role, key: str) -> None:
    api = session_client(make_user(world.tree, role))
    response = api.get(f"/api/v1/villages/{world.tree.villages[key].pk}/plan-tasks/")
    if key in OPENS[role]:
        assert response.status_code == 200
        data = response.json()
        assert data["campaign"] == (world.campaign.pk if key != "c1" else None)
        return
    missing = api.get(f"/api/v1/villages/{MISSING}/plan-tasks/")
    assert (response.status_code, response.json()) == (404, missing.json())


WRITERS = {Role.TOWNSHIP_OFFICER, Role.VILLAGE_CADRE, Role.ELECTION_COMMITTEE}


@pytest.mark.parametrize("role", list(Role))
def test_api_done_follows_the_matrix(world: TasksWorld, role: Role) -> None:
    api = session_client(make_user(world.tree, role))
    task = _task(world, "vc_voter_list")
    before = _state()
    response = api.post(
        f"/api/v1/villages/{world.tree.a1.pk}/plan-tasks/{task.pk}/done/",
        {"done_on": "2026-03-08", "evidence": "已张贴"},
        format="json",
    )
    if role in WRITERS:
        assert response.status_code == 200, response.content
        [row] = [t for t in response.json()["tasks"] if t["key"] == "vc_voter_list"]
        assert (row["status"], row["done_on"]) == ("done", "2026-03-08")
        return
    assert response.status_code == (403 if "a1" in OPENS[role] else 404)
    assert _state() == before


def test_api_done_refusals(world: TasksWorld) -> None:
    api: APIClient = session_client(make_user(world.tree, Role.ELECTION_COMMITTEE))
    task = _task(world, "vc_voter_list")
    url = f"/api/v1/villages/{world.tree.a1.pk}/plan-tasks/{task.pk}/done/"
    bad = api.post(url, {"done_on": "2026-03-11", "evidence": "x"}, format="json")
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid_input")
    assert "晚于今天" in bad.json()["message"]
    assert api.post(url, {"done_on": 20260308, "evidence": "x"}, format="json").status_code == 400
    done = api.post(url, {"done_on": "2026-03-08", "evidence": "x"}, format="json")
    assert done.status_code == 200
    again = api.post(url, {"done_on": "2026-03-08", "evidence": "x"}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "already_done")
    vote = _task(world, "vc_vote")
    early = api.post(
        f"/api/v1/villages/{world.tree.a1.pk}/plan-tasks/{vote.pk}/done/",
        {"done_on": "2026-03-10", "evidence": "x"},
        format="json",
    )
    assert (early.status_code, early.json()["code"]) == (409, "vote_not_lawful")
    other = _task(world, "vc_voter_list", "a2")
    wrong = f"/api/v1/villages/{world.tree.a1.pk}/plan-tasks/{other.pk}/done/"
    assert (
        api.post(wrong, {"done_on": "2026-03-08", "evidence": "x"}, format="json").status_code
        == 404
    )


# --- CLI ------------------------------------------------------------------------------------------


def test_cli_show_refresh_and_done(world: TasksWorld) -> None:
    code = world.tree.a1.code
    out = StringIO()
    call_command("plan_tasks", "show", code, stdout=out)
    text = out.getvalue()
    assert (
        "vc_voter_list" in text and "2026-03-08" in text and "逾期" in text and "VC-REG-5" in text
    )
    out = StringIO()
    call_command("plan_tasks", "refresh", "--campaign", str(world.campaign.pk), stdout=out)
    assert "已生成3个村的换届任务" in out.getvalue()
    out = StringIO()
    call_command(
        "plan_tasks", "done", code, "vc_voter_list", "2026-03-08", "公告已张贴",
        "--by", make_user(world.tree, Role.ELECTION_COMMITTEE).username, stdout=out,
    )  # fmt: skip
    assert "已登记" in out.getvalue()
    assert _task(world, "vc_voter_list").done_on == date(2026, 3, 8)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["show", "331127999999"], ""),
        (["done", "A1", "nope", "2026-03-08", "x"], "没有步骤“nope”"),
        (["done", "A1", "vc_voter_list", "3月8日", "x"], "无法识别"),
        (["done", "A1", "vc_voter_list", "2026-03-08", "x", "--by", "nobody"], "找不到用户"),
        (["done", "A1", "party_prepare", "2026-03-08", "x", "--by", "COMMITTEE"], "未登记"),
        (["refresh"], "请给出村代码"),
        (["refresh", "--campaign", "987654"], "找不到编号为987654的换届"),
        (["show", "C1"], "还没有进行中的村换届计划"),
    ],
)
def test_cli_refusals_exit_2(world: TasksWorld, args: list[str], words: str) -> None:
    committee = make_user(world.tree, Role.ELECTION_COMMITTEE).username
    names = {"A1": world.tree.a1.code, "C1": world.tree.c1.code, "COMMITTEE": committee}
    before = _state()
    with pytest.raises(CommandError) as refused:
        call_command("plan_tasks", *[names.get(a, a) for a in args])
    assert refused.value.returncode == 2
    assert words in str(refused.value)
    assert _state() == before
