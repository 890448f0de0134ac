"""Before the election, per village plan: the risk rating (逐村研判选情) with its reasons and
history, and the readiness items (承诺述职评议, 财务审计, 离任审计, 业务培训).

The current level stays on `VillagePlan.risk_level` (the board reads it there); this module
keeps what goes with it. Imported by `campaigns.models`, so the models are the app's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class RiskReason(models.Model):
    """One difficult-village reason (难点村, practice.md §3); the list is the administrator's."""

    name = models.CharField("原因", max_length=32, unique=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("可选用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "难点村原因"
        verbose_name_plural = "难点村原因"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class RiskCategory(models.TextChoices):
    # Seed 003: 一类村 选情良好 (选优配强); 二类、三类 较为复杂、问题矛盾突出 (整顿转化).
    FIRST = "first", "一类"
    SECOND = "second", "二类"
    THIRD = "third", "三类"


class RiskAssessment(models.Model):
    """What goes with a plan's current rating: category, reasons, report, the assigned cadre,
    and since when the village is flagged (红/橙, 挂牌) until it is cleared (销号)."""

    plan = models.OneToOneField(
        "campaigns.VillagePlan",
        verbose_name="村换届计划",
        on_delete=models.CASCADE,
        related_name="risk",
    )
    category = models.CharField(
        "村类别", max_length=8, choices=RiskCategory.choices, blank=True, default=""
    )
    reasons = models.ManyToManyField(RiskReason, verbose_name="难点原因", blank=True)
    report = models.TextField("选情分析报告", blank=True)
    cadre = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="包村干部",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risk_villages",
    )
    flagged_at = models.DateTimeField("挂牌时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "选情研判"
        verbose_name_plural = "选情研判"
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=["", *RiskCategory.values]),
                name="risk_category_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} 选情研判"


class RiskChangeKind(models.TextChoices):
    RATE = "rate", "研判"
    CLEAR = "clear", "销号"


class RiskChange(models.Model):
    """One change of a plan's rating, kept for good: who, when, from → to, reasons, note."""

    plan = models.ForeignKey(
        "campaigns.VillagePlan",
        verbose_name="村换届计划",
        on_delete=models.CASCADE,
        related_name="risk_changes",
    )
    kind = models.CharField("操作", max_length=8, choices=RiskChangeKind.choices)
    level_from = models.CharField("原等级", max_length=8)
    level_to = models.CharField("新等级", max_length=8)
    category_from = models.CharField("原类别", max_length=8, blank=True)
    category_to = models.CharField("新类别", max_length=8, blank=True)
    # The reasons' names as they stood (a reason renamed later does not rewrite the past).
    reasons = models.JSONField("难点原因", default=list)
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "选情研判记录"
        verbose_name_plural = "选情研判记录"
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RiskChangeKind.values), name="risk_change_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.level_from}→{self.level_to}"


class ReadinessKind(models.TextChoices):
    REVIEW = "review", "承诺述职评议"
    FINANCE_AUDIT = "finance_audit", "财务审计"
    DEPARTURE_AUDIT = "departure_audit", "离任审计"
    TRAINING = "training", "换届工作人员业务培训"


class ReadinessOutcome(models.TextChoices):
    PASSED = "passed", "通过（无问题）"
    ISSUES = "issues", "发现问题，待整改"
    RESOLVED = "resolved", "发现问题，已整改"


class ReadinessItem(models.Model):
    """One item to have done before the election, with its result."""

    plan = models.ForeignKey(
        "campaigns.VillagePlan",
        verbose_name="村换届计划",
        on_delete=models.CASCADE,
        related_name="readiness_items",
    )
    kind = models.CharField("事项", max_length=16, choices=ReadinessKind.choices)
    done_on = models.DateField("完成日期")
    # The audits' publication to the villagers (SUP-3: before the VC election).
    published_on = models.DateField("公开日期", null=True, blank=True)
    outcome = models.CharField("结果", max_length=16, choices=ReadinessOutcome.choices)
    result = models.TextField("结果说明", blank=True)
    # Who did it: the reviewers' meeting, the auditor, the trainer.
    by = models.CharField("承办", max_length=64, blank=True)
    # How many took part (the review's participants, the staff trained).
    participants = models.PositiveIntegerField("参加人数", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "换届前准备事项"
        verbose_name_plural = "换届前准备事项"
        ordering = ["plan_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="readiness_one_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=ReadinessKind.values), name="readiness_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=ReadinessOutcome.values), name="readiness_outcome_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.get_kind_display()}"
