"""Every benchmark runs at a tiny size, so that none of them rots: it finishes, agrees with its
baseline and oracle (exit 0), and ends with the line benchmarks.md prescribes. No timing is
asserted (benchmarks.md: benchmarks are never timed assertions)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent
LAST_LINE = re.compile(
    r"bench (?P<name>\w+): size=(?P<size>\d+) ours=[\d.]+s baseline=[\d.]+s"
    r" speedup=[\d.]+ floor=[\d.]+s"
)


@pytest.mark.parametrize(
    ("script", "size", "extra"),
    [
        ("id_check", 3000, []),
        ("voter_import", 150, ["--slice", "60"]),
        ("tally", 3000, ["--villages", "40"]),
        ("kinship", 3000, []),
        ("dashboard", 300, []),
    ],
    ids=["id_check", "voter_import", "tally", "kinship", "dashboard"],
)
def test_benchmark_runs_at_a_tiny_size(script: str, size: int, extra: list[str]) -> None:
    # SQLite for the smoke run whatever the suite's database (a PostgreSQL run would create
    # and drop a database of its own on the server).
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # The checkout under test, whichever one the virtualenv's editable install points at.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BENCH.parent), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, str(BENCH / f"{script}.py"), "--size", str(size), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    found = LAST_LINE.fullmatch(last)
    assert found is not None, last
    assert (found["name"], found["size"]) == (script, str(size))
