from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "huanjie.core"
    label = "core"
