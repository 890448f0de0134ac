"""`huanjie plan_tasks show|refresh|done`: a village's plan tasks from the shell.

    huanjie plan_tasks show 331127100201            the tasks with date, status and basis
    huanjie plan_tasks refresh 331127100201         regenerate from the election days
    huanjie plan_tasks refresh --campaign 1         every village of a campaign
    huanjie plan_tasks done 331127100201 vc_voter_list 2026-03-08 "公告已张贴" --by committee

A refusal is one Chinese line and exit status 2; `--by` is refused unless that user may record
the task on the web.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from huanjie.campaigns.models import Campaign, PlanTask, VillagePlan
from huanjie.campaigns.task_selectors import current_plan, task_rows
from huanjie.campaigns.task_services import plan_task_complete, plan_tasks_refresh
from huanjie.people.management.arguments import village_argument


def _refuse(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _plan(code: str) -> VillagePlan:
    try:
        village = village_argument(code)
    except CommandError as exc:
        raise _refuse(str(exc)) from exc
    plan = current_plan(village)
    if plan is None:
        raise _refuse(f"“{village.name}”还没有进行中的村换届计划。")
    return plan


class Command(BaseCommand):
    help = "村换届任务：查看、按选举日重新生成（已完成的保留）、登记完成。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="show|refresh|done")
        show = sub.add_parser("show", help="列出一个村的换届任务")
        show.add_argument("village", metavar="村代码", help="村（社区）的12位区划代码")
        refresh = sub.add_parser("refresh", help="按各项选举的选举日重新生成任务（已完成的保留）")
        refresh.add_argument("village", metavar="村代码", nargs="?", help="村的12位区划代码")
        refresh.add_argument("--campaign", type=int, help="换届编号：生成其中每个村的任务")
        done = sub.add_parser("done", help="登记一项任务已完成")
        done.add_argument("village", metavar="村代码", help="村（社区）的12位区划代码")
        done.add_argument("key", metavar="步骤", help="任务的步骤代码（show 的第一列）")
        done.add_argument("done_on", metavar="完成日期", help="年-月-日，如 2026-03-08")
        done.add_argument("evidence", metavar="完成情况", help="完成情况或凭证")
        done.add_argument("--by", metavar="USERNAME", help="以哪位用户的名义登记（记入操作记录）")

    def handle(self, *a: Any, **options: Any) -> None:
        action = options["action"]
        if action == "show":
            self._show(_plan(options["village"]))
        elif action == "refresh":
            self._refresh(options.get("village"), options.get("campaign"))
        else:
            self._done(options)

    def _show(self, plan: VillagePlan) -> None:
        today = timezone.localdate()
        self.stdout.write(f"{plan.village.name} · {plan.campaign.name}（{today}）")
        for row in task_rows(AnonymousUser(), plan, plan.village, today):
            t = row.task
            when = t.due.isoformat() if t.due else "选举日未定"
            kind = "法定最晚" if t.date_kind == "legal" else "计划"
            rules = "、".join(b["rule_id"] for b in t.basis)
            self.stdout.write(
                f"{t.key:<26} {when:<10} {kind:<4} {row.status.label:<3} {t.title}"
                f"（{row.owner}；{rules}）"
            )

    def _refresh(self, code: str | None, campaign_id: int | None) -> None:
        if campaign_id is not None:
            campaign = Campaign.objects.filter(pk=campaign_id).first()
            if campaign is None:
                raise _refuse(f"找不到编号为{campaign_id}的换届。")
            plans = list(campaign.plans.select_related("village").order_by("village__code"))
        elif code:
            plans = [_plan(code)]
        else:
            raise _refuse("请给出村代码，或用 --campaign 指定换届。")
        total = 0
        for plan in plans:
            try:
                total += len(plan_tasks_refresh(plan=plan, acting_user=None))
            except ValidationError as exc:
                raise _refuse(f"{plan.village.name}：" + "".join(exc.messages)) from exc
        self.stdout.write(f"已生成{len(plans)}个村的换届任务，共{total}项。")

    def _done(self, options: dict[str, Any]) -> None:
        plan = _plan(options["village"])
        task = PlanTask.objects.filter(plan=plan, key=options["key"]).first()
        if task is None:
            raise _refuse(
                f"{plan.village.name}没有步骤“{options['key']}”；"
                f"请用 huanjie plan_tasks show {plan.village.code} 查看步骤代码。"
            )
        try:
            done_on = date.fromisoformat(options["done_on"].strip())
        except ValueError as exc:
            raise _refuse(f"日期“{options['done_on']}”无法识别，请按“年-月-日”填写。") from exc
        user = None
        if options.get("by"):
            user = get_user_model().objects.filter(username=options["by"]).first()
            if user is None:
                raise _refuse(f"找不到用户“{options['by']}”，请检查 --by 的用户名。")
        try:
            task = plan_task_complete(
                task=task,
                done_on=done_on,
                evidence=options["evidence"],
                today=timezone.localdate(),
                acting_user=user,
            )
        except (ValidationError, PermissionDenied) as exc:
            reason = "".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise _refuse(f"未登记：{reason}") from exc
        self.stdout.write(f"已登记{plan.village.name}“{task.title}”于{task.done_on}完成。")
