"""The villagers' election committee: its 推选 recorded (VC-EC-1), members who stand or whose
close relative stands leave (VC-EC-2, VC-EC-4) and are replaced in vote order (VC-EC-3);
refusals change nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.committees.models import (
    CommitteeMember,
    CommitteeNominee,
    CommitteeVote,
    ElectionCommittee,
)
from huanjie.committees.selectors import committee_view
from huanjie.committees.services import (
    NomineeInput,
    VoteInput,
    committee_member_role_set,
    committee_nominee_record,
    committee_record,
    committee_withdrawals_apply,
)
from huanjie.committees.tests.world import CHOSEN, World, build_world, family, villager
from huanjie.people.models import HeadRelation, Sex

F = Sex.FEMALE
NOMINATED = date(2026, 3, 25)
# The 推选: five seated, four more given votes (two of them tied at 50).
VOTES = [
    ("王建国", 90, "chair"),
    ("李明", 88, "vice_chair"),
    ("张伟", 80, "member"),
    ("刘芳", 77, "member"),
    ("陈静", 70, "member"),
    ("李小红", 65, None),
    ("赵强", 60, None),
    ("孙丽", 50, None),
    ("周杰", 50, None),
]
WOMEN = {"刘芳", "陈静", "李小红", "孙丽", "吴秀英", "吴兰"}


def people(world: World, *, pending: bool = False) -> World:
    """The villagers of the 推选, and two who will stand: 李华 is 李明's brother and 李小红's
    father; 吴秀英 is 张伟's maternal grandmother through her daughter 吴兰. Links confirmed
    by the committee unless `pending`."""
    for name, _, _ in VOTES:
        villager(world, name, sex=F if name in WOMEN else Sex.MALE)
    villager(world, "李华")
    villager(world, "吴秀英", sex=F, birth=date(1935, 2, 1))
    villager(world, "吴兰", sex=F, birth=date(1955, 2, 1))
    family(world["李华"], world["李明"], "sibling", confirmed=not pending)
    family(world["李华"], world["李小红"], "parent_child", confirmed=not pending)
    family(world["吴秀英"], world["吴兰"], "parent_child", confirmed=not pending)
    family(world["吴兰"], world["张伟"], "parent_child", confirmed=not pending)
    return world


@pytest.fixture
def world(tree: RegionTree) -> World:
    return people(build_world(tree))


def record(world: World, votes: list[tuple[str, int, str | None]] = VOTES, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "village": world.village,
        "chosen_by": "representatives_assembly",
        "chosen_on": CHOSEN,
        "should_attend": 45,
        "present": 40,
        "votes": [VoteInput(world[n], v, r) for n, v, r in votes],
        "acting_user": None,
        **kw,
    }
    return committee_record(**args)


def state() -> tuple[Any, ...]:
    return (
        list(ElectionCommittee.objects.values_list("pk", "vacancy_note")),
        list(CommitteeVote.objects.values_list("person_id", "votes", "position")),
        list(CommitteeMember.objects.values_list("person_id", "role", "left_on", "seating")),
        list(CommitteeNominee.objects.values_list("person_id", "stage")),
        AuditEntry.objects.count(),
    )


def sitting(committee: ElectionCommittee) -> list[tuple[str, str]]:
    return [
        (m.person.name, m.role)
        for m in committee.members.filter(left_on__isnull=True).order_by("pk")
    ]


def nominate(world: World, name: str, **kw: Any) -> Any:
    committee = ElectionCommittee.objects.get(village=world.village)
    args = {"stage": "nominated", "self_nominee": False, "on": NOMINATED, **kw}
    return committee_nominee_record(
        committee=committee, person=world[name], acting_user=None, **args
    )


def test_vc_ec_1_the_recorded_committee_keeps_the_vote_order_and_roles(world: World) -> None:
    committee = record(world)
    assert committee.seats == 5
    assert list(committee.votes.values_list("person__name", "position")) == [
        (name, n) for n, (name, _, _) in enumerate(VOTES, start=1)
    ]
    assert sitting(committee)[:2] == [("王建国", "chair"), ("李明", "vice_chair")]
    assert committee_view(village=world.village).make_up == "其中妇女 2 名、党员 0 名"
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "committee.record" and entry.village_id == world.village.pk
    assert entry.after is not None and "王建国（主任）" in entry.after["committee_members"]


@pytest.mark.parametrize(
    ("profile_id", "seated", "refused"),
    [
        ("ZJ_2025", 4, "现有4人，少于5人"),
        ("ZJ_2025", 5, ""),
        ("ZJ_2025", 9, ""),
        ("SH_2020", 5, "现有5人，少于7人"),
        ("NAT_2018", 3, ""),
        ("NAT_2018", 2, "现有2人，少于3人"),
    ],
)
def test_vc_ec_1_size_within_the_profiles_range(
    tree: RegionTree, profile_id: str, seated: int, refused: str
) -> None:
    """ZJ 5–9, SH 7–9, the national default 3–9 (ec.size_min / ec.size_max)."""
    world = people(build_world(tree, profile_id))
    votes = [(n, v, ("chair" if i == 0 else "member") if i < seated else None)
             for i, (n, v, _) in enumerate(VOTES)]  # fmt: skip
    if seated == 9:
        votes = [(n, 100 - i, "chair" if i == 0 else "member") for i, (n, _, _) in enumerate(VOTES)]
    if not refused:
        assert record(world, votes).seats == seated
        return
    before = state()
    with pytest.raises(ValidationError, match=refused) as caught:
        record(world, votes)
    assert "VC-EC-1" in caught.value.messages[0]
    assert state() == before


REFUSALS = [
    ("quorum", {"present": 29}, "到会人数不足，推选无效"),
    ("over", {"present": 46}, "实到人数46人多于应到人数45人"),
    ("after_day", {"chosen_on": date(2026, 4, 19)}, "不能晚于村民委员会选举日2026-04-18"),
    ("unknown_method", {"chosen_by": "lottery"}, "推选方式“lottery”无法识别"),
]


@pytest.mark.parametrize(("case", "changes", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_vc_ec_1_a_wrong_meeting_is_refused_and_changes_nothing(
    world: World, case: str, changes: dict[str, Any], message: str
) -> None:
    """REP-5: the representatives' assembly that chooses needs two thirds of 45 (30) present."""
    before = state()
    with pytest.raises(ValidationError, match=message):
        record(world, **changes)
    assert state() == before


