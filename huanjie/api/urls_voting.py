"""The voting arrangements' and proxies' endpoints (api.views.voting), included in /api/v1/ by
api/urls.py."""

from django.urls import path

from huanjie.api.views import voting

VOTING = "v1/elections/<int:election_id>/voting/"

urlpatterns = [
    path(VOTING, voting.Arrangements.as_view(), name="voting_arrangements"),
    path(VOTING + "stations/", voting.Stations.as_view(), name="voting_stations"),
    path(
        VOTING + "stations/<int:station_id>/approve/",
        voting.StationApproval.as_view(),
        name="voting_station_approve",
    ),
    path(
        VOTING + "stations/<int:station_id>/voters/",
        voting.MobileVoters.as_view(),
        name="voting_mobile_voters",
    ),
    path(VOTING + "staff/", voting.Staff.as_view(), name="voting_staff"),
    path(VOTING + "publish/", voting.Publish.as_view(), name="voting_publish"),
    path(VOTING + "proxies/", voting.Proxies.as_view(), name="voting_proxies"),
    path(
        VOTING + "proxies/<int:request_id>/approve/",
        voting.ProxyApproval.as_view(),
        name="voting_proxy_approve",
    ),
]
