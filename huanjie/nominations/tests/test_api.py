"""GET /api/v1/villages/{id}/nominations/: the page's content for a program, candidates in
surname stroke order, the engine's dates; no ID number leaves."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.nominations.services import application_accept, application_file
from huanjie.nominations.tests.world import nomination_world

pytestmark = pytest.mark.django_db


def test_the_api_lists_posts_applications_and_candidates(tree: RegionTree) -> None:
    world, chair = nomination_world(tree)
    for name in ("李四", "丁一"):
        application = application_file(
            recruitment=chair,
            person=world[name],
            kind="self",
            filed_on=date(2026, 4, 1),
            acting_user=None,
        )
        application_accept(application=application, on=date(2026, 4, 10), acting_user=None)
    client = APIClient()
    client.force_authenticate(make_user(tree, Role.VILLAGE_CADRE))
    response = client.get(f"/api/v1/villages/{world.village.pk}/nominations/")
    assert response.status_code == 200
    data = response.json()
    assert data["candidate_list_deadline"] == "2026-04-13"
    assert data["self_registration_deadline"] == "2026-04-08"
    assert data["withdrawal_deadline"] == "2026-04-15"
    posts = {p["post"]: p for p in data["posts"]}
    assert [c["name"] for c in posts["chair"]["candidates"]] == ["丁一", "李四"]
    assert posts["chair"]["published_on"] == "2026-03-20"
    assert posts["member"]["recruitment"] is None and posts["member"]["applications"] == []
    assert world["李四"].id_number not in response.content.decode()
