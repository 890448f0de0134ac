"""Voting day through the API: sheet entries validated (refusals 400 with the rule, 409 for
the round's state, nothing written), the result with its contest JSON and next round, the
township's certification and reopening."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.models import Reopening, RoundLink, RoundResult, SheetEntry, TallySheet
from huanjie.ballots.tests.test_rounds import ALL_ELECTED
from huanjie.ballots.tests.world import TallyWorld, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    tw = build(tree)
    tw.mobile.delete()
    return tw


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def body(
    issued: int = 8, collected: int = 8, votes: dict[str, dict[str, int]] | None = None
) -> dict[str, Any]:
    given = votes or dict(ALL_ELECTED, member={"刘洋": 6, "周杰": 5})
    return {
        "ballots_issued": issued,
        "ballots_collected": collected,
        "invalid_ballots": 0,
        "blank_ballots": 0,
        "votes": [
            {"post": post, "name": name, "votes": n}
            for post, persons in given.items()
            for name, n in persons.items()
        ],
    }


def entry_url(tw: TallyWorld) -> str:
    return f"/api/v1/elections/{tw.world.election.pk}/tally/boxes/{tw.central.pk}/entries/"


def test_vc_tally_2_entry_over_the_voters_is_400_with_the_rule_and_writes_nothing(
    tw: TallyWorld,
) -> None:
    response = api(tw.first).post(entry_url(tw), body(issued=7, collected=8), format="json")
    assert response.status_code == 400
    assert "VC-TALLY-2" in response.json()["message"]
    assert not TallySheet.objects.exists() and not SheetEntry.objects.exists()
    # A count must be a JSON integer.
    wrong = body()
    wrong["ballots_issued"] = "8"
    assert api(tw.first).post(entry_url(tw), wrong, format="json").status_code == 400


def test_vc_tally_two_clerks_by_api_then_result_certify_and_reopen(
    tw: TallyWorld, tree: RegionTree
) -> None:
    first = api(tw.first).post(entry_url(tw), body(), format="json")
    assert first.status_code == 201 and first.json()["entries"] == 1
    typo = api(tw.second).post(entry_url(tw), body(issued=9, collected=8), format="json")
    assert typo.status_code == 201 and not typo.json()["accepted"]
    assert {"field": "发出选票", "first": "8", "second": "9"} in typo.json()["mismatches"]
    done = api(tw.second).post(entry_url(tw), body(), format="json")
    assert done.status_code == 201 and done.json()["counted"] is True
    # A third clerk, or any entry after the count: 409, nothing written.
    third = user_for(Role.ELECTION_COMMITTEE, tree.a1, username="clerk3")
    late = api(third).post(entry_url(tw), body(), format="json")
    assert late.status_code == 409 and late.json()["code"] == "counted"

    election = tw.world.election.pk
    result = api(tw.first).get(f"/api/v1/elections/{election}/result/").json()
    assert result["contest"] == RoundResult.objects.get().contest
    assert result["outcome"]["next"] == "complete" and result["certified"] is False
    assert {h["name"] for h in result["holders"]} == {"张伟", "赵刚", "刘洋", "周杰", "李梅"}

    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")
    certify = f"/api/v1/elections/{election}/result/certify/"
    assert api(tw.first).post(certify).status_code == 403
    certified = api(officer).post(certify)
    assert certified.status_code == 200 and certified.json()["certified"] is True
    again = api(officer).post(certify)
    assert again.status_code == 409 and again.json()["code"] == "certified"

    reopen = f"/api/v1/elections/{election}/result/reopen/"
    no_reason = api(officer).post(reopen, {"reason": "", "boxes": ["中心会场"]}, format="json")
    assert no_reason.status_code == 400 and RoundResult.objects.exists()
    opened = api(officer).post(
        reopen, {"reason": "周杰票数待核", "boxes": ["中心会场"]}, format="json"
    )
    assert opened.status_code == 201 and opened.json()["was_certified"] is True
    assert not RoundResult.objects.exists() and Reopening.objects.count() == 1


def test_vc_tally_6_round_read_names_the_next_round(tw: TallyWorld, tree: RegionTree) -> None:
    for clerk in (tw.first, tw.second):
        api(clerk).post(entry_url(tw), body(votes=ALL_ELECTED), format="json")
    election = tw.world.election.pk
    read = api(tw.first).get(f"/api/v1/elections/{election}/tally/").json()
    assert read["boxes"][0]["state"] == "已核对一致"
    following = read["result"]["next_round"]
    tie = RoundLink.objects.get().election
    assert following["election"] == tie.pk and following["kind"] == "tie_revote"
    assert following["candidates"] == {"member": ["周杰", "王强"]}
    # Another township's officer gets the 404 of a missing election.
    other = user_for(Role.TOWNSHIP_OFFICER, tree.township_b, username="other")
    hidden = api(other).get(f"/api/v1/elections/{election}/tally/")
    missing = api(other).get("/api/v1/elections/987654/tally/")
    assert hidden.status_code == missing.status_code == 404
