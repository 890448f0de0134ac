"""The next step created by the system from the outcome, in the count's transaction, and the
later rounds counted from tally sheets with the contest terms tally-io.md pins (round, tie_of,
candidates, elected_before). 东坑村: 10 voters, ZJ_2025, chair 1, vice chair 1, member 2,
women member 1; one box (the central venue)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.contest import Numbers
from huanjie.ballots.entry_day import round_day_set
from huanjie.ballots.models import RoundLink, RoundResult, StepKind
from huanjie.ballots.rounds import next_plan
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests.world import TallyWorld, build
from huanjie.elections.models import Election, OfficeHolder, Round
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.tally.text import recount

pytestmark = pytest.mark.django_db

ALL_ELECTED = {
    "chair": {"张伟": 6},
    "vice_chair": {"赵刚": 7},
    "member": {"刘洋": 6, "周杰": 5, "王强": 5},
    "women_member": {"李梅": 7},
}


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    tw = build(tree)
    tw.mobile.delete()
    return tw


def both(tw: TallyWorld, election: Election, numbers: Numbers) -> RoundResult | None:
    """Both clerks enter the central venue's sheet alike; the round's result when counted.
    A round the system created gets its day first (the day of the round before it)."""
    if election.election_day is None:
        link = RoundLink.objects.select_related("previous").get(election=election)
        day = link.previous.election_day
        assert day is not None
        round_day_set(election=election, day=day, acting_user=tw.first)
    sheet_entry_record(election=election, box=tw.central, numbers=numbers, acting_user=tw.first)
    done = sheet_entry_record(
        election=election, box=tw.central, numbers=numbers, acting_user=tw.second
    )
    return done.result


def following(election: Election) -> Election:
    return RoundLink.objects.select_related("election").get(previous=election).election


def seats(election: Election) -> dict[str, int]:
    return {s.post: s.seats for s in election.seats.all()}


def holders(election: Election) -> list[tuple[str, str]]:
    rows = OfficeHolder.objects.filter(election=election).order_by("id")
    return [(h.person.name, h.post) for h in rows]


def test_vc_tally_6_first_round_tie_creates_a_tie_revote_of_the_tied_then_complete(
    tw: TallyWorld,
) -> None:
    first = tw.world.election
    result = both(tw, first, Numbers(8, 8, 0, 0, ALL_ELECTED))
    assert result is not None and result.outcome["next"] == "tie_revote"
    # The elected are recorded as office holders of this election, in the same transaction.
    assert holders(first) == [
        ("张伟", "chair"),
        ("赵刚", "vice_chair"),
        ("刘洋", "member"),
        ("李梅", "women_member"),
    ]
    tie = following(first)
    link = tie.round_link
    assert (tie.round, tie.round_number, link.kind) == (Round.TIE_REVOTE, 2, StepKind.TIE_REVOTE)
    assert seats(tie) == {"member": 1} and link.candidates == {"member": ["周杰", "王强"]}
    assert link.tie_of == "first" and tie.election_day == first.election_day
    assert {"person": "刘洋", "post": "member"} in link.elected_before

    # The tie re-vote is counted from its own sheets: only the tied can win (VC-TALLY-6).
    second = both(tw, tie, Numbers(8, 8, 0, 0, {"member": {"周杰": 5, "王强": 3}}))
    assert second is not None
    assert second.contest["round"] == "tie_revote" and second.contest["tie_of"] == "first"
    assert second.contest["candidates"] == {"member": ["周杰", "王强"]}
    assert second.outcome["next"] == "complete"
    assert [e["person"] for e in second.outcome["elected"]] == ["周杰"]
    assert holders(tie) == [("周杰", "member")]
    assert not RoundLink.objects.filter(previous=tie).exists()
    # The stored contest is what `huanjie tally` re-counts, identically.
    _, outcome = recount(__import__("json").dumps(second.contest).encode(), "contest")
    assert outcome.to_dict() == second.outcome


def test_vc_tally_7_unfilled_seat_creates_a_supplementary_round_with_candidates_and_deadline(
    tw: TallyWorld,
) -> None:
    first = tw.world.election
    votes = dict(
        ALL_ELECTED, vice_chair={"赵刚": 4, "王强": 3, "陈静": 1}, member={"刘洋": 6, "周杰": 5}
    )
    result = both(tw, first, Numbers(8, 8, 0, 0, votes))
    assert result is not None and result.outcome["next"] == "supplementary_round"
    supp = following(first)
    link = supp.round_link
    assert (supp.round, link.kind, link.engine_round) == (
        Round.SUPPLEMENTARY,
        StepKind.SUPPLEMENTARY,
        "supplementary",
    )
    # Seats open (1) + supp.extra_candidates_per_post (1): the two not elected with most votes.
    assert seats(supp) == {"vice_chair": 1}
    assert link.candidates == {"vice_chair": ["赵刚", "王强"]}
    days = load_profile("ZJ_2025").get_int("supp.max_days_after")
    assert first.election_day is not None
    assert link.deadline == first.election_day + timedelta(days=days)
    assert supp.election_day is None


def test_vc_tally_7_supplementary_round_elected_on_a_third_then_complete(tw: TallyWorld) -> None:
    first = tw.world.election
    votes = dict(ALL_ELECTED, vice_chair={"赵刚": 4, "王强": 3}, member={"刘洋": 6, "周杰": 5})
    both(tw, first, Numbers(8, 8, 0, 0, votes))
    supp = following(first)
    # 3 votes of 8 collected: 3 × 3 ≥ 8 (VC-TALLY-7's third, not a majority).
    result = both(tw, supp, Numbers(8, 8, 0, 0, {"vice_chair": {"赵刚": 3, "王强": 2}}))
    assert result is not None
    assert result.contest["round"] == "supplementary"
    assert {"person": "张伟", "post": "chair"} in result.contest["elected_before"]
    assert result.outcome["next"] == "complete"
    assert holders(supp) == [("赵刚", "vice_chair")]


def test_vc_tally_8_supplementary_without_enough_elected_opens_another(tw: TallyWorld) -> None:
    first = tw.world.election
    # Only two elected in the first round: after the 另行选举 VC-TALLY-8 needs 3 to leave seats.
    votes = {"chair": {"张伟": 6}, "women_member": {"李梅": 7}, "member": {"刘洋": 2}}
    both(tw, first, Numbers(8, 8, 0, 0, votes))
    supp = following(first)
    assert seats(supp) == {"vice_chair": 1, "member": 2}
    result = both(tw, supp, Numbers(8, 8, 0, 0, {"member": {"刘洋": 2}}))
    assert result is not None and result.outcome["next"] == "supplementary_round"
    again = following(supp)
    assert again.round == Round.SUPPLEMENTARY and again.round_number == 3
    # Ranked by the 另行选举's own totals this time.
    assert again.round_link.candidates == {"member": ["刘洋"]}


def test_vc_tally_1_void_vote_creates_a_revote_with_the_same_seats(tw: TallyWorld) -> None:
    first = tw.world.election
    # 4 of 10 registered voted: not more than half (VC-TALLY-1).
    result = both(tw, first, Numbers(4, 4, 0, 0, {"chair": {"张伟": 4}}))
    assert result is not None and result.outcome["valid"] is False
    assert result.outcome["next"] == "revote"
    revote = following(first)
    assert (revote.round, revote.round_link.kind) == (Round.REVOTE, StepKind.REVOTE)
    assert seats(revote) == seats(first) and revote.round_link.engine_round == "first"
    assert holders(first) == []
    again = both(tw, revote, Numbers(8, 8, 0, 0, dict(ALL_ELECTED, member={"刘洋": 6, "周杰": 5})))
    assert again is not None and again.outcome["next"] == "complete"


def test_vc_tally_6_seats_open_before_a_tie_revote_go_to_the_supplementary_after_it(
    tw: TallyWorld,
) -> None:
    first = tw.world.election
    votes = dict(ALL_ELECTED, vice_chair={"赵刚": 4, "陈静": 3})
    result = both(tw, first, Numbers(8, 8, 0, 0, votes))
    assert result is not None and result.outcome["next"] == "tie_revote"
    tie = following(first)
    assert tie.round_link.pending_unfilled == {"vice_chair": 1}
    both(tw, tie, Numbers(8, 8, 0, 0, {"member": {"周杰": 5, "王强": 3}}))
    supp = following(tie)
    assert supp.round == Round.SUPPLEMENTARY and seats(supp) == {"vice_chair": 1}
    # Ranked by the first round's totals (the tie re-vote lists only the tied).
    assert supp.round_link.candidates == {"vice_chair": ["赵刚", "陈静"]}


def test_pb_quorum_1_new_meeting_plan_holds_the_same_round_again(tw: TallyWorld) -> None:
    first = tw.world.election
    result = RoundResult(
        election=first,
        contest={"profile": "ZJ_2025", "seats": {"secretary": 1}, "votes": {}},
        outcome={"next": "new_meeting", "elected": [], "unfilled": {}, "tie_revote": []},
    )
    plan = next_plan(first, result, date(2026, 3, 1))
    assert plan is not None and plan.kind == StepKind.NEW_MEETING
    assert plan.seats == {"secretary": 1} and plan.engine_round == "first"


def test_a_tie_revote_made_by_hand_is_not_counted_here(tw: TallyWorld) -> None:
    by_hand = Election.objects.create(
        plan=tw.world.election.plan,
        body=tw.world.election.body,
        round=Round.TIE_REVOTE,
        round_number=2,
        method=tw.world.election.method,
    )
    with pytest.raises(ValidationError, match="须由系统按上一轮结果建立"):
        sheet_entry_record(
            election=by_hand, box=tw.central, numbers=Numbers(8, 8, 0, 0), acting_user=tw.first
        )
