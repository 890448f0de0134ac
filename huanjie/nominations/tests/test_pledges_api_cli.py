"""The candidates' pledges (三项承诺, 纪律承诺书) through the REST API and the CLI: read by the
village's readers, recorded by the election committee or the township officer once per kind,
refusals in Chinese changing nothing; and the township pipeline on the command line."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.commands import run
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.api.tests.test_matrix import FIGURES
from huanjie.audit.models import AuditEntry
from huanjie.committees.tests.world import World
from huanjie.nominations.models import Application, Pledge, Recruitment
from huanjie.nominations.services import application_accept, application_file
from huanjie.nominations.tests.world import nomination_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(tree: RegionTree) -> tuple[World, Recruitment, Application]:
    world, chair = nomination_world(tree)
    application = application_file(
        recruitment=chair,
        person=world["李四"],
        kind="self",
        filed_on=date(2026, 3, 22),
        acting_user=None,
    )
    application_accept(application=application, on=date(2026, 3, 24), acting_user=None)
    return world, chair, application


def api(tree: RegionTree, role: Role) -> APIClient:
    client = APIClient()
    client.force_authenticate(make_user(tree, role))
    return client


def test_api_records_and_lists_pledges(built: tuple[World, Recruitment, Application]) -> None:
    world, _, application = built
    url = f"/api/v1/villages/{world.village.pk}/pledges/"
    committee = api(world.tree, Role.ELECTION_COMMITTEE)
    response = committee.post(
        url,
        {"application": application.pk, "kind": "discipline", "on": "2026-03-25"},
        format="json",
    )
    assert response.status_code == 201
    (row,) = response.json()["candidates"]
    assert row["person"]["name"] == "李四" and row["post"] == "chair" and not row["complete"]
    pledges = {p["kind"]: p for p in row["pledges"]}
    assert pledges["discipline"]["signed_on"] == "2026-03-25"
    assert pledges["discipline"]["kind_name"] == "纪律承诺书"
    assert pledges["campaign"]["signed_on"] is None
    # the same pledge twice: 400 in Chinese, nothing written
    before = (Pledge.objects.count(), AuditEntry.objects.count())
    again = committee.post(
        url,
        {"application": application.pk, "kind": "discipline", "on": "2026-03-26"},
        format="json",
    )
    assert again.status_code == 400 and "纪律承诺书" in again.json()["message"]
    # a reader reads, but may not record
    cadre = api(world.tree, Role.VILLAGE_CADRE)
    assert cadre.get(url).json()["candidates"][0]["pledges"][3]["signed_on"] == "2026-03-25"
    denied = cadre.post(
        url, {"application": application.pk, "kind": "campaign", "on": "2026-03-25"}, format="json"
    )
    assert denied.status_code == 403
    # another village's application is not found
    missing = committee.post(
        url, {"application": 987_654, "kind": "campaign", "on": "2026-03-25"}, format="json"
    )
    assert missing.status_code == 404
    assert (Pledge.objects.count(), AuditEntry.objects.count()) == before
    # the other kinds complete the row
    officer = api(world.tree, Role.TOWNSHIP_OFFICER)
    for kind in ("campaign", "business", "resignation"):
        done = officer.post(
            url, {"application": application.pk, "kind": kind, "on": "2026-03-26"}, format="json"
        )
        assert done.status_code == 201
    assert done.json()["candidates"][0]["complete"] is True


def test_api_refuses_after_the_election_day_with_409_when_closed(
    built: tuple[World, Recruitment, Application],
) -> None:
    world, _, application = built
    world.election.status = "complete"
    world.election.save()
    response = api(world.tree, Role.ELECTION_COMMITTEE).post(
        f"/api/v1/villages/{world.village.pk}/pledges/",
        {"application": application.pk, "kind": "campaign", "on": "2026-03-25"},
        format="json",
    )
    assert response.status_code == 409 and response.json()["code"] == "closed"


def test_cli_records_and_lists_pledges(
    built: tuple[World, Recruitment, Application], tree: RegionTree
) -> None:
    world, _, _ = built
    id_number = world["李四"].id_number
    said = run(
        "nomination_pledge", id_number, "--post", "主任", "--kind", "竞职承诺", "--on", "2026-03-25"
    )
    assert said.strip() == "已登记李四于2026-03-25签订竞职承诺。"
    listing = run("nomination_pledges", world.village.code)
    assert "主任 李四：竞职承诺 2026-03-25；创业承诺 未签" in listing
    with pytest.raises(CommandError) as exc:
        run(
            "nomination_pledge",
            id_number,
            "--post",
            "主任",
            "--kind",
            "campaign",
            "--on",
            "2026-03-26",
        )
    assert exc.value.returncode == 2 and "竞职承诺" in str(exc.value)
    committee = make_user(tree, Role.VILLAGE_CADRE)
    with pytest.raises(CommandError):
        run(
            "nomination_pledge", id_number, "--post", "主任", "--kind", "辞职承诺",
            "--on", "2026-03-26", "--by", committee.username,
        )  # fmt: skip
    assert Pledge.objects.count() == 1


def test_cli_pipeline(built: tuple[World, Recruitment, Application]) -> None:
    world, _, _ = built
    out = run("nomination_pipeline", world.tree.township_a.code)
    assert "东坑村：村党组织 0→0→0→0；村民委员会 1→1→0→0；后备干部0人；去向 无现任干部" in out
    assert "合计：" in out
    with pytest.raises(CommandError) as exc:
        run("nomination_pipeline", world.village.code)
    assert "没有区划代码为" in str(exc.value)


def test_api_township_pipeline(built: tuple[World, Recruitment, Application]) -> None:
    world, _, _ = built
    url = f"/api/v1/townships/{world.tree.township_a.pk}/pipeline/"
    data = api(world.tree, Role.TOWNSHIP_OFFICER).get(url).json()
    rows = {r["village_name"]: r for r in data["villages"]}
    assert list(rows) == ["东坑村", "大均村"]
    vc = {b["body"]: b for b in rows["东坑村"]["bodies"]}["villagers_committee"]
    assert (vc["applicants"], vc["recommended"], vc["reviewed"], vc["formal"]) == (1, 1, 0, 0)
    assert {p["path_name"] for p in data["paths"]} >= {"光荣让贤", "未登记"}
    assert data["reserve"] == 0
    # the committee's scope is one village: no township for it; a village is no township
    assert api(world.tree, Role.ELECTION_COMMITTEE).get(url).status_code == 404
    village = f"/api/v1/townships/{world.village.pk}/pipeline/"
    assert api(world.tree, Role.TOWNSHIP_OFFICER).get(village).status_code == 404


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_api_township_pipeline_follows_the_figures_reach(tree: RegionTree, role: Role) -> None:
    client = api(tree, role)
    response = client.get(f"/api/v1/townships/{tree.township_a.pk}/pipeline/")
    if "township_a" in FIGURES[role]:
        assert response.status_code == 200
        return
    missing = client.get("/api/v1/townships/987654/pipeline/")
    assert (response.status_code, response.json()) == (404, missing.json())
