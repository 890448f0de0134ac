"""The candidates' pledges endpoint (api.views.pledges), included in /api/v1/ by api/urls.py."""

from django.urls import path

from huanjie.api.views import pledges

V1 = "v1/"

urlpatterns = [
    path(
        V1 + "villages/<int:village_id>/pledges/",
        pledges.VillagePledges.as_view(),
        name="village_pledges",
    ),
]
