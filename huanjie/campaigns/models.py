"""The campaign (换届) and one plan per village in it."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "筹备中"
    ACTIVE = "active", "进行中"
    CLOSED = "closed", "已结束"


class Campaign(models.Model):
    name = models.CharField("名称", max_length=128)
    # The first year of the five-year term the campaign elects for (e.g. 2026 → 2026–2031).
    term_start_year = models.PositiveSmallIntegerField("届期起始年")
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="组织区域",
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    profile_id = models.CharField("村委会选举规则", max_length=32)
    party_profile_id = models.CharField("党组织选举规则", max_length=32, default="PB_2020")
    window_start = models.DateField("计划开始")
    window_end = models.DateField("计划结束")
    status = models.CharField(
        "状态", max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "换届"
        verbose_name_plural = "换届"
        ordering = ["-term_start_year", "region__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_start__lte=F("window_end")), name="campaign_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CampaignStatus.values), name="campaign_status_known"
            ),
            models.UniqueConstraint(
                fields=["region", "term_start_year"], name="campaign_unique_region_term"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RiskLevel(models.TextChoices):
    RED = "red", "红"
    ORANGE = "orange", "橙"
    GREEN = "green", "绿"


class VillagePlan(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name="换届", on_delete=models.PROTECT, related_name="plans"
    )
    village = models.ForeignKey(
        "regions.Region", verbose_name="村", on_delete=models.PROTECT, related_name="plans"
    )
    risk_level = models.CharField(
        "选情研判", max_length=8, choices=RiskLevel.choices, default=RiskLevel.GREEN
    )
    notes = models.TextField("备注", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "村换届计划"
        verbose_name_plural = "村换届计划"
        ordering = ["campaign_id", "village__code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "village"], name="plan_one_per_village"),
            models.CheckConstraint(
                condition=Q(risk_level__in=RiskLevel.values), name="plan_risk_level_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} · {self.campaign}"
