"""What the risk and readiness commands share: the village's current plan, and its refusals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from huanjie.campaigns import prep_messages as msg
from huanjie.campaigns.prep_selectors import current_plan
from huanjie.people.management.arguments import refuse

if TYPE_CHECKING:
    from huanjie.campaigns.models import VillagePlan
    from huanjie.regions.models import Region


def plan_of(place: Region) -> VillagePlan:
    plan = current_plan(place)
    if plan is None:
        raise refuse(f"{place.name}：{msg.PLAN_MISSING}")
    return plan
