"""The register's pages: each role within its villages (the same 404 outside them), read-only for
those who may not change it (403 saying who does), a refusal shown on its form with nothing
changed; the township's page; the announcement for whoever sees published documents."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.core.tests.test_views_access import OPENS
from huanjie.registration.models import ListStatus, Voter, VoterRegister
from huanjie.registration.services import register_build, register_publish
from huanjie.registration.tests.world import World, build_world

R = Role
VILLAGES = ["a1", "a2", "b1", "c1"]
PAGES = ["", "voters/", "left-off/", "records/", "conflicts/", "changes/"]


@pytest.fixture
def world(tree: RegionTree) -> World:
    """Election day 40 days ahead: publishing today is lawful; 东坑村 (a1) built."""
    today = timezone.localdate()
    world = build_world(tree, day=today + timedelta(days=40))
    register_build(election=world.elections["a1"], acting_user=None, today=today)
    return world


def _client(tree: RegionTree, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(tree, role))
    return client


CASES = [(role, key) for role in Role for key in VILLAGES]


@pytest.mark.parametrize(("role", "key"), CASES, ids=[f"{r.value}-{k}" for r, k in CASES])
def test_register_pages_follow_the_matrix(world: World, role: Role, key: str) -> None:
    client = _client(world.tree, role)
    village = world.tree.villages[key]
    for page in PAGES:
        response = client.get(f"/voters/villages/{village.pk}/{page}")
        if key in OPENS[role]:
            # A village whose list is not built yet shows its home page instead of the lists.
            assert response.status_code in (200, 302), page
            if response.status_code == 200:
                assert village.name in response.content.decode()
        else:
            assert response.status_code == 404, page
            assert village.name not in response.content.decode()


def test_the_committee_builds_and_others_are_told_who_does(world: World) -> None:
    village = world.tree.a2
    url = f"/voters/villages/{village.pk}/build/"
    before = (Voter.objects.count(), AuditEntry.objects.count())
    officer = _client(world.tree, R.TOWNSHIP_OFFICER)
    refused = officer.post(url)
    assert refused.status_code == 403
    assert "村民选举委员会" in refused.content.decode()
    assert (Voter.objects.count(), AuditEntry.objects.count()) == before
    page = officer.get(f"/voters/villages/{world.tree.a1.pk}/")
    assert "生成选民名单</button>" not in page.content.decode()  # read-only for the officer


def test_a_late_publication_is_refused_on_the_form_and_changes_nothing(world: World) -> None:
    committee = _client(world.tree, R.ELECTION_COMMITTEE)
    register = VoterRegister.objects.get(election=world.elections["a1"])
    election = register.election
    # The election moved nearer: today is past the last lawful day; build for it again first.
    election.election_day = timezone.localdate() + timedelta(days=10)
    election.save()
    register_build(election=election, acting_user=None, today=timezone.localdate())
    before = (VoterRegister.objects.get(pk=register.pk).status, AuditEntry.objects.count())
    response = committee.post(
        f"/voters/villages/{world.tree.a1.pk}/publish/",
        {"published_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    text = response.content.decode()
    last = election.election_day - timedelta(days=20)
    assert f"法定最晚日{last}" in text and "VC-REG-5" in text
    assert (VoterRegister.objects.get(pk=register.pk).status, AuditEntry.objects.count()) == before


def test_the_committee_publishes_and_the_home_page_says_the_objection_deadline(
    world: World,
) -> None:
    committee = _client(world.tree, R.ELECTION_COMMITTEE)
    today = timezone.localdate()
    response = committee.post(
        f"/voters/villages/{world.tree.a1.pk}/publish/", {"published_on": today.isoformat()}
    )
    assert response.status_code == 302
    register = VoterRegister.objects.get(election=world.elections["a1"])
    assert register.status == ListStatus.PUBLISHED
    home = committee.get(f"/voters/villages/{world.tree.a1.pk}/").content.decode()
    assert f"{register.objection_deadline:%Y-%m-%d}" in home


def _publish(world: World) -> VoterRegister:
    today = timezone.localdate()
    register = VoterRegister.objects.get(election=world.elections["a1"])
    return register_publish(register=register, published_on=today, acting_user=None, today=today)


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_the_published_announcement_is_a_published_document(world: World, role: Role) -> None:
    """Whoever sees 东坑村's published documents reads it (observers too); a draft only on the
    village's own pages; never an ID number."""
    client = _client(world.tree, role)
    register = VoterRegister.objects.get(election=world.elections["a1"])
    url = f"/documents/voters/{register.pk}/list/"
    draft = client.get(url)
    assert draft.status_code == (200 if "a1" in OPENS[role] else 404)
    _publish(world)
    published = client.get(url)
    sees = role in (R.OBSERVER, R.ADMINISTRATOR, R.ELECTION_OFFICE) or "a1" in OPENS[role]
    assert published.status_code == (200 if sees else 404)
    if sees:
        text = published.content.decode()
        assert "关于选民名单的公告" in text and "东坑村户主" in text
        assert world.tree.heads["a1"].id_number not in text


def test_cards_are_printed_by_the_committee_only(world: World) -> None:
    from huanjie.registration.services import cards_issue

    register = _publish(world)
    cards_issue(register=register, acting_user=None)
    url = f"/documents/voters/{register.pk}/cards.pdf?from=1&to=2"
    assert _client(world.tree, R.TOWNSHIP_OFFICER).get(url).status_code == 403
    assert _client(world.tree, R.OBSERVER).get(url).status_code == 404


TOWNSHIP_CASES = [(role, key) for role in Role for key in ("township_a", "township_b")]
SEES_TOWNSHIP: dict[Role, set[str]] = {
    R.ADMINISTRATOR: {"township_a", "township_b"},
    R.ELECTION_OFFICE: {"township_a", "township_b"},
    R.TOWNSHIP_OFFICER: {"township_a"},
}


@pytest.mark.parametrize(
    ("role", "key"), TOWNSHIP_CASES, ids=[f"{r.value}-{k}" for r, k in TOWNSHIP_CASES]
)
def test_the_township_page_lists_its_villages_registers(world: World, role: Role, key: str) -> None:
    client = _client(world.tree, role)
    response = client.get(f"/voters/regions/{getattr(world.tree, key).pk}/")
    if key not in SEES_TOWNSHIP.get(role, set()):
        assert response.status_code == 404
        return
    assert response.status_code == 200
    text = response.content.decode()
    if key == "township_a":
        assert "东坑村" in text and "大均村" in text and "草稿" in text and "未生成" in text
        assert "梧桐村" not in text


def test_the_village_page_has_the_register_tab(world: World) -> None:
    client = _client(world.tree, R.TOWNSHIP_OFFICER)
    page = client.get(f"/villages/{world.tree.a1.pk}/?tab=voters").content.decode()
    assert "选民登记" in page and f"/voters/villages/{world.tree.a1.pk}/" in page


def test_a_wish_refused_by_the_service_is_shown_beside_its_field(world: World) -> None:
    committee = _client(world.tree, R.ELECTION_COMMITTEE)
    before = AuditEntry.objects.count()
    data: dict[str, Any] = {
        "form": "wish",
        "wish-id_number": world.tree.heads["a1"].id_number,
        "wish-expressed_on": date.today().isoformat(),
        "wish-means": "phone",
    }
    response = committee.post(f"/voters/villages/{world.tree.a1.pk}/records/", data)
    assert response.status_code == 200
    assert "无需登记参选意愿" in response.content.decode()
    assert AuditEntry.objects.count() == before
