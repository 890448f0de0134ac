from django.urls import path

from huanjie.ballots import assembly_views, ballot_views, party_views, views

app_name = "ballots"

ELECTION = "elections/<int:election_id>/"

urlpatterns = [
    path(ELECTION, views.round_page, name="round"),
    path(ELECTION + "boxes/", views.box_add_view, name="box_add"),
    path(ELECTION + "meeting/", assembly_views.meeting_view, name="meeting"),
    path(ELECTION + "boxes/<int:box_id>/entry/", views.entry_page, name="entry"),
    path(ELECTION + "contest.json", views.contest_download, name="contest"),
    path(ELECTION + "boxes/<int:box_id>/ballots/", ballot_views.ballots_page, name="ballots"),
    path(ELECTION + "ballots-template.csv", ballot_views.ballots_template, name="ballots_template"),
    path(ELECTION + "day/", ballot_views.round_day_view, name="round_day"),
    path(ELECTION + "homonyms/", ballot_views.homonym_pick_view, name="homonym_pick"),
    path(ELECTION + "certify/", views.certify_view, name="certify"),
    path(ELECTION + "reopen/", views.reopen_view, name="reopen"),
    path(ELECTION + "party-approval/", party_views.approval_view, name="party_approval"),
    path(ELECTION + "party-reduce-seats/", party_views.reduce_seats_view, name="party_reduce"),
    path("township/", views.township_page, name="township"),
]
