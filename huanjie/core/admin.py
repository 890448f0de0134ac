"""The admin pages of the third-party apps, in Chinese: the background tasks (django-tasks-db)
and the login lockout (django-axes). Their own admins name columns after Python attributes
("Task name", "Status"); their field names are translated by huanjie/locale."""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django_tasks_db.admin import DBTaskResultAdmin as TasksAdmin
from django_tasks_db.models import DBTaskResult

# The background work of the app, by the task function's name.
TASK_LABELS = {
    "validate_register_import": "校验户籍导入文件",
    "confirm_register_import": "确认导入户籍",
    "build_register_export": "生成户籍导出文件",
    "render_document_job": "批量生成打印文件",
}


class DBTaskResultAdmin(TasksAdmin):
    list_display = (  # type: ignore[assignment]  # one column fewer: 任务 names the task
        "task",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The row's UUID says nothing to a reader: the task, its times and its outcome do.
        return [f for f in super().get_readonly_fields(request, obj) if f != "id"]

    @admin.display(description="任务", ordering="task_path")
    def task(self, obj: DBTaskResult[Any, Any]) -> str:
        path = str(obj.task_path)
        return TASK_LABELS.get(path.rsplit(".", 1)[-1], path)

    @admin.display(description="错误详情")
    def formatted_traceback(self, obj: DBTaskResult[Any, Any]) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description="最早运行时间")
    def display_run_after(self, obj: DBTaskResult[Any, Any]) -> Any:
        return super().display_run_after(obj)


class AccessAttemptAdmin(AxesAccessAttemptAdmin):  # type: ignore[misc]  # axes is untyped
    @admin.display(description="过期时间")
    def expiration(self, obj: AccessAttempt) -> Any:
        return super().expiration(obj)

    @admin.display(description="状态")
    def status(self, obj: AccessAttempt) -> Any:
        return super().status(obj)


for model, model_admin in [(DBTaskResult, DBTaskResultAdmin), (AccessAttempt, AccessAttemptAdmin)]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
# Roles decide what an account may do (accounts.policy), not Django's groups and permissions.
admin.site.unregister(Group)
