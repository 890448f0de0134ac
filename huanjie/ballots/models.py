"""Ballot boxes, tally sheets entered twice by two clerks, and the round's counted result.

Nothing here names a voter: a sheet holds counts per box, never who cast which ballot (issue 10:
no link from a voter or a ballot issue to a ballot record).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

RESULT_LOCKED = "选举结果已经乡镇确认，不能修改；如需更正，请由乡镇办理“重新开启”并写明理由。"


class BoxKind(models.TextChoices):
    CENTRAL = "central", "中心会场"
    STATION = "station", "投票站"
    MOBILE = "mobile", "流动票箱"


class Box(models.Model):
    village = models.ForeignKey(
        "regions.Region", verbose_name="村", on_delete=models.PROTECT, related_name="ballot_boxes"
    )
    kind = models.CharField("类别", max_length=16, choices=BoxKind.choices)
    name = models.CharField("名称", max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "票箱"
        verbose_name_plural = "票箱"
        ordering = ["village_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["village", "name"], name="box_unique_name"),
            models.CheckConstraint(condition=Q(kind__in=BoxKind.values), name="box_kind_known"),
        ]

    def __str__(self) -> str:
        return self.name


class TallySheet(models.Model):
    """One box's count in one election (one round); accepted when two clerks' entries agree."""

    election = models.ForeignKey(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    box = models.ForeignKey(Box, verbose_name="票箱", on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField("核对一致时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "计票单"
        verbose_name_plural = "计票单"
        ordering = ["election_id", "box_id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "box"], name="sheet_one_per_box"),
        ]

    def __str__(self) -> str:
        return f"{self.box} 计票单"


class SheetEntry(models.Model):
    """One clerk's entry of a sheet. `votes` is {post: {name: votes}}."""

    sheet = models.ForeignKey(TallySheet, on_delete=models.CASCADE, related_name="entries")
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    ballots_issued = models.IntegerField("发出选票")
    ballots_collected = models.IntegerField("收回选票")
    invalid_ballots = models.IntegerField("无效票")
    blank_ballots = models.IntegerField("其中空白票")
    # Voting members (or assembly members) present: the sheet of a meeting (party members'
    # meeting, committee plenary, supervision and cooperative assemblies); empty for a VC box.
    present = models.IntegerField("实到会人数", null=True, blank=True)
    votes = models.JSONField("得票", default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "计票单录入"
        verbose_name_plural = "计票单录入"
        ordering = ["sheet_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "clerk"], name="entry_one_per_clerk"),
        ]

    def __str__(self) -> str:
        return f"{self.sheet} · {self.clerk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The sheets of a certified result are locked with it, whoever calls save.
        if RoundResult.objects.filter(
            election_id=self.sheet.election_id, certified_at__isnull=False
        ).exists():
            raise ValidationError(RESULT_LOCKED, code="certified")
        super().save(*args, **kwargs)


class RoundResult(models.Model):
    """The engine's outcome of one election, and the contest JSON it was counted from."""

    election = models.OneToOneField(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    contest = models.JSONField("计票数据")
    outcome = models.JSONField("计票结果")
    counted_at = models.DateTimeField("计票时间")
    # The township's certification (确认) locks the result and its sheets: a later change only
    # through a Reopening, which keeps what was certified.
    certified_at = models.DateTimeField("乡镇确认时间", null=True, blank=True)
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "选举结果"
        verbose_name_plural = "选举结果"
        constraints = [
            models.CheckConstraint(
                condition=Q(certified_at__isnull=True, certified_by__isnull=True)
                | Q(certified_at__isnull=False, certified_by__isnull=False),
                name="result_certified_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election} 结果"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A certified result is never written again, whoever calls save (the lock of issue 10).
        if (
            self.pk is not None
            and RoundResult.objects.filter(pk=self.pk, certified_at__isnull=False).exists()
        ):
            raise ValidationError(RESULT_LOCKED, code="certified")
        super().save(*args, **kwargs)

    @property
    def certified(self) -> bool:
        return self.certified_at is not None


class StepKind(models.TextChoices):
    """Why a round exists: the outcome's `next` (tally-io.md) of the round before it."""

    REVOTE = "revote", "选举无效，重新投票"
    NEW_MEETING = "new_meeting", "未达到应到会人数，另行开会"
    TIE_REVOTE = "tie_revote", "得票相等，就等票者重新投票"
    SUPPLEMENTARY = "supplementary_round", "名额未选足，另行选举"
    PLENARY = "plenary", "委员会选出，召开一届一次全委会选举书记、副书记"


class RoundLink(models.Model):
    """A later round, created by the system from the outcome of the round before it, with what
    its contest needs (tally-io.md: `round`, `tie_of`, `candidates`, `elected_before`)."""

    election = models.OneToOneField(
        "elections.Election",
        verbose_name="本轮选举",
        on_delete=models.CASCADE,
        related_name="round_link",
    )
    previous = models.ForeignKey(
        "elections.Election", verbose_name="上一轮", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("原因", max_length=32, choices=StepKind.choices)
    # The contract's round of this election: first, supplementary or tie_revote.
    engine_round = models.CharField("计票轮次", max_length=16)
    tie_of = models.CharField("等票产生于", max_length=16, blank=True)
    candidates = models.JSONField("候选人", default=dict)  # {post: [name, …]}
    elected_before = models.JSONField("此前当选", default=list)  # [{person, post}]
    # Seats left open by the round before a tie re-vote: they go to the 另行选举 after it.
    pending_unfilled = models.JSONField("待另行选举职数", default=dict)
    deadline = models.DateField("最迟举行日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "下一轮安排"
        verbose_name_plural = "下一轮安排"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=StepKind.values), name="link_kind_known"),
            models.CheckConstraint(
                condition=Q(engine_round__in=["first", "supplementary", "tie_revote"]),
                name="link_round_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election}（{self.get_kind_display()}）"


class Reopening(models.Model):
    """An audited reopening of a counted (or certified) result: who, when, why, and the result
    as it stood, kept here when the result itself is withdrawn for correction."""

    election = models.ForeignKey(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("理由")
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="+"
    )
    reopened_at = models.DateTimeField("重新开启时间")
    was_certified = models.BooleanField("原已确认")
    boxes = models.JSONField("更正的票箱", default=list)  # box names
    contest = models.JSONField("原计票数据")
    outcome = models.JSONField("原计票结果")

    class Meta:
        verbose_name = "结果重新开启"
        verbose_name_plural = "结果重新开启"
        ordering = ["election_id", "-reopened_at"]

    def __str__(self) -> str:
        return f"{self.election} 重新开启"


class AssemblyKind(models.TextChoices):
    """Who elects a supervision committee (REP-2 / REP-5) or a cooperative body (CEO-2 / CEO-3):
    tally-io.md's `assembly`. The label of `representatives` depends on the body (assemblies.py)."""

    VILLAGERS = "villagers", "村民会议"
    REPRESENTATIVES = "representatives", "代表会议"
    MEMBERS = "members", "成员大会"


class AssemblyMeeting(models.Model):
    """The meeting that elects a supervision committee or a cooperative body in one round: which
    assembly it is and how many it has (tally-io.md `assembly`, `assembly_size`; the quorum's
    base). Those present are the ballots issued at its boxes."""

    election = models.OneToOneField(
        "elections.Election",
        verbose_name="选举",
        on_delete=models.CASCADE,
        related_name="assembly_meeting",
    )
    assembly = models.CharField("选举会议", max_length=16, choices=AssemblyKind.choices)
    assembly_size = models.PositiveIntegerField("应到人数")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now=True)

    class Meta:
        verbose_name = "选举会议"
        verbose_name_plural = "选举会议"
        constraints = [
            models.CheckConstraint(
                condition=Q(assembly__in=AssemblyKind.values), name="assembly_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election} {self.get_assembly_display()}"


# The higher-level party committee's approval of a party election lives beside the party logic;
# imported here so that it is a model of this app.
from huanjie.ballots.party_models import (  # noqa: E402
    PartyApproval,
    ReductionBasis,
    SeatReduction,
)

__all__ = [
    "Box",
    "BoxKind",
    "PartyApproval",
    "ReductionBasis",
    "Reopening",
    "RoundLink",
    "RoundResult",
    "SeatReduction",
    "SheetEntry",
    "StepKind",
    "TallySheet",
]

# A box counted ballot by ballot (pilots): the records, kept apart from anything naming a voter.
from huanjie.ballots.ballot_models import BallotRecord  # noqa: E402, F401
