"""The roll of a party election on its election day and "should attend" derived from it, on
worked numbers (rules.md §B.3 PB-RIGHTS-1/2, §B.6 PB-QUORUM-1/2, H-7, SEED-PB-REG)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.elections.models import AttendanceExclusion, Ground
from huanjie.elections.party import roll as roll_module
from huanjie.elections.party.roll import party_roll
from huanjie.elections.party.services import (
    exclusion_consent_record,
    exclusion_meeting_record,
    exclusion_propose,
    member_register,
)
from huanjie.elections.tests.party_world import (
    BEFORE,
    DAY,
    PartyWorld,
    build_party_world,
    member,
    members,
    villager,
)
from huanjie.people.models import MembershipStatus, PoliticalStatus, RegisterStatus, Sex
from huanjie.rules.profiles.profile import load_profile

DAY_AFTER = DAY + timedelta(days=1)


@pytest.fixture
def world(tree: RegionTree) -> PartyWorld:
    return build_party_world(tree)


def _exclude(world: PartyWorld, name: str, ground: str, *, consent: bool, meeting: bool) -> Any:
    exclusion = exclusion_propose(
        election=world.election,
        person=world[name],
        ground=ground,
        detail="情况属实",
        acting_user=None,
        today=BEFORE,
    )
    if consent:
        exclusion = exclusion_consent_record(
            exclusion=exclusion,
            on=BEFORE,
            approver="中共鹤溪街道工作委员会",
            document="鹤街党〔2026〕5号",
            acting_user=None,
            today=BEFORE,
        )
    if meeting:
        exclusion = exclusion_meeting_record(
            exclusion=exclusion, on=BEFORE, acting_user=None, today=BEFORE
        )
    return exclusion


def _counts(world: PartyWorld, on: date | None = None) -> dict[str, int]:
    roll = party_roll(village=world.village, on=on)
    return {line.key: line.count for line in roll.lines} | {"required": roll.quorum.required}


def test_pb_rights_1_full_members_vote_the_others_do_not(world: PartyWorld) -> None:
    member(world, "正式")
    member(world, "预备", MembershipStatus.PROBATIONARY)
    member(world, "暂停", suspended=True)
    member(world, "察看", probation_until=DAY + timedelta(days=100))
    roll = party_roll(village=world.village)
    assert roll.on == DAY and roll.on_election_day
    by_name = {r.person.name: r for r in roll.rows}
    assert by_name["正式"].rights.has_rights and by_name["正式"].counted
    assert (by_name["预备"].rights.rule_id, by_name["预备"].rights.has_rights) == (
        "PB-RIGHTS-1",
        False,
    )
    assert "预备党员没有表决权" in by_name["预备"].rights.reason
    assert by_name["暂停"].rights.rule_id == "PB-RIGHTS-1"
    assert "留置或逮捕" in by_name["暂停"].rights.reason
    assert by_name["察看"].rights.rule_id == "PB-RIGHTS-2"
    assert not any(by_name[n].counted for n in ("预备", "暂停", "察看"))
    assert roll.outcome.voting_members == 2  # 正式 and the tree's head


@pytest.mark.parametrize(
    ("probation_until", "on", "votes"),
    [
        (DAY - timedelta(days=1), DAY, True),  # ended the day before: rights back on the day
        (DAY, DAY, False),  # its last day is the election day: no rights yet
        (DAY, DAY_AFTER, True),  # restored the day after its last day
        (DAY + timedelta(days=700), DAY, False),  # two years, running through the day
    ],
    ids=["ended-the-day-before", "last-day-is-election-day", "day-after", "two-years"],
)
def test_pb_rights_2_rights_back_the_day_after_probation_ends(
    world: PartyWorld, probation_until: date, on: date, votes: bool
) -> None:
    member(world, "察看", probation_until=probation_until)
    row = next(r for r in party_roll(village=world.village, on=on).rows if r.person.name == "察看")
    assert row.rights.has_rights is votes
    if not votes:
        assert f"{probation_until + timedelta(days=1)}起恢复" in row.rights.reason


def test_pb_quorum_2_the_worked_sheet_48_full_members_43_should_attend(world: PartyWorld) -> None:
    """正式党员 48 名，其中留党察看 1 名、权利暂停 1 名，有表决权的党员 46 名；经上级党组织同意
    并经党员大会通过不列入 3 名；应到会 43 名；到会须 ≥ 4/5 → 35 名."""
    members(world, 44)  # with the head: 45 full members with rights so far
    member(world, "察看", probation_until=DAY + timedelta(days=200))
    member(world, "暂停", suspended=True)
    member(world, "出国", floating=True)
    members(world, 2, "预备", status=MembershipStatus.PROBATIONARY)
    _exclude(world, "党员1", Ground.ILLNESS, consent=True, meeting=True)
    _exclude(world, "党员2", Ground.BEDRIDDEN, consent=True, meeting=True)
    _exclude(world, "出国", Ground.ABROAD, consent=True, meeting=True)
    counts = _counts(world)
    assert counts == {
        "members": 50,
        "full": 48,
        "probation": 1,
        "suspended": 1,
        "voting": 46,
        "excluded": 3,
        "unregistered": 0,
        "should_attend": 43,
        "required": 35,
    }
    roll = party_roll(village=world.village)
    assert roll.summary == (
        "党员50名，其中预备党员2名；正式党员48名，其中留党察看期间1名、权利暂停1名，"
        "有表决权的党员46名；经上级党组织同意并经党员大会通过不列入应到会人数3名（"
        "因病1名、年老卧床或长期患病1名、出国（境）1名）；"
        "应到会43名。"
    )
    assert [line.rule_id for line in roll.lines] == [
        "PB-RIGHTS-1", "PB-RIGHTS-1", "PB-RIGHTS-2", "PB-RIGHTS-1", "PB-RIGHTS-1",
        "PB-QUORUM-2", "SEED-PB-REG", "PB-QUORUM-2",
    ]  # fmt: skip


def test_pb_quorum_2_h7_44_voting_4_exclusions_40_should_attend(world: PartyWorld) -> None:
    """H-7: 48 members, 3 probationary; 45 full, 1 under 留党察看 → 44; 4 approved exclusions
    (1 mentally ill, 1 abroad, 2 bedridden) → 40."""
    members(world, 43)
    member(world, "察看", probation_until=DAY + timedelta(days=30))
    members(world, 3, "预备", status=MembershipStatus.PROBATIONARY)
    for name, ground in [("党员1", Ground.ILLNESS), ("党员2", Ground.ABROAD),
                         ("党员3", Ground.BEDRIDDEN), ("党员4", Ground.BEDRIDDEN)]:  # fmt: skip
        _exclude(world, name, ground, consent=True, meeting=True)
    counts = _counts(world)
    assert (counts["members"], counts["voting"], counts["should_attend"]) == (48, 44, 40)


@pytest.mark.parametrize(
    ("consent", "meeting", "excluded"),
    [(True, False, 0), (False, True, 0), (False, False, 0), (True, True, 1)],
    ids=["consent-only", "meeting-only", "neither", "both"],
)
def test_pb_quorum_2_an_exclusion_with_one_approval_does_not_count(
    world: PartyWorld, consent: bool, meeting: bool, excluded: int
) -> None:
    members(world, 4)
    _exclude(world, "党员1", Ground.AWAY, consent=consent, meeting=meeting)
    roll = party_roll(village=world.village)
    assert (roll.outcome.voting_members, roll.outcome.should_attend) == (5, 5 - excluded)
    row = next(r for r in roll.rows if r.person.name == "党员1")
    assert row.counted is (excluded == 0)
    pending = [f for f in roll.issues if f.rule_id == "PB-QUORUM-2" and "党员1" in f.message]
    assert bool(pending) is (excluded == 0)
    if excluded == 0:
        assert row.state == "应到会（不列入尚待批准）"
        assert "仍计入应到会人数" in pending[0].message


def test_pb_quorum_2_a_withdrawn_exclusion_counts_the_member_again(world: PartyWorld) -> None:
    from huanjie.elections.party.services import exclusion_withdraw

    members(world, 4)
    exclusion = _exclude(world, "党员1", Ground.AWAY, consent=True, meeting=True)
    assert _counts(world)["should_attend"] == 4
    exclusion_withdraw(exclusion=exclusion, reason="本人已回村", acting_user=None)
    assert _counts(world)["should_attend"] == 5
    roll = party_roll(village=world.village)
    assert [e.pk for e in roll.withdrawn] == [exclusion.pk]


@pytest.mark.parametrize(
    ("should", "required"),
    [(40, 32), (43, 35), (5, 4), (1, 1), (0, 0)],
    ids=["h7-40", "sheet-43", "5", "1", "0"],
)
def test_pb_quorum_1_four_fifths_at_least(world: PartyWorld, should: int, required: int) -> None:
    """PB_2020: `5*present >= 4*should_attend`: the least present is ⌈4/5 × should⌉."""
    if should == 0:
        from huanjie.people.models import PartyMembership

        PartyMembership.objects.filter(person=world["head"]).delete()
    else:
        members(world, should - 1)
    roll = party_roll(village=world.village)
    assert (roll.quorum.base, roll.quorum.required) == (should, required)
    assert roll.quorum.phrase == "五分之四以上"
    assert 5 * required >= 4 * should and (required == 0 or 5 * (required - 1) < 4 * should)
    assert "PB-QUORUM-1" not in [line.rule_id for line in roll.lines]  # it is the quorum's own


def test_pb_quorum_1_gtzx_counts_all_voting_members(tree: RegionTree) -> None:
    """GTZX: the quorum's base is every voting member, exclusions or not (SEED-GTZX-2)."""
    world = build_party_world(tree, party_profile="GTZX")
    members(world, 43)
    _exclude(world, "党员1", Ground.ILLNESS, consent=True, meeting=True)
    roll = party_roll(village=world.village)
    assert (roll.outcome.voting_members, roll.outcome.should_attend) == (44, 43)
    assert (roll.quorum.base_label, roll.quorum.base, roll.quorum.required) == (
        "有表决权的党员",
        44,
        36,
    )


