"""The joint review's and kinship recusal's endpoints (api.views.vetting), included in /api/v1/
by api/urls.py."""

from django.urls import path

from huanjie.api.views import vetting

V1 = "v1/"

urlpatterns = [
    path(
        V1 + "villages/<int:village_id>/vetting/",
        vetting.VillageVetting.as_view(),
        name="village_vetting",
    ),
    path(V1 + "vetting/queue/", vetting.ReviewQueue.as_view(), name="vetting_queue"),
    path(
        V1 + "vetting/rounds/<int:round_id>/candidates/<int:application_id>/result/",
        vetting.ReviewResultRecord.as_view(),
        name="vetting_result",
    ),
]
