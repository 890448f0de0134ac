from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "huanjie.dashboards"
    label = "dashboards"
    verbose_name = "统计"
