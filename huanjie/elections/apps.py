from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "huanjie.elections"
    label = "elections"
    verbose_name = "选举"
