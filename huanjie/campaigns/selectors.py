"""Reads of campaigns and village plans, within the user's scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from huanjie.accounts.gates import scoped_regions, scoped_villages
from huanjie.campaigns.models import Campaign, VillagePlan
from huanjie.regions.models import Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User


def campaign_list(*, user: User | AnonymousUser) -> QuerySet[Campaign]:
    """Campaigns organised in the user's regions, or planning one of the user's villages (a
    township officer sees the county's campaign through its villages' plans)."""
    in_scope = Q(region__in=scoped_regions(user)) | Q(plans__village__in=scoped_villages(user))
    ids = Campaign.objects.filter(in_scope).values("pk")
    return (
        Campaign.objects.filter(pk__in=ids)
        .select_related("region")
        .annotate(plan_total=Count("plans"))
    )


def village_plans(*, user: User | AnonymousUser, campaign: Campaign) -> QuerySet[VillagePlan]:
    """The campaign's plans for villages the user may open, with the village and its township."""
    return VillagePlan.objects.filter(
        campaign=campaign, village__in=scoped_villages(user)
    ).select_related("village__parent")


def risk_counts(*, user: User | AnonymousUser, campaign: Campaign) -> dict[str, int]:
    """How many of the user's villages are rated red, orange, green (one query)."""
    rows = (
        village_plans(user=user, campaign=campaign)
        .order_by()
        .values_list("risk_level")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def plan_of(*, campaign: Campaign, village: Region) -> VillagePlan | None:
    return VillagePlan.objects.filter(campaign=campaign, village=village).first()
