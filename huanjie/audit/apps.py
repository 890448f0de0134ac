from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "huanjie.audit"
    label = "audit"
    verbose_name = "操作记录"
