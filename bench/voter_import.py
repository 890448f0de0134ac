"""W2 `voter_import` (benchmarks.md): a household register of N rows, the template's columns.

(a) the file with 5% seeded faults (bad checksum, impossible date, duplicate ID, sex/ID
    mismatch, household without head): every fault reported by row and column, nothing written;
(b) the corrected file: validated (the preview), confirmed and loaded, as the web import's
    background steps do it (register_import_create → _validate → _confirm), then the register
    for an election day built (not there yet: `build_election_register`).
Baseline, in the same run: openpyxl read-only and row-by-row ORM saves (each ID number checked
by the rule, duplicates by a set) on a slice of the corrected file, extrapolated to N; both must
load the same people into the same households.

Each pass runs in its own process, so that its peak memory (and its reading child's) is its
own. SQLite by default (a new file); with DATABASE_URL=postgres://… a new database is created
on that server for the run and dropped after it.

    python bench/voter_import.py [--size N] [--slice K]     # default 20,000; goal 1,000,000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _common import arguments, finish, say, timed

SEED = 20260328
VILLAGE = "331127100299"
SHARE = 0.05  # of the rows faulty in pass (a)
COPY_ROWS_PER_SECOND = 1.2e6  # benchmarks.md W6: COPY here
GOALS = {"a": 10.0, "b": 15.0}  # seconds at 1,000,000 rows
ELECTION_DAY = date(2026, 3, 28)  # rules.md H-9's Saturday


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], default_size=20_000)
    parser.add_argument("--slice", type=int, default=100_000, help="rows of the baseline")
    parser.add_argument("--pass", dest="step", help=argparse.SUPPRESS)  # a pass's own process
    parser.add_argument("--var", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(_run_pass(args.step, Path(args.var), Path(args.file), args.size)))
        return
    with (
        tempfile.TemporaryDirectory(prefix="bench-voter-import-") as var,
        _database(var, "ours") as url,
        _database(var, "baseline") as baseline_url,
    ):
        _bench(args.size, min(args.slice, args.size), Path(var), url, baseline_url)


# -- the parent: data, passes, baseline, the verdict -----------------------------------------


def _bench(size: int, part: int, var: Path, url: str, baseline_url: str) -> None:
    env = _environment(var, url, size)
    os.environ.update(env)
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _region_tree()
    say(f"database: {'PostgreSQL' if url.startswith('postgres') else 'SQLite'}; rows: {size:,}")
    sys.path.insert(0, str(Path(__file__).parent))
    import _register_data as data

    (rows, faulty, faults), seconds = timed(lambda: _generate(data, size))
    good_file, bad_file = var / "register.xlsx", var / "register-faulty.xlsx"
    start = time.perf_counter()
    data.write_xlsx(good_file, rows)
    data.write_xlsx(bad_file, faulty)
    written = time.perf_counter() - start
    households = len({r[0] for r in rows})
    say(
        f"data: {size:,} rows in {households:,} households, {len(faults):,} faults seeded;"
        f" generated in {seconds:.1f} s, written in {written:.1f} s"
        f" ({good_file.stat().st_size / 1e6:.1f} MB xlsx)"
    )
    expected = sorted((f.row, f.column) for f in faults)
    rows.clear()
    faulty.clear()

    a = _pass("a", var, bad_file, size, env)
    found = sorted((p[0], p[1]) for p in a["problems"])
    a_ok = a["status"] == "failed" and found == expected and a["written"] == 0
    say(
        f"pass (a) faulty file: {a['seconds']:.2f} s, {len(found):,} problems reported by row"
        f" ({'all seeded faults, nothing else' if found == expected else 'NOT the seeded faults'});"
        f" rows written: {a['written']}; peak memory {a['peak_mb']:.0f} MB"
        f" (reading child {a['child_mb']:.0f} MB); goal at 1M ≤ {GOALS['a']:.0f} s"
    )
    _stages(a)

    baseline, base_seconds = _baseline(good_file, part, {**env, "DATABASE_URL": baseline_url})
    b = _pass("b", var, good_file, size, env)
    b_ok = b["status"] == "imported" and b["people"] == size
    say(
        f"pass (b) corrected file: {b['seconds']:.2f} s (validate {b['validate']:.2f} s,"
        f" confirm {b['confirm']:.2f} s), {b['people']:,} people in {b['households']:,}"
        f" households, {b['relations']:,} derived relations; peak memory {b['peak_mb']:.0f} MB"
        f" (reading child {b['child_mb']:.0f} MB); goal at 1M ≤ {GOALS['b']:.0f} s"
    )
    _stages(b)
    election = b["election_register"]
    b_ok = b_ok and election["voters"] + election["left_off"] == size
    say(
        f"register for the election day {ELECTION_DAY}: {election['seconds']:.2f} s (in pass (b)),"
        f" {election['voters']:,} voters listed, {election['left_off']:,} left off with a reason"
    )
    same = b_ok and _same_people(baseline, env)
    say(
        f"baseline: openpyxl read-only + row-by-row ORM saves, {base_seconds:.2f} s for"
        f" {part:,} rows → {base_seconds * size / part:.1f} s for {size:,};"
        f" {'the same people and households as ours' if same else 'DIFFERENT from ours'}"
    )
    floor = b["inflate"] + size / COPY_ROWS_PER_SECOND
    ok = a_ok and b_ok and same
    finish("voter_import", size, b["seconds"], base_seconds * size / part, floor, ok)


def _generate(data: Any, size: int) -> tuple[list[list[str]], list[list[str]], list[Any]]:
    rows = data.register_rows(size, SEED)
    faulty, faults = data.with_faults(rows, SHARE, SEED + 1)
    return rows, faulty, faults


def _pass(step: str, var: Path, path: Path, size: int, env: dict[str, str]) -> dict[str, Any]:
    """Run a pass in a process of its own; its JSON result."""
    done = subprocess.run(
        [sys.executable, __file__, "--pass", step, "--var", str(var), "--file", str(path),
         "--size", str(size)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"pass ({step}) failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _stages(result: dict[str, Any]) -> None:
    parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result["stages"].items())
    say(f"    by stage (s): {parts}")


def _baseline(path: Path, part: int, env: dict[str, str]) -> tuple[list[tuple[str, str]], float]:
    done = subprocess.run(
        [sys.executable, "-c", _BASELINE, str(path), str(part)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parent,
    )
    if done.returncode != 0:
        sys.exit(f"baseline failed:\n{done.stderr[-4000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return [tuple(p) for p in result["people"]], float(result["seconds"])


def _same_people(baseline: list[tuple[str, str]], env: dict[str, str]) -> bool:
    from huanjie.people.models import Person

    numbers = [n for n, _ in baseline]
    ours: dict[str, str] = {}
    for start in range(0, len(numbers), 20_000):
        chunk = numbers[start : start + 20_000]
        ours.update(
            Person.objects.filter(id_number__in=chunk).values_list("id_number", "household__number")
        )
    return ours == dict(baseline)


# The baseline: what an import written the plain way does (openpyxl, one save per row, in one
# transaction), on a database of its own.
_BASELINE = r"""
import json, sys, time
from _common import setup_django
setup_django()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from voter_import import _region_tree
_region_tree()
from django.db import transaction
from openpyxl import load_workbook
from huanjie.people.models import Household, Person
from huanjie.people.register import columns as col
from huanjie.people.register.parsing import cell_text
from huanjie.regions.models import Region, VillagerGroup
from huanjie.rules.eligibility.identity import check_id_number
path, part = sys.argv[1], int(sys.argv[2])
village = Region.objects.get(code="331127100299")
started = time.perf_counter()
people, problems = [], 0
with transaction.atomic():
    book = load_workbook(path, read_only=True)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [cell_text(c) for c in next(rows)]
    at = {name: header.index(name) for name in col.COLUMN_NAMES}
    seen, households, groups = set(), {}, {}
    for index, values in enumerate(rows):
        if index >= part:
            break
        cell = lambda name: cell_text(values[at[name]])
        check = check_id_number(cell(col.ID_NUMBER))
        if not check.ok or check.number in seen:
            problems += 1
            continue
        seen.add(check.number)
        group_name = cell(col.VILLAGER_GROUP)
        if group_name not in groups:
            groups[group_name] = VillagerGroup.objects.get_or_create(village=village, name=group_name)[0]
        number = cell(col.HOUSEHOLD_NUMBER)
        if number not in households:
            households[number] = Household.objects.create(
                village=village, villager_group=groups[group_name], number=number
            )
        person = Person(
            id_number=check.number, name=cell(col.NAME), sex=check.sex, birth_date=check.birth_date,
            ethnicity=cell(col.ETHNICITY) or "汉族",
            education=col.EDUCATION_BY_LABEL.get(cell(col.EDUCATION), ""),
            political_status=col.POLITICAL_BY_LABEL.get(cell(col.POLITICAL_STATUS), "masses"),
            phone=cell(col.PHONE), relation_to_head=col.RELATION_BY_LABEL[cell(col.RELATION)],
            hukou_in_village=cell(col.HUKOU) != "否", resides_in_village=cell(col.RESIDES) != "否",
            village=village, household=households[number],
        )
        person.save()
        people.append((person.id_number, number))
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "people": people, "problems": problems}))
"""


# -- a pass, in its own process -----------------------------------------------------------


def _run_pass(step: str, var: Path, path: Path, size: int) -> dict[str, Any]:
    _setup_django()

    from huanjie.people.models import CloseRelative, Household, Person, RegisterImportStatus
    from huanjie.people.register import importing
    from huanjie.regions.models import Region

    stages = _time_stages()
    village = Region.objects.get(code=VILLAGE)
    data = path.read_bytes()
    inflate = _inflate_seconds(data)
    before = Person.objects.count() + Household.objects.count()
    started = time.perf_counter()
    ri = importing.register_import_create(
        village=village, name=path.name, data=data, acting_user=None
    )
    importing.register_import_validate(ri)
    validated = time.perf_counter()
    if step == "b" and ri.status == RegisterImportStatus.VALIDATED:
        importing.register_import_confirm(register_import=ri, acting_user=None)
    confirmed = time.perf_counter()
    election = build_election_register(village, ELECTION_DAY) if step == "b" else None
    ended = time.perf_counter()
    own, children = _peak_mb()
    return {
        "status": str(ri.status),
        "seconds": ended - started,
        "validate": validated - started,
        "confirm": confirmed - validated,
        "election_register": election,
        "problems": [(p["row"], p["column"]) for p in ri.report.get("problems", [])],
        "written": Person.objects.count() + Household.objects.count() - before,
        "people": Person.objects.filter(village=village).count(),
        "households": Household.objects.filter(village=village).count(),
        "relations": CloseRelative.objects.filter(person_a__village=village).count(),
        "peak_mb": own,
        "child_mb": children,
        "inflate": inflate,
        "stages": {name: round(seconds, 3) for name, seconds in stages.items()},
    }


def build_election_register(village: Any, day: Any) -> dict[str, Any]:
    """Issue 8's voter register for the election day, built from the loaded register by the
    same service the committee's 生成选民名单 calls (campaign, plan and election made first,
    not timed); its seconds and how many it lists or leaves off."""
    from huanjie.campaigns.models import CampaignStatus
    from huanjie.campaigns.services import campaign_create, village_plan_create
    from huanjie.elections.models import Body, Method, Post
    from huanjie.elections.services import election_create
    from huanjie.registration.services import register_build

    campaign = campaign_create(
        name="基准换届",
        term_start_year=day.year,
        region=village.parent,
        profile_id="ZJ_2020",
        window_start=day.replace(month=1, day=1),
        window_end=day.replace(month=12, day=31),
        acting_user=None,
    )
    campaign.status = CampaignStatus.ACTIVE
    campaign.save(update_fields=["status"])
    plan = village_plan_create(campaign=campaign, village=village, acting_user=None)
    election = election_create(
        plan=plan,
        body=Body.VILLAGERS_COMMITTEE,
        method=Method.WITH_CANDIDATES,
        seats={Post.CHAIR: 1, Post.MEMBER: 4},
        election_day=day,
        acting_user=None,
    )
    started = time.perf_counter()
    register = register_build(election=election, acting_user=None, today=day - timedelta(days=30))
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "voters": register.voters.count(),
        "left_off": register.left_off.count(),
    }


def _time_stages() -> dict[str, float]:
    """Wall time per stage of the import, summed over its steps (both passes read twice)."""
    import functools

    from huanjie.people.register import importing, staging

    spent: dict[str, float] = {}

    def wrap(module: Any, name: str, label: str) -> None:
        inner = getattr(module, name)

        @functools.wraps(inner)
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

        setattr(module, name, timed_call)

    wrap(importing, "read_register_isolated", "read")
    wrap(importing, "parse_table", "parse")
    wrap(importing, "check_table", "check")
    wrap(importing, "diff_register", "diff")
    wrap(importing, "_store", "report")
    wrap(staging, "new_people", "prepare")
    wrap(staging, "insert_households", "households")
    wrap(staging, "write_people", "people")
    wrap(staging, "discard", "discard")
    return spent


def _inflate_seconds(data: bytes) -> float:
    """Unzipping the sheet: the part of reading no reader avoids (the floor)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        _, seconds = timed(lambda: book.read("xl/worksheets/sheet1.xml"))
    return seconds


