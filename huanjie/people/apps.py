from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "huanjie.people"
    label = "people"
    verbose_name = "人员与户籍"
