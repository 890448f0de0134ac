"""A village's plan tasks: read them (every role that opens the village's pages), record one as
done (the township officer, the village's cadre, or the step's owner: the committee or the
party organization). The same gate and service as the web: 404 outside the reader's scope,
403 saying who may, 409 for a task already done or a closed campaign, 400 for an entry to
correct; nothing changes on a refusal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.plan_tasks import PlanTasksSerializer, TaskDoneWriteSerializer
from huanjie.api.views.base import ApiView
from huanjie.campaigns.models import PlanTask
from huanjie.campaigns.task_access import task_keeper
from huanjie.campaigns.task_selectors import TaskRow, current_plan, task_rows, vc_readiness
from huanjie.campaigns.task_services import plan_task_complete

if TYPE_CHECKING:
    from huanjie.regions.models import Region

TAG = "换届任务"
TASK_NOT_FOUND = "找不到该任务，或它不在您管辖的村（社区）。"
STATE = {"done": "already_done", "closed": "campaign_closed", "not_lawful": "vote_not_lawful"}


def _task(row: TaskRow) -> dict[str, Any]:
    t = row.task
    return {
        "id": t.pk,
        "key": t.key,
        "body": t.body,
        "stage": row.stage,
        "position": t.position,
        "title": t.title,
        "due": t.due,
        "date_kind": t.date_kind,
        "legal_due": t.legal_due,
        "date_warning": t.date_warning,
        "basis": t.basis,
        "how_to": t.how_to,
        "owner_role": t.owner_role,
        "owner": row.owner,
        "ritual": t.ritual,
        "status": row.status.value,
        "status_label": row.status.label,
        "done_on": t.done_on,
        "evidence": t.evidence,
        "may_complete": row.may_complete,
    }


def _data(request: Request, village: Region) -> dict[str, Any]:
    today = timezone.localdate()
    plan = current_plan(village)
    rows = task_rows(request.user, plan, village, today) if plan else []
    findings = vc_readiness(plan, [r.task for r in rows], today) if plan else []
    return {
        "village": village.pk,
        "campaign": plan.campaign_id if plan else None,
        "campaign_name": plan.campaign.name if plan else None,
        "today": today,
        "tasks": [_task(r) for r in rows],
        "readiness": [
            {"rule_id": f.rule_id, "severity": str(f.severity), "message": f.message}
            for f in findings
        ],
    }


class PlanTasks(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一个村本届换届计划的任务：日期、状态、依据和做法",
        description=(
            "四项选举按顺序（村党组织、村民委员会、村务监督委员会、经济合作社），每项任务的日期"
            "由选举日和节假日安排推算（date_kind 为 legal 时是法定最晚日），状态按今天计算。"
            "本村没有进行中的换届计划时 tasks 为空、campaign 为 null。"
        ),
        responses={200: PlanTasksSerializer, **errors(404)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        return Response(PlanTasksSerializer(_data(request, village)).data)


@extend_schema(
    tags=[TAG],
    summary="登记一项换届任务已完成",
    description=(
        "完成日期不能晚于今天，完成情况或凭证必填（500字以内），否则 400；已登记过为 409 "
        "already_done，换届已结束为 409 campaign_closed；登记村民委员会的投票时，"
        "选举前的法定步骤（选民名单、候选人名单、投票公告等）没有按期登记为 409 vote_not_lawful。乡镇组织委员、包村干部可登记本村任何"
        "任务，村选委会和村党组织只能登记自己负责的任务，其他角色得到 403。返回本村的任务。"
    ),
    request=TaskDoneWriteSerializer,
    responses={200: PlanTasksSerializer, **errors(400, 404, 409)},
)
class PlanTaskDone(ApiView):
    def post(self, request: Request, village_id: int, task_id: int) -> Response:
        village = access_village(request.user, village_id)
        plan = current_plan(village)
        task = PlanTask.objects.filter(pk=task_id, plan=plan).first() if plan else None
        if task is None:
            raise ApiError(404, "not_found", TASK_NOT_FOUND)
        user = task_keeper(request.user, task, village)
        body = TaskDoneWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            plan_task_complete(
                task=task,
                done_on=data["done_on"],
                evidence=data["evidence"],
                today=timezone.localdate(),
                acting_user=user,
            )
        except ValidationError as exc:
            messages = list(exc.messages)
            code = exc.error_list[0].code if exc.error_list else None
            if code in STATE:
                raise ApiError(409, STATE[str(code)], "".join(messages)) from exc
            raise ApiError(400, "invalid_input", "".join(messages), {"messages": messages}) from exc
        return Response(PlanTasksSerializer(_data(request, village)).data)
