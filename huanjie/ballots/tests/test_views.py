"""The voting-day pages: the committee enters from a tablet, the township officer reads, other
villages' users get a 404; the village page's elections tab links to the round."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.models import RoundResult, SheetEntry
from huanjie.ballots.tests.world import TallyWorld, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    return build(tree)


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def form(
    issued: int = 3, collected: int = 3, extra: dict[str, str] | None = None
) -> dict[str, str]:
    data = {
        "ballots_issued": str(issued),
        "ballots_collected": str(collected),
        "invalid_ballots": "0",
        "blank_ballots": "0",
        "v0-post": "chair",
        "v0-name": "张伟",
        "v0-votes": "3",
        "v1-post": "women_member",
        "v1-name": "李梅",
        "v1-votes": "2",
    }
    data.update(extra or {})
    return data


def test_two_clerks_enter_on_the_page_mismatch_then_result(tw: TallyWorld) -> None:
    tw.mobile.delete()
    election = tw.world.election
    url = reverse("ballots:entry", args=[election.pk, tw.central.pk])
    first, second = client_for(tw.first), client_for(tw.second)
    assert first.get(url).status_code == 200
    assert first.post(url, form()).status_code == 302
    second.post(url, form(extra={"v0-votes": "2"}))
    page = second.get(reverse("ballots:round", args=[election.pk])).content.decode()
    assert "两次录入不一致" in page and "主任 张伟 得票" in page
    # The second clerk's form comes back with their own numbers to correct.
    assert 'value="2"' in second.get(url).content.decode()
    second.post(url, form())
    page = second.get(reverse("ballots:round", args=[election.pk])).content.decode()
    assert RoundResult.objects.exists() and "选举结果" in page and "VC-TALLY-1" in page
    download = second.get(reverse("ballots:contest", args=[election.pk]))
    assert download["Content-Type"].startswith("application/json")


def test_a_refusal_comes_back_with_the_rule_and_writes_nothing(tw: TallyWorld) -> None:
    url = reverse("ballots:entry", args=[tw.world.election.pk, tw.central.pk])
    page = client_for(tw.first).post(url, form(issued=2, collected=3)).content.decode()
    assert "未录入" in page and "VC-TALLY-2" in page and 'value="张伟"' in page
    assert SheetEntry.objects.count() == 0


def test_the_township_officer_reads_and_cannot_enter(tw: TallyWorld, tree: RegionTree) -> None:
    township = client_for(user_for(Role.TOWNSHIP_OFFICER, tree.township_a))
    election = tw.world.election
    page = township.get(reverse("ballots:round", args=[election.pk]))
    assert page.status_code == 200 and "录入计票单" not in page.content.decode()
    url = reverse("ballots:entry", args=[election.pk, tw.central.pk])
    assert township.post(url, form()).status_code == 403
    assert SheetEntry.objects.count() == 0


def test_another_villages_committee_gets_a_404(tw: TallyWorld, tree: RegionTree) -> None:
    other = client_for(user_for(Role.ELECTION_COMMITTEE, tree.a2))
    assert other.get(reverse("ballots:round", args=[tw.world.election.pk])).status_code == 404


def test_the_village_elections_tab_links_to_the_round(tw: TallyWorld) -> None:
    village = tw.world.village
    page = client_for(tw.first).get(reverse("core:village", args=[village.pk]) + "?tab=elections")
    assert reverse("ballots:round", args=[tw.world.election.pk]) in page.content.decode()


def test_the_committee_sets_up_a_box(tw: TallyWorld) -> None:
    url = reverse("ballots:box_add", args=[tw.world.election.pk])
    client_for(tw.first).post(url, {"kind": "station", "name": "第二投票站"})
    page = client_for(tw.first).get(reverse("ballots:round", args=[tw.world.election.pk]))
    assert "第二投票站" in page.content.decode()
