"""W4 `dashboard` (benchmarks.md): the province dashboard over 26,244 villages and the national
recompute over N villages (≈610,000 nationally, ≈18 office-holder rows each: ≈11M result rows).

Data (seeded, generated here, loaded with COPY on PostgreSQL and executemany on SQLite): provinces
of 26,244 villages (cities → counties → townships of 20 villages), one campaign per province, a
plan per village rated 红/橙/绿, four elections per plan (some void and re-run, some not yet held),
and for each complete election its office holders — 12 people per village, the secretary also
the VC's chair in 85% (一肩挑), party committee members cross-holding VC seats.

ours: the dashboards' own path, `huanjie.dashboards.rollup` —
  - province: the province's cities, counties and townships summed from the township rows
    (`summary_by_region`, the read `progress_by_region` makes for a province officer): p95 of
    repeated reads, per level;
  - national recompute: `rollup.recompute()` — the village rows are kept current by the writes
    themselves, so the nation's recompute is every township's row summed again from its village
    rows (one INSERT … SELECT … GROUP BY), then the counties, cities, provinces and the nation
    summed from those as the dashboards read them; also printed: `rollup.rebuild()`, the repair
    path that computes the village rows from the raw tables (the bench's load bypasses the
    saves, so it runs first).
baseline, same run: plain SQL GROUP BY over the raw tables (plans, elections, office holders,
people) for the same figures — the province's by the same prefixes, and the nation's by province.
Both must agree on every figure (progress per body, risk, void elections and one-time success,
members, women, age ≤35 and ≤45 and the age total, 大专+ and 高中+, 一肩挑, secretaries).

SQLite by default (a new file); with DATABASE_URL=postgres://… a database is created for the run
on that server and dropped after it. The last line's ours/baseline are the province page's (its
regions one level down, the cities) p95 and the raw GROUP BY's time; the whole province listed by
county and by township is printed before it (a page lists one region's children, so those two are
what an upper level asking for every county or township would cost), and so is the national
recompute.

    python bench/dashboard.py [--size N]     # default 40,000 villages; nationally 610,000
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from _common import MEMORY_BYTES_PER_SECOND, arguments, finish, say, timed

SEED = 20261207
PROVINCE_VILLAGES = 26_244
PER_TOWNSHIP, PER_COUNTY, PER_CITY = 20, 13, 10  # villages per township, townships per county …
TERM = 2026
GOALS = {"province_p95": 0.050, "national": 3.0}
READS = 40  # province reads per level for the p95
CHUNK = 20_000  # villages generated and loaded at a time
STAMP = "2026-01-01 00:00:00+00"
EDUCATION = [
    "primary",
    "junior_high",
    "high_school",
    "secondary_vocational",
    "college",
    "bachelor",
    "postgraduate",
]
EDUCATION_WEIGHTS = [0.03, 0.22, 0.2, 0.08, 0.3, 0.15, 0.02]
BODIES = ["party_organization", "villagers_committee", "supervision_committee", "cooperative_board"]
STATUSES = ["planned", "scheduled", "counted", "complete", "void"]
STATUS_WEIGHTS = [0.03, 0.07, 0.06, 0.82, 0.02]
# Per body the (person slot, post) of its holders; slot 0 is the secretary, the VC's chair is
# slot 0 in a 一肩挑 village, else slot 1 (SEATS_YJT below).
SEATS = {
    "party_organization": [(0, "secretary"), (2, "deputy_secretary"), (3, "member"), (4, "member"), (5, "member")],
    "villagers_committee": [(-1, "chair"), (6, "vice_chair"), (3, "member"), (4, "member"), (7, "women_member")],
    "supervision_committee": [(2, "chair"), (8, "member"), (9, "member")],
    "cooperative_board": [(-1, "chair"), (6, "vice_chair"), (10, "member"), (11, "member"), (3, "member")],
}  # fmt: skip
PEOPLE = 12  # per village
PARTY_SLOTS = {0, 1, 2, 3, 4, 5}


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], default_size=40_000)
    args = parser.parse_args()
    size = max(1, args.size)
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as var, _database(var) as url:
        os.environ.update({"DATABASE_URL": url, "HUANJIE_VAR_DIR": var})
        _bench(size)


def _bench(size: int) -> None:
    from _common import setup_django

    setup_django()
    from django.core.management import call_command
    from django.db import connection

    _, seconds = timed(lambda: call_command("migrate", verbosity=0))
    say(f"database: {connection.vendor}; migrated in {seconds:.1f} s")
    rows, seconds = timed(lambda: load(size))
    say(
        f"data: {size:,} villages, {rows['election']:,} elections, {rows['holder']:,} office"
        f" holders, {rows['person']:,} people; generated and loaded in {seconds:.1f} s"
    )
    _, seconds = timed(_analyze)
    say(f"statistics gathered (ANALYZE) in {seconds:.1f} s")

    from huanjie.dashboards import rollup

    # The load went around the models' saves, so the village rows are built by the repair path,
    # from the raw tables, as `huanjie dashboard_rollup` does after a bulk load.
    rebuilds = []
    for _ in range(2):
        written, seconds = timed(rollup.rebuild)
        rebuilds.append(seconds)
    say(
        f"ours, from-raw rebuild (rollup.rebuild, the repair path: {written:,} village rows and"
        f" the township rows from the raw tables): {' s, '.join(f'{s:.2f}' for s in rebuilds)} s"
    )
    _analyze()
    recomputes = []
    for _ in range(2):
        (townships, levels), seconds = timed(national_recompute)
        recomputes.append(seconds)
    national = min(recomputes)
    say(
        f"ours, national recompute (rollup.recompute: {townships:,} township rows from the"
        f" {written:,} village rows the writes keep current, then every county, city, province"
        f" and the nation summed from them, {levels:,} rows):"
        f" {' s, '.join(f'{s:.2f}' for s in recomputes)} s; goal {GOALS['national']} s at 610,000"
    )
    by_rollup = national_by_rollup()
    by_raw, national_base = timed(lambda: raw_group_by("", 2))
    national_ok = by_rollup == by_raw
    say(
        f"baseline, national GROUP BY over the raw tables by province: {national_base:.2f} s;"
        f" {'the same figures' if national_ok else 'DIFFERENT figures'} for"
        f" {len(by_raw)} provinces (ours from the recomputed township rows)"
    )
    say(
        f"national recompute: size={size} ours={national:.4f}s"
        f" baseline={national_base:.4f}s speedup={national_base / national:.1f}"
        f" (from-raw rebuild {min(rebuilds):.4f}s,"
        f" {national_base / min(rebuilds):.1f}× the baseline's speed)"
    )

    user = _province_user()
    ok = national_ok
    last: tuple[float, float] = (0.0, 0.0)
    for level, length in (("city", 4), ("county", 6), ("township", 9)):
        found, times = province_reads(user, level)
        base_found, base = _best(lambda length=length: raw_group_by("11", length))
        same = found == base_found
        ok = ok and same
        p95 = float(np.percentile(times, 95))
        say(
            f"province by {level} ({len(found):,} rows): ours p95 {p95 * 1000:.1f} ms, median"
            f" {statistics.median(times) * 1000:.1f} ms over {READS} reads; baseline raw GROUP BY"
            f" {base * 1000:.0f} ms; {'the same figures' if same else 'DIFFERENT figures'}"
        )
        if level == "city":
            last = (p95, base)  # the province page: its cities
    # The floor: the province's rollup rows read once (≈150 bytes a row).
    floor = min(size, PROVINCE_VILLAGES) * 150 / MEMORY_BYTES_PER_SECOND
    say(f"goal: province p95 ≤ {GOALS['province_p95'] * 1000:.0f} ms at 26,244 villages")
    finish("dashboard", size, last[0], last[1], floor, ok)


# -- the two paths ---------------------------------------------------------------------------

Figures = dict[str, tuple[int, ...]]
# The figures compared, in this order, from the rollup's Summary.
COMPARED = [
    "plans",
    "red",
    "orange",
    "green",
    "void_elections",
    "one_time",
    "members",
    "age_total",
    "up_to_35",
    "up_to_45",
    "college",
    "high_school",
    "women",
    "secretaries",
    "chairs",
    "one_person",
]


def _as_tuple(summed: Any) -> tuple[int, ...]:
    stages = [
        getattr(summed, kind)[body] for body in BODIES for kind in ("planned", "held", "complete")
    ]
    return (*[int(getattr(summed, name)) for name in COMPARED], *map(int, stages))


def province_reads(user: Any, level: str) -> tuple[Figures, list[float]]:
    """The dashboard's read for a province officer, as `progress_by_region` makes it: the
    province's regions of `level` (its cities, or all its counties or townships) summed."""
    from huanjie.accounts.gates import scoped_regions
    from huanjie.dashboards import rollup

    regions = list(scoped_regions(user).filter(level=level, code__startswith="11"))

    def read() -> Figures:
        found = rollup.summary_by_region(user, regions, TERM)
        return {prefix: _as_tuple(s) for prefix, s in found.items()}

    read()  # warmed up
    times = []
    found: Figures = {}
    for _ in range(READS):
        found, seconds = timed(read)
        times.append(seconds)
    return found, times


