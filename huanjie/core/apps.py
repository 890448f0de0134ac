from django.apps import AppConfig, apps

# The admin's headings of third-party apps, whose names are plain English strings (not
# translatable): the login lockout of django-axes and the background tasks of django-tasks-db.
THIRD_PARTY_NAMES = {"axes": "登录锁定", "django_tasks_database": "后台任务"}


class CoreConfig(AppConfig):
    name = "huanjie.core"
    label = "core"
    verbose_name = "网页外壳"

    def ready(self) -> None:
        for label, name in THIRD_PARTY_NAMES.items():
            if apps.is_installed(label) or label in apps.app_configs:
                apps.get_app_config(label).verbose_name = name
