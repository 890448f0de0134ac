"""The township officer's pipeline: every village of a township with, per body, how many applied
(applicants, not withdrawn), were recommended (accepted as candidates), have been reviewed by
every joint-review department, and are formal candidates (cleared by every department, QUAL-3);
with its reserve pool and how its sitting office holders go (继续参选 / 光荣让贤 / …).

A fixed number of queries whatever the number of villages (the test counts them)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from huanjie.campaigns.models import CampaignStatus
from huanjie.elections.models import Body, OfficeHolder
from huanjie.nominations.models import LIVE, Application, OutgoingPath, ReserveCadre, Status
from huanjie.rules.eligibility.qualification import VettingStatus
from huanjie.vetting.selectors import reviews

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from huanjie.regions.models import Region

STAGES = ("applicants", "recommended", "reviewed", "formal")
STAGE_LABELS = {
    "applicants": "报名",
    "recommended": "确定候选人",
    "reviewed": "联审完成",
    "formal": "正式候选人",
}
PATHS = [*OutgoingPath.choices, ("", "未登记")]


@dataclass
class Counts:
    applicants: int = 0
    recommended: int = 0
    reviewed: int = 0
    formal: int = 0

    def add(self, other: Counts) -> None:
        for stage in STAGES:
            setattr(self, stage, getattr(self, stage) + getattr(other, stage))

    @property
    def row(self) -> list[int]:
        return [getattr(self, stage) for stage in STAGES]


@dataclass
class VillagePipeline:
    village: Region
    bodies: dict[str, Counts]  # body code → counts, every body of `BODIES`
    reserve: int = 0
    paths: dict[str, int] = field(default_factory=dict)  # path code ("" unrecorded) → holders
    cells: list[int] = field(default_factory=list)  # the shown bodies' stages, in order
    path_cells: list[tuple[str, int]] = field(default_factory=list)  # (label, holders) > 0


@dataclass
class TownshipPipeline:
    bodies: list[tuple[str, str]]  # (code, label) of the bodies shown
    villages: list[VillagePipeline]
    totals: dict[str, Counts]
    reserve: int
    paths: dict[str, int]
    path_labels: list[tuple[str, str]]
    total_cells: list[int]
    path_totals: list[tuple[str, int]]  # (label, holders), every path


def _bodies() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in Body.choices]


def township_pipeline(villages: QuerySet[Region], on: date) -> TownshipPipeline:
    """The pipeline of these villages (in code order) in the campaigns not yet closed."""
    places = list(villages.order_by("code"))
    ids = [v.pk for v in places]
    bodies = _bodies()
    rows = {
        v.pk: VillagePipeline(
            v, {code: Counts() for code, _ in bodies}, paths={code: 0 for code, _ in PATHS}
        )
        for v in places
    }
    applications = list(
        Application.objects.filter(
            recruitment__election__plan__village__in=ids,
            status__in=LIVE,
        )
        .exclude(recruitment__election__plan__campaign__status=CampaignStatus.CLOSED)
        .select_related("recruitment__election__plan")
    )
    found = reviews([a for a in applications if a.status == Status.ACCEPTED])
    for a in applications:
        election = a.recruitment.election
        counts = rows[election.plan.village_id].bodies[election.body]
        counts.applicants += 1
        review = found.get(a.pk)
        if review is None:
            continue
        counts.recommended += 1
        if review.slots and review.status is not VettingStatus.PENDING:
            counts.reviewed += 1
        if review.slots and review.status is VettingStatus.CLEARED:
            counts.formal += 1
    pool = Counter(
        ReserveCadre.objects.filter(village__in=ids, left_on__isnull=True).values_list(
            "village_id", flat=True
        )
    )
    holders = OfficeHolder.objects.filter(
        village__in=ids, term_start__lte=on, term_end__gt=on
    ).values_list("village_id", "outgoing__path")
    paths: dict[int, Counter[str]] = defaultdict(Counter)
    for village_id, path in holders:
        paths[village_id][path or ""] += 1
    totals = {code: Counts() for code, _ in bodies}
    all_paths = {code: 0 for code, _ in PATHS}
    for pk, row in rows.items():
        row.reserve = pool[pk]
        for code in row.paths:
            row.paths[code] = paths[pk][code]
            all_paths[code] += row.paths[code]
        for code, counts in row.bodies.items():
            totals[code].add(counts)
    shown = [(c, label) for c, label in bodies if c in _active(totals)]
    labels = [(code, str(label)) for code, label in PATHS]
    for row in rows.values():
        row.cells = [n for code, _ in shown for n in row.bodies[code].row]
        row.path_cells = [(label, row.paths[code]) for code, label in labels if row.paths[code]]
    return TownshipPipeline(
        bodies=shown,
        villages=[rows[pk] for pk in ids],
        totals=totals,
        reserve=sum(pool.values()),
        paths=all_paths,
        path_labels=labels,
        total_cells=[n for code, _ in shown for n in totals[code].row],
        path_totals=[(label, all_paths[code]) for code, label in labels],
    )


def _active(totals: dict[str, Counts]) -> set[str]:
    """The bodies with any applicant in the township, and always the two 两委 bodies."""
    found = {code for code, c in totals.items() if c.applicants}
    return found | {Body.PARTY_ORGANIZATION, Body.VILLAGERS_COMMITTEE}
