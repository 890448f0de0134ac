"""A campaign's own task template: what it changed in a step of the default template (the planned
offset, the owner, the how-to). Offsets are planning data, checked against the law when set
(`task_template_services`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TaskTemplateStep(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="换届",
        on_delete=models.CASCADE,
        related_name="template_steps",
    )
    key = models.CharField("步骤", max_length=64)
    offset = models.SmallIntegerField("计划日期（距选举日天数）", null=True, blank=True)
    owner_role = models.CharField("负责", max_length=32)
    how_to = models.TextField("怎么做")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "换届任务模板步骤"
        verbose_name_plural = "换届任务模板步骤"
        ordering = ["campaign_id", "key"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "key"], name="template_step_once"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.key}"
