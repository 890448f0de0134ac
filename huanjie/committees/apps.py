from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "huanjie.committees"
    label = "committees"
    verbose_name = "村民选举委员会和村民代表"