def _registration_on(monkeypatch: pytest.MonkeyPatch) -> None:
    profile = load_profile("PB_2020", {"pb.registration_defines_should_attend": True})
    monkeypatch.setattr(roll_module, "load_profile", lambda _id: profile)


@pytest.mark.parametrize("switch", [False, True], ids=["off", "on"])
def test_seed_pb_reg_unregistered_members_left_out_only_when_on(
    world: PartyWorld, monkeypatch: pytest.MonkeyPatch, switch: bool
) -> None:
    if switch:
        _registration_on(monkeypatch)
    members(world, 5)
    member(world, "预备", MembershipStatus.PROBATIONARY)
    for name in ("head", "党员1", "党员2", "预备"):
        member_register(
            election=world.election,
            person=world[name],
            on=BEFORE,
            method="in_person",
            acting_user=None,
            today=BEFORE,
        )
    # 党员3 is excluded with both approvals and did not register: left out once, not twice.
    _exclude(world, "党员3", Ground.ABROAD, consent=True, meeting=True)
    roll = party_roll(village=world.village)
    assert roll.registration_defines is switch
    assert roll.registered == 4
    line = next(line for line in roll.lines if line.key == "unregistered")
    assert line.rule_id == "SEED-PB-REG"
    if switch:
        assert (roll.outcome.voting_members, roll.outcome.should_attend) == (6, 3)
        assert line.count == 2  # 党员4, 党员5
        assert {r.person.name for r in roll.rows if r.left_out_unregistered} == {"党员4", "党员5"}
    else:
        assert (roll.outcome.voting_members, roll.outcome.should_attend) == (6, 5)
        assert line.count == 0 and "登记仅供了解" in line.note


