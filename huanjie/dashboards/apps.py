from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "huanjie.dashboards"
    label = "dashboards"
    verbose_name = "统计"

    def ready(self) -> None:
        from huanjie.dashboards import rollup

        rollup.connect()  # the rollup follows every write to the tables it sums
