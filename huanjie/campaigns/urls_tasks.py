"""A village's plan tasks (recording one as done) and the board of a campaign's villages."""

from django.urls import path

from huanjie.campaigns import task_template_views, task_views

app_name = "plan_tasks"

urlpatterns = [
    path("board/", task_views.board, name="board"),
    path("tasks/<int:task_id>/done/", task_views.task_done, name="task_done"),
    path("tasks/<int:task_id>/undo/", task_views.task_undo, name="task_undo"),
    path("<int:campaign_id>/template/", task_template_views.template_steps, name="template_steps"),
    path(
        "<int:campaign_id>/template/<slug:key>/",
        task_template_views.template_step,
        name="template_step",
    ),
]
