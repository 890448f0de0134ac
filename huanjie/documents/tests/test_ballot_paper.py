"""The ballot paper as printed: a section per post in the seats' order, the published candidates
in surname-stroke order, one write-in line per seat, the women member's own section under a
separate-section profile, the instructions; the print run from the register per villager group."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.tests.world import TallyWorld, build
from huanjie.documents.ballot_paper import ballot_paper_document, print_run
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf
from huanjie.nominations.models import Application, Recruitment, Status
from huanjie.people.models import Person
from huanjie.registration.models import Voter

pytestmark = pytest.mark.django_db
SHOTS = os.environ.get("HJ_SHOTS")


def publish(tw: TallyWorld, post: str, names: list[str]) -> None:
    election = tw.world.election
    recruitment = Recruitment.objects.create(
        election=election,
        post=post,
        requirements="五有",
        published_on=date(2026, 3, 20),
        list_published_on=date(2026, 4, 12),
    )
    for name in names:
        Application.objects.create(
            recruitment=recruitment,
            person=Person.objects.get(village=tw.world.village, name=name),
            kind="self",
            filed_on=date(2026, 4, 1),
            status=Status.ACCEPTED,
            accepted_on=date(2026, 4, 10),
        )


def test_sections_candidates_in_stroke_order_and_write_ins(tree: RegionTree) -> None:
    tw = build(tree)
    publish(tw, "chair", ["周杰", "王强", "刘洋"])  # 王 4, 刘 6, 周 8 strokes
    publish(tw, "women_member", ["陈静", "李梅"])  # 李 7, 陈 7: 李 (一) before 陈 (丨)
    look = read_pdf(ballot_paper_document(tw.world.election).pdf(), last=None)
    if SHOTS:
        look.save(Path(SHOTS), "ballot")
    assert_printed_well(look)
    assert look.page_count == 2
    ballot, run = look.page_texts()
    assert "东坑村村民委员会选举选票" in ballot
    # The posts in the seats' order, each with its candidates then one write-in line per seat.
    chair, vice, member, women = (
        ballot.index(t)
        for t in ("主任（应选1名）", "副主任（应选1名）", "委员（应选2名）", "妇女委员（应选1名）")
    )
    assert chair < vice < member < women
    assert ballot.index("王强") < ballot.index("刘洋") < ballot.index("周杰") < vice
    assert ballot.index("李梅") < ballot.index("陈静")
    assert ballot[member:women].count("另选他人") == 2
    assert ballot[chair:vice].count("另选他人") == 1
    # ZJ_2025: the women member is elected in her own section (separate_section).
    assert "妇女委员单独选举，只能选女性" in ballot
    assert "整张选票无效（VC-TALLY-3）" in ballot
    # The print run: ten voters on the register, one ballot each.
    assert "印制和使用登记" in run and "合计1010" in run


def test_print_run_counts_active_voters_per_group(tree: RegionTree) -> None:
    tw = build(tree)
    Voter.objects.filter(name="王强").update(group_name="第二村民小组")
    groups, total = print_run(tw.world.election)
    assert total == 10
    assert [(g.name, g.voters) for g in groups] == [("（未分组）", 9), ("第二村民小组", 1)]


def test_preview_from_the_round_page(tree: RegionTree) -> None:
    tw = build(tree)
    client = Client()
    client.force_login(tw.first)
    election = tw.world.election
    page = client.get(reverse("ballots:round", args=[election.pk])).content.decode()
    url = reverse("election_documents:preview", args=[election.pk, "ballot"])
    assert url in page
    preview = client.get(url).content.decode()
    assert "下载PDF" in preview and "另选他人" in preview
    # The result documents wait for the count.
    notice = reverse("election_documents:pdf", args=[election.pk, "result-notice"])
    assert client.get(notice).status_code == 404


def test_ballot_use_recorded_and_printed(tree: RegionTree) -> None:
    from huanjie.ballots.services import sheet_entry_record
    from huanjie.ballots.tests.world import sheet
    from huanjie.documents.ballot_use import BallotUse, ballot_use_record

    tw = build(tree)
    election = tw.world.election
    # Refused: more unused than received; a user who is not on the committee.
    with pytest.raises(ValidationError) as caught:
        ballot_use_record(
            election=election, box=tw.central, received=5, unused=6, acting_user=tw.first
        )
    assert caught.value.code == "unused"
    outsider = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")
    with pytest.raises(PermissionDenied):
        ballot_use_record(
            election=election, box=tw.central, received=8, unused=None, acting_user=outsider
        )
    assert not BallotUse.objects.exists()
    for clerk in (tw.first, tw.second):
        sheet_entry_record(election=election, box=tw.central, numbers=sheet(), acting_user=clerk)
    # The accepted sheet issued 6: received 8 with 3 unused is 1 ballot too many.
    with pytest.raises(ValidationError) as caught:
        ballot_use_record(
            election=election, box=tw.central, received=8, unused=3, acting_user=tw.first
        )
    assert caught.value.code == "issued" and "发出选票 6 张" in caught.value.messages[0]
    ballot_use_record(election=election, box=tw.central, received=8, unused=2, acting_user=tw.first)
    client = Client()
    client.force_login(tw.first)
    page = client.get(reverse("election_documents:ballot_use", args=[election.pk])).content.decode()
    assert "中心会场" in page and '<td class="text-end">8</td>' in page
    answer = client.post(
        reverse("election_documents:ballot_use_post", args=[election.pk]),
        {"box": tw.mobile.pk, "received": "4", "unused": "x"},
    )
    assert answer.status_code == 302 and not BallotUse.objects.filter(box=tw.mobile).exists()
    run = read_pdf(ballot_paper_document(election).pdf(), last=None).page_texts()[1]
    assert "中心会场862" in run  # received 8, issued 6, unused 2
