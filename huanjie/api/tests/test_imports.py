"""Register imports through the API: upload → status → report → confirm, by the web's service
and tasks (the tests run tasks inline), with the web's report and the web's refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user, valid_id
from huanjie.api.tests.conftest import token_client
from huanjie.people.models import Person, RegisterImport, RegisterImportStatus
from huanjie.people.tests.helpers import family, xlsx_bytes


@pytest.fixture
def committee(tree: RegionTree) -> APIClient:
    return token_client(make_user(tree, Role.ELECTION_COMMITTEE))


def _upload(client: APIClient, tree: RegionTree, data: bytes, name: str = "户籍.xlsx") -> Any:
    return client.post(
        f"/api/v1/villages/{tree.a1.pk}/imports/",
        {"file": SimpleUploadedFile(name, data)},
        format="multipart",
    )


def test_upload_status_confirm(committee: APIClient, tree: RegionTree) -> None:
    response = _upload(committee, tree, xlsx_bytes(family("101", 20, group="第五村民小组")))
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["status"], created["running"], created["can_confirm"]) == (
        "validated",
        False,
        True,
    )
    assert (created["households"], created["people"]) == (1, 7)
    assert response["Location"].endswith(f"/api/v1/villages/{tree.a1.pk}/imports/{created['id']}/")
    assert not Person.objects.filter(household__number="101").exists()  # a preview writes nothing

    status = committee.get(response["Location"]).json()
    assert status == created

    confirmed = committee.post(response["Location"] + "confirm/")
    assert confirmed.status_code == 202
    assert confirmed.json()["status"] == "imported"
    assert Person.objects.filter(household__number="101", village=tree.a1).count() == 7

    again = committee.post(response["Location"] + "confirm/")
    assert (again.status_code, again.json()["code"]) == (409, "import_not_awaiting_confirmation")
    listed = committee.get(f"/api/v1/villages/{tree.a1.pk}/imports/").json()["results"]
    assert [i["id"] for i in listed] == [created["id"]]


def test_a_failed_file_has_the_web_s_row_report(committee: APIClient, tree: RegionTree) -> None:
    rows = family("101", 20)
    rows[2][4] = valid_id(20)  # the head's ID again
    created = _upload(committee, tree, xlsx_bytes(rows)).json()
    assert (created["status"], created["error_count"] > 0) == ("failed", True)
    report = committee.get(f"/api/v1/villages/{tree.a1.pk}/imports/{created['id']}/report/").json()
    web = Client()
    web.force_login(make_user(tree, Role.ELECTION_COMMITTEE))
    page = web.get(f"/people/villages/{tree.a1.pk}/register/import/{created['id']}/")
    assert [(p["row"], p["column"], p["value"], p["message"]) for p in report["results"]] == [
        (p.row, p.column, p.value, p.message) for p in page.context["problems"]
    ]
    assert valid_id(20) in {p["value"] for p in report["results"]}


def test_a_file_too_large_is_refused_with_the_service_s_message(
    committee: APIClient, tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("huanjie.people.register.importing.MAX_UPLOAD_MB", 0)
    response = _upload(committee, tree, b"x" * 10)
    body = response.json()
    assert (response.status_code, body["code"]) == (400, "import_refused")
    assert "MB" in body["message"]
    assert not RegisterImport.objects.exists()


def test_an_interrupted_import_is_retried(committee: APIClient, tree: RegionTree) -> None:
    created = _upload(committee, tree, xlsx_bytes(family("101", 20))).json()
    RegisterImport.objects.filter(pk=created["id"]).update(
        status=RegisterImportStatus.FAILED,
        report={"file_error": "中断", "problems": [], "interrupted": "validate"},
    )
    url = f"/api/v1/villages/{tree.a1.pk}/imports/{created['id']}/"
    assert committee.get(url).json()["can_retry"] is True
    retried = committee.post(url + "retry/")
    assert retried.status_code == 202
    assert retried.json()["status"] == "validated"
    refused = committee.post(url + "retry/")
    assert (refused.status_code, refused.json()["code"]) == (409, "import_not_retryable")


def test_a_later_file_previews_its_changes_and_the_whole_village_on_request(
    committee: APIClient, tree: RegionTree
) -> None:
    first = _upload(committee, tree, xlsx_bytes(family("101", 20))).json()
    committee.post(f"/api/v1/villages/{tree.a1.pk}/imports/{first['id']}/confirm/")
    rows = family("101", 20)
    rows[0][11] = "13900000000"
    response = committee.post(
        f"/api/v1/villages/{tree.a1.pk}/imports/",
        {"file": SimpleUploadedFile("二次.xlsx", xlsx_bytes(rows)), "coverage": "households"},
        format="multipart",
    )
    item = response.json()
    preview = item["preview"]
    assert (item["coverage"], preview["counts"]["changed"], preview["counts"]["leaving"]) == (
        "households",
        1,
        0,
    )
    assert preview["changed"][0]["changes"] == [
        {"column": "联系电话", "before": "", "after": "13900000000"}
    ]
    url = f"/api/v1/villages/{tree.a1.pk}/imports/{item['id']}/"
    rechecked = committee.post(url + "recheck/", {"coverage": "village"})
    assert rechecked.status_code == 202
    leaving = rechecked.json()["preview"]["leaving"]
    assert {e["name"] for e in leaving} == {tree.heads["a1"].name, tree.spouses["a1"].name}
    bad = committee.post(url + "recheck/", {"coverage": "everything"})
    assert bad.status_code == 400
    dismissed = committee.post(url + "dismiss/")
    assert dismissed.status_code == 200
    listed = committee.get(f"/api/v1/villages/{tree.a1.pk}/imports/").json()["results"]
    assert [i["id"] for i in listed] == [first["id"]]
