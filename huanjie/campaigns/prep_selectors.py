"""Reads before the election: a plan's risk with its history, and which villages are ready.

`readiness_by_plan(plans)` is the board's: for any number of plans, two queries, each plan's
items, election day, and what is missing (empty: ready).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from huanjie.campaigns.models import CampaignStatus, VillagePlan
from huanjie.campaigns.prep_models import (
    ReadinessItem,
    ReadinessKind,
    RiskAssessment,
    RiskChange,
    RiskReason,
)
from huanjie.elections.models import Body, Election, Round
from huanjie.regions.models import Region
from huanjie.rules.checks import Finding
from huanjie.rules.preparation import Done, Item, Outcome, readiness_gaps


def active_reasons() -> QuerySet[RiskReason]:
    return RiskReason.objects.filter(active=True)


def current_plan(village: Region) -> VillagePlan | None:
    """The village's plan in its latest campaign not closed (else its latest plan)."""
    plans = VillagePlan.objects.filter(village=village).select_related("campaign", "village")
    plans = plans.order_by("-campaign__term_start_year", "-pk")
    open_plan = plans.exclude(campaign__status=CampaignStatus.CLOSED).first()
    return open_plan or plans.first()


@dataclass(frozen=True)
class RiskView:
    plan: VillagePlan
    assessment: RiskAssessment | None
    reasons: list[RiskReason]
    history: list[RiskChange]

    @property
    def flagged(self) -> bool:
        return self.plan.risk_level != "green"


def risk_view(plan: VillagePlan) -> RiskView:
    assessment = (
        RiskAssessment.objects.filter(plan=plan)
        .select_related("cadre")
        .prefetch_related("reasons")
        .first()
    )
    reasons = list(assessment.reasons.all()) if assessment else []
    history = list(RiskChange.objects.filter(plan=plan).select_related("actor"))
    return RiskView(plan=plan, assessment=assessment, reasons=reasons, history=history)


@dataclass(frozen=True)
class Readiness:
    """One plan's items before the election and what keeps it from being ready."""

    plan_id: int
    election_day: object  # date | None
    items: dict[str, ReadinessItem] = field(default_factory=dict)
    gaps: list[Finding] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not any(g.blocking for g in self.gaps)

    @property
    def missing(self) -> list[str]:
        """The blocking gaps in words, for a board's cell."""
        return [g.message for g in self.gaps if g.blocking]


def readiness_by_plan(plans: Iterable[VillagePlan]) -> dict[int, Readiness]:
    """Each plan's readiness (items recorded, VC election day, gaps by rules.preparation), by
    plan id. Two queries whatever the number of plans."""
    ids = [p.pk for p in plans]
    items: dict[int, dict[str, ReadinessItem]] = defaultdict(dict)
    for item in ReadinessItem.objects.filter(plan_id__in=ids):
        items[item.plan_id][item.kind] = item
    days = dict(
        Election.objects.filter(
            plan_id__in=ids, body=Body.VILLAGERS_COMMITTEE, round=Round.FIRST
        ).values_list("plan_id", "election_day")
    )
    found = {}
    for pk in ids:
        recorded = items.get(pk, {})
        done = {
            Item(kind): Done(i.done_on, Outcome(i.outcome), i.published_on)
            for kind, i in recorded.items()
        }
        day = days.get(pk)
        found[pk] = Readiness(pk, day, recorded, readiness_gaps(done, day))
    return found


KIND_ORDER = list(ReadinessKind)
