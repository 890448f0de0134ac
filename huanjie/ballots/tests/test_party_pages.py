"""The party election on the round and entry pages: the meeting's roll figures and quorum, the
sheet's members present, the plenary's committee and the higher-level approval form (PB-WIN-4)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import PartyApproval, RoundLink
from huanjie.ballots.tests.party_world import A, B, E, F, PartyTally, build, h7_sheet
from huanjie.elections.models import OfficeHolder

pytestmark = pytest.mark.django_db


@pytest.fixture
def pt(tree: RegionTree) -> PartyTally:
    return build(tree)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_PB_QUORUM_1_entry_page_asks_for_members_present_and_counts(pt: PartyTally) -> None:
    url = reverse("ballots:entry", args=[pt.election.pk, pt.central.pk])
    page = client_for(pt.first).get(url).content.decode()
    assert "实到会有表决权党员" in page and "PB-QUORUM-1" in page
    form = {
        "ballots_issued": "31",
        "ballots_collected": "31",
        "invalid_ballots": "0",
        "blank_ballots": "0",
        "present": "31",
        "v0-post": "member",
        "v0-name": A,
        "v0-votes": "30",
    }
    client_for(pt.first).post(url, form)
    client_for(pt.second).post(url, form)
    round_page = client_for(pt.first).get(reverse("ballots:round", args=[pt.election.pk]))
    text = round_page.content.decode()
    assert "应到会 <strong>40</strong> 名" in text
    assert "未达到应到会人数，另行开会" in text  # the new meeting the system created
    assert "PB-QUORUM-1" in text


def test_PB_QUORUM_1_a_sheet_without_present_says_what_to_do(pt: PartyTally) -> None:
    url = reverse("ballots:entry", args=[pt.election.pk, pt.central.pk])
    form = {
        "ballots_issued": "32",
        "ballots_collected": "32",
        "invalid_ballots": "0",
        "blank_ballots": "0",
        "present": "",
    }
    page = client_for(pt.first).post(url, form).content.decode()
    assert "请填写实到会的有表决权党员人数" in page


def test_PB_WIN_4_plenary_page_shows_committee_and_records_the_approval(
    pt: PartyTally, tree: RegionTree
) -> None:
    pt.both(pt.election, h7_sheet())
    supplementary = RoundLink.objects.get(previous=pt.election).election
    pt.both(supplementary, Numbers(32, 32, 0, 0, {"member": {E: 25, F: 5}}, 32))
    plenary = RoundLink.objects.get(previous=supplementary).election
    members_page = client_for(pt.first).get(reverse("ballots:round", args=[supplementary.pk]))
    assert "一届一次全委会" in members_page.content.decode()
    pt.both(plenary, Numbers(5, 5, 0, 0, {"secretary": {A: 5}, "deputy_secretary": {B: 4}}, 5))
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")
    page = client_for(officer).get(reverse("ballots:round", args=[plenary.pk])).content.decode()
    assert "待上级党委审批" in page and "录入批复" in page
    assert "新当选的委员（5名）" in page and "PB-QUORUM-3" in page
    assert "委员会委员 5 人，到会 5 人" in page  # the count explained in the plenary's words
    # A clerk sees the state but no form.
    clerk_page = client_for(pt.first).get(reverse("ballots:round", args=[plenary.pk]))
    assert "录入批复" not in clerk_page.content.decode()
    done = client_for(officer).post(
        reverse("ballots:party_approval", args=[plenary.pk]),
        {
            "approver": "中共鹤溪街道工作委员会",
            "approved_on": timezone.localdate().isoformat(),
            "document_number": "鹤党〔2026〕12号",
        },
        follow=True,
    )
    text = done.content.decode()
    assert "已经上级党委批准" in text and "鹤党〔2026〕12号" in text
    assert PartyApproval.objects.filter(election=plenary).exists()
    assert OfficeHolder.objects.filter(post="secretary", person__name=A).exists()


def test_PB_WIN_4_township_board_follows_the_party_rounds_to_the_approval(
    pt: PartyTally, tree: RegionTree
) -> None:
    officer = client_for(user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer"))
    url = reverse("ballots:township") + "?body=party_organization"
    page = officer.get(url).content.decode()
    assert ">党组织</a>" in page and "未开始计票" in page
    assert "1 / 1" not in page and "0 / 1" in page  # the central venue only (PB-RIGHTS-3)
    pt.both(pt.election, h7_sheet())
    supplementary = RoundLink.objects.get(previous=pt.election).election
    pt.both(supplementary, Numbers(32, 32, 0, 0, {"member": {E: 25, F: 5}}, 32))
    plenary = RoundLink.objects.get(previous=supplementary).election
    pt.both(plenary, Numbers(5, 5, 0, 0, {"secretary": {A: 5}, "deputy_secretary": {B: 4}}, 5))
    page = officer.get(url).content.decode()
    assert reverse("ballots:round", args=[plenary.pk]) in page
    assert "选举完成，待上级党委审批" in page
    officer.post(
        reverse("ballots:party_approval", args=[plenary.pk]),
        {
            "approver": "中共鹤溪街道工作委员会",
            "approved_on": timezone.localdate().isoformat(),
            "document_number": "鹤党〔2026〕12号",
        },
    )
    assert "已经上级党委批准" in officer.get(url).content.decode()


def test_VC_VOTE_6_a_party_supplementary_round_s_day_is_set_on_its_page(pt: PartyTally) -> None:
    pt.both(pt.election, h7_sheet())
    supplementary = RoundLink.objects.get(previous=pt.election).election
    assert supplementary.election_day is None
    clerk = client_for(pt.first)
    url = reverse("ballots:round", args=[supplementary.pk])
    page = clerk.get(url).content.decode()
    assert "本轮选举日还没有确定" in page and "PB-WIN-3" in page
    assert reverse("ballots:round_day", args=[supplementary.pk]) in page
    day = pt.election.election_day  # the members' meeting's day: within PB-WIN-3's deadline
    clerk.post(reverse("ballots:round_day", args=[supplementary.pk]), {"election_day": day})
    supplementary.refresh_from_db()
    assert supplementary.election_day == day
    assert "本轮选举日还没有确定" not in clerk.get(url).content.decode()
