from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "huanjie.accounts"
    label = "accounts"
