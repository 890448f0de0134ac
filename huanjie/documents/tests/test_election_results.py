"""The documents of a counted round, read from the printed PDF as a reader would: the result
announcement and the report to the township with the figures, the elected by post in order and
every person's votes; a rule's decision carries its ID; one certificate per elected person."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.models import RoundResult
from huanjie.documents.election_results import (
    certificates_document,
    result_notice_document,
    result_report_document,
)
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf
from huanjie.handover.tests.world import counted

pytestmark = pytest.mark.django_db
SHOTS = os.environ.get("HJ_SHOTS")  # set to a folder to keep the pages as pictures


def keep(look, stem: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        look.save(Path(SHOTS), stem)


def test_announcement_lists_the_elected_by_post_and_every_vote(tree: RegionTree) -> None:
    election = counted(tree).world.election
    look = read_pdf(result_notice_document(election).pdf())
    keep(look, "result-notice")
    assert_printed_well(look)
    text = look.flat
    assert "关于村民委员会选举结果的公告" in text and "东坑村村民选举委员会" in text
    assert "登记选民10人，参加投票6人" in text
    assert "收回选票6张，其中有效票6张、无效票0张" in text
    order = [
        "主任（应选1名）：张伟（6票）",
        "副主任（应选1名）：赵刚（6票）",
        "委员（应选2名）：刘洋（6票）、周杰（6票）",
        "妇女委员（应选1名）：李梅（6票）",
    ]
    positions = [text.index(line) for line in order]
    assert positions == sorted(positions)
    assert "特此公告" in text


def test_void_and_open_seats_carry_their_rule(tree: RegionTree) -> None:
    election = counted(tree).world.election
    result = RoundResult.objects.get(election=election)
    outcome = dict(result.outcome)
    outcome["elected"] = [e for e in outcome["elected"] if e["post"] != "member"]
    outcome["unfilled"] = {"member": 2}
    outcome["next"] = "supplementary_round"
    RoundResult.objects.filter(pk=result.pk).update(outcome=outcome)
    text = read_pdf(result_notice_document(election).pdf()).flat
    assert "委员应选2名，当选0名，尚缺2名，须另行选举。［VC-TALLY-7］" in text
    void = {"valid": False, "rule": "VC-TALLY-1", "next": "revote", "elected": []}
    RoundResult.objects.filter(pk=result.pk).update(outcome=void)
    look = read_pdf(result_report_document(election).pdf())
    keep(look, "result-report-void")
    assert "本次投票无效：参加投票的选民没有超过登记选民的半数" in look.flat
    assert "［VC-TALLY-1］" in look.flat


def test_report_to_the_township(tree: RegionTree) -> None:
    election = counted(tree).world.election
    look = read_pdf(result_report_document(election).pdf())
    keep(look, "result-report")
    assert_printed_well(look)
    text = look.flat
    assert "鹤溪街道人民政府（换届选举工作指导组）：" in text
    assert "东坑村村民委员会选举结果报告单" in text
    assert "参加投票6人（60.0%）" in text
    assert "委员" in text and "刘洋（6）、周杰（6）" in text
    assert "村民选举委员会主任（签字）" in text and "特此报告" in text
    assert look.page_count == 1


def test_one_certificate_per_elected_person(tree: RegionTree) -> None:
    election = counted(tree).world.election
    look = read_pdf(certificates_document(election).pdf(), last=None)
    keep(look, "certificates")
    assert_printed_well(look)
    assert look.page_count == 5
    pages = look.page_texts()
    assert "张伟同志" in pages[0] and "当选为东坑村村民委员会主任" in pages[0]
    assert "李梅同志" in pages[4] and "妇女委员" in pages[4]


def test_downloads_from_the_round_page(tree: RegionTree) -> None:
    tw = counted(tree)
    election = tw.world.election
    client = Client()
    client.force_login(tw.first)
    for name in ("result-notice", "result-report", "certificates"):
        answer = client.get(reverse("election_documents:pdf", args=[election.pk, name]))
        assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    page = client.get(reverse("ballots:round", args=[election.pk])).content.decode()
    assert reverse("election_documents:pdf", args=[election.pk, "certificates"]) in page
    stranger = user_for(Role.TOWNSHIP_OFFICER, tree.township_b, username="stranger")
    client.force_login(stranger)
    url = reverse("election_documents:pdf", args=[election.pk, "result-notice"])
    assert client.get(url).status_code == 404
