from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "huanjie.campaigns"
    label = "campaigns"
