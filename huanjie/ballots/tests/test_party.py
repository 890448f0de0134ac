"""Party-organization elections counted from tally sheets (issue 10): rules.md H-7's numbers for
the members' meeting (PB-QUORUM-1/2, PB-BALLOT-1/2, PB-WIN-1/3), the committee's first plenary
(PB-SEC-1, PB-QUORUM-3, PB-BALLOT-5) and the higher-level approval (PB-WIN-4), with every next
step the system creates (new_meeting, supplementary_round, plenary, approval)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots import party
from huanjie.ballots.certification import result_certify, result_reopen
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import PartyApproval, RoundLink, RoundResult, StepKind, TallySheet
from huanjie.ballots.selectors import contest_text
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests.party_world import A, B, C, D, E, F, PartyTally, build, h7_sheet
from huanjie.elections.models import Election, ElectionStatus, OfficeHolder, Round
from huanjie.rules.tally.text import recount

pytestmark = pytest.mark.django_db


@pytest.fixture
def pt(tree: RegionTree) -> PartyTally:
    return build(tree)


def _next(election: Election) -> Election:
    return RoundLink.objects.select_related("election").get(previous=election).election


def _plenary_sheet(present: int = 4, **votes: dict[str, int]) -> Numbers:
    chosen = votes or {"secretary": {A: 4}, "deputy_secretary": {B: 3, C: 1}}
    return Numbers(present, present, 0, 0, chosen, present)


def _committee(pt: PartyTally) -> Election:
    """H-7 under PB_2020: A–D elected, E in the 另行选举; the plenary the system creates."""
    pt.both(pt.election, h7_sheet())
    supplementary = _next(pt.election)
    pt.both(supplementary, Numbers(32, 32, 0, 0, {"member": {E: 25, F: 5}}, 32))
    return _next(supplementary)


def test_PB_QUORUM_2_should_attend_comes_from_the_party_roll(pt: PartyTally) -> None:
    result = pt.both(pt.election, h7_sheet())
    assert result is not None
    assert result.contest["should_attend"] == 40
    assert result.contest["present"] == 32
    assert result.contest["seats"] == {"member": 5}  # the plenary elects the officers


def test_PB_QUORUM_1_exactly_four_fifths_present_holds_the_meeting(pt: PartyTally) -> None:
    result = pt.both(pt.election, h7_sheet(present=32))
    assert result is not None and result.outcome["valid"] is True
    assert result.outcome["reasons"][0] == "PB-QUORUM-1"


def test_PB_QUORUM_1_thirty_one_present_is_no_quorum_and_a_new_meeting(pt: PartyTally) -> None:
    result = pt.both(pt.election, h7_sheet(present=31, issued=31, collected=31))
    assert result is not None
    assert result.outcome["valid"] is False
    assert result.outcome["rule"] == "PB-QUORUM-1"
    assert result.outcome["next"] == "new_meeting"
    following = _next(pt.election)
    link = RoundLink.objects.get(election=following)
    assert link.kind == StepKind.NEW_MEETING
    assert following.round == Round.REVOTE
    assert following.seats.get().post == "member" and following.seats.get().seats == 5
    pt.election.refresh_from_db()
    assert pt.election.status == ElectionStatus.VOID
    # The new meeting is counted from its own sheet on the same roll.
    again = pt.both(following, h7_sheet())
    assert again is not None and again.outcome["valid"] is True


def test_PB_BALLOT_1_more_collected_than_issued_is_refused_at_entry(pt: PartyTally) -> None:
    with pytest.raises(ValidationError) as refused:
        sheet_entry_record(
            election=pt.election,
            box=pt.central,
            numbers=h7_sheet(collected=33, issued=32, present=33),
            acting_user=pt.first,
        )
    assert "PB-BALLOT-1" in str(refused.value)
    assert not TallySheet.objects.filter(election=pt.election).exists()


def test_PB_BALLOT_2_the_over_voted_ballot_is_invalid_and_31_are_valid(pt: PartyTally) -> None:
    result = pt.both(pt.election, h7_sheet())
    assert result is not None
    assert result.contest["invalid_ballots"] == 1
    # One person's votes above the 31 valid ballots cannot be true: refused at entry.
    with pytest.raises(ValidationError):
        sheet_entry_record(
            election=_next(pt.election),
            box=pt.central,
            numbers=Numbers(30, 30, 0, 0, {"member": {E: 31}}, 30),
            acting_user=pt.first,
        )


def test_PB_WIN_1_base_should_attend_40_bar_21_elects_four(pt: PartyTally) -> None:
    result = pt.both(pt.election, h7_sheet())
    assert result is not None
    assert result.outcome["threshold"] == {"member": 21}
    assert [e["person"] for e in result.outcome["elected"]] == [A, B, C, D]


def test_PB_WIN_1_base_present_32_under_PB_1990_bar_17_elects_five(tree: RegionTree) -> None:
    pt = build(tree, party_profile="PB_1990")
    result = pt.both(pt.election, h7_sheet())
    assert result is not None
    assert result.outcome["threshold"] == {"member": 17}
    assert [e["person"] for e in result.outcome["elected"]] == [A, B, C, D, E]
    assert result.outcome["next"] == "complete"
    plenary = _next(pt.election)
    assert plenary.round == Round.PLENARY


def test_PB_WIN_3_four_of_five_gives_a_supplementary_round_with_E_and_F(pt: PartyTally) -> None:
    result = pt.both(pt.election, h7_sheet())
    assert result is not None
    assert result.outcome["next"] == "supplementary_round"
    assert any(w["rule"] == "PB-WIN-3" for w in result.outcome["warnings"])
    following = _next(pt.election)
    link = RoundLink.objects.get(election=following)
    assert link.kind == StepKind.SUPPLEMENTARY
    assert link.candidates == {"member": [E, F]}
    assert {s["person"] for s in link.elected_before} == {A, B, C, D}
    # The 另行选举 still needs more than half of those who should attend (21).
    failed = pt.both(following, Numbers(32, 32, 0, 0, {"member": {E: 20, F: 10}}, 32))
    assert failed is not None and failed.outcome["elected"] == []
    assert failed.outcome["threshold"] == {"member": 21}


def test_PB_WIN_2_a_tie_at_the_last_seat_is_a_revote_among_the_tied(pt: PartyTally) -> None:
    tied = Numbers(32, 32, 0, 0, {"member": {A: 30, B: 28, C: 22, D: 21, E: 21, F: 21}}, 32)
    result = pt.both(pt.election, tied)
    assert result is not None and result.outcome["next"] == "tie_revote"
    following = _next(pt.election)
    link = RoundLink.objects.get(election=following)
    assert link.candidates == {"member": sorted([D, E, F])}
    assert {s.post: s.seats for s in following.seats.all()} == {"member": 2}


def test_PB_SEC_1_the_complete_committee_gets_its_first_plenary(pt: PartyTally) -> None:
    plenary = _committee(pt)
    assert plenary.round == Round.PLENARY
    link = RoundLink.objects.get(election=plenary)
    assert link.kind == StepKind.PLENARY
    committee = sorted([A, B, C, D, E])
    assert link.candidates == {"secretary": committee, "deputy_secretary": committee}
    assert {s.post: s.seats for s in plenary.seats.all()} == {
        "secretary": 1,
        "deputy_secretary": 1,
    }
    # Nobody is an office holder before the plenary and the approval.
    assert not OfficeHolder.objects.filter(election__plan=pt.election.plan).exists()


def test_PB_SEC_1_the_plenary_elects_secretary_and_deputy_pending_approval(
    pt: PartyTally,
) -> None:
    plenary = _committee(pt)
    result = pt.both(plenary, _plenary_sheet())
    assert result is not None
    assert result.contest["should_attend"] == 5
    assert [(e["person"], e["post"]) for e in result.outcome["elected"]] == [
        (A, "secretary"),
        (B, "deputy_secretary"),
    ]
    assert result.outcome["threshold"] == {"secretary": 3, "deputy_secretary": 3}
    state = party.approval_state(plenary)
    assert state is not None and state.pending and state.label == "待上级党委审批"
    # The stored contest re-counts to the same outcome (huanjie tally).
    assert recount(contest_text(result), "contest")[1].to_dict() == result.outcome


def test_PB_QUORUM_3_the_plenary_needs_four_of_five_members(pt: PartyTally) -> None:
    plenary = _committee(pt)
    result = pt.both(plenary, _plenary_sheet(present=3, secretary={A: 3}))
    assert result is not None
    assert result.outcome["valid"] is False and result.outcome["next"] == "new_meeting"
    again = _next(plenary)
    assert RoundLink.objects.get(election=again).kind == StepKind.NEW_MEETING
    # The new meeting is still the plenary: the committee is its base.
    counted = pt.both(again, _plenary_sheet())
    assert counted is not None and counted.contest["should_attend"] == 5


def test_PB_BALLOT_5_a_write_in_outside_the_new_committee_is_refused(pt: PartyTally) -> None:
    plenary = _committee(pt)
    with pytest.raises(ValidationError) as refused:
        sheet_entry_record(
            election=plenary,
            box=pt.central,
            numbers=_plenary_sheet(secretary={A: 3, F: 1}),
            acting_user=pt.first,
        )
    assert refused.value.code == "PB-BALLOT-5"
    assert F in refused.value.messages[0]


def test_PB_RIGHTS_3_a_party_sheet_is_not_entered_for_a_mobile_box(pt: PartyTally) -> None:
    with pytest.raises(ValidationError) as refused:
        sheet_entry_record(
            election=pt.election, box=pt.mobile, numbers=h7_sheet(), acting_user=pt.first
        )
    assert refused.value.code == "PB-RIGHTS-3"


def test_PB_QUORUM_1_a_sheet_without_members_present_is_refused(pt: PartyTally) -> None:
    no_present = Numbers(32, 32, 1, 0, {"member": {A: 30}})
    with pytest.raises(ValidationError) as refused:
        sheet_entry_record(
            election=pt.election, box=pt.central, numbers=no_present, acting_user=pt.first
        )
    assert refused.value.code == "PB-QUORUM-1"


def test_PB_WIN_4_the_approval_makes_the_office_holders(pt: PartyTally) -> None:
    plenary = _committee(pt)
    pt.both(plenary, _plenary_sheet())
    township = user_for(Role.TOWNSHIP_OFFICER, pt.world.tree.township_a, username="tw")
    _, unmatched = party.approval_record(
        election=plenary,
        approver="中共某某镇委员会",
        approved_on=timezone.localdate(),
        document_number="某党〔2026〕12号",
        acting_user=township,
    )
    assert unmatched == []
    assert PartyApproval.objects.get().document_number == "某党〔2026〕12号"
    held = {
        (h.person.name, h.post)
        for h in OfficeHolder.objects.filter(election__plan=pt.election.plan)
    }
    assert held == {
        (A, "secretary"),
        (B, "deputy_secretary"),
        (C, "member"),
        (D, "member"),
        (E, "member"),
    }
    state = party.approval_state(plenary)
    assert state is not None and state.label == "已经上级党委批准"
    # Twice is refused; the approved election cannot be reopened.
    with pytest.raises(ValidationError):
        party.approval_record(
            election=plenary,
            approver="中共某某镇委员会",
            approved_on=timezone.localdate(),
            document_number="x",
            acting_user=township,
        )
    with pytest.raises(ValidationError):
        result_reopen(election=plenary, reason="录错", box_names=["中心会场"], acting_user=township)


def test_PB_WIN_4_no_approval_on_the_members_meeting_or_by_a_clerk(pt: PartyTally) -> None:
    plenary = _committee(pt)
    township = user_for(Role.TOWNSHIP_OFFICER, pt.world.tree.township_a, username="tw")
    members_meeting = RoundLink.objects.get(election=plenary).previous
    with pytest.raises(ValidationError) as refused:
        party.approval_record(
            election=members_meeting,
            approver="中共某某镇委员会",
            approved_on=timezone.localdate(),
            document_number="某党〔2026〕12号",
            acting_user=township,
        )
    assert refused.value.code == "PB-SEC-1"
    with pytest.raises(ValidationError) as not_yet:
        party.approval_record(
            election=plenary,
            approver="中共某某镇委员会",
            approved_on=timezone.localdate(),
            document_number="某党〔2026〕12号",
            acting_user=township,
        )
    assert not_yet.value.code == "PB-WIN-4"
    pt.both(plenary, _plenary_sheet())
    with pytest.raises(PermissionDenied):
        party.approval_record(
            election=plenary,
            approver="x",
            approved_on=timezone.localdate(),
            document_number="y",
            acting_user=pt.first,
        )


def test_party_rounds_are_certified_and_reopened(pt: PartyTally) -> None:
    result = pt.both(pt.election, h7_sheet())
    assert result is not None
    township = user_for(Role.TOWNSHIP_OFFICER, pt.world.tree.township_a, username="tw")
    certified = result_certify(election=pt.election, acting_user=township)
    assert certified.certified
    result_reopen(
        election=pt.election, reason="无效票录错", box_names=["中心会场"], acting_user=township
    )
    assert not RoundResult.objects.filter(election=pt.election).exists()
    assert not RoundLink.objects.filter(previous=pt.election).exists()


def test_PB_SEC_1_reopening_the_committee_vote_withdraws_the_unstarted_plenary(
    pt: PartyTally,
) -> None:
    plenary = _committee(pt)
    members_meeting = RoundLink.objects.get(election=plenary).previous
    township = user_for(Role.TOWNSHIP_OFFICER, pt.world.tree.township_a, username="tw")
    result_reopen(
        election=members_meeting, reason="得票录错", box_names=["中心会场"], acting_user=township
    )
    assert not Election.objects.filter(pk=plenary.pk).exists()
    # Counted again, the system creates the plenary again.
    again = pt.both(members_meeting, Numbers(32, 32, 0, 0, {"member": {E: 26}}, 32))
    assert again is not None and again.outcome["next"] == "complete"
    assert _next(members_meeting).round == Round.PLENARY


def test_PB_SEC_2_a_branch_of_one_seat_elects_its_secretary_at_the_members_meeting(
    pt: PartyTally,
) -> None:
    pt.election.seats.all().delete()
    pt.election.seats.create(post="secretary", seats=1)
    result = pt.both(pt.election, Numbers(32, 32, 0, 0, {"secretary": {A: 30, B: 2}}, 32))
    assert result is not None
    assert result.contest["seats"] == {"secretary": 1}
    assert [(e["person"], e["post"]) for e in result.outcome["elected"]] == [(A, "secretary")]
    assert not RoundLink.objects.filter(previous=pt.election).exists()  # no plenary
    state = party.approval_state(pt.election)
    assert state is not None and state.pending
    township = user_for(Role.TOWNSHIP_OFFICER, pt.world.tree.township_a, username="tw")
    party.approval_record(
        election=pt.election,
        approver="中共某某镇委员会",
        approved_on=timezone.localdate(),
        document_number="某党〔2026〕13号",
        acting_user=township,
    )
    assert OfficeHolder.objects.get(election=pt.election).post == "secretary"
