"""The higher-level party committee's approval (报上级党委审批) of a party election's result
(PB-WIN-4): who approved, on which day, under which document. Until it is recorded the elected
secretary, deputy and committee members are `elected_pending_approval`, not office holders."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PartyApproval(models.Model):
    # The plenary (or, for a branch without a committee, the members' meeting round) whose
    # completed result the higher-level committee approved.
    election = models.OneToOneField(
        "elections.Election",
        verbose_name="选举",
        on_delete=models.PROTECT,
        related_name="party_approval",
    )
    approver = models.CharField("批准机关", max_length=128)
    approved_on = models.DateField("批准日期")
    document_number = models.CharField("批复文号", max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        app_label = "ballots"
        verbose_name = "上级党委批复"
        verbose_name_plural = "上级党委批复"

    def __str__(self) -> str:
        return f"{self.approver} {self.document_number}"
