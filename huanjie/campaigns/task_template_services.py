"""A campaign's own task template (issue 11 item 1): the county's or township's organizer changes
a step's planned offset, owner or how-to. Offsets are planning data: a change that breaks a legal
minimum on any village's election day is refused with the rule ID and the last lawful offset,
and nothing changes; a lawful one is saved (audited) and every plan's tasks re-dated."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from huanjie.accounts.models import Role
from huanjie.accounts.policy import Capability, can_change_in
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.calendar.selectors import working_calendar
from huanjie.campaigns import task_messages as msg
from huanjie.campaigns.models import Campaign, CampaignStatus, VillagePlan
from huanjie.campaigns.task_services import (
    campaign_template,
    election_days,
    plan_tasks_refresh,
    planned_tasks,
)
from huanjie.campaigns.template_models import TaskTemplateStep
from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.timeline.tasks import (
    TaskTemplate,
    TemplateChange,
    apply_changes,
    check_template,
    last_lawful_offset,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

TEMPLATE_STEP_SET = AuditAction("campaign.task_template_set", "修改换届任务模板")
OWNERS = (Role.TOWNSHIP_OFFICER, Role.ELECTION_COMMITTEE, Role.VILLAGE_PARTY)
HOW_TO_MAX = 1000
EARLIEST, LATEST = 120, 60  # days before / after the election day a plan may set


def may_edit_template(user: User | AnonymousUser, campaign: Campaign) -> bool:
    return any(
        can_change_in(user, c, campaign.region)
        for c in (Capability.MANAGE_CAMPAIGNS, Capability.PLAN_VILLAGES)
    )


def _when(offset: int) -> str:
    if offset < 0:
        return f"前{-offset}日（D{offset}）"
    return "当日（D）" if offset == 0 else f"后{offset}日（D+{offset}）"


def _checked(
    campaign: Campaign, template: tuple[TaskTemplate, ...], item: TaskTemplate, offset: int | None
) -> None:
    """Refuse the template if it breaks a legal minimum, in general or on a village's day."""
    when = _when(offset) if offset is not None else ""
    try:
        check_template(template)
    except RuleViolation as exc:
        last = (
            "" if item.minimum_before is None else f"最晚只能定在选举日前{item.minimum_before}日。"
        )
        raise ValidationError(
            msg.TEMPLATE_BREAKS_LAW.format(
                task=item.title, when=when, reason=exc.message, rule=exc.rule_id, last=last
            ),
            code="not_lawful",
        ) from exc
    plans = VillagePlan.objects.filter(campaign=campaign).select_related("village", "campaign")
    for plan in plans:
        try:
            planned_tasks(plan, template)
        except ValidationError as exc:
            days = election_days(plan).days
            vc_day = days.get("villagers_committee")
            assert vc_day is not None  # only a dated election day is checked
            calendar = working_calendar({vc_day.year, vc_day.year - 1, vc_day.year + 1})
            found = last_lawful_offset(item, load_profile(campaign.profile_id), vc_day, calendar)
            last = (
                ""
                if found is None
                else msg.TEMPLATE_LAST_LAWFUL.format(
                    village=plan.village.name, days=-found, offset=f"D{found}"
                )
            )
            cause = exc.__cause__
            rule = cause.rule_id if isinstance(cause, RuleViolation) else "C.7"
            reason = cause.message if isinstance(cause, RuleViolation) else "".join(exc.messages)
            raise ValidationError(
                msg.TEMPLATE_BREAKS_LAW.format(
                    task=item.title, when=when, reason=reason, rule=rule, last=last
                ),
                code="not_lawful",
            ) from exc


@transaction.atomic
def task_template_step_set(
    *,
    campaign: Campaign,
    key: str,
    offset: int | None,
    owner: str,
    how_to: str,
    acting_user: User | AnonymousUser,
) -> TaskTemplateStep:
    """Change one step of the campaign's template, then re-date every plan's tasks."""
    campaign = Campaign.objects.select_for_update().select_related("region").get(pk=campaign.pk)
    if not may_edit_template(acting_user, campaign):
        raise PermissionDenied(msg.NOT_A_TEMPLATE_KEEPER.format(name=campaign.name))
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(msg.PLAN_CLOSED.format(name=campaign.name), code="closed")
    current = campaign_template(campaign)
    item = next((t for t in current if t.key == key), None)
    if item is None:
        raise ValidationError(msg.TEMPLATE_STEP_UNKNOWN.format(key=key), code="invalid")
    how_to = how_to.strip()
    faults = []
    if owner not in [r.value for r in OWNERS]:
        faults.append(msg.TEMPLATE_OWNER_UNKNOWN.format(owner=owner))
    if not how_to:
        faults.append(msg.TEMPLATE_HOW_TO_REQUIRED)
    elif len(how_to) > HOW_TO_MAX:
        faults.append(msg.TEMPLATE_HOW_TO_TOO_LONG.format(limit=HOW_TO_MAX, length=len(how_to)))
    if item.offset is None and offset is not None:
        faults.append(msg.TEMPLATE_LEGAL_DAY.format(task=item.title))
    elif item.offset is not None and offset is None:
        faults.append(msg.TEMPLATE_OFFSET_REQUIRED.format(task=item.title))
    elif offset is not None and not -EARLIEST <= offset <= LATEST:
        faults.append(
            msg.TEMPLATE_OFFSET_RANGE.format(before=EARLIEST, after=LATEST, offset=offset)
        )
    if faults:
        raise ValidationError([ValidationError(f, code="invalid") for f in faults])
    template = apply_changes(current, {key: TemplateChange(offset, owner, how_to)})
    changed = next(t for t in template if t.key == key)
    _checked(campaign, template, changed, offset)
    before = _fields(item)
    step, _ = TaskTemplateStep.objects.update_or_create(
        campaign=campaign,
        key=key,
        defaults={
            "offset": offset,
            "owner_role": owner,
            "how_to": how_to,
            "updated_by": acting_user if acting_user.is_authenticated else None,
        },
    )
    actor: Any = acting_user
    record_audit(
        actor=actor,
        action=TEMPLATE_STEP_SET,
        target=campaign,
        before=before,
        after=_fields(changed),
        region=campaign.region,
    )
    for plan in VillagePlan.objects.filter(campaign=campaign):
        plan_tasks_refresh(plan=plan, acting_user=actor, template=template)
    return step


def _fields(item: TaskTemplate) -> dict[str, Any]:
    return {"step": item.key, "offset": item.offset, "owner": item.owner, "how_to": item.how_to}
