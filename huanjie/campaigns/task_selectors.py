"""Reads of plan tasks and the board of a campaign's villages, within the reader's scope.

The board answers in a fixed number of queries whatever the number of villages: each plan's
stage, next deadline and overdue count come as subqueries of one query over the plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from huanjie.accounts.gates import scoped_villages
from huanjie.calendar.selectors import working_calendar
from huanjie.campaigns.models import (
    Campaign,
    CampaignStatus,
    PlanTask,
    RiskLevel,
    TaskStatus,
    VillagePlan,
)
from huanjie.campaigns.prep_selectors import readiness_by_plan
from huanjie.campaigns.task_access import may_complete, owner_label
from huanjie.elections.models import Body, Election, Method, Round
from huanjie.regions.models import Region
from huanjie.rules.timeline.plan import VillagePlanFacts, readiness_issues

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.rules.checks import Finding

    AnyUser = User | AnonymousUser

STAGE_LABELS = {
    "party_organization": "村党组织选举",
    "villagers_committee": "村民委员会选举",
    "supervision_committee": "村务监督委员会选举",
    "cooperative_board": "经济合作社选举",
}
STAGE_DONE = "done"
STAGE_NONE = "none"
STAGES = {**STAGE_LABELS, STAGE_DONE: "任务全部完成", STAGE_NONE: "未生成任务"}
RISK_ORDER = {RiskLevel.RED: 0, RiskLevel.ORANGE: 1, RiskLevel.GREEN: 2}


def current_plan(village: Region) -> VillagePlan | None:
    """The village's plan in its newest campaign that is not closed."""
    return (
        VillagePlan.objects.filter(village=village)
        .exclude(campaign__status=CampaignStatus.CLOSED)
        .select_related("campaign")
        .order_by("-campaign__term_start_year", "-campaign_id")
        .first()
    )


@dataclass(frozen=True)
class TaskRow:
    task: PlanTask
    status: TaskStatus
    stage: str
    owner: str
    may_complete: bool
    days_left: int | None
    may_undo: bool = False  # done, and the user may take the record back


def task_rows(user: AnyUser, plan: VillagePlan, village: Region, today: date) -> list[TaskRow]:
    """The plan's tasks in order with their status on `today` and whether the user may record
    them (one query)."""
    return [
        TaskRow(
            task=t,
            status=t.status(today),
            stage=STAGE_LABELS.get(t.body, t.body),
            owner=owner_label(t.owner_role),
            may_complete=t.done_on is None and may_complete(user, t, village),
            may_undo=t.done_on is not None and may_complete(user, t, village),
            days_left=None if t.due is None else (t.due - today).days,
        )
        for t in PlanTask.objects.filter(plan=plan).order_by("position")
    ]


def vc_readiness(plan: VillagePlan, tasks: Sequence[PlanTask], today: date) -> list[Finding]:
    """The engine's readiness list for the villagers' committee's election (blocking first),
    from the days its tasks were recorded done; empty while its day is not fixed (one query)."""
    election = (
        Election.objects.filter(plan=plan, body=Body.VILLAGERS_COMMITTEE, round=Round.FIRST)
        .exclude(election_day=None)
        .first()
    )
    if election is None or election.election_day is None:
        return []
    done = {t.key: t.done_on for t in tasks}
    self_nomination = election.method == Method.SELF_NOMINATION
    facts = VillagePlanFacts(
        election_day=election.election_day,
        body=Body.VILLAGERS_COMMITTEE,
        profile_id=plan.campaign.profile_id,
        self_nomination=self_nomination,
        register_published=done.get("vc_voter_list"),
        self_nominee_registration_closed=done.get("vc_self_registration"),
        candidate_list_published=done.get(
            "vc_self_list" if self_nomination else "vc_candidate_list"
        ),
        vote_notice_published=done.get("vc_vote_notice"),
    )
    day = election.election_day
    return readiness_issues(facts, today, working_calendar({day.year - 1, day.year}))


def board_campaigns(user: AnyUser) -> QuerySet[Campaign]:
    """Campaigns with a plan for one of the user's villages, the newest first."""
    ids = VillagePlan.objects.filter(village__in=scoped_villages(user)).values("campaign_id")
    return (
        Campaign.objects.filter(pk__in=ids)
        .select_related("region")
        .order_by("-term_start_year", "-pk")
    )


@dataclass(frozen=True)
class BoardFilters:
    township: int | None = None
    stage: str = ""
    risk: str = ""
    overdue_only: bool = False


@dataclass(frozen=True)
class BoardRow:
    plan: VillagePlan
    village: Region
    township: Region | None
    stage: str  # a key of STAGES
    stage_label: str
    next_title: str | None
    next_due: date | None
    overdue: int
    done: int
    total: int
    ready: bool  # the items before the election (prep_selectors) block nothing
    missing: tuple[str, ...]  # what keeps it from being ready, in words

    @property
    def status(self) -> str:
        """How the tile reads: 逾期 before anything else, then done, then on time."""
        if self.overdue:
            return "overdue"
        if self.stage == STAGE_DONE:
            return "done"
        return "on_time"


