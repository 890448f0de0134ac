"""/api/v1/ addresses of a village's plan tasks."""

from django.urls import path

from huanjie.api.views import plan_tasks

V1 = "v1/"
TASKS = V1 + "villages/<int:village_id>/plan-tasks/"

urlpatterns = [
    path(TASKS, plan_tasks.PlanTasks.as_view(), name="plan_tasks"),
    path(TASKS + "<int:task_id>/done/", plan_tasks.PlanTaskDone.as_view(), name="plan_task_done"),
]
