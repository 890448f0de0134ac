from django.apps import AppConfig


class BallotsConfig(AppConfig):
    name = "huanjie.ballots"
    label = "ballots"
    verbose_name = "计票"