SEAT_REFUSALS = [
    ("not_top", [*VOTES[:4], ("陈静", 60, "member"), ("李小红", 65, None)], "陈静得60票，少于"),
    ("tie", [*VOTES[:4], ("陈静", 65, "member"), ("李小红", 65, None)], "陈静、李小红得票相同"),
    ("no_chair", [(n, v, "member" if r else None) for n, v, r in VOTES], "应有一名主任"),
    ("twice", [*VOTES, ("王建国", 10, None)], "王建国填写了两次"),
    ("zero", [*VOTES[:8], ("周杰", 0, None)], "周杰的得票应为正整数"),
]


@pytest.mark.parametrize(
    ("case", "votes", "message"), SEAT_REFUSALS, ids=[r[0] for r in SEAT_REFUSALS]
)
def test_vc_ec_1_the_seated_are_those_with_most_votes(
    world: World, case: str, votes: list[tuple[str, int, str | None]], message: str
) -> None:
    before = state()
    with pytest.raises(ValidationError, match=message):
        record(world, votes)
    assert state() == before


def test_vc_ec_1_a_member_must_be_a_voter_of_the_village(world: World) -> None:
    child = villager(world, "王小宝", birth=date(2010, 1, 1), relation=HeadRelation.SON)
    votes = [*VOTES[:4], ("王小宝", 75, "member")]
    before = state()
    with pytest.raises(ValidationError, match="王小宝在2026-03-10未满18周岁") as caught:
        record(world, votes)
    assert "VC-REG-1" in caught.value.messages[0]
    assert child.pk and state() == before


def test_vc_ec_1_a_second_record_is_refused(world: World) -> None:
    record(world)
    before = state()
    with pytest.raises(ValidationError, match="已经登记了本届村民选举委员会") as caught:
        record(world)
    assert caught.value.code == "exists"
    assert state() == before


def test_vc_ec_2_a_nominated_member_leaves_and_the_next_in_vote_order_fills(
    world: World,
) -> None:
    committee = record(world)
    _, outcome = nominate(world, "王建国", self_nominee=True)
    (gone,) = outcome.withdrawn
    assert (gone.person.name, gone.leave_rule_ids, gone.left_on) == ("王建国", "VC-EC-2", NOMINATED)
    assert gone.leave_reason == "本人已成为村民委员会自荐人，应退出村民选举委员会。"
    assert [(m.person.name, m.seating, m.replaces) for m in outcome.filled] == [
        ("李小红", "refilled", gone)
    ]
    # The chair's seat is filled by a 委员: the committee names its new chair.
    assert ("李小红", "member") in sitting(committee)
    assert not any(role == "chair" for _, role in sitting(committee))
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["committee.nominee", "committee.withdrawal"]


def test_vc_ec_2_under_sh_only_a_confirmed_candidate_leaves(tree: RegionTree) -> None:
    """SH_2020: `ec.withdraw_trigger = confirmed`."""
    world = people(build_world(tree, "SH_2020"))
    seven = [(n, 100 - i, "chair" if i == 0 else "member") for i, (n, _, _) in enumerate(VOTES[:7])]
    committee = record(world, [*seven, *VOTES[7:]])
    _, outcome = nominate(world, "王建国")
    assert outcome.withdrawn == () and len(sitting(committee)) == 7
    _, outcome = nominate(world, "王建国", stage="confirmed", on=date(2026, 4, 10))
    assert [m.person.name for m in outcome.withdrawn] == ["王建国"]
    assert CommitteeNominee.objects.get(person=world["王建国"]).stage == "confirmed"


