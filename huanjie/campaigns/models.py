"""The campaign (换届) and one plan per village in it."""

from __future__ import annotations

from datetime import date

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


class TaskDateKind(models.TextChoices):
    LEGAL = "legal", "法定最晚日"
    PLANNED = "planned", "计划日期"


class TaskStatus(models.TextChoices):
    """A task's status on a given day: computed from its dates, never stored."""

    PENDING = "pending", "待办"
    DONE = "done", "已完成"
    OVERDUE = "overdue", "逾期"


class PlanTask(models.Model):
    """One step of a village's plan (rules.timeline.tasks): its day from the body's election day,
    its basis and how-to from the template, and whether, when and how it was done."""

    plan = models.ForeignKey(
        "VillagePlan", verbose_name="村换届计划", on_delete=models.CASCADE, related_name="tasks"
    )
    key = models.CharField("步骤", max_length=48)
    body = models.CharField("选举机构", max_length=32)
    position = models.PositiveSmallIntegerField("顺序")
    title = models.CharField("任务", max_length=128)
    due = models.DateField("日期", null=True, blank=True)
    date_kind = models.CharField("日期类型", max_length=8, choices=TaskDateKind.choices)
    legal_due = models.DateField("法定最晚日", null=True, blank=True)
    date_warning = models.CharField("日期提示", max_length=200, blank=True)
    basis = models.JSONField("依据", default=list)  # [{"rule_id": …, "words": …}, …]
    how_to = models.TextField("怎么做")
    owner_role = models.CharField("负责", max_length=32)
    ritual = models.BooleanField("固定仪式", default=False)
    done_on = models.DateField("完成日期", null=True, blank=True)
    evidence = models.TextField("完成情况", blank=True)
    done_by = models.ForeignKey(
        "accounts.User",
        verbose_name="登记人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "换届任务"
        verbose_name_plural = "换届任务"
        ordering = ["plan_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="plan_task_one_per_step"),
            models.CheckConstraint(
                condition=Q(date_kind__in=TaskDateKind.values), name="plan_task_date_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | ~Q(evidence=""),
                name="plan_task_done_with_evidence",
            ),
        ]
        indexes = [models.Index(fields=["plan", "done_on", "due"], name="plan_task_open_due")]

    def __str__(self) -> str:
        return self.title

    def status(self, today: date) -> TaskStatus:
        if self.done_on is not None:
            return TaskStatus.DONE
        if self.due is not None and self.due < today:
            return TaskStatus.OVERDUE
        return TaskStatus.PENDING


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


# Before the election (risk and readiness): models of their own module (import them from
# there), registered with the app by this import.
from huanjie.campaigns.prep_models import (  # noqa: E402, F401
    ReadinessItem,
    ReadinessKind,
    ReadinessOutcome,
    RiskAssessment,
    RiskCategory,
    RiskChange,
    RiskChangeKind,
    RiskReason,
)

# The previous term's figures imported from the upper level's table (dashboards).
from huanjie.campaigns.previous_models import PreviousTermFigures  # noqa: E402, F401

# A campaign's own task template (its changes to the default's steps).
from huanjie.campaigns.template_models import TaskTemplateStep  # noqa: E402, F401
