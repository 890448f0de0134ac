"""Campaign and village-plan services."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.campaigns.models import Campaign, CampaignStatus, VillagePlan
from huanjie.campaigns.prep_models import RiskReason
from huanjie.campaigns.prep_services import risk_rate
from huanjie.campaigns.selectors import campaign_list, risk_counts
from huanjie.campaigns.services import (
    campaign_create,
    campaign_start,
    village_plan_create,
)


def _campaign(tree: RegionTree, **overrides: Any) -> Campaign:
    args: dict[str, Any] = {
        "name": "景宁县2026年村级组织换届",
        "term_start_year": 2026,
        "region": tree.county,
        "profile_id": "ZJ_2025",
        "window_start": date(2026, 1, 1),
        "window_end": date(2026, 6, 30),
        "acting_user": None,
        **overrides,
    }
    return campaign_create(**args)


def test_campaign_create_is_audited_on_its_region(tree: RegionTree) -> None:
    campaign = _campaign(tree)
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.region_code, entry.target_id) == (
        "campaign.create",
        "331127",
        str(campaign.pk),
    )


REFUSED = [
    ("a village as region", {"region": "a1"}, "不能以单个村为组织区域"),
    ("window reversed", {"window_start": date(2026, 7, 1)}, "晚于计划结束日期"),
    ("unknown profile", {"profile_id": "XX_1999"}, "选举规则“XX_1999”不存在"),
    ("party profile as VC profile", {"profile_id": "PB_2020"}, "这里需要村民委员会选举的规则"),
    ("VC profile as party profile", {"party_profile_id": "ZJ_2025"}, "这里需要村党组织选举的规则"),
    ("blank name", {"name": "  "}, "名称不能为空"),
    ("absurd year", {"term_start_year": 1026}, "不合理"),
]


@pytest.mark.parametrize(
    ("overrides", "fragment"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_campaign_create_refusals(
    tree: RegionTree, overrides: dict[str, Any], fragment: str
) -> None:
    if overrides.get("region") == "a1":
        overrides = {**overrides, "region": tree.a1}
    with pytest.raises(ValidationError, match=fragment):
        _campaign(tree, **overrides)
    assert not Campaign.objects.exists() and not AuditEntry.objects.exists()


def test_one_campaign_per_region_and_term(tree: RegionTree) -> None:
    _campaign(tree)
    with pytest.raises(ValidationError, match="同一区域同一届只能有一个换届"):
        _campaign(tree, name="重复")


def test_plans_and_risk(tree: RegionTree) -> None:
    campaign = _campaign(tree)
    plan = village_plan_create(campaign=campaign, village=tree.a1, acting_user=None)
    village_plan_create(campaign=campaign, village=tree.b1, risk_level="orange", acting_user=None)
    with pytest.raises(ValidationError, match="已有计划"):
        village_plan_create(campaign=campaign, village=tree.a1, acting_user=None)
    with pytest.raises(ValidationError, match="不在换届"):
        village_plan_create(campaign=campaign, village=tree.c1, acting_user=None)
    with pytest.raises(ValidationError, match="不是村（社区）级"):
        village_plan_create(campaign=campaign, village=tree.township_a, acting_user=None)
    reason = RiskReason.objects.get(name="宗族派性严重")
    risk_rate(plan=plan, level="red", reasons=[reason], acting_user=None)
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a)
    assert list(campaign_list(user=officer)) == [campaign]  # seen through its villages' plans
    assert risk_counts(user=officer, campaign=campaign) == {"red": 1}
    assert VillagePlan.objects.count() == 2


def test_campaign_start_inside_its_window_is_audited(tree: RegionTree) -> None:
    campaign = _campaign(tree)
    started = campaign_start(campaign=campaign, today=date(2026, 1, 1), acting_user=None)
    assert started.status == CampaignStatus.ACTIVE
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.before, entry.after) == (
        "campaign.start",
        {"status": "draft"},
        {"status": "active"},
    )


@pytest.mark.parametrize(
    ("status", "today", "fragment"),
    [
        (CampaignStatus.DRAFT, date(2025, 12, 31), "还没到开始日期"),
        (CampaignStatus.ACTIVE, date(2026, 2, 1), "只有筹备中的换届才能启动"),
        (CampaignStatus.CLOSED, date(2026, 2, 1), "只有筹备中的换届才能启动"),
    ],
    ids=["before the window", "already active", "closed"],
)
def test_campaign_start_refusals_change_nothing(
    tree: RegionTree, status: str, today: date, fragment: str
) -> None:
    campaign = _campaign(tree)
    Campaign.objects.filter(pk=campaign.pk).update(status=status)
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=fragment):
        campaign_start(campaign=campaign, today=today, acting_user=None)
    assert Campaign.objects.get(pk=campaign.pk).status == status
    assert AuditEntry.objects.count() == entries
