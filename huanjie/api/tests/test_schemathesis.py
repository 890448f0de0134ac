"""The API against its own OpenAPI schema (schemathesis, through the WSGI app: no network).

Every operation gets generated requests, valid and invalid, from a village election committee
of the standard tree (token auth): no answer may be a 5xx, and every answer must match the
schema (status code documented, body shape, content type), valid data must not be refused
and invalid data must not be accepted. Generated ids are mapped onto the tree's objects (in
scope, out of scope, missing), so the 200s are exercised as well as the 404s. Derandomized,
few examples per operation: deterministic and quick.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import positive_data_acceptance

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.people.models import (
    CloseRelative,
    RegisterImport,
    RegisterImportStatus,
    RelationSource,
)
from huanjie.people.register.importing import register_import_create
from huanjie.registration.tests.api_world import voter_world

MISSING = 987_654
# The register's write operations (huanjie.api.views.editing).
REGISTER_WRITES = {
    ("POST", "/api/v1/villages/{village_id}/households/"),
    ("PATCH", "/api/v1/households/{household_id}/"),
    ("POST", "/api/v1/households/{household_id}/members/"),
    ("POST", "/api/v1/households/{household_id}/head/"),
    ("PATCH", "/api/v1/persons/{person_id}/"),
    ("POST", "/api/v1/persons/{person_id}/move/"),
    ("POST", "/api/v1/persons/{person_id}/leave/"),
    ("POST", "/api/v1/persons/{person_id}/return/"),
    # A file upload: any bytes fit a binary schema, an empty file or one that is no register
    # does not (huanjie.api.views.imports).
    ("POST", "/api/v1/villages/{village_id}/imports/"),
}

# The election committee's and the representatives' writes (huanjie.api.views.committees).
COMMITTEE_WRITES = {
    ("POST", "/api/v1/villages/{village_id}/election-committee/"),
    ("POST", "/api/v1/villages/{village_id}/election-committee/nominees/"),
    ("POST", "/api/v1/villages/{village_id}/election-committee/roles/"),
    ("POST", "/api/v1/villages/{village_id}/representatives/apportionment/"),
    ("POST", "/api/v1/villages/{village_id}/representatives/constituencies/{number}/selection/"),
    ("POST", "/api/v1/villages/{village_id}/representatives/constituencies/{number}/cancel/"),
    ("POST", "/api/v1/villages/{village_id}/group-leaders/notice/"),
    ("POST", "/api/v1/villages/{village_id}/group-leaders/groups/{group_id}/selection/"),
    ("POST", "/api/v1/villages/{village_id}/group-leaders/groups/{group_id}/cancel/"),
}

# The recommendation rounds' writes (huanjie.api.views.recommendation).
RECOMMENDATION_WRITES = {
    ("POST", "/api/v1/villages/{village_id}/recommendation/rounds/"),
    ("POST", "/api/v1/recommendation-rounds/{round_id}/tally/"),
    ("POST", "/api/v1/recommendation-rounds/{round_id}/draw/"),
    ("POST", "/api/v1/recommendation-rounds/{round_id}/statements/"),
    ("POST", "/api/v1/applications/{application_id}/competency/"),
}

# The voter register's writes (huanjie.api.views.registration).
VOTER_WRITES = {
    ("POST", "/api/v1/villages/{village_id}/voter-register/build/"),
    ("POST", "/api/v1/villages/{village_id}/voter-register/publish/"),
    ("POST", "/api/v1/villages/{village_id}/voter-register/wishes/"),
    ("POST", "/api/v1/villages/{village_id}/voter-register/applications/"),
    ("POST", "/api/v1/villages/{village_id}/voter-register/objections/"),
    ("POST", "/api/v1/villages/{village_id}/voter-register/notices/"),
    ("POST", "/api/v1/villages/{village_id}/voter-register/cards/"),
    ("POST", "/api/v1/voter-conflicts/{conflict_id}/resolve/"),
    ("POST", "/api/v1/voter-objections/{objection_id}/decide/"),
    ("POST", "/api/v1/voter-cards/{card_id}/reissue/"),
}


@pytest.fixture(autouse=True)
def _one_connection() -> Any:
    """Requests to the real WSGI handler share the test's connection, as the test client's do:
    Django closes "old" connections when a request starts and ends, which on PostgreSQL would
    end the transaction the test runs in."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def on_tree(tree: RegionTree) -> dict[str, Any]:
    """The committee of 东坑村 (a1), its token, and the ids a generated request is mapped on."""
    imports = {}
    for key in ("a1", "c1"):
        item = register_import_create(
            village=tree.villages[key], name="户籍.csv", data=b"x", acting_user=None
        )
        RegisterImport.objects.filter(pk=item.pk).update(status=RegisterImportStatus.FAILED)
        imports[key] = item.pk
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    relations = [
        CloseRelative.objects.create(
            person_a=tree.heads[key], person_b=tree.spouses[key], kind=kind, source=source,
            confirmed_at=None if source == RelationSource.DERIVED else timezone.now(),
            basis="" if source == RelationSource.DERIVED else "结婚证",
        ).pk
        for key, kind, source in [
            ("a1", "spouse", RelationSource.DERIVED),
            ("a1", "parent_child", RelationSource.DECLARED),
            ("c1", "spouse", RelationSource.DERIVED),
        ]
    ]  # fmt: skip
    ids = {
        "village_id": [tree.a1.pk, tree.a2.pk, tree.c1.pk, MISSING],
        "village": [tree.a1.pk, tree.c1.pk, MISSING],
        "region_id": [tree.a1.pk, tree.county.pk, tree.province.pk, MISSING],
        "household_id": [tree.households["a1"].pk, tree.households["b1"].pk, MISSING],
        "person_id": [tree.heads["a1"].pk, tree.spouses["a1"].pk, tree.heads["c1"].pk, MISSING],
        "import_id": [imports["a1"], imports["c1"], MISSING],
        "relation_id": [*relations, MISSING],
    }
    return {"token": Token.objects.create(user=user).key, "ids": ids}


