from django.urls import path

from huanjie.voting import views

app_name = "voting"

ELECTION = "elections/<int:election_id>/"

urlpatterns = [
    path(ELECTION, views.arrangements_page, name="arrangements"),
    path(ELECTION + "stations/", views.station_add_view, name="station_add"),
    path(
        ELECTION + "stations/<int:station_id>/remove/",
        views.station_remove_view,
        name="station_remove",
    ),
    path(
        ELECTION + "stations/<int:station_id>/approve/",
        views.mobile_approve_view,
        name="mobile_approve",
    ),
    path(
        ELECTION + "stations/<int:station_id>/voters/",
        views.mobile_voter_add_view,
        name="mobile_voter_add",
    ),
    path(
        ELECTION + "mobile-voters/<int:listed_id>/remove/",
        views.mobile_voter_remove_view,
        name="mobile_voter_remove",
    ),
    path(ELECTION + "staff/", views.staff_add_view, name="staff_add"),
    path(ELECTION + "staff/<int:member_id>/remove/", views.staff_remove_view, name="staff_remove"),
    path(ELECTION + "publish/", views.arrangements_publish_view, name="arrangements_publish"),
    path(ELECTION + "proxies/", views.proxies_page, name="proxies"),
    path(ELECTION + "proxies/file/", views.proxy_file_view, name="proxy_file"),
    path(
        ELECTION + "proxies/<int:request_id>/approve/",
        views.proxy_approve_view,
        name="proxy_approve",
    ),
    path(
        ELECTION + "proxies/<int:request_id>/withdraw/",
        views.proxy_withdraw_view,
        name="proxy_withdraw",
    ),
    path(ELECTION + "proxies/publish/", views.proxies_publish_view, name="proxies_publish"),
    path(ELECTION + "notices/<str:name>/", views.notice_preview, name="notice"),
    path(ELECTION + "notices/<str:name>/pdf/", views.notice_pdf, name="notice_pdf"),
]
