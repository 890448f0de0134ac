"""A village's plan tasks on the web (the village page's 换届任务 tab and the form recording one
as done) and the board of a campaign's villages for township and county officers.

Thin views: the village only through `access_village` (404 outside the reader's scope, as for a
missing one), a task only through its village, the change only for whom `task_access` allows
(403 saying who may), then one service; a refusal comes back as a message above the list.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import scoped_villages
from huanjie.campaigns import task_messages as msg
from huanjie.campaigns.models import PlanTask, RiskLevel
from huanjie.campaigns.task_selectors import (
    STAGES,
    BoardFilters,
    board_campaigns,
    board_rows,
    board_totals,
    board_townships,
    by_township,
    current_plan,
    task_rows,
    vc_readiness,
)
from huanjie.campaigns.task_services import plan_task_complete, plan_task_undo
from huanjie.campaigns.task_template_services import may_edit_template

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.regions.models import Region

TASK_NOT_FOUND = "找不到该任务，或它不在您管辖的村（社区）。"


def tasks_tab_context(request: HttpRequest, village: Region) -> dict[str, Any]:
    """The 换届任务 tab: the current plan's tasks with status, basis and how-to, and the
    engine's readiness findings for the villagers' committee's election."""
    plan = current_plan(village)
    today = timezone.localdate()
    if plan is None:
        return {"task_plan": None, "no_plan": msg.NO_PLAN.format(village=village.name)}
    rows = task_rows(request.user, plan, village, today)
    return {
        "task_plan": plan,
        "task_rows": rows,
        "task_counts": {
            "done": sum(1 for r in rows if r.status == "done"),
            "overdue": sum(1 for r in rows if r.status == "overdue"),
            "total": len(rows),
        },
        "readiness": vc_readiness(plan, [r.task for r in rows], today),
        "today": today,
    }


def _task_in_scope(request: HttpRequest, task_id: int) -> PlanTask:
    task = (
        PlanTask.objects.filter(pk=task_id, plan__village__in=scoped_villages(request.user))
        .select_related("plan__village")
        .first()
    )
    if task is None:
        raise Http404(TASK_NOT_FOUND)
    return task


@login_required
@require_POST
def task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task_in_scope(request, task_id)
    back = reverse("core:village", args=[task.plan.village_id]) + "?tab=tasks"
    today = timezone.localdate()
    raw = request.POST.get("done_on", "").strip()
    try:
        done_on = date.fromisoformat(raw) if raw else today
    except ValueError:
        flash.error(request, f"完成日期“{raw}”无法识别，请按 年-月-日 填写，例如 {today}。")
        return redirect(back + f"#task-{task.pk}")
    try:
        plan_task_complete(
            task=task,
            done_on=done_on,
            evidence=request.POST.get("evidence", ""),
            today=today,
            acting_user=request.user,
        )
    except ValidationError as exc:
        flash.error(request, f"“{task.title}”没有登记：" + "".join(exc.messages))
        return redirect(back + f"#task-{task.pk}")
    flash.success(request, f"已登记“{task.title}”于{done_on}完成。")
    return redirect(back + f"#task-{task.pk}")


@login_required
@require_POST
def task_undo(request: HttpRequest, task_id: int) -> HttpResponse:
    """撤销完成登记: with the reason; refused while a later step is recorded as done."""
    task = _task_in_scope(request, task_id)
    back = reverse("core:village", args=[task.plan.village_id]) + "?tab=tasks"
    try:
        plan_task_undo(task=task, reason=request.POST.get("reason", ""), acting_user=request.user)
    except ValidationError as exc:
        flash.error(request, f"“{task.title}”的完成登记没有撤销：" + "".join(exc.messages))
    else:
        flash.success(request, f"已撤销“{task.title}”的完成登记，可以重新登记。")
    return redirect(back + f"#task-{task.pk}")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """Every village of the campaign in the user's scope: stage, next deadline, overdue, risk."""
    user = request.user
    today = timezone.localdate()
    campaigns = list(board_campaigns(user))
    wanted = _int(request.GET.get("campaign"))
    campaign = next((c for c in campaigns if c.pk == wanted), campaigns[0] if campaigns else None)
    context: dict[str, Any] = {"campaigns": campaigns, "campaign": campaign, "today": today}
    if campaign is None:
        return render(request, "campaigns/board.html", context)
    townships = board_townships(user, campaign)
    township = _int(request.GET.get("township"))
    filters = BoardFilters(
        township=township if any(t.pk == township for t in townships) else None,
        stage=request.GET.get("stage", "") if request.GET.get("stage") in STAGES else "",
        risk=request.GET.get("risk", "") if request.GET.get("risk") in RiskLevel.values else "",
        overdue_only=request.GET.get("overdue") == "1",
    )
    rows = board_rows(user, campaign, today, filters)
    view = "table" if request.GET.get("view") == "table" else "grid"
    context.update(
        {
            "may_edit_template": may_edit_template(user, campaign),
            "townships": townships,
            "filters": filters,
            "stages": STAGES,
            "risks": RiskLevel.choices,
            "rows": rows,
            "grid": by_township(rows),
            "totals": board_totals(rows),
            "view": view,
            "filtered": filters != BoardFilters(),
        }
    )
    return render(request, "campaigns/board.html", context)
