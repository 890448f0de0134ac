"""The group leaders through /api/v1/: announcement 5 set, a group's selection recorded (201,
REP-6's refusals 400 with nothing changed, a second time 409) and cancelled; the read gives
each group with its leader and deputies."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import make_user
from huanjie.committees.models import GroupLeaderSelection
from huanjie.committees.tests.test_group_leaders import first_group, people_of
from huanjie.committees.tests.test_group_leaders import world as world
from huanjie.committees.tests.world import World

pytestmark = pytest.mark.django_db


def test_notice_selection_and_cancel(world: World) -> None:
    client = APIClient()
    client.force_login(make_user(world.tree, Role.ELECTION_COMMITTEE))
    url = f"/api/v1/villages/{world.village.pk}/group-leaders/"
    notice = {
        "issued_on": "2026-03-20",
        "held_on": "2026-03-28",
        "starts_at": "08:30",
        "ends_at": "11:30",
        "place": "村文化礼堂",
    }
    response = client.post(url + "notice/", notice, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["notice"]["starts_at"] == "08:30"
    group = first_group(world)
    p = people_of(group)
    body = {
        "held_on": "2026-03-28",
        "adults_present": 19,
        "households_present": 9,
        "leader_votes": [{"person": p[0].pk, "votes": 15}],
        "deputy_votes": [{"person": p[1].pk, "votes": 12}],
    }
    refused = client.post(url + f"groups/{group.pk}/selection/", body, format="json")
    assert refused.status_code == 400 and "REP-6" in refused.json()["message"]
    assert not GroupLeaderSelection.objects.exists()
    body["adults_present"] = 20
    done = client.post(url + f"groups/{group.pk}/selection/", body, format="json")
    assert done.status_code == 201, done.content
    line = next(g for g in done.json()["groups"] if g["villager_group"] == group.pk)
    assert line["leader"] == {"id": p[0].pk, "name": p[0].name}
    assert line["deputies"] == [{"id": p[1].pk, "name": p[1].name}]
    assert line["selection"]["adults_eligible"] == 30
    again = client.post(url + f"groups/{group.pk}/selection/", body, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "selection_recorded")
    cancel = client.post(url + f"groups/{group.pk}/cancel/", {"reason": "重新推选"}, format="json")
    assert cancel.status_code == 200 and cancel.json()["selected"] == 0
    read = make_user(world.tree, Role.TOWNSHIP_OFFICER)
    other = APIClient()
    other.force_login(read)
    assert other.get(url).status_code == 200
    assert other.post(url + "notice/", notice, format="json").status_code == 403
