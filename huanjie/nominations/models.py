"""招贤榜 per post of a villagers' committee election, the applications it receives (self, joint,
organization) and the candidates accepted from them, with the list's publication.

One `Recruitment` per election and post carries the notice (requirements, published on) and,
once published, the candidate list's date; its `Application`s are the people who applied and
whether the election committee accepted them as candidates, or they withdrew.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from huanjie.elections.models import Post
from huanjie.rules.bodies.nomination import Kind as RuleKind


class Recruitment(models.Model):
    election = models.ForeignKey(
        "elections.Election",
        verbose_name="选举",
        on_delete=models.CASCADE,
        related_name="recruitments",
    )
    post = models.CharField("职位", max_length=32, choices=Post.choices)
    requirements = models.TextField("任职条件（五有+X）")
    published_on = models.DateField("招贤榜发布日期")
    list_published_on = models.DateField("候选人名单公布日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "招贤榜"
        verbose_name_plural = "招贤榜"
        ordering = ["election_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "post"], name="recruitment_one_per_post"),
            models.CheckConstraint(
                condition=Q(post__in=Post.values), name="recruitment_post_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_post_display()}招贤榜"


class Kind(models.TextChoices):
    SELF = RuleKind.SELF.value, "个人自荐"
    JOINT = RuleKind.JOINT.value, "村民联名推荐"
    ORGANIZATION = RuleKind.ORGANIZATION.value, "组织推荐"


class Status(models.TextChoices):
    FILED = "filed", "已报名"
    ACCEPTED = "accepted", "已确定为候选人"
    WITHDRAWN = "withdrawn", "已退出"


LIVE = (Status.FILED, Status.ACCEPTED)


class Application(models.Model):
    recruitment = models.ForeignKey(
        Recruitment, verbose_name="招贤榜", on_delete=models.CASCADE, related_name="applications"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name="报名人",
        on_delete=models.PROTECT,
        related_name="nomination_applications",
    )
    kind = models.CharField("报名方式", max_length=16, choices=Kind.choices)
    signatures = models.PositiveIntegerField("联名人数", null=True, blank=True)
    nominated_by = models.CharField("推荐组织", max_length=100, blank=True)
    filed_on = models.DateField("报名日期")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.FILED)
    accepted_on = models.DateField("确定为候选人日期", null=True, blank=True)
    withdrawn_on = models.DateField("退出日期", null=True, blank=True)
    goals = models.TextField("竞选目标", blank=True, max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "报名"
        verbose_name_plural = "报名"
        ordering = ["recruitment_id", "filed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recruitment", "person"], name="application_once_per_post"
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="application_kind"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="application_status_known"
            ),
            models.CheckConstraint(
                condition=Q(kind=Kind.JOINT, signatures__gte=2)
                | (~Q(kind=Kind.JOINT) & Q(signatures__isnull=True)),
                name="application_signatures_for_joint_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.recruitment.get_post_display()}"

    def pledge_rows(self) -> list[tuple[str, Pledge | None]]:
        """Each pledge kind with the signed pledge, or None while unsigned (uses the
        prefetched `pledges`)."""
        signed = {p.kind: p for p in self.pledges.all()}
        return [(label, signed.get(kind)) for kind, label in PledgeKind.choices]


class PledgeKind(models.TextChoices):
    """The 三项承诺 (competing, starting a business, resigning; rules.md E.4) and the 纪律承诺书."""

    CAMPAIGN = "campaign", "竞职承诺"
    BUSINESS = "business", "创业承诺"
    RESIGNATION = "resignation", "辞职承诺"
    DISCIPLINE = "discipline", "纪律承诺书"


class Pledge(models.Model):
    """One pledge a candidate signed, on which day, and who recorded it."""

    application = models.ForeignKey(
        Application, verbose_name="候选人", on_delete=models.CASCADE, related_name="pledges"
    )
    kind = models.CharField("承诺", max_length=16, choices=PledgeKind.choices)
    signed_on = models.DateField("签订日期")
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name="登记人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "候选人承诺"
        verbose_name_plural = "候选人承诺"
        ordering = ["application_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="pledge_once_per_kind"),
            models.CheckConstraint(condition=Q(kind__in=PledgeKind.values), name="pledge_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.application.person} · {self.get_kind_display()}"


# The reserve pool, outgoing paths and the village facts of the structure check live in their
# own module; imported here so that they are models of this app.
# The recommendation rounds (两推 / 三推), 两述 and the 胜任指数: their own module too.
from huanjie.nominations.recommendation_models import (  # noqa: E402
    CompetencyAssessment,
    CompetencyItem,
    Question,
    RecommendationRound,
    RoundKind,
    RoundVote,
    Statement,
    StatementKind,
)
from huanjie.nominations.recommendation_models import Procedure as RecommendationProcedure  # noqa: E402
from huanjie.nominations.reserve_models import (  # noqa: E402
    FormerVillage,
    MinorityGroup,
    OutgoingChoice,
    OutgoingPath,
    ReserveCadre,
    ReserveSource,
)

__all__ = [
    "Application",
    "CompetencyAssessment",
    "CompetencyItem",
    "FormerVillage",
    "Kind",
    "MinorityGroup",
    "OutgoingChoice",
    "OutgoingPath",
    "Pledge",
    "PledgeKind",
    "Question",
    "RecommendationProcedure",
    "RecommendationRound",
    "Recruitment",
    "ReserveCadre",
    "ReserveSource",
    "RoundKind",
    "RoundVote",
    "Statement",
    "StatementKind",
    "Status",
]
