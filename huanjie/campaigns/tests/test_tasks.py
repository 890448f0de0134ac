"""Plan tasks: generated from the election days and the holiday table (H-9's dates), refreshed
when a day moves, recorded as done by whom the matrix allows (audited; a refusal changes
nothing), and the board's rows, filters, scope and query count."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.campaigns.models import PlanTask, TaskStatus
from huanjie.campaigns.task_selectors import (
    BoardFilters,
    board_rows,
    by_township,
    current_plan,
    task_rows,
)
from huanjie.campaigns.task_services import plan_task_complete, plan_tasks_refresh
from huanjie.campaigns.tests.tasks_world import TasksWorld, build
from huanjie.elections.models import Body, Election
from huanjie.rules.timeline.task_template import DEFAULT_TEMPLATE

TODAY = date(2026, 3, 10)


@pytest.fixture
def world(tree: RegionTree) -> TasksWorld:
    w = build(tree)
    for plan in w.plans.values():
        plan_tasks_refresh(plan=plan, acting_user=None)
    return w


def _task(world: TasksWorld, key: str, village: str = "a1") -> PlanTask:
    return PlanTask.objects.get(plan=world.plans[village], key=key)


def _state() -> tuple[object, ...]:
    return (
        list(PlanTask.objects.order_by("pk").values_list("pk", "done_on", "evidence", "due")),
        AuditEntry.objects.count(),
    )


def test_tasks_carry_h9_s_dates_basis_and_how_to(world: TasksWorld) -> None:
    a1 = {t.key: t for t in PlanTask.objects.filter(plan=world.plans["a1"])}
    assert a1["vc_voter_list"].due == date(2026, 3, 8)
    assert a1["vc_objections"].due == date(2026, 3, 13)
    assert a1["vc_objection_decisions"].due == date(2026, 3, 16)
    assert a1["vc_vote_notice"].due == date(2026, 3, 23)
    assert a1["vc_handover"].due == date(2026, 4, 7)
    assert (a1["vc_candidate_list"].due, a1["vc_candidate_list"].legal_due) == (
        date(2026, 3, 22),
        date(2026, 3, 23),
    )
    assert a1["vc_voter_list"].basis == [
        {
            "rule_id": "VC-REG-5",
            "words": "参加选举的村民名单应当在选举日的二十日前由村民选举委员会公布",
        }
    ]
    assert a1["party_oath"].ritual and a1["party_oath"].due == date(2026, 3, 7)
    assert a1["vc_voter_list"].owner_role == "election_committee"
    assert all(t.how_to and t.date_warning == "" for t in a1.values())
    # The bodies in order: the party organization's steps first, the cooperative's last.
    ordered = list(PlanTask.objects.filter(plan=world.plans["a1"]).order_by("position"))
    assert ordered[0].body == Body.PARTY_ORGANIZATION
    assert ordered[-1].body == Body.COOPERATIVE_BOARD
    entry = AuditEntry.objects.filter(action="campaign.plan_tasks_refresh").latest("id")
    assert (entry.after or {})["created"] == len(a1)


def test_status_is_counted_against_today(world: TasksWorld) -> None:
    rows = {r.task.key: r for r in task_rows(make_user(world.tree, Role.TOWNSHIP_OFFICER),
                                             world.plans["a1"], world.tree.a1, TODAY)}  # fmt: skip
    assert rows["vc_voter_list"].status is TaskStatus.OVERDUE  # 03-08 passed
    assert rows["vc_objections"].status is TaskStatus.PENDING
    assert rows["vc_objections"].days_left == 3
    assert rows["vc_voter_list"].may_complete


def test_a_moved_election_day_moves_the_undone_tasks_and_keeps_the_done(
    world: TasksWorld,
) -> None:
    plan = world.plans["a1"]
    done = plan_task_complete(
        task=_task(world, "vc_election_committee"),
        done_on=date(2026, 2, 22),
        evidence="第1、2号公告已张贴",
        today=TODAY,
        acting_user=make_user(world.tree, Role.ELECTION_COMMITTEE),
    )
    Election.objects.filter(plan=plan, body=Body.VILLAGERS_COMMITTEE).update(
        election_day=date(2026, 5, 18)
    )
    plan_tasks_refresh(plan=plan, acting_user=None)
    # H-9: a list published 04-28 gives an objection deadline inside the Labour Day holiday.
    assert _task(world, "vc_voter_list").due == date(2026, 4, 28)
    assert _task(world, "vc_objections").due == date(2026, 5, 6)
    kept = _task(world, "vc_election_committee")
    assert (kept.done_on, kept.evidence) == (done.done_on, "第1、2号公告已张贴")
    # Refreshing with nothing changed writes nothing.
    before = AuditEntry.objects.count()
    plan_tasks_refresh(plan=plan, acting_user=None)
    assert AuditEntry.objects.count() == before


def test_a_method_change_drops_the_candidates_steps(world: TasksWorld) -> None:
    plan = world.plans["a1"]
    Election.objects.filter(plan=plan, body=Body.VILLAGERS_COMMITTEE).update(
        method="self_nomination"
    )
    plan_tasks_refresh(plan=plan, acting_user=None)
    keys = set(PlanTask.objects.filter(plan=plan).values_list("key", flat=True))
    assert "vc_candidate_list" not in keys
    assert {"vc_self_registration", "vc_self_list"} <= keys
    assert _task(world, "vc_self_registration").due == date(2026, 3, 18)


def test_a_template_breaking_the_law_is_refused_and_changes_nothing(world: TasksWorld) -> None:
    late = tuple(
        replace(t, offset=-4) if t.key == "vc_candidate_list" else t for t in DEFAULT_TEMPLATE
    )
    before = _state()
    with pytest.raises(ValidationError) as refused:
        plan_tasks_refresh(plan=world.plans["a1"], acting_user=None, template=late)
    assert "VC-NOM-6" in refused.value.messages[0]
    assert "工作安排模板不合法定期限" in refused.value.messages[0]
    assert _state() == before


def test_undated_bodies_have_undated_tasks(tree: RegionTree) -> None:
    w = build(tree, vc_day=None)
    tasks = {t.key: t for t in plan_tasks_refresh(plan=w.plans["a1"], acting_user=None)}
    assert tasks["vc_voter_list"].due is None
    assert tasks["vc_voter_list"].status(TODAY) is TaskStatus.PENDING
    assert tasks["party_vote"].due == date(2026, 3, 7)


@pytest.mark.parametrize(
    ("role", "key"),
    [
        (Role.TOWNSHIP_OFFICER, "party_prepare"),
        (Role.VILLAGE_CADRE, "vc_voter_list"),
        (Role.ELECTION_COMMITTEE, "vc_voter_list"),
        (Role.VILLAGE_PARTY, "party_prepare"),
    ],
)
def test_mark_done_is_audited(world: TasksWorld, role: Role, key: str) -> None:
    user = make_user(world.tree, role)
    task = plan_task_complete(
        task=_task(world, key),
        done_on=date(2026, 3, 8),
        evidence="  公告已张贴，照片存档  ",
        today=TODAY,
        acting_user=user,
    )
    assert (task.done_on, task.evidence, task.done_by) == (
        date(2026, 3, 8),
        "公告已张贴，照片存档",
        user,
    )
    assert task.status(TODAY) is TaskStatus.DONE
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.target_id, entry.actor_id) == (
        "campaign.plan_task_done",
        str(task.pk),
        user.pk,
    )
    assert entry.after == {"done_on": "2026-03-08", "evidence": "公告已张贴，照片存档"}
    assert entry.region_code == world.tree.a1.code


REFUSED = [
    # Another village's committee, the election office, an observer, a reviewer.
    (Role.ELECTION_COMMITTEE, "a2", "vc_voter_list"),
    (Role.TOWNSHIP_OFFICER, "b1", "vc_voter_list"),
    (Role.ELECTION_OFFICE, "a1", "vc_voter_list"),
    (Role.OBSERVER, "a1", "vc_voter_list"),
    (Role.REVIEWER, "a1", "vc_voter_list"),
    (Role.ADMINISTRATOR, "a1", "vc_voter_list"),
    # The committee may not record the party organization's step, nor the party the committee's.
    (Role.ELECTION_COMMITTEE, "a1", "party_prepare"),
    (Role.VILLAGE_PARTY, "a1", "vc_voter_list"),
]


@pytest.mark.parametrize(("role", "village", "key"), REFUSED)
def test_mark_done_out_of_scope_is_refused_and_changes_nothing(
    world: TasksWorld, role: Role, village: str, key: str
) -> None:
    before = _state()
    with pytest.raises(PermissionDenied) as refused:
        plan_task_complete(
            task=_task(world, key, village),
            done_on=date(2026, 3, 8),
            evidence="已完成",
            today=TODAY,
            acting_user=make_user(world.tree, role),
        )
    assert "负责" in str(refused.value)
    assert _state() == before


@pytest.mark.parametrize(
    ("done_on", "evidence", "words"),
    [
        (date(2026, 3, 11), "已张贴", "晚于今天"),
        (date(2026, 3, 8), "   ", "请写明完成情况"),
        (date(2026, 3, 8), "字" * 501, "最多500字"),
    ],
)
def test_mark_done_refuses_a_bad_entry(
    world: TasksWorld, done_on: date, evidence: str, words: str
) -> None:
    before = _state()
    with pytest.raises(ValidationError, match=words):
        plan_task_complete(
            task=_task(world, "vc_voter_list"),
            done_on=done_on,
            evidence=evidence,
            today=TODAY,
            acting_user=make_user(world.tree, Role.ELECTION_COMMITTEE),
        )
    assert _state() == before


def test_mark_done_twice_is_refused(world: TasksWorld) -> None:
    user = make_user(world.tree, Role.ELECTION_COMMITTEE)
    task = _task(world, "vc_voter_list")
    plan_task_complete(task=task, done_on=TODAY, evidence="已张贴", today=TODAY, acting_user=user)
    with pytest.raises(ValidationError, match="已于2026-03-10登记完成"):
        plan_task_complete(
            task=task, done_on=TODAY, evidence="又一次", today=TODAY, acting_user=user
        )


def test_the_vote_is_recorded_only_once_the_engine_finds_nothing_blocking(
    world: TasksWorld,
) -> None:
    committee = make_user(world.tree, Role.ELECTION_COMMITTEE)
    e = date(2026, 3, 28)
    before = _state()
    with pytest.raises(ValidationError) as refused:
        plan_task_complete(
            task=_task(world, "vc_vote"), done_on=e, evidence="投票已完成", today=e,
            acting_user=committee,
        )  # fmt: skip
    assert "VC-REG-5" in refused.value.messages[0] and "VC-NOM-6" in refused.value.messages[0]
    assert _state() == before
    with pytest.raises(ValidationError, match="不是选举日2026-03-28"):
        plan_task_complete(
            task=_task(world, "vc_vote"), done_on=date(2026, 3, 27), evidence="投票已完成",
            today=e, acting_user=committee,
        )  # fmt: skip
    for key, day in [
        ("vc_voter_list", date(2026, 3, 8)),
        ("vc_candidate_list", date(2026, 3, 22)),
        ("vc_vote_notice", date(2026, 3, 23)),
    ]:
        plan_task_complete(
            task=_task(world, key), done_on=day, evidence="已公布", today=e, acting_user=committee
        )
    vote = plan_task_complete(
        task=_task(world, "vc_vote"), done_on=e, evidence="投票已完成", today=e,
        acting_user=committee,
    )  # fmt: skip
    assert vote.done_on == e


def test_current_plan_is_the_open_campaign_s(world: TasksWorld) -> None:
    assert current_plan(world.tree.a1) == world.plans["a1"]
    assert current_plan(world.tree.c1) is None


def _done_before(world: TasksWorld, village: str, upto: str) -> None:
    """Record every task of the village up to the one keyed `upto` as done."""
    plan = world.plans[village]
    last = _task(world, upto, village).position
    PlanTask.objects.filter(plan=plan, position__lte=last).update(
        done_on=date(2026, 3, 1), evidence="已完成"
    )


def test_board_rows_stage_next_deadline_and_overdue(world: TasksWorld) -> None:
    _done_before(world, "a2", "party_secretary")  # a2 is in the villagers' committee's stage
    county = make_user(world.tree, Role.ELECTION_OFFICE)
    rows = {r.village.code: r for r in board_rows(county, world.campaign, TODAY)}
    assert set(rows) == {world.tree.a1.code, world.tree.a2.code, world.tree.b1.code}
    a1, a2 = rows[world.tree.a1.code], rows[world.tree.a2.code]
    assert (a1.stage, a1.stage_label) == ("party_organization", "村党组织选举")
    assert a2.stage == "villagers_committee"
    # a1 on 03-10: every party step before 03-07 and the VC's first steps are overdue.
    expected = PlanTask.objects.filter(
        plan=world.plans["a1"], done_on__isnull=True, due__lt=TODAY
    ).count()
    assert a1.overdue == expected > 0
    assert a1.status == "overdue"
    assert (a1.next_due, a1.next_title) == (date(2026, 3, 13), "受理对选民名单的异议截止")
    assert a2.done > 0 and a2.total == a1.total
    # Nothing recorded before the election yet: four items missing (the prep app's readiness).
    assert not a1.ready and len(a1.missing) == 4


def test_board_filters(world: TasksWorld) -> None:
    _done_before(world, "a2", "party_secretary")
    PlanTask.objects.filter(plan=world.plans["b1"]).update(
        done_on=date(2026, 3, 1), evidence="已完成"
    )
    county = make_user(world.tree, Role.ELECTION_OFFICE)

    def codes(**filters: object) -> set[str]:
        rows = board_rows(county, world.campaign, TODAY, BoardFilters(**filters))  # type: ignore[arg-type]
        return {r.village.code for r in rows}

    t = world.tree
    assert codes(township=t.township_a.pk) == {t.a1.code, t.a2.code}
    assert codes(risk="red") == {t.a1.code}
    assert codes(risk="orange") == {t.b1.code}
    assert codes(stage="villagers_committee") == {t.a2.code}
    assert codes(stage="done") == {t.b1.code}
    assert codes(stage="none") == set()
    assert codes(overdue_only=True) == {t.a1.code, t.a2.code}
    assert codes(risk="purple") == codes()  # an unknown value filters nothing


def test_board_scope(world: TasksWorld) -> None:
    t = world.tree

    def codes(role: Role) -> set[str]:
        return {r.village.code for r in board_rows(make_user(t, role), world.campaign, TODAY)}

    assert codes(Role.TOWNSHIP_OFFICER) == {t.a1.code, t.a2.code}
    assert codes(Role.VILLAGE_CADRE) == {t.a1.code}  # the village assigned to the cadre
    assert codes(Role.ELECTION_COMMITTEE) == {t.a1.code}
    assert codes(Role.OBSERVER) == set()
    assert codes(Role.REVIEWER) == set()


def test_board_query_count_does_not_grow_with_villages(world: TasksWorld) -> None:
    county = make_user(world.tree, Role.ELECTION_OFFICE)
    with CaptureQueriesContext(connection) as three:
        rows = board_rows(county, world.campaign, TODAY)
        grid = by_township(rows)
    assert len(rows) == 3 and len(grid) == 2
    plans = list(world.plans.values())
    for plan in plans[1:]:
        PlanTask.objects.filter(plan=plan).delete()
    with CaptureQueriesContext(connection) as fewer:
        board_rows(county, world.campaign, TODAY)
    # The plans with their annotations, then the readiness items and the VC days: 3 queries.
    assert len(three.captured_queries) == len(fewer.captured_queries) <= 3
