"""Before the election: rate a village's risk, clear it, record a readiness item."""

from django.urls import path

from huanjie.campaigns import prep_views

app_name = "prep"

PLAN = "plans/<int:plan_id>/"

urlpatterns = [
    path(PLAN + "risk/", prep_views.risk_rate_page, name="risk_rate"),
    path(PLAN + "risk/clear/", prep_views.risk_clear_page, name="risk_clear"),
    path(PLAN + "readiness/", prep_views.readiness_page, name="readiness"),
]
