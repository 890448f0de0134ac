"""Recommendation rounds of a post's applicants (两推 / 三推, SEED-3T2S1X): each round's meeting
and its tally entered once, the speech order drawn by lot with its seed, the 两述 statements and
questions, and the 胜任指数 items (per county) with the household representatives' assessments.

The counting is the engine's (`huanjie.rules.party.recommendation`); these rows only keep what
was entered. Imported by `models.py` so the app's models stay in one registry.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from huanjie.rules.party.recommendation import ROUND_NAMES
from huanjie.rules.party.recommendation import Procedure as RuleProcedure
from huanjie.rules.party.recommendation import RoundKind as RuleKind


class Procedure(models.TextChoices):
    TWO = RuleProcedure.TWO.value, "两推"
    THREE = RuleProcedure.THREE.value, "三推"


class RoundKind(models.TextChoices):
    PARTY_MASSES = RuleKind.PARTY_MASSES.value, ROUND_NAMES[RuleKind.PARTY_MASSES]
    TOWNSHIP_RECOMMENDATION = (
        RuleKind.TOWNSHIP_RECOMMENDATION.value,
        ROUND_NAMES[RuleKind.TOWNSHIP_RECOMMENDATION],
    )
    INITIAL_NOMINATION = (
        RuleKind.INITIAL_NOMINATION.value,
        ROUND_NAMES[RuleKind.INITIAL_NOMINATION],
    )
    MASS_TRUST = RuleKind.MASS_TRUST.value, ROUND_NAMES[RuleKind.MASS_TRUST]
    TOWNSHIP_VOTE = RuleKind.TOWNSHIP_VOTE.value, ROUND_NAMES[RuleKind.TOWNSHIP_VOTE]
    MEMBERS_MEETING = RuleKind.MEMBERS_MEETING.value, ROUND_NAMES[RuleKind.MEMBERS_MEETING]


class RecommendationRound(models.Model):
    """One round of a post's recommendation: the meeting (date, place, kind), who took part,
    and once entered its tally (ballots, void ballots; each person's votes in `RoundVote`)."""

    recruitment = models.ForeignKey(
        "nominations.Recruitment",
        verbose_name="招贤榜",
        on_delete=models.CASCADE,
        related_name="recommendation_rounds",
    )
    procedure = models.CharField("推荐方式", max_length=8, choices=Procedure.choices)
    kind = models.CharField("推荐轮次", max_length=32, choices=RoundKind.choices)
    held_on = models.DateField("会议日期")
    place = models.CharField("会议地点", max_length=100)
    meeting = models.CharField("会议名称", max_length=100)
    eligible = models.PositiveIntegerField("应到人数")
    members_present = models.PositiveIntegerField("党员（委员）实到人数")
    nonmember_representatives = models.PositiveIntegerField("非党员代表人数", default=0)
    ballots = models.PositiveIntegerField("收回票数", null=True, blank=True)
    void_ballots = models.PositiveIntegerField("无效票数", null=True, blank=True)
    places = models.PositiveIntegerField("本轮产生人数", null=True, blank=True)
    tallied_at = models.DateTimeField("计票登记时间", null=True, blank=True)
    draw_seed = models.BigIntegerField("抽签种子", null=True, blank=True)
    draw_order = models.JSONField("发言顺序（报名编号）", default=list, blank=True)
    drawn_at = models.DateTimeField("抽签时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "推荐轮次"
        verbose_name_plural = "推荐轮次"
        ordering = ["recruitment_id", "held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["recruitment", "kind"], name="recommendation_once"),
            models.CheckConstraint(
                condition=Q(procedure__in=Procedure.values), name="recommendation_procedure"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RoundKind.values), name="recommendation_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recruitment} · {self.get_kind_display()}"

    @property
    def present(self) -> int:
        return self.members_present + self.nonmember_representatives

    @property
    def tallied(self) -> bool:
        return self.tallied_at is not None


class RoundVote(models.Model):
    round = models.ForeignKey(
        RecommendationRound, verbose_name="推荐轮次", on_delete=models.CASCADE, related_name="votes"
    )
    application = models.ForeignKey(
        "nominations.Application",
        verbose_name="报名人",
        on_delete=models.CASCADE,
        related_name="round_votes",
    )
    votes = models.PositiveIntegerField("得票")

    class Meta:
        verbose_name = "推荐得票"
        verbose_name_plural = "推荐得票"
        ordering = ["round_id", "-votes", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "application"], name="round_vote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.application.person} {self.votes}票"


class StatementKind(models.TextChoices):
    REPORT = "report", "述职"
    CAMPAIGN = "campaign", "竞职陈述"


class Statement(models.Model):
    """两述: a person's statement at a round's meeting (述职 or 竞职), with its questions."""

    round = models.ForeignKey(
        RecommendationRound,
        verbose_name="推荐轮次",
        on_delete=models.CASCADE,
        related_name="statements",
    )
    application = models.ForeignKey(
        "nominations.Application",
        verbose_name="陈述人",
        on_delete=models.CASCADE,
        related_name="statements",
    )
    kind = models.CharField("陈述类型", max_length=16, choices=StatementKind.choices)
    summary = models.TextField("陈述要点", max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "陈述"
        verbose_name_plural = "陈述"
        ordering = ["round_id", "application_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application", "kind"], name="statement_once_per_round"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=StatementKind.values), name="statement_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.person} · {self.get_kind_display()}"


class Question(models.Model):
    statement = models.ForeignKey(
        Statement, verbose_name="陈述", on_delete=models.CASCADE, related_name="questions"
    )
    asked_by = models.CharField("提问人", max_length=50)
    question = models.TextField("提问", max_length=1000)
    answer = models.TextField("回答", max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "提问"
        verbose_name_plural = "提问"
        ordering = ["statement_id", "id"]

    def __str__(self) -> str:
        return f"{self.asked_by}：{self.question[:20]}"


class CompetencyItem(models.Model):
    """An item of a county's 胜任指数, with its weight and full mark (edited in the admin)."""

    county = models.ForeignKey(
        "regions.Region",
        verbose_name="县（市、区）",
        on_delete=models.CASCADE,
        related_name="competency_items",
    )
    name = models.CharField("测评项目", max_length=50)
    weight = models.PositiveIntegerField("权重")
    full_mark = models.PositiveIntegerField("满分")
    position = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "胜任指数测评项目"
        verbose_name_plural = "胜任指数测评项目"
        ordering = ["county_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="competency_item_once"),
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(full_mark__gt=0), name="competency_item_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（权重{self.weight}，满分{self.full_mark}）"


class CompetencyAssessment(models.Model):
    """One household representative's assessment of one applicant: a score per item."""

    application = models.ForeignKey(
        "nominations.Application",
        verbose_name="报名人",
        on_delete=models.CASCADE,
        related_name="competency_assessments",
    )
    household = models.CharField("户代表", max_length=50)
    assessed_on = models.DateField("测评日期")
    scores = models.JSONField("各项得分")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "户代表测评"
        verbose_name_plural = "户代表测评"
        ordering = ["application_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "household"], name="competency_once_per_household"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} 测评 {self.application.person}"
