"""The joint review's endpoints: a village's candidates with each department's result and its
kinship conflicts; a reviewer's queue; a reviewer recording a result (409 for a final 不能,
404 outside their county or round, 403 for other roles) — each write audited."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.committees.tests.world import family, villager
from huanjie.elections.models import OfficeHolder
from huanjie.vetting.models import ReviewResult
from huanjie.vetting.tests.world import Vetting, clear, vetting_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def v(tree: RegionTree) -> Vetting:
    return vetting_world(tree)


def _api(user: object) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)  # type: ignore[arg-type]
    return client


def _url(v: Vetting, name: str) -> str:
    return f"/api/v1/vetting/rounds/{v.round.pk}/candidates/{v.candidates[name].pk}/result/"


def test_the_village_endpoint_lists_reviews_and_conflicts(v: Vetting) -> None:
    clear(v, "李四")
    world = v.world
    sibling = villager(world, "李五", birth=date(1975, 1, 1))
    family(world["李四"], sibling, "sibling")
    OfficeHolder.objects.create(
        village=world.village,
        body="supervision_committee",
        post="chair",
        person=sibling,
        term_start=date(2021, 4, 1),
        term_end=date(2026, 5, 1),
    )
    response = _api(make_user(world.tree, Role.TOWNSHIP_OFFICER)).get(
        f"/api/v1/villages/{world.village.pk}/vetting/"
    )
    assert response.status_code == 200
    data = response.json()
    by_name = {c["person"]["name"]: c for c in data["candidates"]}
    assert by_name["李四"]["status"] == "cleared" and by_name["李四"]["uncleared"] == []
    assert by_name["王五"]["status"] == "pending"
    assert by_name["王五"]["uncleared"] == ["纪检监察", "公安", "法院"]
    [conflict] = [c for c in data["conflicts"] if c["rule_id"] == "KIN-2"]
    assert conflict["a"]["name"] == "李五" and conflict["chain"].startswith("李五是李四的")
    assert "KIN-3" in data["not_checked"][0]
    assert "id_number" not in response.content.decode()
    outsider = _api(user_for(Role.TOWNSHIP_OFFICER, world.tree.township_b))
    assert outsider.get(f"/api/v1/villages/{world.village.pk}/vetting/").status_code == 404


def test_a_reviewer_records_through_the_api(v: Vetting) -> None:
    police = _api(make_user(v.world.tree, Role.REVIEWER))
    queue = police.get("/api/v1/vetting/queue/").json()
    assert queue["department"] == "公安" and len(queue["todo"]) == 2
    response = police.post(
        _url(v, "王五"),
        {"on": "2026-04-06", "item": "criminal_punishment", "note": "曾受刑事处罚"},
        format="json",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "rejected"
    [slot] = [s for s in data["slots"] if s["department"] == "公安"]
    assert slot["verdict"] == "ineligible" and slot["item"]["rule_id"] == "QUAL-6"
    assert AuditEntry.objects.filter(action="vetting.result").count() == 1
    again = police.post(_url(v, "王五"), {"on": "2026-04-07"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "final"
    unknown = police.post(_url(v, "李四"), {"on": "2026-04-06", "item": "nope"}, format="json")
    assert unknown.status_code == 400
    assert ReviewResult.objects.count() == 1
    queue = police.get("/api/v1/vetting/queue/").json()
    assert len(queue["todo"]) == 1 and queue["done"][0]["verdict"] == "ineligible"


def test_only_the_departments_reviewers_of_the_county_write(v: Vetting) -> None:
    civil = _api(user_for(Role.REVIEWER, v.world.tree.county, department="民政"))
    assert civil.post(_url(v, "李四"), {"on": "2026-04-06"}, format="json").status_code == 404
    other = _api(user_for(Role.REVIEWER, v.world.tree.other_county, department="公安"))
    assert other.post(_url(v, "李四"), {"on": "2026-04-06"}, format="json").status_code == 404
    township = _api(make_user(v.world.tree, Role.TOWNSHIP_OFFICER))
    assert township.post(_url(v, "李四"), {"on": "2026-04-06"}, format="json").status_code == 403
    assert township.get("/api/v1/vetting/queue/").status_code == 403
    assert not ReviewResult.objects.exists()
