"""The handover of a villagers' committee (VC-POST-1): due within the profile's days after the
new committee is formed, presided over by the village election committee and supervised by the
township; a checklist of what passes hands, and both sides' confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class ItemKind(models.TextChoices):
    SEAL = "seal", "公章（印章）"
    ARCHIVES = "archives", "档案和文件资料"
    ASSETS = "assets", "集体资产、资金和财务账目（三资）"
    DEBTS = "debts", "债权债务"
    FACILITIES = "facilities", "办公设施和用品"
    PENDING = "pending", "未办结事项"


class Side(models.TextChoices):
    OUTGOING = "outgoing", "移交方（上届村民委员会）"
    INCOMING = "incoming", "接收方（新一届村民委员会）"


class Handover(models.Model):
    """One village's handover after the villagers' committee election that formed the new one."""

    village = models.ForeignKey(
        "regions.Region", verbose_name="村", on_delete=models.PROTECT, related_name="handovers"
    )
    election = models.OneToOneField(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    formed_on = models.DateField("新一届村民委员会产生日期")
    due_on = models.DateField("移交期限")
    seal_due_on = models.DateField("公章移交期限")
    outgoing_name = models.CharField("移交人（上届主任）", max_length=64, blank=True)
    incoming_name = models.CharField("接收人（新一届主任）", max_length=64, blank=True)
    outgoing_confirmed_at = models.DateTimeField("移交方确认时间", null=True, blank=True)
    outgoing_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="移交方确认登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    incoming_confirmed_at = models.DateTimeField("接收方确认时间", null=True, blank=True)
    incoming_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收方确认登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    completed_on = models.DateField("移交完成日期", null=True, blank=True)
    supervised_at = models.DateTimeField("乡镇监交时间", null=True, blank=True)
    supervised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="乡镇监交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "工作移交"
        verbose_name_plural = "工作移交"
        ordering = ["due_on", "village_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gt=F("formed_on")), name="handover_due_after_forming"
            ),
            models.CheckConstraint(
                condition=Q(seal_due_on__gte=F("formed_on")) & Q(seal_due_on__lte=F("due_on")),
                name="handover_seal_due_within",
            ),
            # Complete only when both sides have confirmed.
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | (Q(outgoing_confirmed_at__isnull=False) & Q(incoming_confirmed_at__isnull=False)),
                name="handover_complete_when_both_confirm",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village.name}村民委员会工作移交"


class HandoverItem(models.Model):
    """One line of the checklist: what was handed over, when, and what it held."""

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField("移交事项", max_length=16, choices=ItemKind.choices)
    handed_on = models.DateField("移交日期")
    note = models.TextField("清单说明", max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "移交事项"
        verbose_name_plural = "移交事项"
        ordering = ["handover_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["handover", "kind"], name="handover_item_once"),
            models.CheckConstraint(
                condition=Q(kind__in=ItemKind.values), name="handover_item_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
