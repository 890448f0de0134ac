from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "huanjie.vetting"
    label = "vetting"
    verbose_name = "联审与任职回避"
