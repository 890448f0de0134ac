"""/api/v1/handovers/ addresses, listed in huanjie/api/urls.py with the other areas' (the docs
test requires every /api/v1/ route there)."""

from django.urls import path

from huanjie.api.views import handover as api

V1 = "v1/"
HANDOVER = V1 + "handovers/<int:handover_id>/"

urlpatterns = [
    path(V1 + "handovers/", api.HandoverList.as_view(), name="handovers"),
    path(HANDOVER, api.HandoverDetail.as_view(), name="handover"),
    path(HANDOVER + "items/", api.HandoverItemRecord.as_view(), name="handover_item"),
    path(HANDOVER + "confirm/", api.HandoverConfirm.as_view(), name="handover_confirm"),
    path(HANDOVER + "supervise/", api.HandoverSupervise.as_view(), name="handover_supervise"),
]
