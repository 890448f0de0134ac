"""The preparation endpoints (api.views.preparation), included in /api/v1/ by api/urls.py."""

from django.urls import path

from huanjie.api.views import preparation

V1 = "v1/"
PREP = V1 + "villages/<int:village_id>/preparation/"

urlpatterns = [
    path(PREP, preparation.Preparation.as_view(), name="preparation"),
    path(PREP + "risk/", preparation.RiskRate.as_view(), name="preparation_risk"),
    path(PREP + "risk/clear/", preparation.RiskClear.as_view(), name="preparation_risk_clear"),
    path(PREP + "readiness/", preparation.ReadinessRecord.as_view(), name="preparation_readiness"),
    path(V1 + "risk-reasons/", preparation.Reasons.as_view(), name="risk_reasons"),
]
