from django.urls import path

from huanjie.elections.party import views

app_name = "elections"

PARTY = "villages/<int:village_id>/party-roll/"

urlpatterns = [
    path(PARTY, views.party_roll_page, name="party_roll"),
    path(PARTY + "exclusions/", views.exclusion_add, name="party_exclusion_add"),
    path(
        PARTY + "exclusions/<int:exclusion_id>/consent/",
        views.exclusion_consent,
        name="party_exclusion_consent",
    ),
    path(
        PARTY + "exclusions/<int:exclusion_id>/meeting/",
        views.exclusion_meeting,
        name="party_exclusion_meeting",
    ),
    path(
        PARTY + "exclusions/<int:exclusion_id>/withdraw/",
        views.exclusion_withdraw_view,
        name="party_exclusion_withdraw",
    ),
    path(PARTY + "registrations/", views.registration_add, name="party_registration_add"),
    path(
        PARTY + "registrations/<int:person_id>/cancel/",
        views.registration_cancel,
        name="party_registration_cancel",
    ),
    path(PARTY + "members/<int:person_id>/", views.roll_enter, name="party_roll_enter"),
    path(PARTY + "members/<int:person_id>/edit/", views.member_edit, name="party_member_edit"),
]
