"""The demo county's key tables as plain tuples keyed by natural keys (never primary keys,
which differ between databases), for comparing two seeded databases."""

from __future__ import annotations

from typing import Any

from huanjie.accounts.models import User
from huanjie.campaigns.models import Campaign, VillagePlan
from huanjie.committees.models import (
    CommitteeMember,
    CommitteeVote,
    Constituency,
    ElectionCommittee,
    SelectionVote,
)
from huanjie.elections.models import (
    AttendanceExclusion,
    ElectionSeat,
    MemberRegistration,
    OfficeHolder,
)
from huanjie.nominations.models import Application
from huanjie.people.models import CloseRelative, Household, PartyMembership, Person, PersonTag
from huanjie.regions.models import Region, VillagerGroup
from huanjie.registration.models import Voter


def dump_demo_tables() -> dict[str, list[tuple[Any, ...]]]:
    tables: dict[str, list[tuple[Any, ...]]] = {
        "regions": list(
            Region.objects.values_list(
                "code", "name", "level", "kind", "population", "household_count",
                "minority_village", "parent__code",
            )
        ),
        "villager_groups": list(VillagerGroup.objects.values_list("village__code", "name")),
        "households": list(
            Household.objects.values_list("village__code", "number", "villager_group__name")
        ),
        "people": list(
            Person.objects.values_list(
                "id_number", "name", "sex", "birth_date", "ethnicity", "education",
                "political_status", "phone", "village__code", "household__number",
                "relation_to_head", "hukou_in_village", "resides_in_village", "status",
                "status_on", "status_note",
            )
        ),
        "tags": list(PersonTag.objects.values_list("person__id_number", "tag")),
        "relations": list(
            CloseRelative.objects.values_list(
                "person_a__id_number", "person_b__id_number", "kind", "source"
            )
        ),
        "memberships": list(
            PartyMembership.objects.values_list(
                "person__id_number", "organization__name", "organization__kind", "status",
                "joined_on", "probation_until", "suspended", "floating",
            )
        ),
        "office_holders": list(
            OfficeHolder.objects.values_list(
                "village__code", "body", "post", "person__id_number", "term_start", "term_end"
            )
        ),
        "campaigns": list(
            Campaign.objects.values_list(
                "name", "term_start_year", "region__code", "profile_id", "party_profile_id",
                "window_start", "window_end", "status",
            )
        ),
        "plans": list(VillagePlan.objects.values_list("village__code", "risk_level", "notes")),
        "seats": list(
            ElectionSeat.objects.values_list(
                "election__plan__village__code", "election__body", "election__method",
                "election__election_day", "election__status", "post", "seats",
            )
        ),
        "election_committees": list(
            ElectionCommittee.objects.values_list(
                "village__code", "chosen_by", "chosen_on", "should_attend", "present", "seats",
            )
        ),
        "committee_votes": list(
            CommitteeVote.objects.values_list(
                "committee__village__code", "person__id_number", "votes", "position"
            )
        ),
        "committee_members": list(
            CommitteeMember.objects.values_list(
                "committee__village__code", "person__id_number", "role", "seating", "left_on"
            )
        ),
        "constituencies": list(
            Constituency.objects.values_list(
                "plan__village__code", "number", "name", "seats", "women_seats"
            )
        ),
        "selection_votes": list(
            SelectionVote.objects.values_list(
                "selection__constituency__plan__village__code", "selection__constituency__number",
                "selection__held_on", "person__id_number", "votes", "elected",
            )
        ),
        "attendance_exclusions": list(
            AttendanceExclusion.objects.values_list(
                "election__plan__village__code", "person__id_number", "ground", "detail",
                "higher_approved_on", "higher_approver", "higher_document",
                "meeting_approved_on", "withdrawn_at",
            )
        ),
        "member_registrations": list(
            MemberRegistration.objects.values_list(
                "election__plan__village__code", "person__id_number", "registered_on", "method",
                "note",
            )
        ),
        "applications": list(
            Application.objects.values_list(
                "recruitment__election__plan__village__code", "recruitment__post",
                "recruitment__published_on", "person__id_number", "kind", "signatures",
                "nominated_by", "filed_on", "status", "accepted_on",
            )
        ),
        "voters": list(
            Voter.objects.values_list(
                "register__village__code", "register__status", "register__published_on",
                "person__id_number", "category", "name", "group_name",
            )
        ),
        "users": list(
            User.objects.values_list(
                "username", "first_name", "last_name", "role", "scope_code", "department",
                "assigned_villages__code",
            )
        ),
    }  # fmt: skip
    return {name: sorted(rows, key=repr) for name, rows in tables.items()}