def national_recompute() -> tuple[int, int]:
    """The township rows summed again from the village rows, and from them every level above
    (`rollup.township_sums`, as the dashboards read them): the rows written and summed."""
    from huanjie.dashboards import rollup

    townships = rollup.recompute()
    levels = sum(len(rollup.township_sums(TERM, "", length)) for length in (0, 2, 4, 6))
    return townships, levels


def national_by_rollup() -> Figures:
    """The nation by province from the township rows, each figure compared with the raw
    GROUP BY's."""
    from huanjie.dashboards import rollup

    found = rollup.township_sums(TERM, "", 2)
    return {prefix: _as_tuple(s) for prefix, s in found.items()}


def raw_group_by(area: str, length: int) -> Figures:
    """The same figures straight from the raw tables, grouped by code prefix: three queries
    (plans and risk; elections per plan; the 两委 members per plan and person)."""
    from django.db import connection

    from huanjie.dashboards.rollup import age_sql

    like = area + "%"
    prefix = f"substr(v.code, 1, {length})"
    rest = (
        " JOIN regions_region v ON v.id = p.village_id"
        " JOIN campaigns_campaign c ON c.id = p.campaign_id"
    )
    joined = "campaigns_villageplan p" + rest
    where = f"v.code LIKE %s AND c.term_start_year = {TERM} AND c.status <> 'closed'"
    figures: dict[str, dict[str, int]] = {}

    def put(rows: list[tuple[Any, ...]], names: list[str]) -> None:
        for key, *values in rows:
            figures.setdefault(key, {}).update(
                zip(names, (int(v or 0) for v in values), strict=True)
            )

    stage = "CASE e.status WHEN 'complete' THEN 3 WHEN 'counted' THEN 2 ELSE 1 END"
    per_body = ", ".join(
        f"MAX(CASE WHEN e.body = '{b}' THEN {stage} ELSE 0 END) AS s{i}"
        for i, b in enumerate(BODIES)
    )
    counts = ", ".join(
        f"SUM(CASE WHEN s{i} >= 1 THEN 1 ELSE 0 END), SUM(CASE WHEN s{i} >= 2 THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN s{i} = 3 THEN 1 ELSE 0 END)"
        for i in range(len(BODIES))
    )
    stage_names = [f"{k}:{b}" for b in BODIES for k in ("planned", "held", "complete")]
    age = age_sql(connection.vendor, "x.birth_date", "m.term_start")
    college = "x.education IN ('college', 'bachelor', 'postgraduate')"
    high = "x.education IN ('high_school', 'secondary_vocational', 'college', 'bachelor', 'postgraduate')"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {prefix}, COUNT(*), SUM(CASE WHEN p.risk_level = 'red' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN p.risk_level = 'orange' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN p.risk_level = 'green' THEN 1 ELSE 0 END)"
            f" FROM {joined} WHERE {where} GROUP BY {prefix}",
            [like],
        )
        put(cursor.fetchall(), ["plans", "red", "orange", "green"])
        cursor.execute(
            f"SELECT k, SUM(void), SUM(first), {counts}"
            f" FROM (SELECT {prefix} AS k, e.plan_id, {per_body},"
            " SUM(CASE WHEN e.status = 'void' THEN 1 ELSE 0 END) AS void,"
            " MAX(CASE WHEN e.body = 'villagers_committee' AND e.round = 'first'"
            " AND e.status = 'complete' THEN 1 ELSE 0 END) AS first"
            f" FROM elections_election e JOIN campaigns_villageplan p ON p.id = e.plan_id{rest} WHERE {where}"
            f" GROUP BY {prefix}, e.plan_id) s GROUP BY k",
            [like],
        )
        put(cursor.fetchall(), ["void_elections", "one_time", *stage_names])
        cursor.execute(
            f"SELECT m.k, COUNT(*), SUM({age}), SUM(CASE WHEN {age} <= 35 THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN {age} <= 45 THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN {college} THEN 1 ELSE 0 END), SUM(CASE WHEN {high} THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN x.sex = 'F' THEN 1 ELSE 0 END), SUM(m.secretary), SUM(m.chair),"
            " SUM(m.secretary * m.chair)"
            f" FROM (SELECT {prefix} AS k, e.plan_id, h.person_id, MIN(h.term_start) AS term_start,"
            " MAX(CASE WHEN h.body = 'party_organization' AND h.post = 'secretary' THEN 1 ELSE 0 END) AS secretary,"
            " MAX(CASE WHEN h.body = 'villagers_committee' AND h.post = 'chair' THEN 1 ELSE 0 END) AS chair"
            " FROM elections_officeholder h JOIN elections_election e ON e.id = h.election_id"
            f" JOIN campaigns_villageplan p ON p.id = e.plan_id{rest}"
            f" WHERE h.body IN ('party_organization', 'villagers_committee') AND {where}"
            f" GROUP BY {prefix}, e.plan_id, h.person_id) m"
            " JOIN people_person x ON x.id = m.person_id GROUP BY m.k",
            [like],
        )
        put(
            cursor.fetchall(),
            ["members", "age_total", "up_to_35", "up_to_45", "college", "high_school", "women",
             "secretaries", "chairs", "one_person"],
        )  # fmt: skip
    result = {}
    for key, named in figures.items():
        values = [named.get(name, 0) for name in COMPARED]
        values += [
            named.get(f"{k}:{b}", 0) for b in BODIES for k in ("planned", "held", "complete")
        ]
        result[key] = tuple(values)
    return result


