"""The permission matrix (domain.md §1) on the access gates: each role × in scope / out of
scope / missing. Missing and out-of-scope must be indistinguishable."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model
from django.http import Http404
from pytest_django import DjangoAssertNumQueries

from huanjie.accounts import messages
from huanjie.accounts.gates import access_region, access_village, scoped_regions, scoped_villages
from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.people.gates import access_household, access_person, scoped_households, scoped_people
from huanjie.regions.models import Level, Region

R = Role
MISSING_ID = 987_654
Gate = Callable[[User | AnonymousUser, int | str], Model]

VILLAGE_CASES = [
    (R.ADMINISTRATOR, "c1", True),
    (R.ELECTION_OFFICE, "b1", True),
    (R.ELECTION_OFFICE, "c1", False),
    (R.TOWNSHIP_OFFICER, "a2", True),
    (R.TOWNSHIP_OFFICER, "b1", False),
    (R.ELECTION_COMMITTEE, "a1", True),
    (R.ELECTION_COMMITTEE, "a2", False),
    (R.REVIEWER, "a1", False),
    (R.VILLAGE_CADRE, "a1", True),
    (R.VILLAGE_CADRE, "a2", False),
    (R.VILLAGE_PARTY, "a1", True),
    (R.VILLAGE_PARTY, "a2", False),
    (R.OBSERVER, "a1", False),
]
REGION_CASES = [
    (R.ADMINISTRATOR, "province", True),
    (R.ELECTION_OFFICE, "county", True),
    (R.ELECTION_OFFICE, "township_b", True),
    (R.ELECTION_OFFICE, "city", False),
    (R.ELECTION_OFFICE, "other_county", False),
    (R.TOWNSHIP_OFFICER, "township_a", True),
    (R.TOWNSHIP_OFFICER, "a1", True),
    (R.TOWNSHIP_OFFICER, "county", False),
    (R.ELECTION_COMMITTEE, "a1", True),
    (R.ELECTION_COMMITTEE, "township_a", False),
    (R.REVIEWER, "county", False),
    (R.VILLAGE_CADRE, "a1", True),
    (R.VILLAGE_CADRE, "township_a", False),
    (R.VILLAGE_PARTY, "a1", True),
    (R.VILLAGE_PARTY, "b1", False),
    (R.OBSERVER, "county", True),
    (R.OBSERVER, "b1", True),
    (R.OBSERVER, "c1", False),
]


def _ids(cases: list[tuple[Role, str, bool]]) -> list[str]:
    return [f"{role.value}-{key}-{'in' if ok else 'out'}" for role, key, ok in cases]


def _assert_gate(gate: Gate, user: User, pk: int, ok: bool, msg: str) -> None:
    if ok:
        assert gate(user, pk).pk == pk
    else:
        with pytest.raises(Http404) as refused:
            gate(user, pk)
        assert str(refused.value) == msg


@pytest.mark.parametrize(("role", "key", "ok"), VILLAGE_CASES, ids=_ids(VILLAGE_CASES))
def test_access_village_matrix(tree: RegionTree, role: Role, key: str, ok: bool) -> None:
    user = make_user(tree, role)
    village = tree.villages[key]
    _assert_gate(access_village, user, village.pk, ok, messages.VILLAGE_NOT_FOUND)
    _assert_gate(access_household, user, tree.households[key].pk, ok, messages.HOUSEHOLD_NOT_FOUND)
    _assert_gate(access_person, user, tree.spouses[key].pk, ok, messages.PERSON_NOT_FOUND)


@pytest.mark.parametrize(("role", "key", "ok"), REGION_CASES, ids=_ids(REGION_CASES))
def test_access_region_matrix(tree: RegionTree, role: Role, key: str, ok: bool) -> None:
    region = getattr(tree, key) if hasattr(tree, key) else tree.villages[key]
    _assert_gate(access_region, make_user(tree, role), region.pk, ok, messages.REGION_NOT_FOUND)


GATES: list[tuple[Gate, str]] = [
    (access_region, messages.REGION_NOT_FOUND),
    (access_village, messages.VILLAGE_NOT_FOUND),
    (access_person, messages.PERSON_NOT_FOUND),
    (access_household, messages.HOUSEHOLD_NOT_FOUND),
]


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize(
    ("gate", "message"), GATES, ids=["region", "village", "person", "household"]
)
@pytest.mark.parametrize(
    "pk", [MISSING_ID, "abc", -1, 2**70], ids=["unknown", "text", "neg", "huge"]
)
def test_missing_is_the_same_404_for_every_role(
    tree: RegionTree, role: Role, gate: Gate, message: str, pk: int | str
) -> None:
    with pytest.raises(Http404) as refused:
        gate(make_user(tree, role), pk)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("gate", "message"), GATES, ids=["region", "village", "person", "household"]
)
def test_anonymous_and_deactivated_users_get_the_404(
    tree: RegionTree, gate: Gate, message: str
) -> None:
    deactivated = user_for(Role.ADMINISTRATOR, is_active=False)
    for user in (AnonymousUser(), deactivated):
        with pytest.raises(Http404) as refused:
            gate(user, tree.a1.pk)
        assert str(refused.value) == message


def test_superuser_is_an_administrator_whatever_its_role(tree: RegionTree) -> None:
    user = user_for(Role.OBSERVER, tree.county, is_superuser=True)
    assert access_person(user, tree.heads["c1"].pk) == tree.heads["c1"]


def test_misconfigured_scope_sees_nothing_rather_than_everything(tree: RegionTree) -> None:
    blank = user_for(Role.ELECTION_OFFICE, None)
    assert not scoped_regions(blank).exists()
    assert not scoped_people(blank).exists()


LIST_CASES = [
    (R.ADMINISTRATOR, {"a1", "a2", "b1", "c1"}),
    (R.ELECTION_OFFICE, {"a1", "a2", "b1"}),
    (R.TOWNSHIP_OFFICER, {"a1", "a2"}),
    (R.ELECTION_COMMITTEE, {"a1"}),
    (R.REVIEWER, set()),
    (R.VILLAGE_CADRE, {"a1"}),
    (R.VILLAGE_PARTY, {"a1"}),
    (R.OBSERVER, set()),
]


@pytest.mark.parametrize(("role", "keys"), LIST_CASES, ids=[r.value for r, _ in LIST_CASES])
def test_scoped_lists_filter_in_one_query(
    tree: RegionTree, role: Role, keys: set[str], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    user = make_user(tree, role)
    villages = {tree.villages[k].pk for k in keys}
    people = {p.pk for k in keys for p in (tree.heads[k], tree.spouses[k])}
    households = {tree.households[k].pk for k in keys}
    for scoped, expected in (
        (scoped_villages, villages),
        (scoped_people, people),
        (scoped_households, households),
    ):
        with django_assert_num_queries(1 if expected or role_reaches(role) else 0):
            found = {obj.pk for obj in scoped(user)}
        assert found == expected


def role_reaches(role: Role) -> bool:
    # Roles without village pages get `.none()`, which never reaches the database.
    return role not in {R.REVIEWER, R.OBSERVER}


def test_scoped_regions_keep_the_caller_queryset(tree: RegionTree) -> None:
    officer = make_user(tree, R.TOWNSHIP_OFFICER)
    villages = scoped_regions(officer, Region.objects.filter(level=Level.VILLAGE))
    assert set(villages) == {tree.a1, tree.a2}
