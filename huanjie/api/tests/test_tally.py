"""`POST /api/v1/tally/` answers exactly as `huanjie tally`: the worked examples of rules.md §H
(huanjie/elections/tests/contests/) give their expected outcomes and the command's very output;
uncountable contests give the command's error line."""

from __future__ import annotations

import json
from typing import Any

import pytest
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.api.tests.conftest import token_client
from huanjie.elections.tests.test_tally_cli import CONTESTS, EXAMPLES, comparable, run_tally


@pytest.fixture
def client(tree: RegionTree) -> APIClient:
    return token_client(make_user(tree, Role.OBSERVER))


def _post(client: APIClient, raw: bytes) -> Any:
    return client.post("/api/v1/tally/", raw, content_type="application/json")


@pytest.mark.parametrize("name", EXAMPLES)
def test_worked_examples_give_the_expected_outcome_and_the_command_s(
    client: APIClient, name: str
) -> None:
    raw = (CONTESTS / f"{name}.json").read_bytes()
    response = _post(client, raw)
    assert response.status_code == 200, response.content
    expected = json.loads((CONTESTS / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert comparable(response.json()) == expected
    status, stdout, _ = run_tally(str(CONTESTS / f"{name}.json"))
    assert status == 0
    assert response.json() == json.loads(stdout)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"profile": "ZJ_2020",',
        b"[1, 2]",
        b'{"profile": "ZJ_2020", "profile": "NAT_2018"}',
        b'{"registered": NaN}',
        '{"profile": "浙江"}'.encode("gbk"),
        b'{"profile": "ZJ_2020", "body": "villagers_committee"}',
        b"",
    ],
    ids=["syntax", "array", "repeated-key", "nan", "gbk", "incomplete", "empty"],
)
def test_uncountable_contests_give_the_command_s_line(
    client: APIClient, raw: bytes, tmp_path: Any
) -> None:
    response = _post(client, raw)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "contest_invalid"
    path = tmp_path / "sheet.json"
    path.write_bytes(raw)
    status, _, stderr = run_tally(str(path))
    assert status == 2
    # The same line, with the request body named where the command names its file.
    line = stderr.rstrip("\n").replace(f"字段 {path}:", "字段 request_body:")
    assert body["details"]["line"] == line
    assert body["message"].endswith(line)
    assert (body["details"]["field"], body["details"]["rule"]) == (
        line.split(":")[0].removeprefix("字段 "),
        line.rsplit("(", 1)[1].rstrip(")"),
    )
