"""The audit trail: one append-only row per accepted change (Zulip's RealmAuditLog).

Rows are written by `huanjie.audit.services.record_audit` inside the transaction of the change
they describe, so a refused change leaves none and an accepted one always has one. Each row is
chained to the one written before it (`huanjie.audit.chain`), so a row changed, removed or slipped
in behind the application's back shows up when the chain is verified.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone


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
    # Stored as the role's code (accounts.Role), without its choices: the audit trail lies below
    # the accounts on the floors, and the pages that show it name the role (documents.audit_rows).
    actor_role = models.CharField("操作时角色", max_length=32, blank=True)
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
    # Set by record_audit before the insert (not auto_now_add): the entry's hash covers it.
    created_at = models.DateTimeField("时间", default=timezone.now, editable=False)
    # The hash chain, in write order: `sequence` counts 1, 2, 3… without gaps (ids can skip on
    # a rolled-back write, sequences cannot), `prev_hash` is the entry_hash of the entry written
    # just before, `entry_hash` the SHA-256 of this entry's content and prev_hash.
    sequence = models.PositiveBigIntegerField("链序号", unique=True, editable=False)
    prev_hash = models.CharField("前一条哈希", max_length=64, editable=False)
    entry_hash = models.CharField("本条哈希", max_length=64, editable=False)

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


GENESIS_HASH = "0" * 64  # the prev_hash of the first entry
HEAD_PK = 1


class AuditChainHead(models.Model):
    """The one row that says where the chain ends, and how far it was last verified.

    Writers lock this row before reading the last hash, so two concurrent writes cannot both
    chain onto the same entry; it is updated in the transaction of the entry it points at.
    Locking the newest entry instead would not do: on PostgreSQL a writer that waited for that
    lock gets the same entry back, not the one the other writer has just added. The head also
    says how many entries there should be, so removing the last ones shows.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=HEAD_PK, editable=False)
    last_id = models.BigIntegerField("最后一条编号", null=True, blank=True)
    last_sequence = models.PositiveBigIntegerField("最后链序号", default=0)
    last_hash = models.CharField("最后一条哈希", max_length=64, default=GENESIS_HASH)
    # The chain up to here verified when last looked at: later checks start from it.
    verified_id = models.BigIntegerField("已校验至编号", null=True, blank=True)
    verified_sequence = models.PositiveBigIntegerField("已校验至链序号", default=0)
    verified_hash = models.CharField("已校验至哈希", max_length=64, default=GENESIS_HASH)
    # The last run of `huanjie audit_verify` over the whole chain, and the break any check found
    # (kept until a whole-chain verification passes again).
    fully_verified_at = models.DateTimeField("上次完整校验时间", null=True, blank=True)
    failure = models.JSONField("发现的问题", null=True, blank=True)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"
        constraints = [
            models.CheckConstraint(condition=Q(id=HEAD_PK), name="audit_chain_head_single_row")
        ]

    def __str__(self) -> str:
        return f"审计链：共 {self.last_sequence} 条"
