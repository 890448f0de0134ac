"""Writes before the election: rate a village's risk (逐村研判选情), clear a flagged village
(挂牌销号), record a readiness item. Each checks who may, keeps the history and writes its
audit entry in the same transaction; a refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.policy import Capability, can_change_in
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.campaigns import prep_messages as msg
from huanjie.campaigns.models import CampaignStatus, RiskLevel, VillagePlan
from huanjie.campaigns.prep_models import (
    ReadinessItem,
    ReadinessKind,
    ReadinessOutcome,
    RiskAssessment,
    RiskCategory,
    RiskChange,
    RiskChangeKind,
    RiskReason,
)
from huanjie.elections.models import Body, Round
from huanjie.rules.preparation import Item, publication_problem

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

RISK_RATE = AuditAction("campaign.risk_rate", "研判选情")
RISK_CLEAR = AuditAction("campaign.risk_clear", "挂牌村销号")
READINESS_RECORD = AuditAction("campaign.readiness_record", "登记换届前准备事项")

FLAGGED = frozenset({RiskLevel.RED, RiskLevel.ORANGE})
NOTE_MAX = 2000
REPORT_MAX = 20000


def may_rate_risk(user: User, village: Region) -> bool:
    """The township officer (RATE_RISK) and the county's election office (MANAGE_CAMPAIGNS),
    within their regions (domain.md §1: both watch and rate the villages' risk)."""
    return can_change_in(user, Capability.RATE_RISK, village) or can_change_in(
        user, Capability.MANAGE_CAMPAIGNS, village
    )


def may_record_readiness(user: User, village: Region) -> bool:
    """Who plans the village (the township officer) or runs the campaign (election office)."""
    return can_change_in(user, Capability.PLAN_VILLAGES, village) or can_change_in(
        user, Capability.MANAGE_CAMPAIGNS, village
    )


def _locked(plan: VillagePlan) -> VillagePlan:
    plan = (
        VillagePlan.objects.select_for_update()
        .select_related("campaign", "village")
        .get(pk=plan.pk)
    )
    if plan.campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(msg.CAMPAIGN_CLOSED.format(name=plan.campaign.name), code="closed")
    return plan


def _assessment(plan: VillagePlan) -> RiskAssessment:
    found, _ = RiskAssessment.objects.select_for_update().get_or_create(plan=plan)
    return found


def _state(plan: VillagePlan, risk: RiskAssessment) -> dict[str, object]:
    return {
        "risk_level": plan.risk_level,
        "category": risk.category,
        "reasons": sorted(r.name for r in risk.reasons.all()),
        "cadre": risk.cadre_id,
        "report_length": len(risk.report),
    }


def _note(note: str, required_message: str | None = None) -> str:
    note = note.strip()
    if required_message and not note:
        raise ValidationError(required_message, code="note")
    if len(note) > NOTE_MAX:
        raise ValidationError(msg.NOTE_TOO_LONG.format(limit=NOTE_MAX), code="note")
    return note


def _check_cadre(cadre: User | None, village: Region) -> None:
    if cadre is None:
        return
    if cadre.role != Role.VILLAGE_CADRE or not cadre.is_active:
        raise ValidationError(msg.CADRE_NOT_CADRE.format(name=cadre.get_full_name()), code="cadre")
    if not cadre.assigned_villages.filter(pk=village.pk).exists():
        raise ValidationError(
            msg.CADRE_NOT_ASSIGNED.format(name=cadre.get_full_name(), village=village.name),
            code="cadre",
        )


def _check_actor(
    acting_user: User | None, plan: VillagePlan, allowed: Callable[[User, Region], bool]
) -> None:
    if acting_user is not None and not allowed(acting_user, plan.village):
        raise PermissionDenied(msg.NOT_A_RATER if allowed is may_rate_risk else msg.NOT_A_PLANNER)


@transaction.atomic
def risk_rate(
    *,
    plan: VillagePlan,
    level: str,
    reasons: Iterable[RiskReason] = (),
    category: str = "",
    report: str | None = None,
    cadre: User | None = None,
    note: str = "",
    acting_user: User | None,
    now: datetime | None = None,
) -> RiskChange:
    """Rate the village 红/橙/绿 with its reasons, category, analysis report and cadre.

    A flagged (红/橙) village stays flagged until it is cleared (`risk_clear`): rating it 绿 is
    refused. 红/橙 needs at least one reason. `report=None` keeps the report as it is.
    """
    _check_actor(acting_user, plan, may_rate_risk)
    if level not in RiskLevel.values:
        raise ValidationError(msg.LEVEL_UNKNOWN.format(level=level), code="level")
    if category not in ("", *RiskCategory.values):
        raise ValidationError(msg.CATEGORY_UNKNOWN.format(category=category), code="category")
    chosen = sorted(set(reasons), key=lambda r: (r.position, r.pk))
    if any(not r.active for r in chosen):
        names = "、".join(r.name for r in chosen if not r.active)
        raise ValidationError(msg.REASON_RETIRED.format(names=names), code="reasons")
    if level in FLAGGED and not chosen:
        raise ValidationError(msg.REASONS_REQUIRED, code="reasons")
    note = _note(note)
    if report is not None:
        report = report.strip()
        if len(report) > REPORT_MAX:
            raise ValidationError(msg.REPORT_TOO_LONG.format(limit=REPORT_MAX), code="report")
    plan = _locked(plan)
    _check_cadre(cadre, plan.village)
    if plan.risk_level in FLAGGED and level == RiskLevel.GREEN:
        raise ValidationError(
            msg.FLAGGED_NEEDS_CLEAR.format(
                village=plan.village.name, level=plan.get_risk_level_display()
            ),
            code="flagged",
        )
    risk = _assessment(plan)
    before = _state(plan, risk)
    unchanged = (
        plan.risk_level == level
        and risk.category == category
        and set(risk.reasons.all()) == set(chosen)
        and risk.cadre_id == (cadre.pk if cadre else None)
        and (report is None or report == risk.report)
    )
    if unchanged:
        raise ValidationError(msg.NOTHING_CHANGED.format(village=plan.village.name), code="same")
    now = now or timezone.now()
    change = RiskChange.objects.create(
        plan=plan,
        kind=RiskChangeKind.RATE,
        level_from=plan.risk_level,
        level_to=level,
        category_from=risk.category,
        category_to=category,
        reasons=[r.name for r in chosen],
        note=note,
        actor=acting_user,
        at=now,
    )
    if level in FLAGGED and risk.flagged_at is None:
        risk.flagged_at = now
    risk.category = category
    risk.cadre = cadre
    if report is not None:
        risk.report = report
    risk.save()
    risk.reasons.set(chosen)
    plan.risk_level = level
    plan.save(update_fields=["risk_level", "updated_at"])
    record_audit(
        actor=acting_user,
        action=RISK_RATE,
        target=plan,
        before=before,
        after=_state(plan, risk) | {"note": note},
        village=plan.village,
    )
    return change


@transaction.atomic
def risk_clear(
    *, plan: VillagePlan, note: str, acting_user: User | None, now: datetime | None = None
) -> RiskChange:
    """挂牌销号: a flagged (红/橙) village is cleared to 绿, with the reason it may be."""
    _check_actor(acting_user, plan, may_rate_risk)
    note = _note(note, msg.CLEAR_NOTE_REQUIRED)
    plan = _locked(plan)
    if plan.risk_level not in FLAGGED:
        raise ValidationError(msg.NOT_FLAGGED.format(village=plan.village.name), code="not_flagged")
    risk = _assessment(plan)
    before = _state(plan, risk)
    change = RiskChange.objects.create(
        plan=plan,
        kind=RiskChangeKind.CLEAR,
        level_from=plan.risk_level,
        level_to=RiskLevel.GREEN,
        category_from=risk.category,
        category_to=risk.category,
        reasons=[],
        note=note,
        actor=acting_user,
        at=now or timezone.now(),
    )
    risk.flagged_at = None
    risk.save()
    risk.reasons.clear()
    plan.risk_level = RiskLevel.GREEN
    plan.save(update_fields=["risk_level", "updated_at"])
    record_audit(
        actor=acting_user,
        action=RISK_CLEAR,
        target=plan,
        before=before,
        after=_state(plan, risk) | {"note": note},
        village=plan.village,
    )
    return change


def vc_election_day(plan: VillagePlan) -> date | None:
    """The day of the plan's first villagers' committee election, if fixed."""
    days = [
        e.election_day
        for e in plan.elections.all()
        if e.body == Body.VILLAGERS_COMMITTEE and e.round == Round.FIRST
    ]
    return days[0] if days else None


@transaction.atomic
def readiness_record(
    *,
    plan: VillagePlan,
    kind: str,
    done_on: date,
    outcome: str,
    published_on: date | None = None,
    result: str = "",
    by: str = "",
    participants: int | None = None,
    today: date,
    acting_user: User | None,
) -> ReadinessItem:
    """Record (or correct) one item done before the election, with its result. The audits'
    publication is checked against the VC election day (SUP-3: before it)."""
    _check_actor(acting_user, plan, may_record_readiness)
    if kind not in ReadinessKind.values:
        raise ValidationError(msg.KIND_UNKNOWN.format(kind=kind), code="kind")
    if outcome not in ReadinessOutcome.values:
        raise ValidationError(msg.OUTCOME_UNKNOWN.format(outcome=outcome), code="outcome")
    label = ReadinessKind(kind).label
    if done_on > today:
        raise ValidationError(
            msg.DONE_IN_FUTURE.format(what=label, day=done_on, today=today), code="done_on"
        )
    audit = kind in (ReadinessKind.FINANCE_AUDIT, ReadinessKind.DEPARTURE_AUDIT)
    if published_on is not None and not audit:
        raise ValidationError(msg.PUBLISHED_ONLY_AUDITS.format(what=label), code="published_on")
    if published_on is not None and published_on > today:
        raise ValidationError(
            msg.PUBLISHED_IN_FUTURE.format(what=label, day=published_on, today=today),
            code="published_on",
        )
    if kind == ReadinessKind.TRAINING and not participants:
        raise ValidationError(msg.TRAINING_NEEDS_COUNT, code="participants")
    if participants is not None and participants < 0:
        raise ValidationError(msg.COUNT_NEGATIVE, code="participants")
    result, by = result.strip(), by.strip()
    if outcome != ReadinessOutcome.PASSED and not result:
        raise ValidationError(msg.RESULT_REQUIRED.format(what=label), code="result")
    if len(result) > NOTE_MAX or len(by) > 64:
        raise ValidationError(msg.NOTE_TOO_LONG.format(limit=NOTE_MAX), code="result")
    plan = _locked(plan)
    problem = publication_problem(Item(kind), done_on, published_on, vc_election_day(plan))
    if problem is not None:
        raise ValidationError(problem, code="published_on")
    item = ReadinessItem.objects.filter(plan=plan, kind=kind).first()
    before = None if item is None else _item_state(item)
    if item is None:
        item = ReadinessItem(plan=plan, kind=kind)
    item.done_on, item.outcome, item.published_on = done_on, outcome, published_on
    item.result, item.by, item.participants = result, by, participants
    item.recorded_by = acting_user
    item.save()
    record_audit(
        actor=acting_user,
        action=READINESS_RECORD,
        target=item,
        before=before,
        after=_item_state(item),
        village=plan.village,
    )
    return item


def _item_state(item: ReadinessItem) -> dict[str, object]:
    return {
        "kind": item.kind,
        "done_on": str(item.done_on),
        "outcome": item.outcome,
        "published_on": str(item.published_on) if item.published_on else None,
        "result": item.result,
        "by": item.by,
        "participants": item.participants,
    }


RISK_REASON_SAVE = AuditAction("campaign.risk_reason_save", "修改难点村原因")


@transaction.atomic
def risk_reason_save(*, reason: RiskReason, acting_user: User | None) -> RiskReason:
    """Add or change one difficult-village reason (the administrator's list). A reason in use is
    retired by unticking 可选用, never deleted: the history keeps its name as it was."""
    reason.name = reason.name.strip()
    if not reason.name:
        raise ValidationError(msg.REASON_NAME_REQUIRED, code="name")
    before = None
    if reason.pk is not None:
        old = RiskReason.objects.filter(pk=reason.pk).first()
        before = None if old is None else _reason_state(old)
    reason.save()
    record_audit(
        actor=acting_user, action=RISK_REASON_SAVE, target=reason, before=before,
        after=_reason_state(reason),
    )  # fmt: skip
    return reason


def _reason_state(reason: RiskReason) -> dict[str, object]:
    return {"name": reason.name, "position": reason.position, "active": reason.active}
