from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "huanjie.core"
    label = "core"
    verbose_name = "节假日表"
