"""The schema and its documentation pages, served by the app itself under the site's CSP."""

from __future__ import annotations

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import URLResolver, get_resolver

from huanjie.core.tests.test_security import SCRIPT_TAG, directives

SRC = re.compile(r'(?:src|href)="([^"]+)"')


def test_the_schema_documents_every_endpoint(db: None) -> None:
    response = Client().get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    resolver = get_resolver()
    [api] = [
        p for p in resolver.url_patterns if isinstance(p, URLResolver) and str(p.pattern) == "api/"
    ]
    routes = {
        "/api/" + re.sub(r"<int:(\w+)>", r"{\1}", str(p.pattern))
        for p in api.url_patterns
        if str(p.pattern).startswith("v1/")
    }
    assert set(schema["paths"]) == routes
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            expected = {"401", "403", "405", "429"} | ({"404"} if "{" in path else set())
            assert expected <= set(operation["responses"]), f"{method} {path}"


@pytest.mark.parametrize("page", ["docs", "redoc"])
def test_the_docs_pages_run_no_inline_script_and_load_nothing_from_outside(
    db: None, page: str
) -> None:
    response = Client().get(f"/api/{page}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "换届选举管理系统" in html
    assert [tag for tag in SCRIPT_TAG.findall(html) if "src=" not in tag] == []
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"
    for url in SRC.findall(html):
        assert url.startswith("/"), url  # no CDN
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url


def test_swagger_s_start_up_script_is_a_file_of_its_own(db: None) -> None:
    response = Client().get("/api/docs/?script=")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert 'url: "/api/schema/"' in response.content.decode()
