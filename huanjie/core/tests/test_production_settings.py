"""config.settings_production: Django's deployment checklist passes, and a missing variable is
refused in Chinese and English before anything starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

KEY = "k" * 10 + "Zq7-Hx2pLm9Wv4Rt8Yn3Bc6Jd1Fg5Ks0Ea_Uo2Ti4Pw6Qr8Sy"  # 56 characters, varied


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HUANJIE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings_production",
        HUANJIE_VAR_DIR=str(tmp_path / "var"),
        DJANGO_SECRET_KEY=KEY,
        DJANGO_ALLOWED_HOSTS="huanjie.example.gov.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'huanjie.sqlite3'}",
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v}  # an empty override removes the variable


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_deployment_checklist_finds_nothing(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("name", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_a_missing_variable_is_refused_in_both_languages(tmp_path: Path, name: str) -> None:
    result = manage(production_env(tmp_path, **{name: ""}), "check")
    assert result.returncode != 0
    assert f"生产环境缺少环境变量 {name}" in result.stderr
    assert f"Production needs the environment variable {name}" in result.stderr
    assert not (tmp_path / "var" / "secret_key").exists()  # no key of its own made meanwhile


def test_a_short_secret_key_is_refused(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path, DJANGO_SECRET_KEY="short-key"), "check")
    assert result.returncode != 0 and "DJANGO_SECRET_KEY 太短" in result.stderr


def test_the_development_settings_would_fail_the_checklist(tmp_path: Path) -> None:
    # The checklist does see something: the plain settings, on their own, do not pass it.
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="config.settings")
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0 and "SECURE_HSTS_SECONDS" in result.stderr + result.stdout
