from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "huanjie.campaigns"
    label = "campaigns"
    verbose_name = "换届"
