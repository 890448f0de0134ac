"""The audit trail: one append-only row per accepted change (Zulip's RealmAuditLog).

Rows are written by `huanjie.audit.services.record_audit` inside the transaction of the change
they describe, so a refused change leaves none and an accepted one always has one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from huanjie.accounts.models import Role


class AuditEntry(models.Model):
    # PROTECT: an account that acted is deactivated, never deleted, so the trail keeps its actor.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    # The role at the time of the change: a later role change must not rewrite history.
    actor_role = models.CharField("操作时角色", max_length=32, choices=Role.choices, blank=True)
    action = models.CharField("操作代码", max_length=64)
    action_label = models.CharField("操作", max_length=100)
    target_type = models.ForeignKey(
        ContentType, verbose_name="对象类型", on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField("对象编号", max_length=64)
    target_repr = models.CharField("对象", max_length=200)
    village = models.ForeignKey(
        "regions.Region",
        verbose_name="村（社区）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    # The significant digits of the region the change belongs to ("" = system-wide, e.g. the
    # holiday table); scoped lists filter on it by prefix without a join.
    region_code = models.CharField("区划代码前缀", max_length=12, blank=True, db_index=True)
    before = models.JSONField("修改前", null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField("修改后", null=True, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["village", "-created_at"], name="audit_village_created_idx"),
            models.Index(
                fields=["target_type", "target_id", "-created_at"],
                name="audit_target_created_idx",
            ),
            models.Index(fields=["actor", "-created_at"], name="audit_actor_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(action=""), name="audit_action_not_empty"),
            models.CheckConstraint(
                condition=~Q(action_label=""), name="audit_action_label_not_empty"
            ),
            models.CheckConstraint(condition=~Q(target_id=""), name="audit_target_id_not_empty"),
            models.CheckConstraint(
                condition=Q(actor__isnull=True) | ~Q(actor_role=""),
                name="audit_actor_role_snapshot",
            ),
            models.CheckConstraint(
                condition=Q(village__isnull=True) | ~Q(region_code=""),
                name="audit_village_has_region_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_label}：{self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError("Audit entries are append-only: an entry cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Audit entries are append-only: an entry cannot be deleted.")
