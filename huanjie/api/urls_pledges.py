"""The candidates' pledges and the township pipeline endpoints (api.views.pledges), included in /api/v1/ by api/urls.py."""

from django.urls import path

from huanjie.api.views import pledges

V1 = "v1/"

urlpatterns = [
    path(
        V1 + "villages/<int:village_id>/pledges/",
        pledges.VillagePledges.as_view(),
        name="village_pledges",
    ),
    path(
        V1 + "townships/<int:township_id>/pipeline/",
        pledges.TownshipPipeline.as_view(),
        name="township_pipeline",
    ),
]