def _on_the_tree(values: dict[str, Any] | None, ids: dict[str, list[int]]) -> None:
    """A generated positive id becomes one of the tree's (deterministically: by its value)."""
    for name, value in (values or {}).items():
        if name in ids and isinstance(value, int) and not isinstance(value, bool) and value > 0:
            values[name] = ids[name][value % len(ids[name])]  # type: ignore[index]


# Loaded when the module is collected (the schema view reads no database). Not through
# `schemathesis.pytest.from_fixture`: its lazy loader renames pytest nodes in a way pytest 9.2
# no longer allows; loaded eagerly, each operation is its own pytest item.
schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())


@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@schema.parametrize()
def test_every_operation_answers_as_its_schema_says(case: Any, on_tree: dict[str, Any]) -> None:
    _on_the_tree(case.path_parameters, on_tree["ids"])
    _on_the_tree(case.query, on_tree["ids"])
    excluded = []
    if case.operation.path == "/api/v1/tally/":
        # Any JSON object fits the schema of a contest body, but most are not countable
        # contests (tally-io.md's cross-field rules): a 400 for them is the contract.
        excluded.append(positive_data_acceptance)
    if (case.operation.method.upper(), case.operation.path) in REGISTER_WRITES:
        # JSON of the right shape is not yet a right register entry (an ID number's check
        # digit, one head per household, a 户号 in use): a 400 or 409 for it is the contract.
        excluded.append(positive_data_acceptance)
    if (case.operation.method.upper(), case.operation.path) in VOTER_WRITES:
        # Nor a right register change (a lawful day, a person who may be listed, an objection
        # in time …): a 400 or 409 for it is the contract.
        excluded.append(positive_data_acceptance)
    if (case.operation.method.upper(), case.operation.path) in RECOMMENDATION_WRITES:
        # Nor a lawful round (this village's 招贤榜, the rounds' order, a meeting's share of
        # non-members, a tally that adds up): a 400 or 409 for it is the contract.
        excluded.append(positive_data_acceptance)
    if (case.operation.method.upper(), case.operation.path) in COMMITTEE_WRITES:
        # Nor a lawful 推选 or selection (a quorum, the profile's size, an election to record
        # it for): a 400 or 409 for it is the contract.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(
        headers={"Authorization": f"Token {on_tree['token']}"}, excluded_checks=excluded
    )


# The voter register's operations once more, on a tree where every village has a published
# register (the run above sees them without one: 404s and 409s), so that their 200s are checked
# too. Apart from the run above: the elections this needs would change what other areas'
# operations answer there.
voter_schema = schema.include(path_regex="voter")


@pytest.fixture
def on_registers(tree: RegionTree) -> dict[str, Any]:
    voters = voter_world(tree)
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ids = {
        "village_id": [tree.a1.pk, tree.a2.pk, tree.c1.pk, MISSING],
        "region_id": [tree.township_a.pk, tree.county.pk, MISSING],
        **{
            f"{kind}_id": [voters["a1"][kind], voters["c1"][kind], MISSING]
            for kind in ("conflict", "objection", "card")
        },
    }
    return {"token": Token.objects.create(user=user).key, "ids": ids}


@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@voter_schema.parametrize()
def test_voter_register_operations_answer_as_their_schema_says(
    case: Any, on_registers: dict[str, Any]
) -> None:
    _on_the_tree(case.path_parameters, on_registers["ids"])
    _on_the_tree(case.query, on_registers["ids"])
    excluded = []
    if (case.operation.method.upper(), case.operation.path) in VOTER_WRITES:
        excluded.append(positive_data_acceptance)
    case.call_and_validate(
        headers={"Authorization": f"Token {on_registers['token']}"}, excluded_checks=excluded
    )
