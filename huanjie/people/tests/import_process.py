"""A register import in its own process against a file-based SQLite database, for the tests
that kill it (-9) or write beside it: `python -m huanjie.people.tests.import_process PHASE`.

Phases: setup (migrate, the region tree, two validated 50,000-row imports), write IMPORT_ID,
recover IMPORT_ID (after the kill), probe STOP_FILE (logins and page reads while an import
writes). Each prints one JSON line at the end; `write` also prints WRITTEN once the new people
are in its open transaction, and then holds it IMPORT_HOLD_SECONDS (default 0) before going on.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import nullcontext
from datetime import date, timedelta
from pathlib import Path
from typing import Any


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def register_rows(count: int, *, offset: int) -> list[list[str]]:
    """`count` rows in households of five with distinct valid ID numbers (sex from the ID)."""
    from huanjie.people.tests.helpers import row
    from huanjie.rules.eligibility.identity import check_character

    relations = ["户主", "配偶", "子", "女", "父母"]
    rows: list[list[str]] = []
    for i in range(count):
        relation = relations[i % 5]
        male = relation in {"户主", "子", "父母"}
        n = i + offset
        birth = date(1950, 1, 1) + timedelta(days=n % 18000)
        # From 500 up: clear of the region tree's and the helpers' sequences.
        sequence = 500 + (n // 18000) * 2 + (1 if male else 0)
        first17 = f"331127{birth:%Y%m%d}{sequence:03d}"
        rows.append(
            row(
                f"{9000 + i // 5}",
                f"村民{i}",
                first17 + check_character(first17),
                relation,
                sex="男" if male else "女",
                group=f"第{i // 2000 + 1}村民小组",
            )
        )
    return rows


def setup(count: int, busy: int) -> dict[str, object]:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from huanjie.accounts.models import Role
    from huanjie.accounts.tests.factories import user_for
    from huanjie.accounts.tests.region_tree import build_region_tree
    from huanjie.people.register.importing import (
        register_import_claim,
        register_import_create,
        register_import_validate,
    )
    from huanjie.people.tests.helpers import xlsx_bytes

    tree = build_region_tree()
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    user.set_password("probe-password")
    user.save()
    ids: dict[str, object] = {}
    for key, village, offset, rows in (
        ("kill", tree.a1, 0, count),
        ("busy", tree.a2, count, busy),
    ):
        started = time.monotonic()
        data = xlsx_bytes(register_rows(rows, offset=offset))
        ri = register_import_create(
            village=village, name=f"{key}.xlsx", data=data, acting_user=None
        )
        register_import_validate(ri)
        assert ri.status == "validated", ri.report
        register_import_claim(register_import=ri)
        ids[key] = ri.pk
        ids[f"{key}_validate_s"] = round(time.monotonic() - started, 2)
    ids["user"] = user.username
    return ids


def write(import_id: int) -> dict[str, object]:
    from django.db import transaction

    from huanjie.people.models import RegisterImport
    from huanjie.people.register import staging
    from huanjie.people.register.importing import register_import_write

    real = staging.write_people
    marks: dict[str, float] = {"start": time.monotonic()}

    def announced(*args: Any, **kwargs: Any) -> Any:
        marks["writing"] = time.monotonic()
        written = real(*args, **kwargs)
        marks["written"] = time.monotonic()
        print("WRITTEN", flush=True)
        time.sleep(float(os.environ.get("IMPORT_HOLD_SECONDS", "0")))
        return written

    staging.write_people = announced
    ri = RegisterImport.objects.select_related("village").get(pk=import_id)
    # IMPORT_IN_ONE_TRANSACTION=1: checks and write in one transaction, to show the probe test
    # fails on it.
    whole = transaction.atomic() if os.environ.get("IMPORT_IN_ONE_TRANSACTION") else nullcontext()
    with whole:
        register_import_write(register_import=ri, acting_user=None)
    end = time.monotonic()
    return {
        "status": ri.status,
        "people": ri.people,
        "total_s": round(end - marks["start"], 2),
        "writing_at": marks["writing"],
        "ended_at": end,
        "checking_s": round(marks["writing"] - marks["start"], 2),
        "writing_s": round(end - marks["writing"], 2),
    }


def recover(import_id: int) -> dict[str, object]:
    from django.conf import settings

    from huanjie.people.models import Person, RegisterImport
    from huanjie.people.register.importing import (
        register_import_retry,
        register_import_write,
        register_imports_expire,
    )

    ri = RegisterImport.objects.select_related("village").get(pk=import_id)
    result: dict[str, object] = {
        "people_after_kill": Person.objects.filter(village=ri.village).count(),
        "status_after_kill": ri.status,
        "expired_early": register_imports_expire(),
    }
    time.sleep(settings.HUANJIE_IMPORT_LEASE_SECONDS + 0.5)
    result["expired"] = register_imports_expire()
    ri.refresh_from_db()
    result.update(
        status_after_lease=ri.status,
        message=ri.report.get("file_error"),
    )
    register_import_retry(register_import=ri)
    register_import_write(register_import=ri, acting_user=None)
    result.update(
        status_after_retry=ri.status,
        people_after_retry=Person.objects.filter(village=ri.village).count(),
    )
    return result


def probe(stop: Path, username: str) -> dict[str, object]:
    """Log in and read a page's worth of rows in a loop until `stop` exists. A wait for a lock
    longer than 1.5 s is an error: SQLite's busy timeout (set by the caller), PostgreSQL's
    lock_timeout (set here each round, the connection may be a new one)."""
    from django.db import OperationalError, connection
    from django.test import Client

    from huanjie.people.models import Person

    client = Client()
    latencies: list[float] = []
    spans: list[tuple[float, float]] = []
    errors: list[str] = []
    while not stop.exists():
        started = time.monotonic()
        try:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '1500ms'")
            assert client.login(username=username, password="probe-password")  # writes
            Person.objects.count()
            client.logout()  # writes: deletes the session
        except OperationalError as exc:
            errors.append(str(exc))
        latencies.append(time.monotonic() - started)
        spans.append((started, started + latencies[-1]))
        time.sleep(0.02)
    return {
        "rounds": len(latencies),
        "spans": spans,
        "errors": errors[:5],
        "error_count": len(errors),
        "max_s": round(max(latencies, default=0), 3),
    }


def main() -> None:
    _setup_django()
    phase, *args = sys.argv[1:]
    if phase == "setup":
        out = setup(int(args[0]), int(args[1]))
    elif phase == "write":
        out = write(int(args[0]))
    elif phase == "recover":
        out = recover(int(args[0]))
    else:
        out = probe(Path(args[0]), args[1])
    print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
