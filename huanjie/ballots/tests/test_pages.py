"""The round page after the count (next step, certification state, reopening), the certify and
reopen buttons, and the township board of every village's voting day, scoped to the user."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import Reopening, RoundLink, RoundResult
from huanjie.ballots.tests.test_rounds import ALL_ELECTED, both
from huanjie.ballots.tests.world import TallyWorld, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    tw = build(tree)
    tw.mobile.delete()
    return tw


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_vc_tally_6_round_page_shows_the_next_round_and_certifies(
    tw: TallyWorld, tree: RegionTree
) -> None:
    election = tw.world.election
    both(tw, election, Numbers(8, 8, 0, 0, ALL_ELECTED))
    tie = RoundLink.objects.get(previous=election).election
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")
    page = client_for(officer).get(reverse("ballots:round", args=[election.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "待乡镇确认" in text and "确认选举结果" in text
    assert reverse("ballots:township") in text  # the officer's way to every village's day
    assert "第2轮 · 等票重选" in text and "就等票者重新投票" in text
    assert "已登记任职：张伟（主任）" in text
    # The clerks see no certify button.
    assert (
        "确认选举结果"
        not in client_for(tw.first)
        .get(reverse("ballots:round", args=[election.pk]))
        .content.decode()
    )
    refused = client_for(tw.first).post(reverse("ballots:certify", args=[election.pk]))
    assert refused.status_code == 403 and not RoundResult.objects.get().certified

    done = client_for(officer).post(reverse("ballots:certify", args=[election.pk]), follow=True)
    assert "已由乡镇确认并锁定" in done.content.decode()
    assert RoundResult.objects.get().certified
    # The tie re-vote's page names its candidates and the rule.
    tie_page = client_for(tw.first).get(reverse("ballots:round", args=[tie.pk])).content.decode()
    assert "只有等票者可以当选，VC-TALLY-6" in tie_page and "周杰、王强" in tie_page


def test_vc_tally_10_reopen_on_the_page_needs_a_reason(tw: TallyWorld, tree: RegionTree) -> None:
    election = tw.world.election
    both(tw, election, Numbers(8, 8, 0, 0, dict(ALL_ELECTED, member={"刘洋": 6, "周杰": 5})))
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")
    client = client_for(officer)
    url = reverse("ballots:reopen", args=[election.pk])
    page = client.post(url, {"reason": "", "boxes": ["中心会场"]}, follow=True)
    assert "请写明理由" in page.content.decode() and RoundResult.objects.exists()
    page = client.post(url, {"reason": "刘洋票数待核", "boxes": ["中心会场"]}, follow=True)
    text = page.content.decode()
    assert "结果已重新开启" in text and "理由：刘洋票数待核" in text
    assert not RoundResult.objects.exists() and Reopening.objects.count() == 1
    assert AuditEntry.objects.filter(action="ballots.result_reopen").count() == 1


def test_vc_tally_township_board_lists_the_users_villages_with_their_state(
    tw: TallyWorld, tree: RegionTree
) -> None:
    election = tw.world.election
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")
    url = reverse("ballots:township")
    text = client_for(officer).get(url).content.decode()
    assert tw.world.village.name in text and "未开始计票" in text and "0 / 1" in text
    votes = dict(ALL_ELECTED, vice_chair={"赵刚": 3}, member={"刘洋": 6, "周杰": 5})
    both(tw, election, Numbers(8, 8, 0, 0, votes))
    text = client_for(officer).get(url).content.decode()
    # The round in progress is now the 另行选举 the count created, with its deadline.
    assert "第2轮 · 另行选举" in text and "名额未选足，另行选举" in text and "最迟" in text
    assert "第1轮结果待乡镇确认" in text
    # Another township's officer does not see this village.
    other = user_for(Role.TOWNSHIP_OFFICER, tree.township_b, username="other")
    assert tw.world.village.name not in client_for(other).get(url).content.decode()
