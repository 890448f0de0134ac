"""The demo's 逐村研判选情 and readiness items, through the services, after the demo's users
exist: each red or orange village rated by its township officer (the first township's) or the
county's election office with reasons matching its note, a red one first rated orange; the
villages ahead or scheduled with their review, audits (published before the VC election day,
SUP-3) and training; one orange village's finance audit with a problem still to fix."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from huanjie.accounts.models import User
from huanjie.campaigns.models import Campaign, RiskLevel, VillagePlan
from huanjie.campaigns.prep_models import ReadinessKind, ReadinessOutcome, RiskCategory, RiskReason
from huanjie.campaigns.prep_services import readiness_record, risk_rate
from huanjie.demo.plan import DemoCounty, DemoVillage, Stage
from huanjie.elections.models import Body

# The demo's notes (huanjie.demo.generate.RISK_NOTES) → the difficult-village reasons.
REASONS_BY_NOTE = {
    "两大姓竞争激烈": ("宗族派性严重", "经济发达竞争激烈"),
    "村集体资产处置争议": ("遗留问题未解决", "群体上访不断"),
    "上届班子成员涉嫌违纪": ("班子软弱涣散",),
    "村主任人选尚未确定": ("班子不健全",),
    "外出党员较多": ("其他",),
    "部分村民对征地补偿有意见": ("拆迁合并改制", "干群关系紧张"),
}
CATEGORY = {RiskLevel.RED: RiskCategory.THIRD, RiskLevel.ORANGE: RiskCategory.SECOND}


def _reasons(note: str) -> list[RiskReason]:
    names = next((v for k, v in REASONS_BY_NOTE.items() if note.startswith(k)), ("其他",))
    return list(RiskReason.objects.filter(name__in=names))


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def seed_preparation(county: DemoCounty, campaign: Campaign) -> None:
    users = {
        u.username: u for u in User.objects.filter(username__in=["township", "county", "cadre"])
    }
    first_township = county.townships[0].code[:9]
    today, start = county.round.today, county.round.window_start
    orange_with_issue = False
    for village in county.villages:
        plan = VillagePlan.objects.select_related("village").get(
            campaign=campaign, village__code=village.code
        )
        officer = users.get("township") if village.code.startswith(first_township) else None
        officer = officer or users.get("county")
        if village.risk_level != RiskLevel.GREEN:
            _rate(plan, village, officer, users.get("cadre"), start, today)
        if village.stage in (Stage.AHEAD, Stage.SCHEDULED):
            issue = village.risk_level == RiskLevel.ORANGE and not orange_with_issue
            orange_with_issue |= issue
            _readiness(plan, village, officer, start, today, issue=issue)
        elif village.stage == Stage.PREPARING:
            _review(plan, officer, start, today)


def _rate(
    plan: VillagePlan,
    village: DemoVillage,
    officer: User | None,
    cadre: User | None,
    start: date,
    today: date,
) -> None:
    reasons = _reasons(village.risk_notes)
    assigned = (
        cadre
        if cadre is not None and cadre.assigned_villages.filter(pk=plan.village_id).exists()
        else None
    )
    first = min(start + timedelta(days=5), today)
    if village.risk_level == RiskLevel.RED:
        risk_rate(
            plan=plan,
            level=RiskLevel.ORANGE,
            reasons=reasons[:1],
            category=RiskCategory.SECOND,
            report=village.risk_notes,
            cadre=assigned,
            note="逐村研判，初评为橙。",
            acting_user=officer,
            now=_at(first),
        )
        first = min(first + timedelta(days=7), today)
    risk_rate(
        plan=plan,
        level=village.risk_level,
        reasons=reasons,
        category=CATEGORY[RiskLevel(village.risk_level)],
        report=village.risk_notes,
        cadre=assigned,
        note="走访核实后研判。"
        if village.risk_level == RiskLevel.ORANGE
        else "矛盾升级，挂牌督办。",
        acting_user=officer,
        now=_at(first),
    )


def _vc_day(village: DemoVillage) -> date | None:
    return next(
        (e.election_day for e in village.elections if e.body == Body.VILLAGERS_COMMITTEE), None
    )


def _review(plan: VillagePlan, officer: User | None, start: date, today: date) -> None:
    day = min(start + timedelta(days=3), today)
    readiness_record(
        plan=plan,
        kind=ReadinessKind.REVIEW,
        done_on=day,
        outcome=ReadinessOutcome.PASSED,
        by="村务监督委员会主持",
        participants=38,
        result="述职测评满意率92%。",
        today=today,
        acting_user=officer,
    )


def _readiness(
    plan: VillagePlan,
    village: DemoVillage,
    officer: User | None,
    start: date,
    today: date,
    *,
    issue: bool,
) -> None:
    eday = _vc_day(village)
    latest = today if eday is None else min(today, eday - timedelta(days=1))
    if latest < start:
        return

    def on(days: int) -> date:
        return min(start + timedelta(days=days), latest)

    _review(plan, officer, start, latest)
    readiness_record(
        kind=ReadinessKind.FINANCE_AUDIT,
        done_on=on(8),
        published_on=on(10),
        outcome=ReadinessOutcome.ISSUES if issue else ReadinessOutcome.PASSED,
        result="村集体招待费支出凭证不全，正在补齐。" if issue else "账目清楚，无问题。",
        by="县农业农村局审计组",
        plan=plan,
        today=today,
        acting_user=officer,
    )
    readiness_record(
        kind=ReadinessKind.DEPARTURE_AUDIT,
        done_on=on(9),
        published_on=on(11),
        outcome=ReadinessOutcome.PASSED,
        result="离任经济责任审计结果已在村务公开栏公布。",
        by="县农业农村局审计组",
        plan=plan,
        today=today,
        acting_user=officer,
    )
    readiness_record(
        kind=ReadinessKind.TRAINING,
        done_on=on(12),
        outcome=ReadinessOutcome.PASSED,
        by="乡镇组织办",
        participants=15,
        plan=plan,
        today=today,
        acting_user=officer,
    )
