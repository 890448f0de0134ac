"""HTTP hardening of the shell: the Content-Security-Policy (and templates it can hold to), and
personal data kept out of caches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.people.models import RegisterImport, RegisterImportStatus

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
TEMPLATES = sorted((Path(settings.BASE_DIR) / "huanjie").glob("**/templates/**/*.html"))
TAG = re.compile(r"<[a-zA-Z][^>]*>", re.DOTALL)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE | re.DOTALL)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in parts}


@pytest.mark.parametrize("page", ["login", "village"])
def test_pages_carry_the_content_security_policy(
    client: Client, tree: RegionTree, page: str
) -> None:
    if page == "login":
        response = client.get(reverse("accounts:login"))
    else:
        client.force_login(make_user(tree, Role.ELECTION_COMMITTEE))
        response = client.get(reverse("core:village", args=[tree.a1.pk]))
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == POLICY


def test_the_template_scan_sees_every_template() -> None:
    names = {path.name for path in TEMPLATES}
    assert {"base.html", "login.html", "home.html", "import_progress.html"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_no_template_holds_inline_script_handlers_or_styles(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    inline_scripts = [tag for tag in SCRIPT_TAG.findall(text) if "src=" not in tag]
    assert not inline_scripts, "inline <script>: move it into a static .js file"
    tags = TAG.findall(text)
    assert not [t for t in tags if INLINE_HANDLER.search(t)], "on…= handler: bind it in a .js file"
    assert not [t for t in tags if STYLE_ATTRIBUTE.search(t)], "style=: use a class in huanjie.css"
    assert "javascript:" not in text


def test_the_scan_would_catch_what_the_policy_forbids() -> None:
    bad = '<script>alert(1)</script><button onclick="go()"><div style="width: 5%">'
    assert [t for t in SCRIPT_TAG.findall(bad) if "src=" not in t]
    assert INLINE_HANDLER.search(TAG.findall(bad)[1])
    assert STYLE_ATTRIBUTE.search(TAG.findall(bad)[2])
    assert not INLINE_HANDLER.search('<input name="phone" data-hj-progress="5">')


def test_a_person_page_is_not_stored(client: Client, tree: RegionTree) -> None:
    client.force_login(make_user(tree, Role.ELECTION_COMMITTEE))
    response = client.get(reverse("core:person", args=[tree.heads["a1"].pk]))
    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_directives(response["Cache-Control"])


def test_a_report_download_is_not_stored(client: Client, tree: RegionTree) -> None:
    register_import = RegisterImport.objects.create(
        village=tree.a1,
        original_name="户籍.xlsx",
        file="x.xlsx",
        status=RegisterImportStatus.FAILED,
        error_count=0,
        report={"file_error": None, "problems": []},
    )
    client.force_login(make_user(tree, Role.ELECTION_COMMITTEE))
    response = client.get(
        reverse(
            "people:import_report",
            kwargs={"village_id": tree.a1.pk, "import_id": register_import.pk},
        )
    )
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert {"no-store", "private"} <= cache_directives(response["Cache-Control"])


def test_static_assets_stay_cacheable_for_a_signed_in_user(
    client: Client, tree: RegionTree
) -> None:
    client.force_login(make_user(tree, Role.ELECTION_COMMITTEE))
    response = client.get("/static/core/huanjie.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def cache_directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(",")}