def _best(work: Any) -> tuple[Figures, float]:
    """The raw GROUP BY run twice (the first warms the cache as the rollup's warm-up read did)."""
    work()
    return timed(work)


# -- data ------------------------------------------------------------------------------------


def load(size: int) -> dict[str, int]:
    from django.db import connection, transaction

    rng = np.random.default_rng(SEED)
    counts = dict.fromkeys(("election", "holder", "person"), 0)
    with transaction.atomic():
        regions, villages_of = _regions(size)
        _copy("regions_region", REGION_COLUMNS, regions)
        provinces = sorted(set(villages_of))
        campaigns = [
            (i + 1, f"{p}换届", TERM, "ZJ_2026", "PB_2020", "2026-01-01", "2026-06-30", "active",
             STAMP, STAMP, province_id)
            for i, (p, province_id) in enumerate(provinces)
        ]  # fmt: skip
        _copy("campaigns_campaign", CAMPAIGN_COLUMNS, campaigns)
        campaign_of = {p: i + 1 for i, (p, _) in enumerate(provinces)}
        next_ids = {"election": 1, "holder": 1, "person": 1}
        for start in range(0, size, CHUNK):
            part = villages_of[start : start + CHUNK]
            for table, columns, rows in _chunk(part, start, campaign_of, next_ids, rng):
                _copy(table, columns, rows)
                key = {"elections_election": "election", "elections_officeholder": "holder",
                       "people_person": "person"}.get(table)  # fmt: skip
                if key:
                    counts[key] += len(rows)
        if connection.vendor == "postgresql":
            _reset_sequences()
    return counts


