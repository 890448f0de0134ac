"""How many ballots each box received, and how many were left unused after voting (the print
run's other half, kept with the election's archives: VC-TALLY-11).

Here, beside the ballot paper that is printed, rather than in huanjie.ballots: a count of
paper, not of votes — the tally sheets keep the ballots issued and collected per box, this
keeps what the box was handed and what came back unused, and checks the two agree. No voter is
named. Changes go through `ballot_use_record`, audited on the village's trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Q

from huanjie.accounts.policy import Capability, can_change_in
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.ballots.models import Box
    from huanjie.elections.models import Election
    from huanjie.regions.models import Region

BALLOT_USE_RECORD = AuditAction("documents.ballot_use", "登记选票领取和未使用张数")
NOT_COMMITTEE = "选票的领取和剩余只能由本村村民选举委员会登记；其他角色可以查看。"
OTHER_VILLAGE = "票箱“{box}”不属于{village}，请选择本村的票箱。"
UNUSED_OVER = "未使用的选票 {unused} 张多于领取的 {received} 张，请核对。"
OVER_ISSUED = (
    "{box}计票单发出选票 {issued} 张，加上未使用的 {unused} 张，多于领取的 {received} 张；"
    "请核对领取张数和剩余张数（多出的选票来源不明时，请报告乡镇）。"
)


class BallotUse(models.Model):
    election = models.ForeignKey(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    box = models.ForeignKey(
        "ballots.Box", verbose_name="票箱", on_delete=models.PROTECT, related_name="+"
    )
    received = models.PositiveIntegerField("领取选票")
    unused = models.PositiveIntegerField("未使用选票", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("登记时间", auto_now=True)

    class Meta:
        app_label = "documents"
        verbose_name = "选票领用"
        verbose_name_plural = "选票领用"
        ordering = ["election_id", "box_id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "box"], name="ballot_use_one_per_box"),
            models.CheckConstraint(
                condition=Q(unused__isnull=True) | Q(unused__lte=F("received")),
                name="ballot_use_unused_within_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.box} 选票领用"


def issued_by_box(election: Election) -> dict[int, int]:
    """Ballots issued per box from the accepted tally sheets (the first entry, as counted)."""
    from huanjie.ballots.models import TallySheet

    sheets = TallySheet.objects.filter(election=election, accepted_at__isnull=False)
    return {
        s.box_id: min(s.entries.all(), key=lambda e: e.pk).ballots_issued
        for s in sheets.prefetch_related("entries")
    }


def may_record(user: User | AnonymousUser, village: Region) -> bool:
    return can_change_in(user, Capability.ARRANGE_VOTING, village)


def ballot_use_record(
    *, election: Election, box: Box, received: int, unused: int | None, acting_user: User
) -> BallotUse:
    """Record (or correct) a box's ballots received and, after voting, left unused."""
    village = election.plan.village
    if not may_record(acting_user, village):
        raise PermissionDenied(NOT_COMMITTEE)
    if box.village_id != village.pk:
        raise ValidationError(OTHER_VILLAGE.format(box=box, village=village.name), code="box")
    if received < 0 or (unused is not None and unused < 0):
        raise ValidationError("张数不能为负数。", code="negative")
    if unused is not None and unused > received:
        raise ValidationError(UNUSED_OVER.format(unused=unused, received=received), code="unused")
    issued = issued_by_box(election).get(box.pk)
    if issued is not None and unused is not None and issued + unused > received:
        raise ValidationError(
            OVER_ISSUED.format(box=box, issued=issued, unused=unused, received=received),
            code="issued",
        )
    with transaction.atomic():
        use = BallotUse.objects.filter(election=election, box=box).first()
        before = None if use is None else {"received": use.received, "unused": use.unused}
        if use is None:
            use = BallotUse(election=election, box=box)
        use.received, use.unused, use.recorded_by = received, unused, acting_user
        use.save()
        record_audit(
            actor=acting_user,
            action=BALLOT_USE_RECORD,
            target=use,
            before=before,
            after={"box": box.name, "received": received, "unused": unused},
            village=village,
        )
    return use
