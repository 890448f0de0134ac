"""A party election through the API: the sheet with the members present (PB-QUORUM-1), the
plenary the system creates (PB-SEC-1) and the higher-level approval (PB-WIN-4): 201, the 403
for a clerk, the 409 when the result is not final or already approved, nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.models import PartyApproval, RoundLink
from huanjie.ballots.tests.party_world import A, B, C, D, E, F, build
from huanjie.elections.models import OfficeHolder

pytestmark = pytest.mark.django_db


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def sheet(present: int | None, votes: dict[str, dict[str, int]], n: int) -> dict[str, Any]:
    return {
        "ballots_issued": n,
        "ballots_collected": n,
        "invalid_ballots": 0,
        "present": present,
        "votes": [
            {"post": post, "name": name, "votes": v}
            for post, persons in votes.items()
            for name, v in persons.items()
        ],
    }


def test_PB_WIN_4_a_party_election_by_api_to_the_approval(tree: RegionTree) -> None:
    pt = build(tree, party_profile="PB_1990")
    url = f"/api/v1/elections/{pt.election.pk}/tally/boxes/{pt.central.pk}/entries/"
    missing = api(pt.first).post(url, sheet(None, {"member": {A: 30}}, 32), format="json")
    assert missing.status_code == 400 and "PB-QUORUM-1" in missing.json()["message"]
    meeting = {"member": {A: 30, B: 28, C: 22, D: 21, E: 20, F: 16}}
    api(pt.first).post(url, sheet(32, meeting, 32), format="json")
    done = api(pt.second).post(url, sheet(32, meeting, 32), format="json")
    assert done.status_code == 201 and done.json()["counted"] is True
    result = api(pt.first).get(f"/api/v1/elections/{pt.election.pk}/result/").json()
    assert result["contest"]["should_attend"] == 40 and result["contest"]["present"] == 32
    assert result["next_round"]["kind"] == "plenary" and result["next_round"]["round"] == "plenary"
    plenary = RoundLink.objects.get(previous=pt.election).election
    approval_url = f"/api/v1/elections/{plenary.pk}/party-approval/"
    officer = user_for(Role.TOWNSHIP_OFFICER, pt.world.tree.township_a, username="officer")
    approval = {
        "approver": "中共鹤溪街道工作委员会",
        "approved_on": timezone.localdate().isoformat(),
        "document_number": "鹤党〔2026〕12号",
    }
    early = api(officer).post(approval_url, approval, format="json")
    assert early.status_code == 409 and early.json()["code"] == "PB-WIN-4"
    entry = f"/api/v1/elections/{plenary.pk}/tally/boxes/{pt.central.pk}/entries/"
    officers = {"secretary": {A: 5}, "deputy_secretary": {B: 4}}
    api(pt.first).post(entry, sheet(5, officers, 5), format="json")
    api(pt.second).post(entry, sheet(5, officers, 5), format="json")
    state = api(pt.first).get(approval_url).json()
    assert state["state"] == "elected_pending_approval"
    assert state["elected"] == [
        {"person": A, "post": "secretary"},
        {"person": B, "post": "deputy_secretary"},
    ]
    assert api(pt.first).post(approval_url, approval, format="json").status_code == 403
    assert not PartyApproval.objects.exists()
    recorded = api(officer).post(approval_url, approval, format="json")
    assert recorded.status_code == 201 and recorded.json()["state"] == "approved"
    assert OfficeHolder.objects.filter(post="member").count() == 3
    again = api(officer).post(approval_url, approval, format="json")
    assert again.status_code == 409 and again.json()["code"] == "approved"