REGION_COLUMNS = ["id", "code", "name", "level", "kind", "merged_village", "minority_village",
                  "created_at", "updated_at", "parent_id"]  # fmt: skip
CAMPAIGN_COLUMNS = ["id", "name", "term_start_year", "profile_id", "party_profile_id",
                    "window_start", "window_end", "status", "created_at", "updated_at",
                    "region_id"]  # fmt: skip
PLAN_COLUMNS = ["id", "risk_level", "notes", "created_at", "updated_at", "campaign_id",
                "village_id"]  # fmt: skip
ELECTION_COLUMNS = ["id", "body", "round", "round_number", "method", "election_day", "status",
                    "created_at", "updated_at", "plan_id"]  # fmt: skip
PERSON_COLUMNS = ["id", "id_number", "name", "sex", "birth_date", "ethnicity", "education",
                  "political_status", "phone", "relation_to_head", "hukou_in_village",
                  "resides_in_village", "deprived_of_political_rights", "created_at",
                  "updated_at", "village_id", "status", "status_note"]  # fmt: skip
HOLDER_COLUMNS = ["id", "body", "post", "term_start", "term_end", "created_at", "updated_at",
                  "election_id", "person_id", "village_id"]  # fmt: skip
TAG_COLUMNS = ["person_id", "tag"]


