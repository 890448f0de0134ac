"""Ballot boxes, tally sheets entered twice by two clerks, and the round's counted result.

Nothing here names a voter: a sheet holds counts per box, never who cast which ballot (issue 10:
no link from a voter or a ballot issue to a ballot record).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


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


class RoundResult(models.Model):
    """The engine's outcome of one election, and the contest JSON it was counted from."""

    election = models.OneToOneField(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    contest = models.JSONField("计票数据")
    outcome = models.JSONField("计票结果")
    counted_at = models.DateTimeField("计票时间")

    class Meta:
        verbose_name = "选举结果"
        verbose_name_plural = "选举结果"

    def __str__(self) -> str:
        return f"{self.election} 结果"
