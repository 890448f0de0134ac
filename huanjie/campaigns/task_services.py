"""Writes to a village's plan tasks: generate or refresh them from the template and the election
days, and record one as done; each write audited in its transaction."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.calendar.selectors import working_calendar
from huanjie.campaigns import task_messages as msg
from huanjie.campaigns.models import Campaign, CampaignStatus, PlanTask, VillagePlan
from huanjie.campaigns.task_access import task_keeper
from huanjie.campaigns.task_selectors import vc_readiness
from huanjie.campaigns.template_models import TaskTemplateStep
from huanjie.elections.models import Body, Method, Round
from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.timeline.task_template import DEFAULT_TEMPLATE
from huanjie.rules.timeline.tasks import (
    ElectionDays,
    PlannedTask,
    TaskTemplate,
    TemplateChange,
    apply_changes,
    plan_tasks,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

PLAN_TASKS_REFRESH = AuditAction("campaign.plan_tasks_refresh", "生成换届任务")
PLAN_TASK_DONE = AuditAction("campaign.plan_task_done", "登记任务完成")
PLAN_TASK_UNDO = AuditAction("campaign.plan_task_undo", "撤销任务完成登记")
REASON_MAX = 200
EVIDENCE_MAX = 500
# Fields a refresh rewrites from the template and the days; the done state is kept.
TEMPLATE_FIELDS = [
    "body", "position", "title", "due", "date_kind", "legal_due", "date_warning", "basis",
    "how_to", "owner_role", "ritual",
]  # fmt: skip
DONE_FIELDS = ["done_on", "evidence", "done_by"]
# The vote of the villagers' committee: recorded only once the engine's readiness list has
# nothing blocking on its day (the list published in time, the candidates and the notice …).
VOTE_STEPS = frozenset({"vc_vote"})


def election_days(plan: VillagePlan) -> ElectionDays:
    """Each body's first-round election day in the plan (None: not fixed) and whether the VC
    election is a 自荐直选 (one query)."""
    days: dict[str, date | None] = {}
    self_nomination = False
    for election in plan.elections.filter(round=Round.FIRST):
        days[election.body] = election.election_day
        if election.body == Body.VILLAGERS_COMMITTEE:
            self_nomination = election.method == Method.SELF_NOMINATION
    return ElectionDays(days, self_nomination)


def campaign_template(campaign: Campaign) -> tuple[TaskTemplate, ...]:
    """The default template with the campaign's own changes (one query)."""
    changes = {
        step.key: TemplateChange(step.offset, step.owner_role, step.how_to)
        for step in TaskTemplateStep.objects.filter(campaign=campaign)
    }
    return apply_changes(DEFAULT_TEMPLATE, changes)


def planned_tasks(
    plan: VillagePlan, template: Sequence[TaskTemplate] = DEFAULT_TEMPLATE
) -> list[PlannedTask]:
    """The template dated for the plan; a template breaking a legal minimum is a ValidationError."""
    election = election_days(plan)
    years = {d.year + k for d in election.days.values() if d is not None for k in (0, 1)}
    try:
        return plan_tasks(
            template,
            election,
            vc_profile=load_profile(plan.campaign.profile_id),
            party_profile=load_profile(plan.campaign.party_profile_id),
            calendar=working_calendar(years),
        )
    except RuleViolation as exc:
        raise ValidationError(
            msg.TEMPLATE_REFUSED.format(reason=exc.message, rule=exc.rule_id), code="template"
        ) from exc


def _fields(item: PlannedTask) -> dict[str, object]:
    t = item.template
    return {
        "body": t.body,
        "position": item.order,
        "title": t.title,
        "due": item.day,
        "date_kind": item.kind.value,
        "legal_due": item.legal_day,
        "date_warning": item.warning or "",
        "basis": [{"rule_id": b.rule_id, "words": b.words} for b in t.basis],
        "how_to": t.how_to,
        "owner_role": t.owner,
        "ritual": t.ritual,
    }


