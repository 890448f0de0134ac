"""The party roll's endpoints (api.views.party), included in /api/v1/ by api/urls.py."""

from django.urls import path

from huanjie.api.views import party

V1 = "v1/"
ROLL = V1 + "villages/<int:village_id>/party-roll/"
EXCLUSION = V1 + "party-exclusions/<int:exclusion_id>/"

urlpatterns = [
    path(ROLL, party.PartyRoll.as_view(), name="party_roll"),
    path(ROLL + "exclusions/", party.PartyExclusionCreate.as_view(), name="party_exclusions"),
    path(
        ROLL + "registrations/",
        party.PartyRegistrationCreate.as_view(),
        name="party_registrations",
    ),
    path(
        ROLL + "registrations/<int:person_id>/",
        party.PartyRegistrationDelete.as_view(),
        name="party_registration",
    ),
    path(ROLL + "members/", party.PartyMemberEnter.as_view(), name="party_members"),
    path(EXCLUSION, party.PartyExclusionDetail.as_view(), name="party_exclusion"),
    path(
        EXCLUSION + "consent/",
        party.PartyExclusionConsent.as_view(),
        name="party_exclusion_consent",
    ),
    path(
        EXCLUSION + "meeting/",
        party.PartyExclusionMeeting.as_view(),
        name="party_exclusion_meeting",
    ),
    path(
        EXCLUSION + "withdraw/",
        party.PartyExclusionWithdraw.as_view(),
        name="party_exclusion_withdraw",
    ),
]
