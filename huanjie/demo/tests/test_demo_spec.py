"""A seeded demo county meets the spec: sizes, families, party roll, committees, campaign,
logins, and an audit entry for every write (it went through the services)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pytest_django import DjangoDbBlocker

from huanjie.accounts.models import Role, User
from huanjie.audit.models import AuditEntry
from huanjie.ballots.models import Box, RoundResult
from huanjie.calendar.selectors import working_calendar
from huanjie.campaigns.models import Campaign, CampaignStatus, PlanTask, RiskLevel, VillagePlan
from huanjie.campaigns.prep_models import ReadinessItem, RiskChange
from huanjie.committees.group_selectors import group_leaders_view
from huanjie.committees.models import (
    ElectionCommittee,
    GroupElectionNotice,
    GroupLeaderSelection,
    RepresentativePlan,
    Selection,
)
from huanjie.committees.selectors import representatives_view
from huanjie.demo.constants import COUNTY
from huanjie.demo.generate import build_county
from huanjie.demo.seeding import Seeded, seed_county
from huanjie.demo.tests.calendars import add_assumed_years
from huanjie.demo.users import DEMO_USERS
from huanjie.elections.models import (
    AttendanceExclusion,
    Body,
    Election,
    ElectionSeat,
    ElectionStatus,
    MemberRegistration,
    OfficeHolder,
    Post,
)
from huanjie.elections.party.roll import party_roll
from huanjie.handover.models import Handover
from huanjie.nominations.models import (
    Application,
    MinorityGroup,
    OutgoingChoice,
    Recruitment,
    ReserveCadre,
)
from huanjie.nominations.recommendation_models import (
    CompetencyAssessment,
    Question,
    RecommendationRound,
    Statement,
)
from huanjie.people.models import (
    CloseRelative,
    HeadRelation,
    Household,
    MembershipStatus,
    PartyMembership,
    PartyOrganization,
    Person,
    RegisterStatus,
    Sex,
)
from huanjie.regions.models import Level, Region
from huanjie.registration.changes import register_changes
from huanjie.registration.models import (
    AwayWish,
    PreviousList,
    ResidentApplication,
    VoterRegister,
)
from huanjie.registration.selectors import summary
from huanjie.rules.party.org import organization_setup
from huanjie.vetting.models import ReviewRound
from huanjie.voting.models import MobileVoter, ProxyRequest, StaffMember, Station

# Hashing eight real passwords would cost seconds; the tests only need them to check.
FAST_HASHER = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


# The day: the round runs into 2027, whose holidays the table gets (assumed) first.
DAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Seeded]:
    """A 1 × 3 demo county seeded once for this module on DAY, rolled back at its end: the
    first village ahead, one red-rated and postponed, one with its days fixed."""
    with django_db_blocker.unblock(), FAST_HASHER, transaction.atomic():
        add_assumed_years()
        plan = build_county(
            seed=5, townships=1, villages_per_township=3, today=DAY, calendar=working_calendar()
        )
        yield seed_county(plan)
        transaction.set_rollback(True)


def _villages() -> list[Region]:
    return list(Region.objects.filter(level=Level.VILLAGE).order_by("code"))


def _residents_within_bounds() -> None:
    for village in _villages():
        people = Person.objects.filter(village=village).count()
        assert 300 <= people <= 3000, (village.name, people)
        # The yearbook's figures are not the demo's to invent.
        assert (village.population, village.household_count) == (None, None)


def _party_share_between_4_and_8_percent() -> None:
    for village in _villages():
        people = Person.objects.filter(village=village).count()
        members = PartyMembership.objects.filter(person__village=village).count()
        assert Fraction(4, 100) <= Fraction(members, people) <= Fraction(8, 100), village.name


def _every_household_has_exactly_one_head() -> None:
    heads = Counter(
        Person.objects.filter(relation_to_head=HeadRelation.HEAD).values_list(
            "household_id", flat=True
        )
    )
    households = list(Household.objects.values_list("pk", flat=True))
    assert households and all(heads[h] == 1 for h in households)


def _every_outgoing_committee_has_its_posts() -> None:
    for village in _villages():
        for body in Body.values:
            election = Election.objects.get(plan__village=village, body=body)
            seats = dict(
                ElectionSeat.objects.filter(election=election).values_list("post", "seats")
            )
            held = Counter(
                OfficeHolder.objects.filter(
                    village=village, body=body, election__isnull=True
                ).values_list("post", flat=True)
            )
            assert held == Counter(seats), (village.name, body)


def _a_woman_on_each_villagers_committee() -> None:
    for village in _villages():
        for term in (True, False):  # the outgoing committee, and a new one where elected
            sexes = OfficeHolder.objects.filter(
                village=village, body=Body.VILLAGERS_COMMITTEE, election__isnull=term
            ).values_list("person__sex", flat=True)
            assert not sexes or Sex.FEMALE in sexes, village.name


def _elected_villages_have_their_new_committees_and_vc_result() -> None:
    complete = Election.objects.filter(status=ElectionStatus.COMPLETE)
    assert complete.exists()
    for election in complete:
        seats = dict(ElectionSeat.objects.filter(election=election).values_list("post", "seats"))
        held = Counter(election.office_holders.values_list("post", flat=True))
        assert held == Counter(seats), (election.plan.village.name, election.body)
        assert all(h.term_start == election.election_day for h in election.office_holders.all())
    for election in complete.filter(body=Body.VILLAGERS_COMMITTEE):
        result = RoundResult.objects.get(election=election)
        assert result.outcome["valid"] and result.outcome["next"] == "complete"
        elected = {(e["post"], e["person"]) for e in result.outcome["elected"]}
        holders = election.office_holders.values_list("post", "person__name")
        assert elected == set(holders), election.plan.village.name
        assert result.contest["participants"] <= result.contest["registered"]


def _office_holders_are_not_near_relatives_by_the_register() -> None:
    # Different holders come from different households (SEED-KIN-X, SUP-2, CEO-5).
    for village in _villages():
        holders = OfficeHolder.objects.filter(village=village, election__isnull=True).values_list(
            "person_id", "person__household_id"
        )
        household_of = dict(holders)
        assert len(set(household_of.values())) == len(household_of), village.name


def _party_secretaries_are_full_members_with_rights() -> None:
    secretaries = OfficeHolder.objects.filter(post=Post.SECRETARY).select_related(
        "person__party_membership"
    )
    for holder in secretaries:
        membership = holder.person.party_membership
        assert membership.status == MembershipStatus.FULL and membership.probation_until is None


def _party_organization_follows_pb_org_1() -> None:
    for organization in PartyOrganization.objects.all():
        full = organization.memberships.filter(status=MembershipStatus.FULL).count()
        setup = organization_setup(full)
        expected = (
            "committee"
            if setup.party_committee
            else "general_branch"
            if setup.general_branch
            else "branch"
        )
        assert organization.kind == expected, organization.name


def _the_roll_has_probationary_probation_and_floating_members() -> None:
    roll = PartyMembership.objects
    assert roll.filter(status=MembershipStatus.PROBATIONARY).exists()
    assert roll.filter(probation_until__isnull=False).count() >= 2
    assert roll.filter(floating=True).exists()


def _the_round_is_under_way_on_the_seeding_day() -> None:
    campaign = Campaign.objects.get()
    assert (campaign.name, campaign.profile_id, campaign.party_profile_id) == (
        "景宁畲族自治县2027年村级组织换届",
        "ZJ_2025",
        "PB_2020",
    )
    assert campaign.status == CampaignStatus.ACTIVE
    assert campaign.window_start < DAY <= campaign.window_end
    assert VillagePlan.objects.filter(campaign=campaign).count() == len(_villages())
    assert set(VillagePlan.objects.values_list("risk_level", flat=True)) == set(RiskLevel.values)
    for election in Election.objects.all():
        # A fixed day is 已确定选举日 and still to come, or past and the election complete
        # (a village that voted first, with its new members); none is 筹备中 with a date.
        if election.election_day is None:
            assert election.status == ElectionStatus.PLANNED
        elif election.status == ElectionStatus.COMPLETE:
            assert campaign.window_start <= election.election_day < DAY
            assert election.office_holders.exists()
        else:
            assert election.status == ElectionStatus.SCHEDULED
            assert DAY < election.election_day <= campaign.window_end
    assert Election.objects.filter(status=ElectionStatus.COMPLETE).exists()
    first = _villages()[0]
    assert all(e.election_day for e in Election.objects.filter(plan__village=first))
    red = VillagePlan.objects.get(risk_level=RiskLevel.RED)
    assert "暂缓" in red.notes
    assert not red.elections.filter(election_day__isnull=False).exists()
    for plan in VillagePlan.objects.all():
        day = {e.body: e.election_day for e in plan.elections.all() if e.election_day}
        if day:
            assert day[Body.PARTY_ORGANIZATION] < day[Body.VILLAGERS_COMMITTEE]
            assert day[Body.VILLAGERS_COMMITTEE] < day[Body.SUPERVISION_COMMITTEE]


def _register_work_went_through_the_register_service() -> None:
    first = _villages()[0]
    left = Person.objects.filter(village=first).exclude(status=RegisterStatus.ACTIVE)
    assert sorted(left.values_list("status", flat=True)) == ["deceased", "moved_out"]
    assert all(p.status_on is not None and p.status_on < DAY for p in left)
    actions = set(
        AuditEntry.objects.filter(target_id__in=[str(p.pk) for p in left]).values_list(
            "action", flat=True
        )
    )
    assert {"people.person_moved_out", "people.person_deceased"} <= actions


def _one_demo_user_per_role_scoped() -> None:
    users = {u.role: u for u in User.objects.all()}
    assert set(users) == set(Role.values)
    village, township = _villages()[0], Region.objects.get(level=Level.TOWNSHIP)
    assert users[Role.ELECTION_OFFICE].scope_code == COUNTY[0]
    assert users[Role.TOWNSHIP_OFFICER].scope_code == township.code
    assert users[Role.ELECTION_COMMITTEE].scope_code == village.code
    assert users[Role.VILLAGE_PARTY].scope_code == village.code
    assert users[Role.REVIEWER].department == "公安"
    assert 2 <= users[Role.VILLAGE_CADRE].assigned_villages.count() <= 3
    for spec in DEMO_USERS:
        assert User.objects.get(username=spec.username).check_password(spec.password)


def _every_write_went_through_an_audited_service() -> None:
    audited = Counter(AuditEntry.objects.values_list("action", flat=True))
    expected = {
        "region.create": Region.objects.count(),
        "region.villager_group_create": sum(v.villager_groups.count() for v in _villages()),
        "people.households_register": len(_villages()),
        "region.village_facts_update": len(_villages()),
        "people.person_moved_out": 1,
        "people.person_deceased": 1,
        "people.party_organization_create": PartyOrganization.objects.count(),
        "people.party_membership_set": PartyMembership.objects.count(),
        "election.office_holder_record": OfficeHolder.objects.count(),
        "campaign.create": 1,
        "campaign.start": 1,
        "campaign.village_plan_create": VillagePlan.objects.count(),
        "campaign.plan_tasks_refresh": VillagePlan.objects.count(),
        "campaign.plan_task_done": PlanTask.objects.filter(done_on__isnull=False).count(),
        "election.create": Election.objects.count(),
        "handover.open": Handover.objects.count(),
        "accounts.user_create": User.objects.count(),
        "committee.record": ElectionCommittee.objects.count(),
        "representatives.apportion": RepresentativePlan.objects.count(),
        "representatives.selection": Selection.objects.count(),
        "group_leaders.notice": GroupElectionNotice.objects.count(),
        "group_leaders.selection": GroupLeaderSelection.objects.count(),
        "party.exclusion_propose": AttendanceExclusion.objects.count(),
        "party.exclusion_consent": AttendanceExclusion.objects.filter(
            higher_approved_on__isnull=False
        ).count(),
        "party.exclusion_meeting": AttendanceExclusion.objects.filter(
            meeting_approved_on__isnull=False
        ).count(),
        "party.member_register": MemberRegistration.objects.count(),
        "registration.register_open": VoterRegister.objects.count(),
        "registration.register_build": VoterRegister.objects.count(),
        "registration.register_publish": VoterRegister.objects.filter(status="published").count(),
        "registration.wish_record": AwayWish.objects.count(),
        "registration.application_record": ResidentApplication.objects.count(),
        "registration.previous_import": PreviousList.objects.count(),
        "campaign.risk_rate": RiskChange.objects.count(),  # no village cleared in the demo
        "campaign.readiness_record": ReadinessItem.objects.count(),
        "nomination.notice": Recruitment.objects.count(),
        "nomination.apply": Application.objects.count(),
        "nomination.accept": Application.objects.filter(accepted_on__isnull=False).count(),
        # One village ahead runs 三推 on its 主任 post (demo.recommendation).
        "recommendation.open": RecommendationRound.objects.count(),
        "recommendation.tally": RecommendationRound.objects.filter(
            tallied_at__isnull=False
        ).count(),
        "recommendation.draw": RecommendationRound.objects.filter(draw_seed__isnull=False).count(),
        "recommendation.statement": Statement.objects.count(),
        "recommendation.question": Question.objects.count(),
        "recommendation.assess": CompetencyAssessment.objects.count(),
        # The villages ahead keep their reserve pool and their holders' paths (demo.reserve);
        # the county opens its joint-review round, setting the negative list first.
        "nomination.reserve_add": ReserveCadre.objects.count(),
        "nomination.outgoing": OutgoingChoice.objects.count(),
        "vetting.negative_list": 1,
        "vetting.round": ReviewRound.objects.count(),
        "nomination.minority_group": MinorityGroup.objects.count(),
        # The village with a published list has begun its voting arrangements (demo.voting).
        "ballots.box_add": Box.objects.count(),
        "voting.station_add": Station.objects.count(),
        "voting.mobile_voter_add": MobileVoter.objects.count(),
        "voting.staff_add": StaffMember.objects.count(),
        "voting.proxy_file": ProxyRequest.objects.count(),
        "voting.proxy_approve": ProxyRequest.objects.filter(approved_at__isnull=False).count(),
        "people.relation_confirm": CloseRelative.objects.filter(confirmed_at__isnull=False).count(),
    }
    assert {action: audited[action] for action in expected} == expected
    assert sum(audited.values()) == sum(expected.values())


def _the_village_ahead_has_its_committee_and_representatives() -> None:
    """The first village (ahead) chose its election committee by the representatives'
    assembly and all but its last group their representatives; the others not yet."""
    first, *others = _villages()
    committee = ElectionCommittee.objects.get(village=first)
    assert committee.chosen_by == "representatives_assembly" and 5 <= committee.seats <= 9
    assert committee.chosen_on < DAY
    view = representatives_view(village=first)
    assert view.seats >= view.minimum and view.selected == len(view.lines) - 1
    assert len({v.person.household_id for v in view.elected}) == len(view.elected)
    assert not view.findings or all(not f.blocking for f in view.findings)
    assert not ElectionCommittee.objects.filter(village__in=others).exists()
    leaders = group_leaders_view(village=first)
    assert leaders.notice is not None and leaders.notice.held_on < DAY
    assert leaders.selected == leaders.leaders == leaders.deputies == len(leaders.lines) - 1
    assert not GroupLeaderSelection.objects.filter(village__in=others).exists()


def _the_village_ahead_has_its_party_roll() -> None:
    """The first village (ahead) left two voting members out of "should attend" with both
    approvals and has a third waiting for the members' meeting (PB-QUORUM-2); most of its
    members registered (SEED-PB-REG, informational under PB_2020); the others have none yet."""
    first, *others = _villages()
    roll = party_roll(village=first)
    approved = [e for e in roll.open_exclusions if e.approved]
    pending = [e for e in roll.open_exclusions if not e.approved]
    assert len(approved) == 2 and len(pending) == 1
    assert all(
        e.higher_document and e.higher_approved_on is not None and e.higher_approved_on <= DAY
        for e in approved
    )
    assert roll.outcome.should_attend == roll.outcome.voting_members - 2
    assert roll.registered >= len(roll.rows) // 2 and not roll.registration_defines
    assert not AttendanceExclusion.objects.filter(election__plan__village__in=others).exists()
    assert not MemberRegistration.objects.filter(election__plan__village__in=others).exists()


def _the_village_ahead_has_its_voter_register() -> None:
    """The first village (ahead) built its voter register through the registration services
    and published it on the seeding day (VC-REG-5 allows it: E − 20 is still ahead); every
    category the village has is there, the 四增四减 balances; the others have none yet."""
    first, *others = _villages()
    register = VoterRegister.objects.get(village=first)
    assert register.status == "published" and register.published_on == DAY
    assert register.objection_deadline is not None and register.objection_deadline > DAY
    found = summary(register)
    counts = {key: n for key, _, n in found.by_category}
    assert counts["hukou_resident"] > 0 and counts["hukou_away"] > 0
    assert found.left_total > 0 and found.conflicts == 0
    report = register_changes(register)
    assert report is not None and report.balanced and report.increase_total > 0
    assert not VoterRegister.objects.filter(village__in=others).exists()


def _every_village_has_its_plan_tasks_some_done() -> None:
    plans = VillagePlan.objects.count()
    assert PlanTask.objects.values("plan").distinct().count() == plans
    done = PlanTask.objects.filter(done_on__isnull=False)
    assert done.exists()
    assert all(t.due is not None and t.done_on == t.due and t.evidence for t in done)


CHECKS: list[Callable[[], None]] = [
    _residents_within_bounds,
    _party_share_between_4_and_8_percent,
    _every_household_has_exactly_one_head,
    _every_outgoing_committee_has_its_posts,
    _a_woman_on_each_villagers_committee,
    _elected_villages_have_their_new_committees_and_vc_result,
    _office_holders_are_not_near_relatives_by_the_register,
    _party_secretaries_are_full_members_with_rights,
    _party_organization_follows_pb_org_1,
    _the_roll_has_probationary_probation_and_floating_members,
    _the_round_is_under_way_on_the_seeding_day,
    _register_work_went_through_the_register_service,
    _one_demo_user_per_role_scoped,
    _every_write_went_through_an_audited_service,
    _the_village_ahead_has_its_committee_and_representatives,
    _the_village_ahead_has_its_party_roll,
    _the_village_ahead_has_its_voter_register,
    _every_village_has_its_plan_tasks_some_done,
]


@pytest.mark.django_db
@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__.strip("_") for c in CHECKS])
def test_seeded_county_meets_the_spec(seeded: Seeded, check: Callable[[], None]) -> None:
    check()


@pytest.mark.django_db
def test_demo_logins_prints_each_account_with_role_scope_and_password(seeded: Seeded) -> None:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    township = Region.objects.get(level=Level.TOWNSHIP)
    for spec in DEMO_USERS:
        assert spec.username in text and spec.password in text
        assert str(spec.role.label) in text
    assert f"景宁畲族自治县 · {township.name}" in text
    assert "包村：" in text and "（公安）" in text
