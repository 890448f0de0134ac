from django.apps import AppConfig
from django.db.models.signals import post_save


class HandoverConfig(AppConfig):
    name = "huanjie.handover"
    label = "handover"
    verbose_name = "工作移交"

    def ready(self) -> None:
        from huanjie.ballots.models import RoundResult
        from huanjie.handover.signals import result_saved

        post_save.connect(result_saved, sender=RoundResult, dispatch_uid="handover_open")
