"""Batches of documents rendered in the background (a township's registers in one PDF)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class DocumentKind(models.TextChoices):
    HOUSEHOLD_REGISTER = "household_register", "户籍登记表"


class DocumentJobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "正在生成"
    DONE = "done", "已完成"
    FAILED = "failed", "生成失败"


class DocumentJob(models.Model):
    """One batch: which documents, for which region, asked by whom, and how far it got.

    The finished PDF holds what its requester may see (full ID numbers for most roles), so only
    the requester downloads it, it is stored readable by the server's user only, and it is
    deleted after HUANJIE_DOCUMENT_RETENTION_DAYS.
    """

    kind = models.CharField("文件种类", max_length=32, choices=DocumentKind.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="区划",
        on_delete=models.PROTECT,
        related_name="document_jobs",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        "状态", max_length=16, choices=DocumentJobStatus.choices, default=DocumentJobStatus.QUEUED
    )
    # Progress in documents (villages): the page polls these two numbers.
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    # The villages printed, by id: the download is audited on each village's trail.
    villages = models.JSONField("所含村（社区）", default=list, blank=True)
    pages = models.PositiveIntegerField("页数", default=0)
    file = models.FileField("文件", upload_to="documents/%Y/%m/", blank=True)
    error = models.TextField("错误", blank=True)
    # The lease of the worker running it, as for the register imports: refreshed after each
    # document; a running job silent for HUANJIE_IMPORT_LEASE_SECONDS lost its worker. Each run
    # has its own `attempt`, so a run given up cannot finish after a retry began.
    heartbeat_at = models.DateTimeField("心跳时间", null=True, blank=True)
    attempt = models.PositiveIntegerField("运行次数", default=0)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "打印任务"
        verbose_name_plural = "打印任务"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DocumentJobStatus.values), name="document_job_status_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_job_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="document_job_progress_bounded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region.name}{self.get_kind_display()}（批量）"


# The ballots each box received and left unused live beside the ballot paper; imported here so
# that they are a model of this app.
from huanjie.documents.ballot_use import BallotUse  # noqa: E402

__all__ = ["BallotUse", "DocumentJob", "DocumentJobStatus", "DocumentKind"]
