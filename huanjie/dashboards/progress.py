"""The progress dashboard by level: per region below the one shown, how far the term's campaign
has come — villages and plans, elections held and completed per body, risk 红/橙/绿, villages
with overdue tasks, villages ready for the election, registers published.

Every count goes through `scoped_regions` (the figures reach: observers included), and each kind
of count is ONE query grouped by the code prefix of the listed regions' level, so a province
costs the same number of queries as a township. Readiness alone is judged per plan by the rules
(`readiness_by_plan`, two queries whatever the number of plans) and summed here. Risk and the
elections' progress are read from the rollup (`dashboards.rollup`: a short row per village and per
township).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr

from huanjie.accounts.gates import scoped_regions, scoped_villages
from huanjie.campaigns.models import CampaignStatus, VillagePlan
from huanjie.campaigns.prep_selectors import readiness_by_plan
from huanjie.campaigns.task_selectors import with_progress
from huanjie.dashboards import rollup
from huanjie.elections.models import Body
from huanjie.regions.models import PREFIX_LENGTH, Level, Region
from huanjie.registration.models import ListStatus, VoterRegister

if TYPE_CHECKING:
    from datetime import date

    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

    AnyUser = User | AnonymousUser

# The bodies whose progress the dashboard shows, in the order the villages elect them.
BODIES = (
    Body.PARTY_ORGANIZATION,
    Body.VILLAGERS_COMMITTEE,
    Body.SUPERVISION_COMMITTEE,
    Body.COOPERATIVE_BOARD,
)


@dataclass
class BodyProgress:
    """Villages with an election of the body planned, counted (held) and completed."""

    planned: int = 0
    held: int = 0
    complete: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.planned) if self.planned else 0


@dataclass
class Progress:
    villages: int = 0  # villages of the region the user sees
    planned: int = 0  # of them with a plan in the term's campaign
    red: int = 0
    orange: int = 0
    green: int = 0
    overdue: int = 0  # villages with a task past its due day and not done
    ready: int = 0  # villages whose items before the election block nothing
    published: int = 0  # villages whose voter register is published
    bodies: dict[str, BodyProgress] = field(
        default_factory=lambda: {b: BodyProgress() for b in BODIES}
    )

    @property
    def not_ready(self) -> int:
        return self.planned - self.ready

    def add(self, other: Progress) -> None:
        for name in ("villages", "planned", "red", "orange", "green", "overdue", "ready"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.published += other.published
        for body, mine in self.bodies.items():
            theirs = other.bodies[body]
            mine.planned += theirs.planned
            mine.held += theirs.held
            mine.complete += theirs.complete


@dataclass(frozen=True)
class ProgressRow:
    """One listed region; `link` the page a click opens (a region's dashboard, a village's
    page, or its figures page for who has no village pages)."""

    region: Region
    progress: Progress
    link: str


def dashboard_regions(user: AnyUser) -> QuerySet[Region]:
    """The regions whose dashboard the user may open: above the village, within its figures."""
    return scoped_regions(user).exclude(level=Level.VILLAGE)


def dashboard_roots(user: AnyUser) -> list[Region]:
    """The top regions of the user's dashboards (one query); none for a village's user."""
    visible = dashboard_regions(user)
    return list(visible.exclude(parent__in=visible).order_by("code"))


def dashboard_children(user: AnyUser, region: Region) -> list[Region]:
    return list(scoped_regions(user).filter(parent=region).order_by("code"))


def terms(user: AnyUser, region: Region | None) -> list[int]:
    """The term years of campaigns not closed with plans in the user's villages of `region`
    (the whole reach when None), the newest first (one query)."""
    plans = _plans(user, region)
    years = plans.order_by().values_list("campaign__term_start_year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def openable_villages(user: AnyUser, regions: list[Region]) -> set[int]:
    """The listed villages whose working page the user may open (one query, none if no village)."""
    ids = [r.pk for r in regions if r.level == Level.VILLAGE]
    if not ids:
        return set()
    return set(scoped_villages(user).filter(pk__in=ids).values_list("pk", flat=True))


def progress_by_region(
    user: AnyUser, regions: list[Region], term: int | None, today: date
) -> dict[int, Progress]:
    """Each listed region's progress in the term (all of one level: a region's children, or the
    user's roots), by region id. Seven queries whatever the number of regions and villages."""
    found = {r.pk: Progress() for r in regions}
    if not regions:
        return found
    level = regions[0].level
    length = PREFIX_LENGTH[level]
    by_prefix = {r.prefix: found[r.pk] for r in regions}
    area = _common_prefix([r.prefix for r in regions])
    villages = scoped_regions(user).filter(level=Level.VILLAGE, code__startswith=area)
    for prefix, counts in _grouped(villages, "code", length, n=Count("id")):
        if prefix in by_prefix:
            by_prefix[prefix].villages = counts["n"]
    if term is None:
        return found
    plans = VillagePlan.objects.filter(
        village__in=villages, campaign__term_start_year=term
    ).exclude(campaign__status=CampaignStatus.CLOSED)
    # Risk and the elections' progress: the rollup's rows of these plans (dashboards.rollup).
    for prefix, summed in rollup.summary_by_region(user, regions, term).items():
        if prefix in by_prefix:
            _add_summary(by_prefix[prefix], summed)
    # The board's own reading of each plan's tasks (task_selectors), grouped by region here.
    late = with_progress(plans, today).filter(overdue_count__gt=0)
    for prefix, counts in _grouped(late, "village__code", length, n=Count("id")):
        if prefix in by_prefix:
            by_prefix[prefix].overdue = counts["n"]
    registers = VoterRegister.objects.filter(election__plan__in=plans, status=ListStatus.PUBLISHED)
    for prefix, counts in _grouped(
        registers, "village__code", length, n=Count("village", distinct=True)
    ):
        if prefix in by_prefix:
            by_prefix[prefix].published = counts["n"]
    codes = list(plans.order_by().values_list("pk", "village__code"))
    ready = readiness_by_plan([VillagePlan(pk=pk) for pk, _ in codes])
    ready_by: Counter[str] = Counter(code[:length] for pk, code in codes if ready[pk].ready)
    for prefix, ready_count in ready_by.items():
        if prefix in by_prefix:
            by_prefix[prefix].ready = ready_count
    return found


