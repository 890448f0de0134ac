"""A county campaign (ZJ_2025, PB_2020) with plans in a1, a2 and b1 and the four bodies' election
days at H-9's dates (the holiday table is the one the migrations seed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.campaigns.models import Campaign, RiskLevel, VillagePlan
from huanjie.campaigns.services import campaign_create, campaign_start, village_plan_create
from huanjie.elections.models import Body, Method, Post
from huanjie.elections.services import election_create

E = date(2026, 3, 28)
DAYS: dict[str, tuple[date, str, dict[str, int]]] = {
    Body.PARTY_ORGANIZATION: (date(2026, 3, 7), Method.TWO_RECOMMENDATIONS, {Post.SECRETARY: 1}),
    Body.VILLAGERS_COMMITTEE: (E, Method.WITH_CANDIDATES, {Post.CHAIR: 1, Post.MEMBER: 2}),
    Body.SUPERVISION_COMMITTEE: (
        date(2026, 4, 2),
        Method.ASSEMBLY,
        {Post.CHAIR: 1, Post.MEMBER: 2},
    ),
    Body.COOPERATIVE_BOARD: (date(2026, 4, 9), Method.ASSEMBLY, {Post.CHAIR: 1, Post.MEMBER: 2}),
}


@dataclass
class TasksWorld:
    tree: RegionTree
    campaign: Campaign
    plans: dict[str, VillagePlan]


def build(tree: RegionTree, *, vc_day: date | None = E) -> TasksWorld:
    campaign = campaign_create(
        name="景宁县2026年村级组织换届",
        term_start_year=2026,
        region=tree.county,
        profile_id="ZJ_2025",
        window_start=date(2026, 1, 1),
        window_end=date(2026, 6, 30),
        acting_user=None,
    )
    campaign = campaign_start(campaign=campaign, today=date(2026, 1, 5), acting_user=None)
    risks = {"a1": RiskLevel.RED, "a2": RiskLevel.GREEN, "b1": RiskLevel.ORANGE}
    plans = {
        key: village_plan_create(
            campaign=campaign, village=tree.villages[key], risk_level=risk, acting_user=None
        )
        for key, risk in risks.items()
    }
    for key, plan in plans.items():
        for body, (day, method, seats) in DAYS.items():
            own = vc_day if (body, key) == (Body.VILLAGERS_COMMITTEE, "a1") else day
            election_create(
                plan=plan, body=body, method=method, seats=seats, election_day=own,
                acting_user=None,
            )  # fmt: skip
    return TasksWorld(tree, campaign, plans)