def board_plans(user: AnyUser, campaign: Campaign, today: date) -> Any:
    """The campaign's plans in the user's villages, annotated with their stage (the body of the
    first open task), next deadline and counts (one query). Typed Any: the type checker does not
    follow annotations across a function's return."""
    plans = VillagePlan.objects.filter(campaign=campaign, village__in=scoped_villages(user))
    return with_progress(plans, today).select_related("village__parent").order_by("village__code")


def with_progress(plans: QuerySet[VillagePlan], today: date) -> Any:
    """`plans` annotated with stage_body, next_title, next_due, overdue_count, done_count and
    task_count on `today` (subqueries: still one query; the dashboards group over them)."""
    open_tasks = PlanTask.objects.filter(plan=OuterRef("pk"), done_on__isnull=True)
    first_open = open_tasks.order_by("position")
    upcoming = open_tasks.filter(due__gte=today).order_by("due", "position")

    def count(q: Q) -> Coalesce:
        rows = (
            PlanTask.objects.filter(q, plan=OuterRef("pk"))
            .order_by()
            .values("plan")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    return plans.annotate(
        stage_body=Subquery(first_open.values("body")[:1]),
        next_title=Subquery(upcoming.values("title")[:1]),
        next_due=Subquery(upcoming.values("due")[:1]),
        overdue_count=count(Q(done_on__isnull=True, due__lt=today)),
        done_count=count(Q(done_on__isnull=False)),
        task_count=count(Q()),
    )


def board_rows(
    user: AnyUser, campaign: Campaign, today: date, filters: BoardFilters = BoardFilters()
) -> list[BoardRow]:
    qs = board_plans(user, campaign, today)
    if filters.township is not None:
        qs = qs.filter(village__parent_id=filters.township)
    if filters.risk in RiskLevel.values:
        qs = qs.filter(risk_level=filters.risk)
    if filters.overdue_only:
        qs = qs.filter(overdue_count__gt=0)
    if filters.stage == STAGE_NONE:
        qs = qs.filter(task_count=0)
    elif filters.stage == STAGE_DONE:
        qs = qs.filter(task_count__gt=0, stage_body__isnull=True)
    elif filters.stage in STAGE_LABELS:
        qs = qs.filter(stage_body=filters.stage)
    plans = list(qs)
    readiness = readiness_by_plan(plans)  # two more queries, whatever the number of plans
    rows = []
    for plan in plans:
        ready = readiness[plan.pk]
        stage = STAGE_NONE if plan.task_count == 0 else plan.stage_body or STAGE_DONE
        rows.append(
            BoardRow(
                plan=plan,
                village=plan.village,
                township=plan.village.parent,
                stage=stage,
                stage_label=STAGES.get(stage, stage),
                next_title=plan.next_title,
                next_due=plan.next_due,
                overdue=plan.overdue_count,
                done=plan.done_count,
                total=plan.task_count,
                ready=ready.ready,
                missing=tuple(ready.missing),
            )
        )
    return rows


@dataclass(frozen=True)
class TownshipTiles:
    township: Region | None
    rows: list[BoardRow]

    @property
    def overdue_villages(self) -> int:
        return sum(1 for r in self.rows if r.overdue)


def by_township(rows: list[BoardRow]) -> list[TownshipTiles]:
    """The rows grouped by township in code order (the map-like grid)."""
    groups: dict[int | None, TownshipTiles] = {}
    for row in rows:
        key = row.township.pk if row.township else None
        if key not in groups:
            groups[key] = TownshipTiles(row.township, [])
        groups[key].rows.append(row)
    return list(groups.values())


def board_townships(user: AnyUser, campaign: Campaign) -> list[Region]:
    """The townships of the campaign's plans in the user's villages, for the filter (one query)."""
    ids = VillagePlan.objects.filter(campaign=campaign, village__in=scoped_villages(user)).values(
        "village__parent_id"
    )
    return list(Region.objects.filter(pk__in=ids).order_by("code"))


def board_totals(rows: list[BoardRow]) -> dict[str, int]:
    return {
        "villages": len(rows),
        "overdue_villages": sum(1 for r in rows if r.overdue),
        "overdue_tasks": sum(r.overdue for r in rows),
        "red": sum(1 for r in rows if r.plan.risk_level == RiskLevel.RED),
        "orange": sum(1 for r in rows if r.plan.risk_level == RiskLevel.ORANGE),
        "done": sum(1 for r in rows if r.stage == STAGE_DONE),
        "ready": sum(1 for r in rows if r.ready),
    }