@transaction.atomic
def plan_tasks_refresh(
    *,
    plan: VillagePlan,
    acting_user: User | None,
    template: Sequence[TaskTemplate] | None = None,
) -> list[PlanTask]:
    """Create the plan's tasks, or bring them up to the election days and the template (the
    campaign's own unless given): a done task keeps its record, a step the template (or the
    method) no longer has goes unless done."""
    plan = VillagePlan.objects.select_related("campaign", "village").get(pk=plan.pk)
    if plan.campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(msg.PLAN_CLOSED.format(name=plan.campaign.name), code="closed")
    if template is None:
        template = campaign_template(plan.campaign)
    planned = planned_tasks(plan, template)
    existing = {t.key: t for t in PlanTask.objects.select_for_update().filter(plan=plan)}
    wanted = {p.template.key for p in planned}
    created = updated = 0
    for item in planned:
        fields = _fields(item)
        task = existing.get(item.template.key)
        if task is None:
            PlanTask.objects.create(plan=plan, key=item.template.key, **fields)
            created += 1
        elif any(getattr(task, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(task, k, v)
            task.save(update_fields=[*TEMPLATE_FIELDS, "updated_at"])
            updated += 1
    gone = [t.pk for k, t in existing.items() if k not in wanted and t.done_on is None]
    PlanTask.objects.filter(pk__in=gone).delete()
    if created or updated or gone:
        record_audit(
            actor=acting_user,
            action=PLAN_TASKS_REFRESH,
            target=plan,
            after={"created": created, "updated": updated, "removed": len(gone)},
            village=plan.village,
        )
    return list(PlanTask.objects.filter(plan=plan).order_by("position"))


def _check_lawful_vote(task: PlanTask, done_on: date) -> None:
    if task.due is not None and done_on != task.due:
        raise ValidationError(msg.VOTE_OFF_DAY.format(day=done_on, due=task.due), code="not_lawful")
    tasks = list(PlanTask.objects.filter(plan=task.plan))
    blocking = [f for f in vc_readiness(task.plan, tasks, done_on) if f.blocking]
    if blocking:
        reasons = "".join(f"{f.message}（{f.rule_id}）" for f in blocking)
        raise ValidationError(msg.VOTE_NOT_LAWFUL.format(reasons=reasons), code="not_lawful")


@transaction.atomic
def plan_task_complete(
    *,
    task: PlanTask,
    done_on: date,
    evidence: str,
    today: date,
    acting_user: User | AnonymousUser | None,
) -> PlanTask:
    """Record a task as done on `done_on` with what shows it (scope-checked; `acting_user`
    None only for the system's own seeding)."""
    task = (
        PlanTask.objects.select_for_update()
        .select_related("plan__campaign", "plan__village")
        .get(pk=task.pk)
    )
    village = task.plan.village
    actor = None if acting_user is None else task_keeper(acting_user, task, village)
    if task.plan.campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(msg.PLAN_CLOSED.format(name=task.plan.campaign.name), code="closed")
    if task.done_on is not None:
        raise ValidationError(
            msg.ALREADY_DONE.format(task=task.title, day=task.done_on), code="done"
        )
    if done_on > today:
        raise ValidationError(msg.DONE_IN_FUTURE.format(day=done_on, today=today), code="done_on")
    evidence = evidence.strip()
    if not evidence:
        raise ValidationError(msg.EVIDENCE_REQUIRED, code="evidence")
    if len(evidence) > EVIDENCE_MAX:
        raise ValidationError(
            msg.EVIDENCE_TOO_LONG.format(limit=EVIDENCE_MAX, length=len(evidence)),
            code="evidence",
        )
    if task.key in VOTE_STEPS:
        _check_lawful_vote(task, done_on)
    before = snapshot(task, ["done_on", "evidence"])
    task.done_on, task.evidence, task.done_by = done_on, evidence, actor
    task.save(update_fields=[*DONE_FIELDS, "updated_at"])
    record_audit(
        actor=actor,
        action=PLAN_TASK_DONE,
        target=task,
        before=before,
        after=snapshot(task, ["done_on", "evidence"]),
        village=village,
    )
    return task


def _named(titles: list[str]) -> str:
    shown = "、".join(f"“{t}”" for t in titles[:3])
    return shown + (f"等{len(titles)}项" if len(titles) > 3 else "")


@transaction.atomic
def plan_task_undo(*, task: PlanTask, reason: str, acting_user: User | AnonymousUser) -> PlanTask:
    """Take back a task recorded as done (recorded by mistake, or the step must be done again),
    with the reason; refused while a later step of the plan is recorded as done, for the later
    steps rest on the earlier ones (SEQ-1 across the bodies, the template's order within one).
    Who may is who may record it (`task_access`)."""
    task = (
        PlanTask.objects.select_for_update()
        .select_related("plan__campaign", "plan__village")
        .get(pk=task.pk)
    )
    village = task.plan.village
    actor = task_keeper(acting_user, task, village)
    if task.plan.campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(msg.PLAN_CLOSED.format(name=task.plan.campaign.name), code="closed")
    if task.done_on is None:
        raise ValidationError(msg.NOT_DONE.format(task=task.title), code="not_done")
    reason = reason.strip()
    if not reason:
        raise ValidationError(msg.UNDO_REASON_REQUIRED, code="reason")
    if len(reason) > REASON_MAX:
        raise ValidationError(
            msg.EVIDENCE_TOO_LONG.format(limit=REASON_MAX, length=len(reason)), code="reason"
        )
    later = list(
        PlanTask.objects.filter(plan=task.plan, position__gt=task.position, done_on__isnull=False)
        .order_by("position")
        .values_list("title", flat=True)
    )
    if later:
        raise ValidationError(
            msg.UNDO_LATER_DONE.format(task=task.title, later=_named(later)), code="later_done"
        )
    before = snapshot(task, ["done_on", "evidence"])
    task.done_on, task.evidence, task.done_by = None, "", None
    task.save(update_fields=[*DONE_FIELDS, "updated_at"])
    record_audit(
        actor=actor,
        action=PLAN_TASK_UNDO,
        target=task,
        before=before,
        after={"done_on": None, "evidence": "", "reason": reason},
        village=village,
    )
    return task
