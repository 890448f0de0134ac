"""The progress dashboards by level (township → county → city → province)."""

from django.urls import path

from huanjie.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.dashboard_home, name="home"),
    path("regions/<int:region_id>/", views.dashboard, name="region"),
    path("regions/<int:region_id>/figures/<str:key>/", views.figure_villages, name="figure"),
    path("regions/<int:region_id>/report.xlsx", views.report, name="report"),
    path("regions/<int:region_id>/previous/", views.previous_figures, name="previous"),
    path(
        "regions/<int:region_id>/previous/template.xlsx",
        views.previous_template,
        name="previous_template",
    ),
]
