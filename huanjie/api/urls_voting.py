"""/api/v1/elections/<election_id>/voting/… (huanjie.api.views.voting), included by config/urls.py."""

from django.urls import path

from huanjie.api.views import voting as api

app_name = "voting_api"

urlpatterns = [
    path("", api.Arrangements.as_view(), name="arrangements"),
    path("stations/", api.Stations.as_view(), name="stations"),
    path("stations/<int:station_id>/approve/", api.StationApproval.as_view(), name="approve"),
    path("stations/<int:station_id>/voters/", api.MobileVoters.as_view(), name="mobile_voters"),
    path("staff/", api.Staff.as_view(), name="staff"),
    path("publish/", api.Publish.as_view(), name="publish"),
    path("proxies/", api.Proxies.as_view(), name="proxies"),
    path("proxies/<int:request_id>/approve/", api.ProxyApproval.as_view(), name="proxy_approve"),
]
