"""Writes to campaigns and village plans; each one audited."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.campaigns import messages as msg
from huanjie.campaigns.models import Campaign, CampaignStatus, RiskLevel, VillagePlan
from huanjie.regions.models import Region
from huanjie.regions.services import require_village
from huanjie.rules.profiles.profile import ProfileError, list_profiles, load_profile

if TYPE_CHECKING:
    from huanjie.accounts.models import User

CAMPAIGN_CREATE = AuditAction("campaign.create", "新建换届")
VILLAGE_PLAN_CREATE = AuditAction("campaign.village_plan_create", "新建村换届计划")
# Kept so that entries written before the rating kept its history (prep_services.risk_rate)
# still read with their label.
VILLAGE_PLAN_SET_RISK = AuditAction("campaign.village_plan_set_risk", "研判选情")
CAMPAIGN_START = AuditAction("campaign.start", "启动换届")

BODY_LABELS = {"villagers_committee": "村民委员会选举", "party_organization": "村党组织选举"}


def _check_profile(profile_id: str, body: str) -> None:
    try:
        profile = load_profile(profile_id)
    except ProfileError as exc:
        raise ValidationError(
            msg.PROFILE_UNKNOWN.format(
                profile=profile_id, reason=exc.message, choices="、".join(list_profiles())
            ),
            code="profile",
        ) from exc
    if profile.body != body:
        raise ValidationError(
            msg.PROFILE_WRONG_BODY.format(
                profile=profile_id,
                actual=BODY_LABELS.get(profile.body, profile.body),
                expected=BODY_LABELS[body],
            ),
            code="profile",
        )


@transaction.atomic
def campaign_create(
    *,
    name: str,
    term_start_year: int,
    region: Region,
    profile_id: str,
    party_profile_id: str = "PB_2020",
    window_start: date,
    window_end: date,
    acting_user: User | None,
) -> Campaign:
    """A campaign (换届) over a region above village level, with its two rule profiles."""
    name = name.strip()
    if not name:
        raise ValidationError(msg.NAME_REQUIRED, code="name")
    if region.is_village:
        raise ValidationError(msg.REGION_IS_VILLAGE, code="region")
    if not 2000 <= term_start_year <= 2100:
        raise ValidationError(msg.YEAR_RANGE.format(year=term_start_year), code="year")
    if window_start > window_end:
        raise ValidationError(msg.WINDOW_ORDER.format(start=window_start, end=window_end))
    _check_profile(profile_id, "villagers_committee")
    _check_profile(party_profile_id, "party_organization")
    existing = Campaign.objects.filter(region=region, term_start_year=term_start_year).first()
    if existing is not None:
        raise ValidationError(
            msg.CAMPAIGN_EXISTS.format(
                region=region.name, year=term_start_year, name=existing.name
            ),
            code="exists",
        )
    campaign = Campaign.objects.create(
        name=name,
        term_start_year=term_start_year,
        region=region,
        profile_id=profile_id,
        party_profile_id=party_profile_id,
        window_start=window_start,
        window_end=window_end,
    )
    record_audit(
        actor=acting_user,
        action=CAMPAIGN_CREATE,
        target=campaign,
        after=snapshot(campaign),
        region=region,
    )
    return campaign


@transaction.atomic
def campaign_start(*, campaign: Campaign, today: date, acting_user: User | None) -> Campaign:
    """筹备中 → 进行中, on or after the window's first day (the campaign's work has begun)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError(
            msg.START_NOT_DRAFT.format(name=campaign.name, status=campaign.get_status_display()),
            code="status",
        )
    if today < campaign.window_start:
        raise ValidationError(
            msg.START_BEFORE_WINDOW.format(
                name=campaign.name, start=campaign.window_start, today=today
            ),
            code="window",
        )
    before = snapshot(campaign, ["status"])
    campaign.status = CampaignStatus.ACTIVE
    campaign.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=acting_user,
        action=CAMPAIGN_START,
        target=campaign,
        before=before,
        after=snapshot(campaign, ["status"]),
        region=campaign.region,
    )
    return campaign


def _check_open(campaign: Campaign) -> None:
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(msg.CAMPAIGN_CLOSED.format(name=campaign.name), code="closed")


def _check_risk(level: str) -> None:
    if level not in RiskLevel.values:
        raise ValidationError(msg.RISK_UNKNOWN.format(level=level), code="risk_level")


@transaction.atomic
def village_plan_create(
    *,
    campaign: Campaign,
    village: Region,
    risk_level: str = RiskLevel.GREEN,
    notes: str = "",
    acting_user: User | None,
) -> VillagePlan:
    """The plan of one village in a campaign (one per village)."""
    require_village(village)
    _check_open(campaign)
    _check_risk(risk_level)
    if not village.code.startswith(campaign.region.prefix):
        raise ValidationError(
            msg.VILLAGE_NOT_IN_CAMPAIGN.format(
                village=village.name, campaign=campaign.name, region=campaign.region.name
            ),
            code="village",
        )
    if VillagePlan.objects.filter(campaign=campaign, village=village).exists():
        raise ValidationError(
            msg.PLAN_EXISTS.format(village=village.name, campaign=campaign.name), code="exists"
        )
    plan = VillagePlan.objects.create(
        campaign=campaign, village=village, risk_level=risk_level, notes=notes.strip()
    )
    record_audit(
        actor=acting_user,
        action=VILLAGE_PLAN_CREATE,
        target=plan,
        after=snapshot(plan),
        village=village,
    )
    return plan
