from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "huanjie.registration"
    label = "registration"
    verbose_name = "选民登记"
