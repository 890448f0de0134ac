"""Voting day's endpoints (api.views.ballots), included in /api/v1/ by api/urls.py."""

from django.urls import path

from huanjie.api.views import assembly_ballots, ballot_mode, ballots, party_ballots

V1 = "v1/"
ELECTION = V1 + "elections/<int:election_id>/"

urlpatterns = [
    path(ELECTION + "tally/", ballots.TallyRound.as_view(), name="tally_round"),
    path(
        ELECTION + "tally/boxes/<int:box_id>/entries/",
        ballots.TallyEntry.as_view(),
        name="tally_entry",
    ),
    path(
        ELECTION + "tally/boxes/<int:box_id>/ballots/",
        ballot_mode.TallyBallots.as_view(),
        name="tally_ballots",
    ),
    path(ELECTION + "day/", ballot_mode.TallyRoundDay.as_view(), name="tally_round_day"),
    path(
        ELECTION + "result/winners/",
        ballot_mode.TallyWinnerPick.as_view(),
        name="tally_winner_pick",
    ),
    path(ELECTION + "meeting/", assembly_ballots.TallyMeeting.as_view(), name="tally_meeting"),
    path(ELECTION + "result/", ballots.TallyResult.as_view(), name="tally_result"),
    path(ELECTION + "result/certify/", ballots.TallyCertify.as_view(), name="tally_certify"),
    path(ELECTION + "result/reopen/", ballots.TallyReopen.as_view(), name="tally_reopen"),
    path(
        ELECTION + "party-approval/",
        party_ballots.PartyApproval.as_view(),
        name="tally_party_approval",
    ),
    path(
        ELECTION + "result/reduce-seats/",
        party_ballots.PartyReduceSeats.as_view(),
        name="tally_party_reduce_seats",
    ),
]