def test_members_known_only_by_political_status_are_listed_and_not_counted(
    world: PartyWorld,
) -> None:
    villager(world, "未入册", political_status=PoliticalStatus.FULL_MEMBER)
    gone = member(world, "已迁出")
    gone.status, gone.status_on = RegisterStatus.MOVED_OUT, BEFORE
    gone.save()
    roll = party_roll(village=world.village)
    assert [p.name for p in roll.off_roll] == ["未入册"]
    assert [r.person.name for r in roll.rows] == [world["head"].name]
    assert any("不在党员名册中" in f.message for f in roll.issues)


def test_party_figures_women_and_minorities(world: PartyWorld) -> None:
    member(world, "女党员", sex=Sex.FEMALE)
    member(world, "畲族党员", ethnicity="畲族")
    roll = party_roll(village=world.village)
    assert (len(roll.rows), roll.women, roll.minorities) == (3, 1, 1)


def test_without_a_day_the_roll_is_as_of_today(tree: RegionTree) -> None:
    world = build_party_world(tree, day=None)
    roll = party_roll(village=world.village)
    assert not roll.on_election_day and roll.election is not None


def test_a_village_without_a_party_election_still_has_its_roll(tree: RegionTree) -> None:
    roll = party_roll(village=tree.a1)
    assert roll.election is None
    assert [r.person.pk for r in roll.rows] == [tree.heads["a1"].pk]
    assert AttendanceExclusion.objects.count() == 0
