"""Villager group leaders: announcement 5's meeting and each group's selection of its 组长 and
副组长 — REP-6's quorum (two thirds of the group's adults or of its households) and more than
half of those present to win; refusals change nothing; a cancelled selection can be recorded
again; every write is audited."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.tests.region_tree import RegionTree, build_region_tree
from huanjie.audit.models import AuditEntry
from huanjie.committees.models import GroupElectionNotice, GroupLeaderSelection, GroupLeaderVote
from huanjie.committees.services import SelectionVoteInput as V
from huanjie.committees.services.group_leaders import (
    group_counts,
    group_election_notice_set,
    group_leaders_cancel,
    group_leaders_record,
)
from huanjie.committees.tests.world import DAY, World, build_world, populate
from huanjie.people.models import Person, RegisterStatus
from huanjie.regions.models import VillagerGroup

HELD = date(2026, 3, 28)
pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> RegionTree:
    return build_region_tree()


@pytest.fixture
def world(tree: RegionTree) -> World:
    """东坑村 with 2 groups of 15 households and 30 adults each (heads and spouses)."""
    found = build_world(tree)
    tree.households["a1"].members.update(
        status=RegisterStatus.MOVED_OUT, status_on=date(2025, 1, 1)
    )
    populate(found, households=30, people=60, groups=2)
    return found


def first_group(world: World) -> VillagerGroup:
    return VillagerGroup.objects.get(village=world.village, name="第1组")


def people_of(group: VillagerGroup) -> list[Person]:
    return list(
        Person.objects.filter(household__villager_group=group).order_by("household__number", "pk")
    )


def record(world: World, **changes: object) -> GroupLeaderSelection:
    group = first_group(world)
    p = people_of(group)
    arguments: dict[str, object] = {
        "group": group,
        "held_on": HELD,
        "adults_present": 20,
        "households_present": 0,
        "leader_votes": [V(p[0], 15), V(p[1], 5)],
        "deputy_votes": [V(p[2], 12), V(p[3], 8)],
        "acting_user": None,
    }
    arguments.update(changes)
    return group_leaders_record(**arguments)  # type: ignore[arg-type]


def test_group_counts_are_the_groups_adults_and_households(world: World) -> None:
    assert group_counts(first_group(world), HELD) == (30, 15)


def test_REP_6_the_selection_records_turnout_votes_and_the_elected(world: World) -> None:
    selection = record(world)
    p = people_of(first_group(world))
    assert (selection.adults_eligible, selection.adults_present) == (30, 20)
    assert (selection.households_eligible, selection.households_present) == (15, 0)
    elected = {(v.post, v.person_id) for v in selection.votes.filter(elected=True)}
    assert elected == {("leader", p[0].pk), ("deputy", p[2].pk)}
    assert selection.votes.count() == 4
    entry = AuditEntry.objects.get(action="group_leaders.selection")
    assert entry.after is not None
    assert (entry.after["leader"], entry.after["deputies"]) == ([p[0].name], [p[2].name])


def test_REP_6_quorum_is_two_thirds_of_adults_or_of_households(world: World) -> None:
    # 30 adults: 20 is two thirds; 19 is short; 10 of 15 households also open the meeting.
    with pytest.raises(ValidationError) as refused:
        record(world, adults_present=19, households_present=9)
    assert "REP-6" in refused.value.messages[0]
    assert "至少20人" in refused.value.messages[0] and "至少10户" in refused.value.messages[0]
    assert not GroupLeaderSelection.objects.exists()
    assert not GroupLeaderVote.objects.exists()
    selection = record(
        world,
        adults_present=12,
        households_present=10,
        leader_votes=[V(people_of(first_group(world))[0], 7)],
        deputy_votes=[],
        deputy_seats=0,
    )
    assert selection.votes.get().elected


def test_REP_6_a_post_needs_more_than_half_of_those_present(world: World) -> None:
    p = people_of(first_group(world))
    # 20 present: 10 votes is half, not more than half.
    with pytest.raises(ValidationError) as refused:
        record(world, leader_votes=[V(p[0], 10), V(p[1], 9)])
    assert refused.value.messages == [
        f"{p[0].name}得10票，未达到到会人数20人的过半数，即至少11人，不能当选村民小组长，"
        "请另行推选（REP-6）。"
    ]
    assert not GroupLeaderSelection.objects.exists()
    assert record(world, leader_votes=[V(p[0], 11), V(p[1], 9)]).votes.filter(elected=True)


def test_a_tie_and_too_few_deputies_are_refused(world: World) -> None:
    p = people_of(first_group(world))
    with pytest.raises(ValidationError) as refused:
        record(world, leader_votes=[V(p[0], 11), V(p[1], 11)])
    assert "得票相同（11票）" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        record(world, deputy_seats=3)
    assert refused.value.messages == [
        "本组应推选副组长3名，只有2人得票，请核对；不足时请重新推选。"
    ]
    with pytest.raises(ValidationError) as refused:
        record(world, deputy_seats=4)
    assert "副组长名额应为0至3名" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        record(world, leader_votes=[])
    assert "没有填写组长的得票" in refused.value.messages[0]
    assert not GroupLeaderSelection.objects.exists()


def test_one_person_holds_one_post(world: World) -> None:
    p = people_of(first_group(world))
    with pytest.raises(ValidationError) as refused:
        record(world, leader_votes=[V(p[0], 15)], deputy_votes=[V(p[0], 12), V(p[1], 3)])
    assert "同时当选组长和副组长" in refused.value.messages[0]


def test_only_the_groups_own_villagers_and_only_once(world: World) -> None:
    other = people_of(VillagerGroup.objects.get(village=world.village, name="第2组"))
    p = people_of(first_group(world))
    with pytest.raises(ValidationError) as refused:
        record(world, leader_votes=[V(other[0], 15), V(p[0], 5), V(p[0], 1)])
    assert refused.value.messages == [
        f"{other[0].name}不是第1组的村民，不能在本组推选为村民小组长。",
        f"{p[0].name}填写了两次，请每人只填一行。",
    ]


def test_turnout_over_the_group_and_a_meeting_after_election_day(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        record(world, adults_present=31, held_on=date(2026, 4, 19))
    assert refused.value.messages == [
        f"推选日期2026-04-19不能晚于村民委员会选举日{DAY}，请核对日期。",
        "到会村民31多于第1组的年满十八周岁的村民30人，请核对到会人数。",
    ]


def test_a_group_records_once_and_a_cancel_with_reason_allows_it_again(world: World) -> None:
    record(world)
    with pytest.raises(ValidationError) as refused:
        record(world)
    assert "已于2026-03-28登记了小组长推选结果" in refused.value.messages[0]
    group = first_group(world)
    with pytest.raises(ValidationError):
        group_leaders_cancel(group=group, reason="  ", acting_user=None)
    assert GroupLeaderSelection.objects.count() == 1
    group_leaders_cancel(group=group, reason="得票登记错误", acting_user=None)
    assert not GroupLeaderSelection.objects.exists()
    entry = AuditEntry.objects.get(action="group_leaders.selection_cancel")
    assert entry.after == {"reason": "得票登记错误"}
    assert entry.before is not None and len(entry.before["votes"]) == 4
    with pytest.raises(ValidationError) as refused:
        group_leaders_cancel(group=group, reason="再撤一次", acting_user=None)
    assert "还没有登记小组长推选结果" in refused.value.messages[0]
    record(world)


def test_announcement_5_sets_date_hours_place_and_moves_them(world: World) -> None:
    notice = group_election_notice_set(
        village=world.village,
        issued_on=date(2026, 3, 20),
        held_on=HELD,
        starts_at=time(8, 30),
        ends_at=time(11, 30),
        place="各村民小组活动室",
        acting_user=None,
    )
    assert notice.place == "各村民小组活动室"
    group_election_notice_set(
        village=world.village,
        issued_on=date(2026, 3, 20),
        held_on=date(2026, 3, 29),
        starts_at=time(8, 30),
        ends_at=time(11, 30),
        place="村文化礼堂",
        acting_user=None,
    )
    assert GroupElectionNotice.objects.get().held_on == date(2026, 3, 29)
    moved = AuditEntry.objects.filter(action="group_leaders.notice").order_by("pk").last()
    assert moved is not None and moved.before is not None
    assert moved.before["place"] == "各村民小组活动室"
    # A meeting before the notice is refused.
    with pytest.raises(ValidationError) as refused:
        record(world, held_on=date(2026, 3, 19))
    assert "早于选举公告的日期2026-03-20" in refused.value.messages[0]


def test_announcement_5_refusals_change_nothing(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        group_election_notice_set(
            village=world.village,
            issued_on=date(2026, 3, 30),
            held_on=date(2026, 4, 20),
            starts_at=time(11, 0),
            ends_at=time(9, 0),
            place=" ",
            acting_user=None,
        )
    assert refused.value.messages == [
        "请填写推选地点（例如“各村民小组活动室”）。",
        "结束时间09:00应晚于开始时间11:00，请核对。",
        f"推选日期2026-04-20不能晚于村民委员会选举日{DAY}，请核对日期。",
    ]
    with pytest.raises(ValidationError) as refused:
        group_election_notice_set(
            village=world.village,
            issued_on=date(2026, 3, 30),
            held_on=HELD,
            starts_at=time(8, 0),
            ends_at=time(9, 0),
            place="村委会",
            acting_user=None,
        )
    assert "公告日期2026-03-30晚于推选日期2026-03-28" in refused.value.messages[0]
    assert not GroupElectionNotice.objects.exists()
    assert not AuditEntry.objects.filter(action="group_leaders.notice").exists()
