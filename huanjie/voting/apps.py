from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "huanjie.voting"
    label = "voting"
    verbose_name = "投票安排和委托投票"
