from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "huanjie.api"
    label = "api"
    verbose_name = "接口"
