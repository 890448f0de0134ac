"""A party election's result documents, read from the printed PDF: the members' meeting's
announcement (应到会 / 实到会, the party's rule IDs, issued by the party organization) and the
committee plenary's report to the higher-level party committee (PB-WIN-4: 报上级党委审批); after
the members' meeting reduced the seats instead of the 另行选举 (PB-WIN-3), the decision in their
place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.utils import timezone

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import RoundLink
from huanjie.ballots.party_seats import seats_reduce
from huanjie.ballots.tests.party_world import A, B, C, D, E, F, build, h7_sheet
from huanjie.documents.ballot_paper import ballot_paper_document, print_run
from huanjie.documents.election_results import (
    certificates_document,
    result_notice_document,
    result_report_document,
)
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf

pytestmark = pytest.mark.django_db
SHOTS = os.environ.get("HJ_SHOTS")  # set to a folder to keep the pages as pictures


def test_PB_WIN_3_members_meeting_notice_says_who_should_attend_and_the_shortfall(
    tree: RegionTree,
) -> None:
    pt = build(tree)
    pt.both(pt.election, h7_sheet())
    look = read_pdf(result_notice_document(pt.election).pdf())
    if SHOTS:
        look.save(Path(SHOTS), "party-notice")
    assert_printed_well(look)
    text = look.flat
    assert "关于党组织委员会委员选举结果的公告" in text
    assert "中国共产党基层组织选举工作条例" in text
    assert "应到会有表决权党员40人，实到会32人" in text
    assert "尚缺1名，须另行选举。［PB-WIN-3］" in text
    assert "村民选举委员会" not in text


def test_PB_WIN_3_seats_reduced_the_notice_and_report_say_so_not_another_vote(
    tree: RegionTree,
) -> None:
    pt = build(tree)
    pt.both(pt.election, h7_sheet())  # 5 seats, 4 elected
    before = read_pdf(result_notice_document(pt.election).pdf()).flat
    assert "尚缺1名，须另行选举。［PB-WIN-3］" in before and "减为" not in before
    today = timezone.localdate()
    seats_reduce(
        election=pt.election, basis="voters_majority", decided_on=today, acting_user=pt.first
    )
    look = read_pdf(result_notice_document(pt.election).pdf())
    if SHOTS:
        look.save(Path(SHOTS), "party-notice-reduced")
    assert_printed_well(look)
    text = look.flat
    day = f"{today.year}年{today.month}月{today.day}日"
    assert "委员（应选5名，减为4名）：" in text
    assert (
        f"{day}，经超过半数的选举人同意，委员职数由5名减为4名，不再另行选举。"
        f"委员会由{A}、{B}、{C}、{D}组成。［PB-WIN-3］"
    ) in text
    assert "须另行选举" not in text and "应另行选举" not in text
    assert "选举书记、副书记，选举结果报上级党委审批。［PB-WIN-4］" in text
    report = read_pdf(result_report_document(pt.election).pdf())
    assert_printed_well(report)
    assert "委员职数由5名减为4名，不再另行选举。" in report.flat
    assert "须另行选举" not in report.flat and "应另行选举" not in report.flat


def test_PB_WIN_3_seats_reduced_after_a_supplementary_still_short_the_committee_numbers(
    tree: RegionTree,
) -> None:
    """The 另行选举 for the one open seat elects no one either; the meeting then reduces the
    seats on that round: the documents say the committee's 5 → 4, not the round's 1 → 0."""
    pt = build(tree)
    pt.both(pt.election, h7_sheet())  # 5 seats, 4 elected: a 另行选举 for 1
    supplementary = RoundLink.objects.get(previous=pt.election).election
    pt.both(supplementary, Numbers(32, 32, 0, 0, {"member": {E: 20, F: 10}}, 32))  # 21 needed
    today = timezone.localdate()
    seats_reduce(election=supplementary, basis="presidium", decided_on=today, acting_user=pt.first)
    look = read_pdf(result_notice_document(supplementary).pdf())
    if SHOTS:
        look.save(Path(SHOTS), "party-notice-reduced-supplementary")
    assert_printed_well(look)
    text = look.flat
    assert "委员（应选1名；委员职数由5名减为4名）：无人当选" in text
    assert "减为0名" not in text and "减为1名" not in text
    sentence = (
        f"经大会主席团决定，委员职数由5名减为4名，不再另行选举。委员会由{A}、{B}、{C}、{D}组成。"
    )
    assert text.count(sentence) == 1
    assert "须另行选举" not in text and "应另行选举" not in text
    report = read_pdf(result_report_document(supplementary).pdf())
    assert_printed_well(report)
    assert report.flat.count(sentence) == 1 and "减为0" not in report.flat
    assert "须另行选举" not in report.flat


def test_PB_WIN_4_plenary_report_goes_to_the_higher_party_committee(tree: RegionTree) -> None:
    pt = build(tree, party_profile="PB_1990")
    pt.both(pt.election, h7_sheet())
    plenary = RoundLink.objects.get(previous=pt.election).election
    pt.both(plenary, Numbers(5, 5, 0, 0, {"secretary": {A: 5}, "deputy_secretary": {B: 4}}, 5))
    look = read_pdf(result_report_document(plenary).pdf())
    if SHOTS:
        look.save(Path(SHOTS), "party-report")
    assert_printed_well(look)
    text = look.flat
    assert "党组织书记、副书记选举结果报告单" in text
    assert "中共鹤溪街道工作委员会：" in text
    assert "全体委员" in text and "实到会委员" in text
    assert "以上选举结果报上级党委审批，批准后任职。［PB-WIN-4］" in text
    assert "委员会第一次全体会议主持人（签字）" in text
    certificates = read_pdf(certificates_document(plenary).pdf()).flat
    assert A in certificates and "书记" in certificates


def test_PB_BALLOT_2_party_ballot_paper_follows_the_party_rules(tree: RegionTree) -> None:
    pt = build(tree)
    look = read_pdf(ballot_paper_document(pt.election).pdf())
    if SHOTS:
        look.save(Path(SHOTS), "party-ballot")
    assert_printed_well(look)
    text = look.flat
    assert "不同意的划“×”" in text
    assert "对候选人弃权的，不得另选他人（PB-BALLOT-4）" in text
    assert "多于应选人数的，选票无效（PB-BALLOT-2）" in text
    assert "不得作任何标记，否则作废（PB-BALLOT-3）" in text
    assert "PB-BALLOT-5" not in text and "VC-TALLY-3" not in text
    assert "党支部委员会选举选票" in text and "村村党组织" not in text
    assert "党组织印章" in text and "选委会印章" not in text
    assert "流动票箱" not in text  # no mobile box at a party meeting (PB-RIGHTS-3)
    assert "应到会有表决权的党员" in text  # the run is the roll's 40, not the villagers' register
    assert print_run(pt.election)[1] == 40


def test_PB_BALLOT_5_plenary_ballot_write_ins_are_new_committee_members(tree: RegionTree) -> None:
    pt = build(tree, party_profile="PB_1990")
    pt.both(pt.election, h7_sheet())
    plenary = RoundLink.objects.get(previous=pt.election).election
    text = read_pdf(ballot_paper_document(plenary).pdf()).flat
    assert "另选他人只能选新当选的委员会委员（PB-BALLOT-5）" in text
    assert "新当选委员会委员" in text and "书记、副书记选举选票" in text
    assert print_run(plenary)[1] == 5
