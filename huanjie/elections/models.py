"""Elections: one per body per village per round, with its seats by post; and office holders."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class Body(models.TextChoices):
    PARTY_ORGANIZATION = "party_organization", "村党组织"
    VILLAGERS_COMMITTEE = "villagers_committee", "村民委员会"
    SUPERVISION_COMMITTEE = "supervision_committee", "村务监督委员会"
    COOPERATIVE_BOARD = "cooperative_board", "经济合作社社管会"
    COOPERATIVE_SUPERVISORS = "cooperative_supervisors", "经济合作社社监会"


class Post(models.TextChoices):
    SECRETARY = "secretary", "书记"
    DEPUTY_SECRETARY = "deputy_secretary", "副书记"
    CHAIR = "chair", "主任"
    VICE_CHAIR = "vice_chair", "副主任"
    MEMBER = "member", "委员"
    WOMEN_MEMBER = "women_member", "妇女委员"


class Method(models.TextChoices):
    TWO_RECOMMENDATIONS = "two_recommendations", "两推一选"
    THREE_RECOMMENDATIONS = "three_recommendations", "三推两述一选"
    DIRECT_PARTY = "direct_party", "公推直选"
    WITH_CANDIDATES = "with_candidates", "有候选人差额选举"
    SELF_NOMINATION = "self_nomination", "自荐直选"
    ASSEMBLY = "assembly", "会议选举"


class Round(models.TextChoices):
    FIRST = "first", "正式选举"
    SUPPLEMENTARY = "supplementary", "另行选举"
    TIE_REVOTE = "tie_revote", "等票重选"
    REVOTE = "revote", "重新选举"
    # The new party committee's first plenary (一届一次全委会) electing the secretary and deputy
    # (PB-SEC-1), created by the system once the members' meeting has elected the committee.
    PLENARY = "plenary", "一届一次全委会"


class ElectionStatus(models.TextChoices):
    PLANNED = "planned", "筹备中"
    SCHEDULED = "scheduled", "已确定选举日"
    COUNTED = "counted", "已计票"
    COMPLETE = "complete", "已完成"
    VOID = "void", "选举无效"


class Election(models.Model):
    plan = models.ForeignKey(
        "campaigns.VillagePlan",
        verbose_name="村换届计划",
        on_delete=models.PROTECT,
        related_name="elections",
    )
    body = models.CharField("选举机构", max_length=32, choices=Body.choices)
    round = models.CharField("轮次", max_length=16, choices=Round.choices, default=Round.FIRST)
    round_number = models.PositiveSmallIntegerField("轮次序号", default=1)
    method = models.CharField("选举方式", max_length=32, choices=Method.choices)
    election_day = models.DateField("选举日", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=ElectionStatus.choices, default=ElectionStatus.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "选举"
        verbose_name_plural = "选举"
        ordering = ["plan_id", "round_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "body", "round_number"], name="election_one_per_body_round"
            ),
            models.CheckConstraint(condition=Q(body__in=Body.values), name="election_body_known"),
            models.CheckConstraint(
                condition=Q(round__in=Round.values), name="election_round_known"
            ),
            models.CheckConstraint(
                condition=Q(round_number__gte=1), name="election_round_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(round=Round.FIRST, round_number=1)
                | (~Q(round=Round.FIRST) & Q(round_number__gt=1)),
                name="election_first_round_is_number_one",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ElectionStatus.values), name="election_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_body_display()}（{self.get_round_display()}）"


class ElectionSeat(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="seats")
    post = models.CharField("职务", max_length=32, choices=Post.choices)
    seats = models.PositiveSmallIntegerField("应选人数")

    class Meta:
        verbose_name = "职数"
        verbose_name_plural = "职数"
        constraints = [
            models.UniqueConstraint(fields=["election", "post"], name="election_seat_unique_post"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="election_seat_positive"),
            models.CheckConstraint(
                condition=Q(post__in=Post.values), name="election_seat_post_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_post_display()} {self.seats}名"


class OfficeHolder(models.Model):
    """Who holds (or held) a post on a body: the outgoing committee, and later the new one."""

    village = models.ForeignKey(
        "regions.Region", verbose_name="村", on_delete=models.PROTECT, related_name="office_holders"
    )
    body = models.CharField("机构", max_length=32, choices=Body.choices)
    post = models.CharField("职务", max_length=32, choices=Post.choices)
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="offices"
    )
    term_start = models.DateField("任期开始")
    term_end = models.DateField("任期届满")
    election = models.ForeignKey(
        Election,
        verbose_name="产生于",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="office_holders",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "任职"
        verbose_name_plural = "任职"
        ordering = ["village_id", "body", "-term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_start__lt=F("term_end")), name="office_term_ordered"
            ),
            models.UniqueConstraint(
                fields=["village", "body", "person", "term_start"], name="office_unique_term"
            ),
            models.CheckConstraint(condition=Q(body__in=Body.values), name="office_body_known"),
            models.CheckConstraint(condition=Q(post__in=Post.values), name="office_post_known"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_post_display()}"


# The party election's exclusions and registrations live beside the roll's logic; imported here
# so that they are models of this app.
from huanjie.elections.party.models import (  # noqa: E402
    AttendanceExclusion,
    Ground,
    MemberRegistration,
    RegistrationMethod,
)

__all__ = [
    "AttendanceExclusion",
    "Body",
    "Election",
    "ElectionSeat",
    "ElectionStatus",
    "Ground",
    "MemberRegistration",
    "Method",
    "OfficeHolder",
    "Post",
    "RegistrationMethod",
    "Round",
]
