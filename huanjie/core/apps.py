from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "huanjie.core"
    label = "core"
    verbose_name = "网页外壳"