def total(progress: list[Progress]) -> Progress:
    result = Progress()
    for one in progress:
        result.add(one)
    return result


def _add_summary(progress: Progress, summed: rollup.Summary) -> None:
    progress.planned = summed.plans
    progress.red, progress.orange, progress.green = summed.red, summed.orange, summed.green
    for body, mine in progress.bodies.items():
        mine.planned = summed.planned[body]
        mine.held = summed.held[body]
        mine.complete = summed.complete[body]


def _plans(user: AnyUser, region: Region | None) -> QuerySet[VillagePlan]:
    villages = scoped_regions(user).filter(level=Level.VILLAGE)
    if region is not None:
        villages = villages.filter(code__startswith=region.prefix)
    return VillagePlan.objects.filter(village__in=villages).exclude(
        campaign__status=CampaignStatus.CLOSED
    )


def _grouped(
    qs: QuerySet[Any], code_path: str, length: int, **counts: Any
) -> list[tuple[str, dict[str, int]]]:
    rows = (
        qs.order_by()  # a model's default ordering would split the groups
        .annotate(prefix=Substr(code_path, 1, length))
        .values("prefix")
        .annotate(**counts)
    )
    return [(row.pop("prefix"), row) for row in rows]


def _common_prefix(codes: list[str]) -> str:
    low, high = min(codes), max(codes)
    size = 0
    while size < min(len(low), len(high)) and low[size] == high[size]:
        size += 1
    return low[:size]
