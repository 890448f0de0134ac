"""The higher-level party committee's approval (报上级党委审批) of a party election's result
(PB-WIN-4): who approved, on which day, under which document. Until it is recorded the elected
secretary, deputy and committee members are `elected_pending_approval`, not office holders.

The members' meeting's decision to reduce the committee's seats to those elected instead of a
另行选举 (PB-WIN-3, huanjie.ballots.party_seats)."""

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


class ReductionBasis(models.TextChoices):
    """Whose consent reduced the seats (PB-WIN-3): PB90, or the 2023 handbook's two ways."""

    MEMBERS_MOST = "members_most", "多数党员同意"
    VOTERS_MAJORITY = "voters_majority", "超过半数的选举人同意"
    PRESIDIUM = "presidium", "大会主席团决定"


class SeatReduction(models.Model):
    """The members' meeting's decision to reduce the committee's seats to those elected instead
    of a 另行选举 (PB-WIN-3): the round's result is then final with the committee as elected.
    Removed with the result when the result is reopened."""

    result = models.OneToOneField(
        "ballots.RoundResult",
        verbose_name="选举结果",
        on_delete=models.CASCADE,
        related_name="seat_reduction",
    )
    basis = models.CharField("决定方式", max_length=24, choices=ReductionBasis.choices)
    decided_on = models.DateField("决定日期")
    seats_before = models.PositiveIntegerField("原应选名额")
    seats_after = models.PositiveIntegerField("减少后的名额")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        app_label = "ballots"
        verbose_name = "减少委员名额"
        verbose_name_plural = "减少委员名额"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(basis__in=ReductionBasis.values),
                name="seat_reduction_basis_known",
            ),
            models.CheckConstraint(
                condition=models.Q(seats_after__lt=models.F("seats_before")),
                name="seat_reduction_fewer_seats",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.result} 减少名额 {self.seats_before}→{self.seats_after}"
