"""The demo's plan tasks: every village's tasks generated from its election days, those whose day
has passed recorded as done on their day, except in the last village of each township, which
has fallen behind (its latest past step is overdue), and in postponed villages, which stopped
at their trouble (every past step of the villagers' committee overdue)."""

from __future__ import annotations

from huanjie.campaigns.models import Campaign, PlanTask
from huanjie.campaigns.task_services import plan_task_complete, plan_tasks_refresh
from huanjie.demo.plan import DemoCounty, Stage

EVIDENCE = "已按计划完成，会议记录和公告照片存入换届档案"


def seed_plan_tasks(county: DemoCounty, campaign: Campaign) -> int:
    """Generate every village's tasks and record the past ones; returns how many are done."""
    today = county.round.today
    stages = {v.code: v.stage for v in county.villages}
    last_of_township = {t.villages[-1].code for t in county.townships if t.villages}
    done = 0
    for plan in campaign.plans.select_related("village").order_by("village__code"):
        tasks = plan_tasks_refresh(plan=plan, acting_user=None)
        past = [t for t in tasks if t.due is not None and t.due < today]
        code = plan.village.code
        if stages.get(code) == Stage.POSTPONED:
            past = [t for t in past if t.body != "villagers_committee"]
        elif code in last_of_township and past:
            latest = max(past, key=lambda t: (t.due, t.position))
            past = [t for t in past if t.pk != latest.pk]
        for task in past:
            _complete(task)
            done += 1
    return done


def _complete(task: PlanTask) -> None:
    assert task.due is not None
    plan_task_complete(
        task=task, done_on=task.due, evidence=EVIDENCE, today=task.due, acting_user=None
    )