def _regions(size: int) -> tuple[list[tuple[Any, ...]], list[tuple[str, int]]]:
    """The region tree: provinces 11, 12 … of 26,244 villages each. Returns the rows and per
    village (province code, province id) in village order; a village's id is its index + 1,
    the regions above come after them."""
    rows: list[tuple[Any, ...]] = []
    villages_of: list[tuple[str, int]] = []
    next_id = size + 1
    ids: dict[str, int] = {}

    def region(code: str, level: str, parent: str | None) -> int:
        nonlocal next_id
        if code not in ids:
            ids[code] = next_id
            rows.append((next_id, code, code, level, "", False, False, STAMP, STAMP,
                         ids[parent] if parent else None))  # fmt: skip
            next_id += 1
        return ids[code]

    for v in range(size):
        p, rest = divmod(v, PROVINCE_VILLAGES)
        township, n = divmod(rest, PER_TOWNSHIP)
        county, t = divmod(township, PER_COUNTY)
        city, c = divmod(county, PER_CITY)
        province = f"{11 + p:02d}"
        city_code = f"{province}{city + 1:02d}"
        county_code = f"{city_code}{c + 1:02d}"
        township_code = f"{county_code}{t + 100:03d}"
        province_id = region(f"{province}0000000000", "province", None)
        region(f"{city_code}00000000", "city", f"{province}0000000000")
        region(f"{county_code}000000", "county", f"{city_code}00000000")
        region(f"{township_code}000", "township", f"{county_code}000000")
        rows.append((v + 1, f"{township_code}{n + 200:03d}", f"村{v + 1}", "village", "village",
                     False, False, STAMP, STAMP, ids[f"{township_code}000"]))  # fmt: skip
        villages_of.append((province, province_id))
    return rows, villages_of


