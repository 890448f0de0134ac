"""The party roll page: who opens it (the village gate), who changes what (the village party
organization; the township officer records the higher organization's consent), refusals shown
above their form with nothing changed, what the page and the printed sheet say."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.core.tests.test_views_access import OPENS
from huanjie.elections.models import AttendanceExclusion, Ground, MemberRegistration
from huanjie.elections.party.services import exclusion_propose
from huanjie.elections.tests.party_world import PartyWorld, build_party_world, member, villager
from huanjie.people.models import PartyMembership, PoliticalStatus

R = Role
MISSING = 987_654


@pytest.fixture
def world(tree: RegionTree) -> PartyWorld:
    # The election is a month from now, so that today's dates are lawful approvals.
    today = timezone.localdate()
    world = build_party_world(tree, day=None)
    world.election.election_day = today + timedelta(days=30)
    world.election.save()
    member(world, "张三")
    member(world, "李四", floating=True)
    villager(world, "王五", political_status=PoliticalStatus.FULL_MEMBER)
    return world


def client(tree: RegionTree, role: Role) -> Client:
    c = Client()
    c.force_login(make_user(tree, role))
    return c


def _state() -> tuple[Any, ...]:
    return (
        list(AttendanceExclusion.objects.order_by("pk").values()),
        list(MemberRegistration.objects.order_by("pk").values()),
        list(PartyMembership.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def _url(village_id: int, tail: str = "") -> str:
    return f"/elections/villages/{village_id}/party-roll/{tail}"


CASES = [(role, key) for role in Role for key in ("a1", "a2", "c1")]


@pytest.mark.parametrize(("role", "key"), CASES, ids=[f"{r.value}-{k}" for r, k in CASES])
def test_the_page_follows_the_village_gate(world: PartyWorld, role: Role, key: str) -> None:
    c = client(world.tree, role)
    response = c.get(_url(world.tree.villages[key].pk))
    preview = c.get(f"/documents/villages/{world.tree.villages[key].pk}/party-roll/")
    if key in OPENS[role]:
        assert (response.status_code, preview.status_code) == (200, 200)
        return
    missing = c.get(_url(MISSING))
    assert (response.status_code, preview.status_code, missing.status_code) == (404, 404, 404)
    assert world.tree.villages[key].name not in response.content.decode()


Post = Callable[[PartyWorld], tuple[str, dict[str, str]]]


def _open_exclusion(w: PartyWorld) -> int:
    found = AttendanceExclusion.objects.filter(person=w["张三"]).first()
    if found is None:
        found = exclusion_propose(
            election=w.election,
            person=w["张三"],
            ground=Ground.ABROAD,
            detail="自费留学",
            acting_user=None,
        )
    return found.pk


TODAY = str(timezone.localdate())
WRITES: dict[str, tuple[Post, frozenset[Role]]] = {
    "propose": (
        lambda w: (
            "exclusions/",
            {"ex-person": str(w["李四"].pk), "ex-ground": "floating", "ex-detail": "在外务工"},
        ),
        frozenset({R.VILLAGE_PARTY}),
    ),
    "consent": (
        lambda w: (
            f"exclusions/{_open_exclusion(w)}/consent/",
            {
                f"c{_open_exclusion(w)}-on": TODAY,
                f"c{_open_exclusion(w)}-approver": "中共鹤溪街道工作委员会",
                f"c{_open_exclusion(w)}-document": "鹤街党〔2026〕5号",
            },
        ),
        frozenset({R.VILLAGE_PARTY, R.TOWNSHIP_OFFICER}),
    ),
    "meeting": (
        lambda w: (
            f"exclusions/{_open_exclusion(w)}/meeting/",
            {f"m{_open_exclusion(w)}-on": TODAY},
        ),
        frozenset({R.VILLAGE_PARTY}),
    ),
    "withdraw": (
        lambda w: (
            f"exclusions/{_open_exclusion(w)}/withdraw/",
            {f"w{_open_exclusion(w)}-reason": "本人已回村"},
        ),
        frozenset({R.VILLAGE_PARTY}),
    ),
    "register": (
        lambda w: (
            "registrations/",
            {"reg-person": str(w["张三"].pk), "reg-on": TODAY, "reg-method": "phone"},
        ),
        frozenset({R.VILLAGE_PARTY}),
    ),
    "enter": (
        lambda w: (
            f"members/{w['王五'].pk}/",
            {f"e{w['王五'].pk}-organization": str(w.branch.pk)},
        ),
        frozenset({R.VILLAGE_PARTY}),
    ),
    "edit": (
        lambda w: (
            f"members/{w['张三'].pk}/edit/",
            {"m-status": "full", "m-probation_until": str(TODAY), "m-floating": "on"},
        ),
        frozenset({R.VILLAGE_PARTY}),
    ),
}
WRITE_CASES = [(role, page) for role in Role for page in WRITES]


@pytest.mark.parametrize(
    ("role", "page"), WRITE_CASES, ids=[f"{r.value}-{p}" for r, p in WRITE_CASES]
)
def test_writes_follow_the_matrix_and_refusals_change_nothing(
    world: PartyWorld, role: Role, page: str
) -> None:
    make, allowed = WRITES[page]
    tail, data = make(world)
    c = client(world.tree, role)
    before = _state()
    response = c.post(_url(world.village.pk, tail), data)
    if role in allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert _state() != before
        return
    assert response.status_code == (403 if "a1" in OPENS[role] else 404)
    assert _state() == before


def test_a_refusal_is_said_above_its_form_and_changes_nothing(world: PartyWorld) -> None:
    c = client(world.tree, R.VILLAGE_PARTY)
    before = _state()
    response = c.post(
        _url(world.village.pk, "exclusions/"),
        {"ex-person": str(world["张三"].pk), "ex-ground": "floating", "ex-detail": "在外"},
    )
    assert response.status_code == 200
    assert "不是流动党员" in response.content.decode()
    assert 'value="在外"' in response.content.decode()  # what was typed is kept
    assert _state() == before


def test_the_party_organization_needs_the_consents_document(world: PartyWorld) -> None:
    pk = _open_exclusion(world)
    party = client(world.tree, R.VILLAGE_PARTY)
    data = {f"c{pk}-on": TODAY, f"c{pk}-approver": "中共鹤溪街道工作委员会"}
    before = _state()
    response = party.post(_url(world.village.pk, f"exclusions/{pk}/consent/"), data)
    assert response.status_code == 200 and "文号" in response.content.decode()
    assert _state() == before
    township = client(world.tree, R.TOWNSHIP_OFFICER)
    response = township.post(_url(world.village.pk, f"exclusions/{pk}/consent/"), data)
    assert response.status_code == 302


def test_the_page_shows_the_derivation_with_its_rules(world: PartyWorld) -> None:
    c = client(world.tree, R.TOWNSHIP_OFFICER)
    page = c.get(_url(world.village.pk)).content.decode()
    assert 'data-figure="voting">3<' in page  # the head, 张三, 李四
    assert 'data-figure="should_attend">3<' in page
    for rule in ("PB-RIGHTS-1", "PB-QUORUM-2", "PB-QUORUM-1", "SEED-PB-REG"):
        assert rule in page
    assert "仅供了解" in page
    assert "王五" in page and "尚未列入党员名册" in page
    # Read-only for the township: no roll or exclusion forms, but its consent form.
    assert "”登记入册</button>" not in page and "提出不列入应到会人数</div>" not in page
    assert "登记上级党组织同意" not in page  # nothing proposed yet


def test_the_sheet_prints_names_and_status_never_id_numbers(world: PartyWorld) -> None:
    c = client(world.tree, R.ELECTION_OFFICE)
    html = c.get(f"/documents/villages/{world.village.pk}/party-roll/").content.decode()
    assert "党员名册及应到会人数" in html and "张三" in html and "应到会3名" in html
    for person in (world["张三"], world["head"], world["王五"]):
        assert person.id_number not in html
        assert person.id_number[-4:] + "<" not in html


def test_the_party_organization_puts_a_member_under_probation(world: PartyWorld) -> None:
    """PB-RIGHTS-2 from the roll page: 留党察看 running through the election day takes the vote
    away; the page counts again at once."""
    c = client(world.tree, R.VILLAGE_PARTY)
    page = c.get(_url(world.village.pk) + f"?edit={world['张三'].pk}").content.decode()
    assert "修改党员信息：张三" in page
    until = world.election.election_day + timedelta(days=100)  # type: ignore[operator]
    response = c.post(
        _url(world.village.pk, f"members/{world['张三'].pk}/edit/"),
        {"m-status": "full", "m-probation_until": str(until)},
    )
    assert response.status_code == 302
    page = c.get(_url(world.village.pk)).content.decode()
    assert 'data-figure="probation">1<' in page and 'data-figure="voting">2<' in page
    before = _state()
    refused = c.post(
        _url(world.village.pk, f"members/{world['张三'].pk}/edit/"),
        {"m-status": "probationary", "m-probation_until": str(until)},
    )
    assert (
        refused.status_code == 200 and "只有正式党员才会受留党察看处分" in refused.content.decode()
    )
    assert _state() == before
