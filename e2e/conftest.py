"""Browser tests: Playwright (sync API) driving Debian's Chromium against the live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# A small demo county: the township officer's township has one village, the other township
# one more (the village the officer must not see).
DEMO_ARGS = ("--townships", "2", "--villages-per-township", "1", "--seed", "1")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = (
            f"浏览器测试未运行：找不到 {CHROMIUM}。请安装 Debian 的 chromium"
            "（make system-deps 或 apt-get install chromium）后重新运行。"
        )
        # On a developer's machine a skip; in CI the browser test must run, so a failure.
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread, and Django then
    # refuses synchronous database calls there; allowed only while the browser is open, so the
    # rest of the suite keeps Django's guard.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshots() -> Path:
    """Where the tests leave their screenshots to be looked at (var/ is not committed)."""
    path = Path(settings.VAR_DIR) / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def demo_county(transactional_db: None, settings: Any) -> None:
    """The demo county seeded by the real command, committed so the live server sees it."""
    # The demo passwords are checked by the login form; a fast hasher keeps the test quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo_seed", *DEMO_ARGS, verbosity=0)
