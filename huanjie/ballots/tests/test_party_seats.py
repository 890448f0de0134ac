"""Too few committee members elected: the members' meeting reduces the seats instead of the
另行选举 (PB-WIN-3), on rules.md H-7's numbers (5 seats; 4 elected with 21 votes needed, the
minimum committee size 3) — by service, on the round page and by command."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.ballots import party, party_contest
from huanjie.ballots.certification import result_certify, result_reopen
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import RoundLink, RoundResult, SeatReduction, StepKind
from huanjie.ballots.party_seats import seats_reduce, shortfall
from huanjie.ballots.tests import world as vc_world
from huanjie.ballots.tests.party_world import A, B, C, D, E, F, PartyTally, build, h7_sheet
from huanjie.ballots.township import VillageRow, board
from huanjie.elections.models import Body, Election, Round
from huanjie.rules.profiles.profile import load_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def pt(tree: RegionTree) -> PartyTally:
    return build(tree)


def four_of_five(pt: PartyTally) -> RoundResult:
    result = pt.both(pt.election, h7_sheet())
    assert result is not None and result.outcome["next"] == "supplementary_round"
    return result


def supplementary(pt: PartyTally) -> RoundLink | None:
    return RoundLink.objects.filter(previous=pt.election, kind=StepKind.SUPPLEMENTARY).first()


def nothing_changed(pt: PartyTally) -> None:
    assert not SeatReduction.objects.exists()
    assert supplementary(pt) is not None
    assert not AuditEntry.objects.filter(action="ballots.seat_reduce").exists()


def refused(
    election: Election, user: User, basis: str = "presidium", day: date | None = None
) -> str:
    """seats_reduce refuses: its message."""
    with pytest.raises(ValidationError) as refusal:
        seats_reduce(
            election=election,
            basis=basis,
            decided_on=day or timezone.localdate(),
            acting_user=user,
        )
    return refusal.value.messages[0]


def test_pb_win_3_five_seats_four_elected_reduced_to_four_no_supplementary(pt: PartyTally) -> None:
    result = four_of_five(pt)
    state = shortfall(pt.election)
    assert state is not None and state.allowed
    assert (state.seats, state.elected, state.open_seats) == (5, [A, B, C, D], 1)
    reduction = seats_reduce(
        election=pt.election,
        basis="voters_majority",
        decided_on=timezone.localdate(),
        acting_user=pt.first,
    )
    assert (reduction.seats_before, reduction.seats_after) == (5, 4)
    # No 另行选举 pending: the round the count created is withdrawn, the result is final.
    assert supplementary(pt) is None
    assert not Election.objects.filter(plan=pt.election.plan, round=Round.SUPPLEMENTARY).exists()
    assert party.final(result)
    # The committee of four elects the secretary and deputy at its plenary (PB-SEC-1).
    plenary = RoundLink.objects.get(previous=pt.election, kind=StepKind.PLENARY)
    assert sorted(party_contest.committee_of(plenary.election)) == sorted([A, B, C, D])
    after = AuditEntry.objects.get(action="ballots.seat_reduce").after
    assert after is not None and after["committee"] == [A, B, C, D] and after["seats"] == 4
    state = shortfall(pt.election)
    assert state is not None and state.reduction == reduction and not state.allowed
    assert "无需再录入" in refused(pt.election, pt.first)


def test_pb_win_3_five_seats_two_elected_refused_hold_the_supplementary(pt: PartyTally) -> None:
    sheet = Numbers(32, 32, 0, 0, {"member": {A: 30, B: 28, C: 20, D: 19, E: 12, F: 10}}, 32)
    result = pt.both(pt.election, sheet)
    assert result is not None and [e["person"] for e in result.outcome["elected"]] == [A, B]
    state = shortfall(pt.election)
    assert state is not None and not state.allowed
    says = refused(pt.election, pt.first, "members_most")
    assert "少于委员会最少人数 3 名" in says and "3 名另行选举" in says
    nothing_changed(pt)


def test_pb_win_3_a_profile_that_forbids_reducing_refuses(
    pt: PartyTally, monkeypatch: pytest.MonkeyPatch
) -> None:
    four_of_five(pt)
    off = load_profile("PB_2020", overrides={"pb.allow_reduce_seats": False})
    monkeypatch.setattr(party_contest, "profile_of", lambda election: off)
    assert "不允许减少名额" in refused(pt.election, pt.first, "members_most")
    nothing_changed(pt)


def test_pb_win_3_a_villagers_committee_election_refused(tree: RegionTree) -> None:
    tw = vc_world.build(tree)
    assert "只适用于党组织委员会" in refused(tw.world.election, tw.first, "voters_majority")
    assert not SeatReduction.objects.exists()


def test_pb_win_3_no_shortfall_refused(tree: RegionTree) -> None:
    pt = build(tree, party_profile="PB_1990")  # the bar is 17: five elected
    result = pt.both(pt.election, h7_sheet())
    assert result is not None and result.outcome["next"] == "complete"
    assert shortfall(pt.election) is None
    assert "没有待另行选举的委员名额" in refused(pt.election, pt.first)


@pytest.mark.parametrize(
    ("basis", "days", "says"),
    [("anything", 0, "请选择减少名额的决定方式"), ("presidium", 1, "晚于今天")],
)
def test_pb_win_3_bad_input_changes_nothing(
    pt: PartyTally, basis: str, days: int, says: str
) -> None:
    four_of_five(pt)
    day = timezone.localdate() + timedelta(days=days)
    assert says in refused(pt.election, pt.first, basis, day)
    nothing_changed(pt)


def test_pb_win_3_refused_once_the_supplementary_sheets_are_entered(pt: PartyTally) -> None:
    four_of_five(pt)
    following = supplementary(pt)
    assert following is not None
    pt.both(following.election, Numbers(32, 32, 0, 0, {"member": {E: 20, F: 10}}, 32))
    says = refused(pt.election, pt.first)
    assert "已经开始录入计票单" in says and "请继续完成另行选举" in says
    assert "重新开启" not in says  # reopening is refused once the 另行选举 has sheets
    nothing_changed(pt)
    # Still short after it, the meeting may reduce the seats on the 另行选举 itself.
    state = shortfall(following.election)
    assert state is not None and state.allowed and state.seats == 5


def test_pb_win_3_a_certified_result_is_refused_until_the_township_reopens_it(
    pt: PartyTally,
) -> None:
    four_of_five(pt)
    officer = user_for(Role.TOWNSHIP_OFFICER, pt.world.tree.township_a, username="officer")
    result_certify(election=pt.election, acting_user=officer)
    says = refused(pt.election, pt.first)
    assert "已经乡镇确认" in says and "请乡镇先重新开启该选举结果" in says
    nothing_changed(pt)
    client = APIClient()
    client.force_authenticate(pt.first)
    url = f"/api/v1/elections/{pt.election.pk}/result/reduce-seats/"
    today = timezone.localdate().isoformat()
    answer = client.post(url, {"basis": "presidium", "decided_on": today}, format="json")
    assert answer.status_code == 409 and answer.json()["code"] == "certified"


def test_pb_win_3_round_page_offers_reducing_and_records_it(pt: PartyTally) -> None:
    four_of_five(pt)
    client = Client()
    client.force_login(pt.first)
    url = reverse("ballots:round", args=[pt.election.pk])
    page = client.get(url).content.decode()
    assert "委员名额未选足（PB-WIN-3）" in page and "减少名额，不再另行选举" in page
    assert "超过半数的选举人同意" in page and 'style="' not in page
    assert "对空缺的名额进行另行选举" in page and "提示（PB-WIN-3）" in page
    post = reverse("ballots:party_reduce", args=[pt.election.pk])
    bad = client.post(post, {"basis": "voters_majority", "decided_on": ""})
    assert bad.status_code == 302 and not SeatReduction.objects.exists()
    done = client.post(
        post, {"basis": "voters_majority", "decided_on": timezone.localdate().isoformat()}
    )
    assert done.status_code == 302
    assert SeatReduction.objects.get().seats_after == 4
    page = client.get(url).content.decode()
    assert "委员名额已减少（PB-WIN-3）" in page and "减少名额，不再另行选举" not in page
    day = timezone.localdate().isoformat()
    assert f"</strong>：于{day}经超过半数的选举人同意，由5名减为4名（<strong>{A}、{B}、" in page
    # The count's explanation says the decision instead of the 另行选举 it offered.
    assert "委员职数由5名减为4名，不再另行选举。（PB-WIN-3）" in page
    assert "对空缺的名额进行另行选举" not in page and "应另行选举" not in page
    assert "下一步：本轮选举结束，结果可以公布。" in page


def run(*args: str) -> str:
    out = StringIO()
    call_command("tally_party_reduce_seats", *args, stdout=out)
    return out.getvalue()


def test_pb_win_3_the_command_shows_and_records_the_reduction(pt: PartyTally) -> None:
    four_of_five(pt)
    election = str(pt.election.pk)
    assert "也可以经同意减少名额" in run(election, "--show")
    today = timezone.localdate().isoformat()
    with pytest.raises(CommandError) as refused:
        run(election, "--basis", "全体同意", "--date", today, "--by", pt.first.username)
    assert "大会主席团决定" in str(refused.value)
    assert not SeatReduction.objects.exists()
    out = run(election, "--basis", "大会主席团决定", "--date", today, "--by", pt.first.username)
    assert "由 5 名减为 4 名" in out
    assert SeatReduction.objects.get().basis == "presidium"
    assert "已于" in run(election, "--show")


def test_pb_win_3_the_api_shows_and_records_the_reduction(pt: PartyTally) -> None:
    four_of_five(pt)
    client = APIClient()
    client.force_authenticate(pt.first)
    url = f"/api/v1/elections/{pt.election.pk}/result/reduce-seats/"
    state = client.get(url).json()
    assert state["may_reduce"] is True and state["seats"] == 5
    assert state["supplementary_round"] == supplementary(pt).election_id  # type: ignore[union-attr]
    today = timezone.localdate().isoformat()
    bad = client.post(url, {"basis": "all", "decided_on": today}, format="json")
    assert bad.status_code == 400
    nothing_changed(pt)
    done = client.post(url, {"basis": "presidium", "decided_on": today}, format="json")
    assert done.status_code == 201
    body = done.json()
    assert body["reduction"]["seats_after"] == 4 and body["supplementary_round"] is None
    again = client.post(url, {"basis": "presidium", "decided_on": today}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "reduced"


def test_pb_win_3_reopening_the_result_takes_the_reduction_with_it(pt: PartyTally) -> None:
    four_of_five(pt)
    seats_reduce(
        election=pt.election,
        basis="members_most",
        decided_on=timezone.localdate(),
        acting_user=pt.first,
    )
    officer = user_for(Role.TOWNSHIP_OFFICER, pt.world.tree.township_a, username="officer")
    result_reopen(
        election=pt.election, reason="计票单抄错", box_names=["中心会场"], acting_user=officer
    )
    assert not SeatReduction.objects.exists()
    assert not RoundLink.objects.filter(previous=pt.election).exists()  # the plenary withdrawn
    # The audit entry says what went with the result.
    before = AuditEntry.objects.get(action="ballots.result_reopen").before
    assert before is not None and before["certified"] is False
    assert before["seat_reduction"] == {
        "basis": "members_most",
        "decided_on": timezone.localdate().isoformat(),
        "seats_before": 5,
        "seats_after": 4,
        "recorded_by": pt.first.get_full_name() or pt.first.username,
    }


def test_pb_win_3_the_township_board_shows_a_reduced_round_as_complete(
    pt: PartyTally, tree: RegionTree
) -> None:
    """Where no plenary follows (the members' meeting elects the secretary itself), the reduced
    round is the village's last: awaiting the higher committee's approval, no 另行选举."""
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")
    four_of_five(pt)

    def row() -> VillageRow:
        (found,) = [r for r in board(officer, Body.PARTY_ORGANIZATION).rows if r.election]
        return found

    assert "另行选举" in row().next_step  # the 另行选举 the count created
    seats_reduce(
        election=pt.election,
        basis="presidium",
        decided_on=timezone.localdate(),
        acting_user=pt.first,
    )
    RoundLink.objects.get(previous=pt.election, kind=StepKind.PLENARY).election.delete()
    assert row().election == pt.election and row().reduced
    assert row().next_step == "选举完成，待上级党委审批"
