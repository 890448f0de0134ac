"""Voting-day arrangements and proxies (委托投票) of one election.

The boxes themselves are the ballots app's (`ballots.Box`, one per village and name); a
`Station` is one box's arrangement for one election: where, when, for a mobile box its route,
the township's approval and the published list of voters who use it. Counting staff are the
callers, counters and scrutineers (scrutineers of a box name it). A `ProxyRequest` is one written
authorization, validated by huanjie.rules.voting.proxy when filed and when approved. A
`Publication` records an announcement put up (the arrangements, or the proxy list) and its day.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Station(models.Model):
    election = models.ForeignKey(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    box = models.ForeignKey(
        "ballots.Box", verbose_name="票箱", on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField("地点", max_length=120)
    hours = models.CharField("投票时间", max_length=64)
    route = models.CharField("流动路线", max_length=200, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "投票点安排"
        verbose_name_plural = "投票点安排"
        ordering = ["election_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "box"], name="station_one_per_box"),
        ]

    def __str__(self) -> str:
        return f"{self.box.name}（{self.place}）"


class MobileVoter(models.Model):
    """A voter on a mobile box's published list, with the reason (公告第12号)."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="mobile_voters")
    voter = models.ForeignKey(
        "registration.Voter", verbose_name="选民", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField("原因", max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "流动票箱投票人"
        verbose_name_plural = "流动票箱投票人"
        ordering = ["station_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["station", "voter"], name="mobile_voter_once"),
        ]

    def __str__(self) -> str:
        return self.voter.name


class Duty(models.TextChoices):
    CALLER = "caller", "唱票人"
    COUNTER = "counter", "计票人"
    SCRUTINEER = "scrutineer", "监票人"


class StaffMember(models.Model):
    election = models.ForeignKey(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    duty = models.CharField("职责", max_length=16, choices=Duty.choices)
    station = models.ForeignKey(
        Station,
        verbose_name="票箱",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "选举工作人员"
        verbose_name_plural = "选举工作人员"
        ordering = ["election_id", "duty", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "person", "duty", "station"], name="staff_once_per_duty"
            ),
            models.CheckConstraint(condition=Q(duty__in=Duty.values), name="staff_duty_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_duty_display()} {self.person.name}"


class Via(models.TextChoices):
    PAPER = "paper", "书面委托书"
    ONLINE = "online", "网上提交"


class ProxyStatus(models.TextChoices):
    FILED = "filed", "待审核"
    APPROVED = "approved", "已审核同意"
    WITHDRAWN = "withdrawn", "已撤回"


class ProxyRequest(models.Model):
    election = models.ForeignKey(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    principal = models.ForeignKey(
        "people.Person", verbose_name="委托人", on_delete=models.PROTECT, related_name="+"
    )
    holder = models.ForeignKey(
        "people.Person", verbose_name="受托人", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField("委托原因", max_length=64)
    filed_on = models.DateField("提出日期")
    filed_by = models.CharField("代为办理人", max_length=64, blank=True)
    via = models.CharField("提交方式", max_length=16, choices=Via.choices, default=Via.PAPER)
    status = models.CharField(
        "状态", max_length=16, choices=ProxyStatus.choices, default=ProxyStatus.FILED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "委托投票"
        verbose_name_plural = "委托投票"
        ordering = ["election_id", "filed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "principal"],
                condition=~Q(status="withdrawn"),
                name="proxy_one_live_per_principal",
            ),
            models.CheckConstraint(
                condition=~Q(principal=models.F("holder")), name="proxy_not_to_self"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProxyStatus.values), name="proxy_status_known"
            ),
            models.CheckConstraint(condition=Q(via__in=Via.values), name="proxy_via_known"),
        ]

    def __str__(self) -> str:
        return f"{self.principal.name} 委托 {self.holder.name}"


class Notice(models.TextChoices):
    ARRANGEMENTS = "arrangements", "投票时间地点、工作人员和流动票箱名单公告"
    PROXIES = "proxies", "委托投票名单公告"


class Publication(models.Model):
    election = models.ForeignKey(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    notice = models.CharField("公告", max_length=16, choices=Notice.choices)
    published_on = models.DateField("公告日期")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公告人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "公告"
        verbose_name_plural = "公告"
        ordering = ["election_id", "notice"]
        constraints = [
            models.UniqueConstraint(fields=["election", "notice"], name="publication_once"),
            models.CheckConstraint(
                condition=Q(notice__in=Notice.values), name="publication_notice_known"
            ),
        ]

    def __str__(self) -> str:
        return self.get_notice_display()
