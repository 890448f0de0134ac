"""Election and office-holder services; VC-ORG-1 size through the campaign's profile."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.campaigns.models import VillagePlan
from huanjie.campaigns.services import campaign_create, village_plan_create
from huanjie.elections.models import Election, ElectionSeat, ElectionStatus, OfficeHolder
from huanjie.elections.services import election_create, office_holder_record

DAY = date(2026, 4, 18)


@pytest.fixture
def plan(tree: RegionTree) -> VillagePlan:
    campaign = campaign_create(
        name="景宁县2026年换届",
        term_start_year=2026,
        region=tree.county,
        profile_id="ZJ_2025",
        window_start=date(2026, 1, 1),
        window_end=date(2026, 6, 30),
        acting_user=None,
    )
    return village_plan_create(campaign=campaign, village=tree.a1, acting_user=None)


def test_election_create_with_seats_is_audited(plan: VillagePlan) -> None:
    seats = {"chair": 1, "vice_chair": 1, "member": 2, "women_member": 1}

    def create() -> Election:
        return election_create(
            plan=plan,
            body="villagers_committee",
            method="self_nomination",
            seats=seats,
            election_day=DAY,
            acting_user=None,
        )

    election = create()
    assert dict(election.seats.values_list("post", "seats")) == seats
    assert election.status == ElectionStatus.SCHEDULED  # its day is fixed
    after = AuditEntry.objects.latest("id").after
    assert after is not None and after["seats"] == seats
    with pytest.raises(ValidationError, match="不能重复建立"):
        create()


VC_SIZES = [
    ("2 seats is too few", {"chair": 1, "member": 1}, False),
    ("3 seats is the minimum", {"chair": 1, "member": 2}, True),
    ("7 seats is the maximum", {"chair": 1, "vice_chair": 2, "member": 4}, True),
    ("8 seats is too many", {"chair": 1, "vice_chair": 2, "member": 5}, False),
]


@pytest.mark.parametrize(
    ("seats", "allowed"), [c[1:] for c in VC_SIZES], ids=[c[0] for c in VC_SIZES]
)
def test_vc_org_1_size_between_3_and_7(
    plan: VillagePlan, seats: dict[str, int], allowed: bool
) -> None:
    def create() -> Election:
        return election_create(
            plan=plan,
            body="villagers_committee",
            method="with_candidates",
            seats=seats,
            election_day=DAY,
            acting_user=None,
        )

    if allowed:
        assert create().seats.count() == len(seats)
    else:
        with pytest.raises(ValidationError, match="VC-ORG-1"):
            create()
        assert not Election.objects.exists() and not ElectionSeat.objects.exists()


REFUSED = [
    (
        "method of another body",
        "villagers_committee",
        "two_recommendations",
        {"chair": 1, "member": 2},
        DAY,
        "不能采用“两推一选”",
    ),
    (
        "post of another body",
        "party_organization",
        "two_recommendations",
        {"chair": 1},
        DAY,
        "没有“主任”这一职务",
    ),
    (
        "two chairs",
        "villagers_committee",
        "with_candidates",
        {"chair": 2, "member": 2},
        DAY,
        "只能设1名",
    ),
    (
        "zero seats",
        "party_organization",
        "two_recommendations",
        {"secretary": 1, "member": 0},
        DAY,
        "应为正整数",
    ),
    ("no seats", "party_organization", "two_recommendations", {}, DAY, "至少设定一个职务"),
    (
        "day outside the window",
        "party_organization",
        "direct_party",
        {"secretary": 1},
        date(2026, 9, 1),
        "不在换届计划",
    ),
    ("unknown body", "village_council", "assembly", {"member": 3}, DAY, "无法识别"),
]


@pytest.mark.parametrize(
    ("body", "method", "seats", "day", "fragment"),
    [r[1:] for r in REFUSED],
    ids=[r[0] for r in REFUSED],
)
def test_election_create_refusals(
    plan: VillagePlan, body: str, method: str, seats: dict[str, int], day: date, fragment: str
) -> None:
    with pytest.raises(ValidationError, match=fragment):
        election_create(
            plan=plan, body=body, method=method, seats=seats, election_day=day, acting_user=None
        )
    assert not Election.objects.exists()


def _record(tree: RegionTree, **changes: Any) -> OfficeHolder:
    """A member of a1's party organization from DAY for five years, but for `changes`."""
    args: dict[str, Any] = {
        "village": tree.a1,
        "body": "party_organization",
        "post": "member",
        "person": tree.spouses["a1"],
        "term_start": DAY,
        "term_end": date(2031, 4, 18),
        "acting_user": None,
        **changes,
    }
    return office_holder_record(**args)


def test_office_holder_record(tree: RegionTree, plan: VillagePlan) -> None:
    election = election_create(
        plan=plan,
        body="party_organization",
        method="two_recommendations",
        seats={"secretary": 1, "member": 2},
        election_day=DAY,
        acting_user=None,
    )
    head = tree.heads["a1"]
    holder = _record(tree, post="secretary", person=head, election=election)
    assert AuditEntry.objects.latest("id").target_id == str(holder.pk)
    with pytest.raises(ValidationError, match="不是东坑村登记的人员"):
        _record(tree, person=tree.heads["a2"])
    with pytest.raises(ValidationError, match="应早于任期届满"):
        _record(tree, term_end=DAY)
    with pytest.raises(ValidationError, match="不是东坑村村民委员会的选举"):
        _record(tree, body="villagers_committee", post="chair", election=election)
    with pytest.raises(ValidationError, match="已经登记"):
        _record(tree, post="secretary", person=head)


def test_an_election_without_a_day_is_still_being_prepared(plan: VillagePlan) -> None:
    election = election_create(
        plan=plan,
        body="party_organization",
        method="two_recommendations",
        seats={"secretary": 1, "member": 2},
        election_day=None,
        acting_user=None,
    )
    assert election.status == ElectionStatus.PLANNED