def _chunk(
    part: list[tuple[str, int]],
    start: int,
    campaign_of: dict[str, int],
    next_ids: dict[str, int],
    rng: np.random.Generator,
) -> Iterator[tuple[str, list[str], list[tuple[Any, ...]]]]:
    n = len(part)
    village_ids = np.arange(start + 1, start + n + 1)
    risk = rng.choice(["red", "orange", "green"], n, p=[0.03, 0.1, 0.87])
    plans = [
        (int(v), str(r), "", STAMP, STAMP, campaign_of[part[i][0]], int(v))
        for i, (v, r) in enumerate(zip(village_ids, risk, strict=True))
    ]
    yield "campaigns_villageplan", PLAN_COLUMNS, plans  # plan id = village id

    # Elections: four bodies, round 1; a void VC election is re-run (round 2, complete).
    status = rng.choice(len(STATUSES), (n, len(BODIES)), p=STATUS_WEIGHTS)
    days = np.datetime64("2026-03-01") + rng.integers(0, 120, n)
    elections: list[tuple[Any, ...]] = []
    complete_election: dict[tuple[int, int], tuple[int, str]] = {}
    eid = next_ids["election"]
    for i in range(n):
        plan_id, day = int(village_ids[i]), str(days[i])
        for b, body in enumerate(BODIES):
            st = STATUSES[status[i, b]]
            elections.append(
                (eid, body, "first", 1, "with_candidates", day, st, STAMP, STAMP, plan_id)
            )
            if st == "complete":
                complete_election[i, b] = (eid, day)
            eid += 1
            if st == "void" and body == "villagers_committee":
                later = str(days[i] + 21)
                elections.append((eid, body, "revote", 2, "with_candidates", later, "complete",
                                  STAMP, STAMP, plan_id))  # fmt: skip
                complete_election[i, b] = (eid, later)
                eid += 1
    next_ids["election"] = eid
    yield "elections_election", ELECTION_COLUMNS, elections

    # People: 12 per village; birth days 1960–2001 (29 February included), 25% women (the
    # women's member always), education weighted, 8% minorities, the party slots party members.
    total = n * PEOPLE
    births = np.datetime64("1960-01-01") + rng.integers(0, 15_000, total)
    female = rng.random(total) < 0.25
    female[7::PEOPLE] = True
    education = rng.choice(EDUCATION, total, p=EDUCATION_WEIGHTS)
    minority = rng.random(total) < 0.08
    pid = next_ids["person"]
    people = []
    for k in range(total):
        slot = k % PEOPLE
        party = "full_member" if slot in PARTY_SLOTS else "masses"
        people.append((pid + k, f"{pid + k:017d}X", f"人{pid + k}", "F" if female[k] else "M",
                       str(births[k]), "畲族" if minority[k] else "汉族", str(education[k]), party,
                       "", "", True, True, False, STAMP, STAMP,
                       int(village_ids[k // PEOPLE]), "active", ""))  # fmt: skip
    yield "people_person", PERSON_COLUMNS, people
    tagged = np.flatnonzero(rng.random(total) < 0.06)
    kinds = rng.choice(["business_leader", "veteran", "returnee"], len(tagged))
    yield (
        "people_persontag",
        TAG_COLUMNS,
        [(pid + int(k), str(t)) for k, t in zip(tagged, kinds, strict=True)],
    )

    # Office holders of each complete election.
    one_person = rng.random(n) < 0.85
    hid = next_ids["holder"]
    holders = []
    for (i, b), (election_id, day) in complete_election.items():
        body = BODIES[b]
        first = pid + i * PEOPLE
        start_day = date.fromisoformat(day)
        end = start_day.replace(year=start_day.year + 5) - timedelta(days=1)
        for slot, post in SEATS[body]:
            if slot == -1:
                slot = 0 if one_person[i] else 1
            holders.append((hid, body, post, day, end.isoformat(), STAMP, STAMP, election_id,
                            first + slot, int(village_ids[i])))  # fmt: skip
            hid += 1
    next_ids["holder"] = hid
    next_ids["person"] = pid + total
    yield "elections_officeholder", HOLDER_COLUMNS, holders


def _copy(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    from django.db import connection

    if not rows:
        return
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Text rows built here (no value holds a tab, newline or backslash).
            text = "".join(
                "\t".join("\\N" if v is None else str(v) for v in row) + "\n" for row in rows
            )
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                copy.write(text)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _reset_sequences() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from huanjie.campaigns.models import Campaign, VillagePlan
    from huanjie.elections.models import Election, OfficeHolder
    from huanjie.people.models import Person, PersonTag
    from huanjie.regions.models import Region

    models = [Region, Campaign, VillagePlan, Election, OfficeHolder, Person, PersonTag]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _province_user() -> Any:
    from huanjie.accounts.models import Role, User
    from huanjie.regions.models import Region

    province = Region.objects.get(code="110000000000")
    return User.objects.create(
        username="bench-province", role=Role.ELECTION_OFFICE, scope_code=province.code
    )


class _database:
    """SQLite in the run's directory, or a database created for the run on the PostgreSQL
    server DATABASE_URL names (dropped afterwards)."""

    def __init__(self, var: str) -> None:
        self.given = os.environ.get("DATABASE_URL", "")
        self.var = var
        self.name = f"huanjie_bench_dashboard_{os.getpid()}"

    def __enter__(self) -> str:
        if not self.given.startswith("postgres"):
            return f"sqlite:///{Path(self.var) / 'dashboard.sqlite3'}"
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


if __name__ == "__main__":
    main()
