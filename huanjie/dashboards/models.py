"""The dashboards' rollup, derived from the raw tables by `huanjie.dashboards.rollup` and kept up
to date as they change: one summary row per village plan (a village in a campaign), and their
sums per township and campaign, so that a province's dashboard sums ≈1,300 township rows (a
township's, its ≈20 village rows) instead of grouping millions of raw ones."""

from __future__ import annotations

from django.db import models


class MemberCounts(models.Model):
    """The counts of the new 两委 (those of `huanjie.rules.structure.Structure`), a village's
    or the sum of a township's villages': one member per person holding a post of the party
    organization or the VC elected in the plans' elections; ages on taking office. The rollup
    names these columns itself (`rollup.MEMBER_FIGURES`), whatever their order here."""

    members = models.PositiveIntegerField(default=0)
    age_total = models.PositiveIntegerField(default=0)
    up_to_35 = models.PositiveIntegerField(default=0)
    up_to_45 = models.PositiveIntegerField(default=0)
    college = models.PositiveIntegerField(default=0)
    high_school = models.PositiveIntegerField(default=0)
    women = models.PositiveIntegerField(default=0)
    minority = models.PositiveIntegerField(default=0)
    vc_members = models.PositiveIntegerField(default=0)
    vc_party_members = models.PositiveIntegerField(default=0)
    business_leaders = models.PositiveIntegerField(default=0)
    veterans = models.PositiveIntegerField(default=0)
    returnees = models.PositiveIntegerField(default=0)
    secretaries = models.PositiveIntegerField(default=0)
    secretary_age_total = models.PositiveIntegerField(default=0)
    secretary_college = models.PositiveIntegerField(default=0)
    chairs = models.PositiveIntegerField(default=0)
    one_person = models.PositiveIntegerField(default=0)  # 一肩挑: secretary and VC chair

    class Meta:
        abstract = True


class VillageSummary(MemberCounts):
    """A village plan's figures: its risk, how far each body's election has come, and the
    structure of its new 两委 (the counts of `huanjie.rules.structure.Structure`, so that a region's
    figures are the sums of its villages'). Never edited: the rollup rewrites it (`rollup.flush`, `rebuild`)."""

    plan = models.OneToOneField(
        "campaigns.VillagePlan",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="summary",
    )
    # Copies of the plan's keys, to filter without joining the plan (a plan never moves).
    village = models.ForeignKey(
        "regions.Region",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    risk_level = models.CharField(max_length=8)
    # Per body, the furthest any of its elections came: 0 none, 1 planned (or void),
    # 2 counted, 3 complete (rollup.STAGES).
    party_stage = models.PositiveSmallIntegerField(default=0)
    vc_stage = models.PositiveSmallIntegerField(default=0)
    supervision_stage = models.PositiveSmallIntegerField(default=0)
    cooperative_stage = models.PositiveSmallIntegerField(default=0)
    elections = models.PositiveIntegerField(default=0)
    void_elections = models.PositiveIntegerField(default=0)
    # 1 when the VC's first-round election is complete (一次选举成功), else 0.
    vc_first_round = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "村换届汇总"
        verbose_name_plural = "村换届汇总"
        indexes = [models.Index(fields=["campaign", "village"], name="summary_campaign_village")]

    def __str__(self) -> str:
        return f"汇总 {self.plan_id}"


class TownshipSummary(MemberCounts):
    """The sums of a township's VillageSummary rows in one campaign (`code`: the township's
    code prefix, 9 digits). Each count of `rollup.Summary` is a column: `plans`, the risk levels,
    per body `<body>_planned/_held/_complete` (rollup.BODY_NAMES), the rest as in VillageSummary."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    code = models.CharField(max_length=9)
    plans = models.PositiveIntegerField(default=0)
    red = models.PositiveIntegerField(default=0)
    orange = models.PositiveIntegerField(default=0)
    green = models.PositiveIntegerField(default=0)
    one_time = models.PositiveIntegerField(default=0)
    party_planned = models.PositiveIntegerField(default=0)
    party_held = models.PositiveIntegerField(default=0)
    party_complete = models.PositiveIntegerField(default=0)
    vc_planned = models.PositiveIntegerField(default=0)
    vc_held = models.PositiveIntegerField(default=0)
    vc_complete = models.PositiveIntegerField(default=0)
    supervision_planned = models.PositiveIntegerField(default=0)
    supervision_held = models.PositiveIntegerField(default=0)
    supervision_complete = models.PositiveIntegerField(default=0)
    cooperative_planned = models.PositiveIntegerField(default=0)
    cooperative_held = models.PositiveIntegerField(default=0)
    cooperative_complete = models.PositiveIntegerField(default=0)
    elections = models.PositiveIntegerField(default=0)
    void_elections = models.PositiveIntegerField(default=0)
    villages = models.PositiveIntegerField(default=0)  # villages with a new 两委 member

    class Meta:
        verbose_name = "乡镇换届汇总"
        verbose_name_plural = "乡镇换届汇总"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="township_summary_unique")
        ]

    def __str__(self) -> str:
        return f"汇总 {self.code}"
