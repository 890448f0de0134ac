"""The permission matrix (domain.md §1) on every page of the web shell: anonymous → login,
each role in and out of scope, missing ids. Out of scope and missing give the same 404 page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user

R = Role
MISSING_ID = 987_654
ALL = {"a1", "a2", "b1", "c1"}
# Villages whose working pages (village, household, person, audit) each role may open.
OPENS: dict[Role, set[str]] = {
    R.ADMINISTRATOR: ALL,
    R.ELECTION_OFFICE: {"a1", "a2", "b1"},
    R.TOWNSHIP_OFFICER: {"a1", "a2"},
    R.ELECTION_COMMITTEE: {"a1"},
    R.REVIEWER: set(),
    R.VILLAGE_CADRE: {"a1"},
    R.VILLAGE_PARTY: {"a1"},
    R.OBSERVER: set(),
}
REGIONS = ["province", "county", "township_a", "township_b", "other_county", "a1", "c1"]
# Regions whose figures page each role may open (a village it may work in redirects there).
FIGURES: dict[Role, set[str]] = {
    R.ADMINISTRATOR: set(REGIONS),
    R.ELECTION_OFFICE: {"county", "township_a", "township_b", "a1"},
    R.TOWNSHIP_OFFICER: {"township_a", "a1"},
    R.ELECTION_COMMITTEE: {"a1"},
    R.REVIEWER: set(),
    R.VILLAGE_CADRE: {"a1"},
    R.VILLAGE_PARTY: {"a1"},
    R.OBSERVER: {"county", "township_a", "township_b", "a1"},
}

# Each page over a village's objects: its URL name and the object's id in a village.
VILLAGE_PAGES: dict[str, tuple[str, Callable[[RegionTree, str], int]]] = {
    "village": ("core:village", lambda t, key: t.villages[key].pk),
    "village_people_tab": ("core:village", lambda t, key: t.villages[key].pk),
    "audit": ("core:village_audit", lambda t, key: t.villages[key].pk),
    "household": ("core:household", lambda t, key: t.households[key].pk),
    "person_head": ("core:person", lambda t, key: t.heads[key].pk),
    "person_spouse": ("core:person", lambda t, key: t.spouses[key].pk),
}
TOKEN = re.compile(rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def _url(name: str, pk: int, page: str) -> str:
    url = reverse(name, args=[pk])
    return url + "?tab=people" if page == "village_people_tab" else url


def _body(content: bytes) -> bytes:
    """The page without its CSRF tokens (new on every request, they carry nothing)."""
    return TOKEN.sub(rb"\1", content)


VILLAGE_CASES = [
    (role, page, key) for role in Role for page in VILLAGE_PAGES for key in sorted(ALL)
]


@pytest.mark.parametrize(
    ("role", "page", "key"),
    VILLAGE_CASES,
    ids=[f"{role.value}-{page}-{key}" for role, page, key in VILLAGE_CASES],
)
def test_village_pages_follow_the_matrix(
    client: Client, tree: RegionTree, role: Role, page: str, key: str
) -> None:
    client.force_login(make_user(tree, role))
    name, object_id = VILLAGE_PAGES[page]
    response = client.get(_url(name, object_id(tree, key), page))
    if key in OPENS[role]:
        assert response.status_code == 200
        assert tree.villages[key].name.encode() in response.content
        return
    assert response.status_code == 404
    missing = client.get(_url(name, MISSING_ID, page))
    assert missing.status_code == 404
    assert _body(response.content) == _body(missing.content)
    assert tree.villages[key].name.encode() not in response.content


REGION_CASES = [(role, key) for role in Role for key in REGIONS]


@pytest.mark.parametrize(
    ("role", "key"), REGION_CASES, ids=[f"{role.value}-{key}" for role, key in REGION_CASES]
)
def test_region_page_follows_the_matrix(
    client: Client, tree: RegionTree, role: Role, key: str
) -> None:
    client.force_login(make_user(tree, role))
    region = getattr(tree, key)
    response = client.get(reverse("core:region", args=[region.pk]))
    if key not in FIGURES[role]:
        assert response.status_code == 404
        missing = client.get(reverse("core:region", args=[MISSING_ID]))
        assert _body(response.content) == _body(missing.content)
    elif key in OPENS[role]:
        assert response.status_code == 302
        assert response["Location"] == reverse("core:village", args=[region.pk])
    else:
        assert response.status_code == 200
        assert region.name in response.content.decode()


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_home_opens_for_every_role(client: Client, tree: RegionTree, role: Role) -> None:
    client.force_login(make_user(tree, role))
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "换届选举管理系统" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("core:home", ""),
        ("core:region", "county"),
        ("core:village", "a1"),
        ("core:village_audit", "a1"),
        ("core:household", "household"),
        ("core:person", "person"),
    ],
    ids=["home", "region", "village", "audit", "household", "person"],
)
def test_anonymous_is_sent_to_login(client: Client, tree: RegionTree, name: str, kind: str) -> None:
    args = {
        "": [],
        "county": [tree.county.pk],
        "a1": [tree.a1.pk],
        "household": [tree.households["a1"].pk],
        "person": [tree.heads["a1"].pk],
    }[kind]
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize(
    ("name", "key"),
    [("core:village", "township_a"), ("core:village_audit", "county")],
    ids=["village-page-of-a-township", "audit-of-a-county"],
)
def test_a_region_that_is_not_a_village_has_no_village_page(
    client: Client, tree: RegionTree, name: str, key: str
) -> None:
    client.force_login(make_user(tree, R.ADMINISTRATOR))
    response = client.get(reverse(name, args=[getattr(tree, key).pk]))
    missing = client.get(reverse(name, args=[MISSING_ID]))
    assert response.status_code == 404
    assert _body(response.content) == _body(missing.content)


@pytest.mark.parametrize(
    ("url", "method"),
    [("/", "post"), ("/villages/1/", "post"), ("/accounts/logout/", "put")],
    ids=["home-post", "village-post", "logout-put"],
)
def test_pages_refuse_the_wrong_method(
    client: Client, tree: RegionTree, url: str, method: str
) -> None:
    client.force_login(make_user(tree, R.ADMINISTRATOR))
    assert getattr(client, method)(url).status_code == 405
