"""The progress dashboards by level (township → county → city → province)."""

from django.urls import path

from huanjie.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.dashboard_home, name="home"),
    path("regions/<int:region_id>/", views.dashboard, name="region"),
]
