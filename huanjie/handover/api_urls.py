"""/api/v1/handovers/ (included by config/urls.py beside the other /api/ addresses)."""

from django.urls import path

from huanjie.handover import api

app_name = "handover_api"

urlpatterns = [
    path("", api.HandoverList.as_view(), name="list"),
    path("<int:handover_id>/", api.HandoverDetail.as_view(), name="detail"),
    path("<int:handover_id>/items/", api.HandoverItemRecord.as_view(), name="item"),
    path("<int:handover_id>/confirm/", api.HandoverConfirm.as_view(), name="confirm"),
    path("<int:handover_id>/supervise/", api.HandoverSupervise.as_view(), name="supervise"),
]
