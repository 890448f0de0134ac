"""The permission matrix (domain.md §1) on ID numbers, capabilities and scopes."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from pytest_django import DjangoAssertNumQueries

from huanjie.accounts.models import Role
from huanjie.accounts.policy import Capability, can, can_change_in, scope_prefix
from huanjie.accounts.tests.factories import UserFactory, user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.people.display import id_number_for
from huanjie.people.gates import access_person
from huanjie.people.models import Person
from huanjie.regions.models import Level
from huanjie.rules.eligibility.identity import mask_id_number

R = Role
C = Capability

# (role, person: "<who>_<village>", full number shown?)
ID_CASES = [
    (R.ADMINISTRATOR, "head_c1", True),
    (R.ELECTION_OFFICE, "spouse_b1", True),
    (R.ELECTION_OFFICE, "head_c1", False),
    (R.TOWNSHIP_OFFICER, "spouse_a2", True),
    (R.TOWNSHIP_OFFICER, "head_b1", False),
    (R.ELECTION_COMMITTEE, "spouse_a1", True),
    (R.ELECTION_COMMITTEE, "head_a2", False),
    (R.REVIEWER, "head_a1", False),
    (R.VILLAGE_CADRE, "spouse_a1", True),
    (R.VILLAGE_CADRE, "head_a2", False),
    (R.VILLAGE_PARTY, "head_a1", True),  # a member of a1's branch
    (R.VILLAGE_PARTY, "spouse_a1", False),  # in its village, not a member
    (R.VILLAGE_PARTY, "head_a2", False),
    (R.OBSERVER, "head_a1", False),
]


def person_of(tree: RegionTree, key: str) -> Person:
    who, village = key.split("_")
    return (tree.heads if who == "head" else tree.spouses)[village]


@pytest.mark.parametrize(
    ("role", "key", "full"),
    ID_CASES,
    ids=[f"{r.value}-{k}-{'full' if f else 'masked'}" for r, k, f in ID_CASES],
)
def test_id_number_for_matrix(tree: RegionTree, role: Role, key: str, full: bool) -> None:
    person = person_of(tree, key)
    shown = id_number_for(make_user(tree, role), person)
    expected = person.id_number if full else mask_id_number(person.id_number)
    assert shown == expected
    assert (shown == person.id_number) is full


def test_masked_form_keeps_three_and_four_characters(tree: RegionTree) -> None:
    person = tree.heads["a1"]
    shown = id_number_for(AnonymousUser(), person)
    assert shown == f"{person.id_number[:3]}…{person.id_number[-4:]}"


@pytest.mark.parametrize(
    "role", [R.VILLAGE_PARTY, R.ELECTION_COMMITTEE], ids=["party", "committee"]
)
def test_id_number_for_a_gated_person_needs_no_query(
    tree: RegionTree, role: Role, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    user = make_user(tree, role)
    person = access_person(user, tree.heads["a1"].pk)
    with django_assert_num_queries(0):
        # The gate selects the village and the membership the check reads.
        assert id_number_for(user, person) == person.id_number


CAPABILITY_CASES = [
    (R.ADMINISTRATOR, C.MANAGE_HOLIDAYS, True),
    (R.ADMINISTRATOR, C.MANAGE_USERS, True),
    (R.ADMINISTRATOR, C.ENTER_TALLY, False),
    (R.ELECTION_OFFICE, C.MANAGE_CAMPAIGNS, True),
    (R.ELECTION_OFFICE, C.DERIVE_PROFILES, True),
    (R.ELECTION_OFFICE, C.MANAGE_HOLIDAYS, False),
    (R.TOWNSHIP_OFFICER, C.RATE_RISK, True),
    (R.TOWNSHIP_OFFICER, C.APPROVE_VILLAGE_STEPS, True),
    (R.TOWNSHIP_OFFICER, C.ENTER_TALLY, False),
    (R.ELECTION_COMMITTEE, C.REGISTER_VOTERS, True),
    (R.ELECTION_COMMITTEE, C.ENTER_TALLY, True),
    (R.ELECTION_COMMITTEE, C.KEEP_PARTY_ROLL, False),
    (R.REVIEWER, C.RECORD_REVIEW, True),
    (R.REVIEWER, C.APPROVE, False),
    (R.VILLAGE_CADRE, C.GUIDE_VILLAGES, True),
    (R.VILLAGE_CADRE, C.PLAN_VILLAGES, False),
    (R.VILLAGE_PARTY, C.KEEP_PARTY_ROLL, True),
    (R.VILLAGE_PARTY, C.ENTER_PARTY_TALLY, True),
    (R.VILLAGE_PARTY, C.ENTER_TALLY, False),
    *[(R.OBSERVER, capability, False) for capability in Capability],
]


@pytest.mark.parametrize(
    ("role", "capability", "allowed"),
    CAPABILITY_CASES,
    ids=[f"{r.value}-{c.value}-{'yes' if a else 'no'}" for r, c, a in CAPABILITY_CASES],
)
def test_capabilities_of_each_role(
    tree: RegionTree, role: Role, capability: Capability, allowed: bool
) -> None:
    assert can(make_user(tree, role), capability) is allowed


CHANGE_IN_CASES = [
    (R.ELECTION_COMMITTEE, C.ENTER_TALLY, "a1", True),
    (R.ELECTION_COMMITTEE, C.ENTER_TALLY, "a2", False),
    (R.TOWNSHIP_OFFICER, C.PLAN_VILLAGES, "a2", True),
    (R.TOWNSHIP_OFFICER, C.PLAN_VILLAGES, "b1", False),
    (R.ELECTION_OFFICE, C.MANAGE_CAMPAIGNS, "county", True),
    (R.ELECTION_OFFICE, C.MANAGE_CAMPAIGNS, "other_county", False),
    (R.REVIEWER, C.RECORD_REVIEW, "b1", True),
    (R.REVIEWER, C.RECORD_REVIEW, "c1", False),
    (R.VILLAGE_CADRE, C.GUIDE_VILLAGES, "a1", True),
    (R.VILLAGE_CADRE, C.GUIDE_VILLAGES, "a2", False),
    (R.VILLAGE_PARTY, C.KEEP_PARTY_ROLL, "a1", True),
    (R.VILLAGE_PARTY, C.ENTER_TALLY, "a1", False),
    (R.OBSERVER, C.ANNOUNCE, "a1", False),
]


@pytest.mark.parametrize(
    ("role", "capability", "key", "allowed"),
    CHANGE_IN_CASES,
    ids=[f"{r.value}-{c.value}-{k}" for r, c, k, _ in CHANGE_IN_CASES],
)
def test_changes_only_inside_the_scope(
    tree: RegionTree, role: Role, capability: Capability, key: str, allowed: bool
) -> None:
    region = tree.villages.get(key) or getattr(tree, key)
    assert can_change_in(make_user(tree, role), capability, region) is allowed


def test_reviewer_without_a_county_changes_nothing(tree: RegionTree) -> None:
    reviewer = user_for(R.REVIEWER, None)
    assert not can_change_in(reviewer, C.RECORD_REVIEW, tree.a1)


def test_anonymous_users_can_do_nothing(tree: RegionTree) -> None:
    assert not any(can(AnonymousUser(), capability) for capability in Capability)


PREFIX_CASES = [
    ("330000000000", None, "33"),
    ("331100000000", None, "3311"),
    ("331127000000", None, "331127"),
    ("331127100000", None, "331127100"),
    ("331127100201", None, "331127100201"),
    ("331127100000", Level.TOWNSHIP, "331127100"),
    ("331127100201", Level.VILLAGE, "331127100201"),
    ("", None, ""),
    ("33112710020", None, ""),
    ("33112710020X", None, ""),
    ("３３１１２７１００２０１", None, ""),  # full-width digits are not a code
]


@pytest.mark.parametrize(
    ("code", "level", "prefix"),
    PREFIX_CASES,
    ids=[f"{c or 'blank'}-{lv}" for c, lv, _ in PREFIX_CASES],
)
def test_scope_prefix(code: str, level: Level | None, prefix: str) -> None:
    assert scope_prefix(code, level) == prefix


CLEAN_CASES = [
    ("admin-blank", R.ADMINISTRATOR, "", "", None),
    ("cadre-blank", R.VILLAGE_CADRE, "", "", None),
    ("office-county", R.ELECTION_OFFICE, "331127000000", "", None),
    ("office-blank", R.ELECTION_OFFICE, "", "", "scope_code"),
    ("office-unknown", R.ELECTION_OFFICE, "339999000000", "", "scope_code"),
    ("office-village", R.ELECTION_OFFICE, "331127100201", "", "scope_code"),
    ("township-township", R.TOWNSHIP_OFFICER, "331127100000", "", None),
    ("township-county", R.TOWNSHIP_OFFICER, "331127000000", "", "scope_code"),
    ("committee-village", R.ELECTION_COMMITTEE, "331127100201", "", None),
    ("party-township", R.VILLAGE_PARTY, "331127100000", "", "scope_code"),
    ("reviewer-county", R.REVIEWER, "331127000000", "公安", None),
    ("reviewer-no-department", R.REVIEWER, "331127000000", "", "department"),
    ("observer-province", R.OBSERVER, "330000000000", "", None),
]


@pytest.mark.parametrize(
    ("role", "code", "department", "field"),
    [c[1:] for c in CLEAN_CASES],
    ids=[c[0] for c in CLEAN_CASES],
)
def test_user_scope_is_checked_against_the_region_tree(
    tree: RegionTree, role: Role, code: str, department: str, field: str | None
) -> None:
    user = UserFactory.build(role=role, scope_code=code, department=department)
    if field is None:
        user.clean()
        return
    with pytest.raises(ValidationError) as refused:
        user.clean()
    assert field in refused.value.message_dict
