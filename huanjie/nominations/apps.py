from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "huanjie.nominations"
    label = "nominations"
    verbose_name = "招贤榜、报名和候选人名单"
