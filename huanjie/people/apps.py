from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "huanjie.people"
    label = "people"