def test_vc_ec_3_a_relative_withdraws_and_the_refill_skips_another_relative(
    world: World,
) -> None:
    """李华 stands: his brother 李明 leaves (VC-EC-4); 李小红, next in vote order, is his
    daughter and would leave at once, so 赵强 fills the seat (VC-EC-3)."""
    committee = record(world)
    _, outcome = nominate(world, "李华")
    (gone,) = outcome.withdrawn
    assert gone.person.name == "李明" and gone.leave_rule_ids == "VC-EC-4 KIN-4"
    assert gone.leave_because == world["李华"]
    assert gone.leave_chain == "李明是李华的兄弟"
    assert [m.person.name for m in outcome.filled] == ["赵强"]
    assert committee.members.filter(left_on__isnull=True).count() == 5


def test_vc_ec_4_a_grandmothers_candidacy_with_its_chain(world: World) -> None:
    """ZJ_2025 (`ec.withdraw_relatives = near_relatives`): 张伟 leaves when his maternal
    grandmother stands; the chain names the daughter it runs through."""
    record(world)
    _, outcome = nominate(world, "吴秀英")
    (gone,) = outcome.withdrawn
    assert gone.leave_chain == "张伟是吴秀英的外孙（张伟是吴兰的儿子，吴兰是吴秀英的女儿）"
    assert gone.leave_reason.startswith(gone.leave_chain)
    assert gone.leave_rule_ids == "VC-EC-4 KIN-4"


def test_vc_ec_4_zj_2020_does_not_reach_grandparents(tree: RegionTree) -> None:
    """ZJ_2020 names spouse, parents, children and siblings only."""
    world = people(build_world(tree, "ZJ_2020"))
    record(world)
    _, outcome = nominate(world, "吴秀英")
    assert outcome.withdrawn == ()


def test_vc_ec_4_a_pending_derived_link_does_not_make_a_member_leave(tree: RegionTree) -> None:
    """Kinship counts only confirmed or registered links (people.selectors.recusal_relations):
    the register's suggestion that 李华 is 李明's brother is not yet a fact."""
    world = people(build_world(tree), pending=True)
    committee = record(world)
    _, outcome = nominate(world, "李华")
    assert outcome.withdrawn == ()
    assert len(sitting(committee)) == 5


def test_vc_ec_3_a_tie_at_the_last_vacancy_needs_a_fresh_selection(world: World) -> None:
    """李明 and 张伟 leave over two nominees; 李小红 would leave, 赵强 fills one seat and 孙丽 and
    周杰, tied at 50, cannot be told apart by the order: a fresh 推选 is said to be needed."""
    committee = record(world)
    nominate(world, "李华")
    _, outcome = nominate(world, "吴秀英", on=date(2026, 3, 26))
    assert [m.person.name for m in outcome.withdrawn] == ["张伟"]
    assert outcome.filled == ()
    committee.refresh_from_db()
    assert "得票相同（50票）" in committee.vacancy_note
    assert "重新推选" in committee.vacancy_note
    assert [f.rule_id for f in outcome.findings] == ["VC-EC-3", "VC-EC-1"]
    assert len(sitting(committee)) == 4


def test_vc_ec_2_the_service_takes_the_nominees_of_a_later_feature(world: World) -> None:
    """Nominations (a later feature) pass their nominees straight to the service."""
    committee = record(world)
    outcome = committee_withdrawals_apply(
        committee=committee,
        nominees=[NomineeInput(world["刘芳"], "nominated", True)],
        on=NOMINATED,
        acting_user=None,
    )
    assert [m.person.name for m in outcome.withdrawn] == ["刘芳"]
    assert [m.person.name for m in outcome.filled] == ["李小红"]


NOMINEE_REFUSALS = [
    ("before", {"on": date(2026, 3, 1)}, "早于村民选举委员会推选产生的日期"),
    ("after", {"on": date(2026, 4, 20)}, "晚于村民委员会选举日"),
    ("stage", {"stage": "elected"}, "阶段“elected”无法识别"),
]


@pytest.mark.parametrize(
    ("case", "changes", "message"), NOMINEE_REFUSALS, ids=[r[0] for r in NOMINEE_REFUSALS]
)
def test_vc_ec_2_a_wrong_nominee_entry_changes_nothing(
    world: World, case: str, changes: dict[str, Any], message: str
) -> None:
    record(world)
    before = state()
    with pytest.raises(ValidationError, match=message):
        nominate(world, "王建国", **changes)
    assert state() == before


def test_vc_ec_2_a_nominee_recorded_twice_is_refused(world: World) -> None:
    record(world)
    nominate(world, "李华")
    before = state()
    with pytest.raises(ValidationError, match="李华已于2026-03-25登记") as caught:
        nominate(world, "李华")
    assert caught.value.code == "exists"
    assert state() == before


def test_a_new_chair_makes_the_sitting_one_a_member(world: World) -> None:
    committee = record(world)
    member = committee.members.get(person=world["刘芳"])
    committee_member_role_set(member=member, role="chair", acting_user=None)
    assert sitting(committee)[:4] == [
        ("王建国", "member"),
        ("李明", "vice_chair"),
        ("张伟", "member"),
        ("刘芳", "chair"),
    ]
    before = state()
    with pytest.raises(ValidationError, match="刘芳已经是主任"):
        committee_member_role_set(member=member, role="chair", acting_user=None)
    assert state() == before
