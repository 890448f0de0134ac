"""The county joint review (县级联审, QUAL-3): the departments that review, the county's negative
list as data (SEED-QUAL, QUAL-4..7), review rounds with deadlines, and each department's result
per candidate.

A candidate (an accepted `nominations.Application`) is cleared when every department of every
review round of the campaign has recorded "cleared" for them; only then may the candidate list
be published (`huanjie.vetting.selectors.publication_blockers`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from huanjie.rules.eligibility.qualification import Outcome as ItemOutcome


class Department(models.Model):
    """A reviewing department; a reviewer's `User.department` names one of these."""

    name = models.CharField("部门", max_length=32, unique=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("参加联审", default=True)

    class Meta:
        verbose_name = "联审部门"
        verbose_name_plural = "联审部门"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class ItemOutcomeChoice(models.TextChoices):
    INELIGIBLE = ItemOutcome.INELIGIBLE.value, "不能"
    UNSUITABLE = ItemOutcome.UNSUITABLE.value, "不宜"


class NegativeListItem(models.Model):
    """One item of the county's negative list for a campaign, copied from the profile's
    `qual.list` data file when the first round opens; the county may add its own."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="换届",
        on_delete=models.CASCADE,
        related_name="negative_list",
    )
    code = models.CharField("情形代码", max_length=48)
    no = models.CharField("序号", max_length=16)
    text = models.CharField("情形", max_length=300)
    outcome = models.CharField("后果", max_length=16, choices=ItemOutcomeChoice.choices)
    # None: counts however long ago; N: until N years after the matter ended; 0: until resolved.
    window_years = models.PositiveSmallIntegerField("影响期（年）", null=True, blank=True)
    rule_id = models.CharField("依据", max_length=16)
    source = models.CharField("来源", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "负面清单情形"
        verbose_name_plural = "负面清单"
        ordering = ["campaign_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="negative_item_unique"),
            models.CheckConstraint(
                condition=Q(outcome__in=ItemOutcomeChoice.values), name="negative_item_outcome"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.no} {self.text}（{self.get_outcome_display()}）"


class ReviewRound(models.Model):
    """A round of the joint review for a campaign: which departments review, by when."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="换届",
        on_delete=models.CASCADE,
        related_name="review_rounds",
    )
    number = models.PositiveSmallIntegerField("轮次")
    title = models.CharField("名称", max_length=64)
    opens_on = models.DateField("开始日期")
    due_on = models.DateField("截止日期")
    departments = models.ManyToManyField(Department, verbose_name="联审部门", related_name="rounds")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "联审轮次"
        verbose_name_plural = "联审轮次"
        ordering = ["campaign_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="review_round_unique"),
            models.CheckConstraint(
                condition=Q(opens_on__lte=F("due_on")), name="review_round_dates_ordered"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="review_round_positive"),
        ]

    def __str__(self) -> str:
        return f"第{self.number}轮 {self.title}"


class Verdict(models.TextChoices):
    CLEARED = "cleared", "通过"
    INELIGIBLE = "ineligible", "不能"
    UNSUITABLE = "unsuitable", "不宜"


class ReviewResult(models.Model):
    """One department's result for one candidate in one round. A 不能 result is final: it ends
    the candidacy and is never turned into a clearance (practice.md §1)."""

    round = models.ForeignKey(
        ReviewRound, verbose_name="轮次", on_delete=models.CASCADE, related_name="results"
    )
    application = models.ForeignKey(
        "nominations.Application",
        verbose_name="候选人",
        on_delete=models.CASCADE,
        related_name="review_results",
    )
    department = models.ForeignKey(
        Department, verbose_name="部门", on_delete=models.PROTECT, related_name="results"
    )
    verdict = models.CharField("结论", max_length=16, choices=Verdict.choices)
    item = models.ForeignKey(
        NegativeListItem,
        verbose_name="负面清单情形",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="results",
    )
    # The day the matter ended (release, the day it was dealt with); None: not ended.
    event_date = models.DateField("情形结束日期", null=True, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)
    attachment = models.FileField("附件", upload_to="vetting/%Y/", blank=True)
    recorded_on = models.DateField("审查日期")
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
        verbose_name = "联审结果"
        verbose_name_plural = "联审结果"
        ordering = ["round_id", "application_id", "department__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application", "department"], name="review_result_once"
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="review_result_verdict"
            ),
            models.CheckConstraint(
                condition=Q(verdict=Verdict.CLEARED) | Q(item__isnull=False),
                name="review_result_finding_has_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.get_verdict_display()}"

    @property
    def attachment_name(self) -> str:
        return self.attachment.name.rsplit("/", 1)[-1] if self.attachment else ""