def _peak_mb() -> tuple[float, float]:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


# -- set-up ----------------------------------------------------------------------------------


def _environment(var: Path, url: str, size: int) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": url,
        "HUANJIE_VAR_DIR": str(var),
        "HUANJIE_MEDIA_ROOT": str(var / "media"),
        "HUANJIE_REGISTER_MAX_ROWS": str(max(size + 10, 200_000)),
        "HUANJIE_TASKS_IMMEDIATE": "1",
    }


def _setup_django() -> None:
    from _common import setup_django

    setup_django()


class _database:
    """SQLite in the run's directory, or a database created for the run on the PostgreSQL
    server DATABASE_URL names (dropped afterwards); `role`: ours or the baseline's."""

    def __init__(self, var: str, role: str) -> None:
        self.given = os.environ.get("DATABASE_URL", "")
        self.var = var
        self.role = role
        self.name = f"huanjie_bench_{os.getpid()}_{role}"

    def __enter__(self) -> str:
        if not self.given.startswith("postgres"):
            return f"sqlite:///{Path(self.var) / f'{self.role}.sqlite3'}"
        self._admin(f'CREATE DATABASE "{self.name}"')
        return self.given.rsplit("/", 1)[0] + "/" + self.name

    def __exit__(self, *exc: object) -> None:
        if self.given.startswith("postgres"):
            from django.db import connections

            connections.close_all()
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.given, autocommit=True) as connection:
            connection.execute(statement)


def _region_tree() -> None:
    from huanjie.regions.models import Level, Region, VillageKind

    parent = None
    for code, name, level in (
        ("330000000000", "浙江省", Level.PROVINCE),
        ("331100000000", "丽水市", Level.CITY),
        ("331127000000", "景宁畲族自治县", Level.COUNTY),
        ("331127100000", "鹤溪街道", Level.TOWNSHIP),
        (VILLAGE, "基准村", Level.VILLAGE),
    ):
        kind = VillageKind.VILLAGE if level == Level.VILLAGE else ""
        parent, _ = Region.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent": parent, "kind": kind}
        )


if __name__ == "__main__":
    main()
