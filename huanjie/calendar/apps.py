from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "huanjie.calendar"
    label = "calendar"
    verbose_name = "节假日表"
