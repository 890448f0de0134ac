"""The rollup behind the dashboards: per village plan one `VillageSummary` row, computed in the
database by one INSERT … SELECT … GROUP BY over the raw tables (plans, elections, office holders,
people, their tags and party roll), and per township and campaign one `TownshipSummary` row, the
sums of its villages' rows.

- `rebuild()` recomputes every row from the raw tables (the repair; also the migration that adds the
  tables, and `huanjie dashboard_rollup`);
- the signal handlers (`connect`) mark the plans a saved or deleted row touches; their rows and
  their townships' are rewritten once per transaction (four queries), when it commits or when
  the writing connection reads the rollup first (`flush`). Writes that bypass the models' saves
  (a queryset's update(), raw SQL) must be followed by `rebuild()`;
- `recompute()` (the national recompute) sums every township's row again from the village
  rows;
- the dashboards read them with `summary_by_region`: one query whatever the number of villages,
  over ≈1,300 township rows for a province (benchmarks.md W4).

The SQL is written once here for both databases; only a date's year and month-day differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import connections, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr

from huanjie.campaigns.models import Campaign, CampaignStatus, RiskLevel, VillagePlan
from huanjie.dashboards.models import TownshipSummary, VillageSummary
from huanjie.elections.models import Body, Election, ElectionStatus, OfficeHolder, Post, Round
from huanjie.people.figures import PARTY_STATUSES
from huanjie.people.models import (
    Education,
    PartyMembership,
    Person,
    PersonTag,
    PersonTagKind,
    Sex,
)
from huanjie.regions.models import PREFIX_LENGTH, Level, Region
from huanjie.rules.structure import Structure

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from huanjie.accounts.models import User

    AnyUser = User | AnonymousUser

# A body's stage is the furthest of its elections': 3 complete, 2 counted, 1 any other status.
STAGE_COLUMNS = {
    Body.PARTY_ORGANIZATION: "party_stage",
    Body.VILLAGERS_COMMITTEE: "vc_stage",
    Body.SUPERVISION_COMMITTEE: "supervision_stage",
    Body.COOPERATIVE_BOARD: "cooperative_stage",
}
# The short name of each body in TownshipSummary's columns (<name>_planned, _held, _complete).
BODY_NAMES = {body: column.removesuffix("_stage") for body, column in STAGE_COLUMNS.items()}
KINDS = ("planned", "held", "complete")
KIND_LEAST = {"planned": 1, "held": 2, "complete": 3}  # the stage each kind needs
HAN = "汉族"
COLLEGE = (Education.COLLEGE, Education.BACHELOR, Education.POSTGRADUATE)
HIGH_SCHOOL = (Education.HIGH_SCHOOL, Education.SECONDARY_VOCATIONAL, *COLLEGE)
TWO_COMMITTEES = (Body.PARTY_ORGANIZATION, Body.VILLAGERS_COMMITTEE)
TAG_FIGURES = {
    "business_leaders": PersonTagKind.BUSINESS_LEADER,
    "veterans": PersonTagKind.VETERAN,
    "returnees": PersonTagKind.RETURNEE,
}

# The new 两委's counts (models.MemberCounts), in the SELECT's order.
MEMBER_FIGURES = [
    "members",
    "age_total",
    "up_to_35",
    "up_to_45",
    "college",
    "high_school",
    "women",
    "minority",
    "vc_members",
    "vc_party_members",
    "business_leaders",
    "veterans",
    "returnees",
    "secretaries",
    "secretary_age_total",
    "secretary_college",
    "chairs",
    "one_person",
]
# The figure columns of VillageSummary, named here in the INSERT's order (not taken from the
# model, whose inherited fields come first).
FIGURES = [
    *STAGE_COLUMNS.values(),
    "elections",
    "void_elections",
    "vc_first_round",
    *MEMBER_FIGURES,
]


@dataclass
class Summary:
    """The sums of some villages' summary rows (see VillageSummary for each count)."""

    plans: int = 0
    red: int = 0
    orange: int = 0
    green: int = 0
    elections: int = 0
    void_elections: int = 0
    one_time: int = 0  # villages whose VC's first-round election is complete
    members: int = 0
    age_total: int = 0
    up_to_35: int = 0
    up_to_45: int = 0
    college: int = 0
    high_school: int = 0
    women: int = 0
    minority: int = 0
    vc_members: int = 0
    vc_party_members: int = 0
    business_leaders: int = 0
    veterans: int = 0
    returnees: int = 0
    secretaries: int = 0
    secretary_age_total: int = 0
    secretary_college: int = 0
    chairs: int = 0
    one_person: int = 0
    villages: int = 0  # villages with a new 两委 member
    # Per body: villages with an election of it planned, held (counted) and complete.
    planned: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGE_COLUMNS, 0))
    held: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGE_COLUMNS, 0))
    complete: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGE_COLUMNS, 0))


def _date_parts(vendor: str) -> tuple[str, str]:
    """SQL templates of a date's year and its month and day as one integer (29 February: 229),
    both integers and cheap to compute (PostgreSQL's to_char took most of the rebuild's time)."""
    if vendor == "postgresql":
        return (
            "CAST(date_part('year', {0}) AS INTEGER)",
            "CAST(date_part('month', {0}) * 100 + date_part('day', {0}) AS INTEGER)",
        )
    return (
        "CAST(substr({0}, 1, 4) AS INTEGER)",
        "CAST(substr({0}, 6, 2) || substr({0}, 9, 2) AS INTEGER)",
    )


def age_sql(vendor: str, birth: str, on: str) -> str:
    """Whole years of age on `on` as SQL, as `rules.timeline.periods.age_on` counts them: the
    birthday itself counts, and one born on 29 February has it on the 28th in a common year."""
    year, month_day = _date_parts(vendor)
    y_on, y_birth = year.format(on), year.format(birth)
    md_on, md_birth = month_day.format(on), month_day.format(birth)
    # Integer division, not "%": the SQL goes through a driver's placeholders.
    common_year = (
        f"NOT (({y_on} / 4) * 4 = {y_on}"
        f" AND (({y_on} / 100) * 100 <> {y_on} OR ({y_on} / 400) * 400 = {y_on}))"
    )
    reached = f"({md_on} >= {md_birth} OR ({md_birth} = 229 AND {md_on} = 228 AND {common_year}))"
    return f"({y_on} - {y_birth} - CASE WHEN {reached} THEN 0 ELSE 1 END)"


def _in(values: Iterable[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def summary_select(vendor: str, plan_ids: str | None) -> str:
    """SELECT of VillageSummary's columns (plan, village, campaign, risk, FIGURES) for the plans
    whose ids `plan_ids` (a SELECT of plan ids, or a list of placeholders) gives — every plan
    when None. Each table is read once, grouped by plan; the 两委 members are first grouped by
    (plan, person) and each member's age, party membership and tags computed once."""
    plan, election = VillagePlan._meta.db_table, Election._meta.db_table
    holder, person = OfficeHolder._meta.db_table, Person._meta.db_table
    tag, roll = PersonTag._meta.db_table, PartyMembership._meta.db_table

    def among(column: str) -> str:
        return "1 = 1" if plan_ids is None else f"{column} IN ({plan_ids})"

    stage = (
        f"CASE e.status WHEN '{ElectionStatus.COMPLETE}' THEN 3"
        f" WHEN '{ElectionStatus.COUNTED}' THEN 2 ELSE 1 END"
    )
    stages = ", ".join(
        f"MAX(CASE WHEN e.body = '{body}' THEN {stage} ELSE 0 END) AS {column}"
        for body, column in STAGE_COLUMNS.items()
    )
    vc, party = Body.VILLAGERS_COMMITTEE, Body.PARTY_ORGANIZATION
    first_complete = (
        f"e.body = '{vc}' AND e.round = '{Round.FIRST}' AND e.status = '{ElectionStatus.COMPLETE}'"
    )

    # The members' tags and party roll, one row per person, joined (a correlated EXISTS per
    # member and tag cost more than everything else together).
    people = (
        ""
        if plan_ids is None
        else f" WHERE {{0}}.person_id IN (SELECT h.person_id FROM {holder} h"
        f" JOIN {election} e ON e.id = h.election_id WHERE {among('e.plan_id')})"
    )
    tag_flags = ", ".join(
        "MAX(" + _flag(f"t.tag = '{kind}'") + f") AS {name}" for name, kind in TAG_FIGURES.items()
    )
    tags = f"SELECT t.person_id, {tag_flags} FROM {tag} t{people.format('t')} GROUP BY t.person_id"
    rolled = f"SELECT DISTINCT r.person_id FROM {roll} r{people.format('r')}"
    member_columns = {
        "age": age_sql(vendor, "x.birth_date", "m.term_start"),
        "college": _flag(f"x.education IN {_in(COLLEGE)}"),
        "high_school": _flag(f"x.education IN {_in(HIGH_SCHOOL)}"),
        "women": _flag(f"x.sex = '{Sex.FEMALE}'"),
        "minority": _flag(f"x.ethnicity <> '{HAN}' AND x.ethnicity <> ''"),
        "party": _flag(f"x.political_status IN {_in(PARTY_STATUSES)} OR pr.person_id IS NOT NULL"),
        **{name: f"COALESCE(tg.{name}, 0)" for name in TAG_FIGURES},
    }
    member_figures = {
        "members": "1",
        "age_total": "a.age",
        "up_to_35": _flag("a.age <= 35"),
        "up_to_45": _flag("a.age <= 45"),
        "college": "a.college",
        "high_school": "a.high_school",
        "women": "a.women",
        "minority": "a.minority",
        "vc_members": "a.on_vc",
        "vc_party_members": "a.on_vc * a.party",
        "business_leaders": "a.business_leaders",
        "veterans": "a.veterans",
        "returnees": "a.returnees",
        "secretaries": "a.secretary",
        "secretary_age_total": "a.secretary * a.age",
        "secretary_college": "a.secretary * a.college",
        "chairs": "a.chair",
        "one_person": "a.secretary * a.chair",
    }
    member_sums = ", ".join(f"SUM({sql}) AS {name}" for name, sql in member_figures.items())
    computed = ", ".join(f"{sql} AS {name}" for name, sql in member_columns.items())
    election_figures = {
        **{column: f"ea.{column}" for column in STAGE_COLUMNS.values()},
        "elections": "ea.elections",
        "void_elections": "ea.void_elections",
        "vc_first_round": "ea.vc_first_round",
        **{name: f"ma.{name}" for name in member_figures},
    }
    assert list(election_figures) == FIGURES, "the SELECT must follow FIGURES"
    outputs = ", ".join(f"COALESCE({sql}, 0)" for sql in election_figures.values())
    # Each member's columns computed once: a subquery the planners keep whole (merged into the
    # sums, each age was computed four times).
    fence = " OFFSET 0" if vendor == "postgresql" else " LIMIT -1 OFFSET 0"
    return f"""
SELECT p.id, p.village_id, p.campaign_id, p.risk_level, {outputs}
FROM {plan} p
LEFT JOIN (
    SELECT e.plan_id, {stages}, COUNT(*) AS elections,
        SUM({_flag(f"e.status = '{ElectionStatus.VOID}'")}) AS void_elections,
        MAX({_flag(first_complete)}) AS vc_first_round
    FROM {election} e
    WHERE {among("e.plan_id")}
    GROUP BY e.plan_id
) ea ON ea.plan_id = p.id
LEFT JOIN (
    SELECT a.plan_id, {member_sums}
    FROM (
        SELECT m.plan_id, m.secretary, m.chair, m.on_vc, {computed}
        FROM (
            SELECT e.plan_id, h.person_id, MIN(h.term_start) AS term_start,
                MAX({_flag(f"h.body = '{party}' AND h.post = '{Post.SECRETARY}'")}) AS secretary,
                MAX({_flag(f"h.body = '{vc}' AND h.post = '{Post.CHAIR}'")}) AS chair,
                MAX({_flag(f"h.body = '{vc}'")}) AS on_vc
            FROM {holder} h
            JOIN {election} e ON e.id = h.election_id
            WHERE h.body IN {_in(TWO_COMMITTEES)} AND {among("e.plan_id")}
            GROUP BY e.plan_id, h.person_id
        ) m
        JOIN {person} x ON x.id = m.person_id
        LEFT JOIN ({tags}) tg ON tg.person_id = m.person_id
        LEFT JOIN ({rolled}) pr ON pr.person_id = m.person_id{fence}
    ) a
    GROUP BY a.plan_id
) ma ON ma.plan_id = p.id
WHERE {among("p.id")}"""


def _insert(vendor: str, plan_ids: str | None) -> str:
    columns = ", ".join(["plan_id", "village_id", "campaign_id", "risk_level", *FIGURES])
    return (
        f"INSERT INTO {VillageSummary._meta.db_table} ({columns})"
        f" {summary_select(vendor, plan_ids)}"
    )


def township_columns() -> dict[str, str]:
    """TownshipSummary's columns and the SQL that sums each over a township's village rows
    (`s`)."""
    sums = {"plans": "COUNT(*)"}
    for level in (RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.GREEN):
        sums[str(level)] = "SUM(" + _flag(f"s.risk_level = '{level}'") + ")"
    sums["one_time"] = "SUM(s.vc_first_round)"
    for body, column in STAGE_COLUMNS.items():
        for kind in KINDS:
            least = _flag(f"s.{column} >= {KIND_LEAST[kind]}")
            sums[f"{BODY_NAMES[body]}_{kind}"] = f"SUM({least})"
    for name in FIGURES:
        if name not in STAGE_COLUMNS.values() and name != "vc_first_round":
            sums[name] = f"SUM(s.{name})"
    sums["villages"] = "SUM(" + _flag("s.members > 0") + ")"
    return sums


def _insert_townships(keys_where: str) -> str:
    """INSERT of the TownshipSummary rows of the (campaign, township code) pairs `keys_where`
    admits (a condition on `s` and `v`, the village's region)."""
    sums = township_columns()
    village = f"substr(v.code, 1, {PREFIX_LENGTH[Level.TOWNSHIP]})"
    return (
        f"INSERT INTO {TownshipSummary._meta.db_table} (campaign_id, code, {', '.join(sums)})"
        f" SELECT s.campaign_id, {village}, {', '.join(sums.values())}"
        f" FROM {VillageSummary._meta.db_table} s"
        f" JOIN {Region._meta.db_table} v ON v.id = s.village_id"
        f" WHERE {keys_where} GROUP BY s.campaign_id, {village}"
    )


def _bulk_settings(cursor: Any, vendor: str) -> None:
    """PostgreSQL for one statement over every row, in this transaction: the (plan, person)
    grouping of ≈11M office holders in memory; no JIT (compiling the sums took a third of the
    rebuild); no parallel workers (its estimates led it to compute the members once per worker,
    and the machine has two cores)."""
    if vendor == "postgresql":
        cursor.execute("SET LOCAL work_mem = '512MB'")
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")


def rebuild(using: str = "default") -> int:
    """Recompute every row from the raw tables (the repair behind `dashboard_rollup`, after
    writes that bypassed the models' saves); the village rows written. One transaction: readers
    see the old rows or the new ones."""
    db = connections[using]
    _forget(using)
    with transaction.atomic(using=using), db.cursor() as cursor:
        _bulk_settings(cursor, db.vendor)
        cursor.execute(f"DELETE FROM {TownshipSummary._meta.db_table}")
        cursor.execute(f"DELETE FROM {VillageSummary._meta.db_table}")
        cursor.execute(_insert(db.vendor, None))
        written = int(cursor.rowcount)
        cursor.execute(_insert_townships("1 = 1"))
    return written


def recompute(using: str = "default") -> int:
    """The national recompute: every township's row summed again from its village rows (which
    the writes keep current, `connect`), from which the dashboards sum the counties, cities,
    provinces and the nation (`township_sums`); the township rows written. One transaction."""
    db = connections[using]
    flush(using)
    with transaction.atomic(using=using), db.cursor() as cursor:
        _bulk_settings(cursor, db.vendor)
        cursor.execute(f"DELETE FROM {TownshipSummary._meta.db_table}")
        cursor.execute(_insert_townships("1 = 1"))
        return int(cursor.rowcount)


def refresh_plans(
    plans_sql: str,
    params: Sequence[Any],
    using: str = "default",
    more_townships: tuple[str, Sequence[Any]] | None = None,
) -> None:
    """Rewrite the rows of the plans whose ids `plans_sql` (a SELECT of plan ids, or a list of
    placeholders) gives, and of their townships — and of the (campaign id, township code) pairs
    `more_townships` selects (deleted plans'). Four queries; a plan without rows in the raw
    tables gets zeros."""
    db = connections[using]
    with db.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {VillageSummary._meta.db_table} WHERE plan_id IN ({plans_sql})", params
        )
        insert = _insert(db.vendor, plans_sql)
        # The SELECT names the plans several times, each time with their parameters.
        cursor.execute(insert, list(params) * insert.count(f"IN ({plans_sql})"))
    keys = (
        f"SELECT p.campaign_id, substr(v.code, 1, {PREFIX_LENGTH[Level.TOWNSHIP]})"
        f" FROM {VillagePlan._meta.db_table} p JOIN {Region._meta.db_table} v"
        f" ON v.id = p.village_id WHERE p.id IN ({plans_sql})"
    )
    keys_params = list(params)
    if more_townships is not None:
        keys = f"{keys} UNION {more_townships[0]}"
        keys_params += more_townships[1]
    refresh_townships(keys, keys_params, using)


def refresh_townships(keys_sql: str, params: Sequence[Any], using: str = "default") -> None:
    """Rewrite the TownshipSummary rows of the (campaign id, township code) pairs `keys_sql`
    selects. Two queries."""
    table = TownshipSummary._meta.db_table
    village = f"substr(v.code, 1, {PREFIX_LENGTH[Level.TOWNSHIP]})"
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE (campaign_id, code) IN ({keys_sql})", params)
        cursor.execute(_insert_townships(f"(s.campaign_id, {village}) IN ({keys_sql})"), params)


# -- what a saved row touches ----------------------------------------------------------------
#
# A write marks what it touched (a plan, an election, a person, a deleted plan's township) on
# its connection, without a query; the rows are rewritten once per transaction, in four
# queries: when it commits (`transaction.on_commit`), or earlier when the same connection reads
# the rollup (`flush`), so that a reader inside the writing transaction never sees stale rows.
# Outside a transaction (autocommit) each write rewrites its rows at once. Between the commit
# and the rewrite (in their own transaction, right after) another connection may read the
# rows as they were; were the process to die there, `huanjie dashboard_rollup --check` finds
# the plans and `huanjie dashboard_rollup` rewrites them.


@dataclass
class _Touched:
    plans: set[int] = field(default_factory=set)
    elections: set[int] = field(default_factory=set)
    people: set[int] = field(default_factory=set)
    deleted: set[tuple[int, int]] = field(default_factory=set)  # (campaign id, village id)
    callback: Any = None  # the on_commit callback, to know whether it is registered

    def __bool__(self) -> bool:
        return bool(self.plans or self.elections or self.people or self.deleted)


def _touched(using: str) -> _Touched:
    db = connections[using]
    found = getattr(db, "_rollup_touched", None)
    if found is None:
        found = _Touched()
        db._rollup_touched = found  # type: ignore[attr-defined]
    return found


def _mark(using: str, kind: str, value: Any) -> None:
    touched = _touched(using)
    was_clean = not touched
    getattr(touched, kind).add(value)
    db = connections[using]
    if not db.in_atomic_block:
        flush(using)
        return
    # Registered when the first write since the last flush marks something, and again if a
    # rolled-back savepoint dropped the registration.
    if was_clean or not any(entry[1] is touched.callback for entry in db.run_on_commit):
        touched.callback = partial(flush, using)
        # Robust: the writes are committed by then; were the rewrite to fail, it is logged and
        # `dashboard_rollup --check` names the plans, rather than the writer told it failed.
        transaction.on_commit(touched.callback, using=using, robust=True)


def flush(using: str = "default") -> None:
    """Rewrite the rows of everything the connection's writes touched since the last flush
    (four queries; none when nothing was touched)."""
    touched = _touched(using)
    if not touched:
        return
    parts: list[str] = []
    params: list[Any] = []
    if touched.plans:
        parts.append("SELECT id FROM " + VillagePlan._meta.db_table + " WHERE id IN (%s)")
        params.append(sorted(touched.plans))
    if touched.elections:
        parts.append(f"SELECT plan_id FROM {Election._meta.db_table} WHERE id IN (%s)")
        params.append(sorted(touched.elections))
    if touched.people:
        parts.append(
            f"SELECT e.plan_id FROM {OfficeHolder._meta.db_table} h"
            f" JOIN {Election._meta.db_table} e ON e.id = h.election_id"
            " WHERE h.person_id IN (%s)"
        )
        params.append(sorted(touched.people))
    # Each list's placeholders written out (the drivers take no lists).
    sql_parts = [
        part % ", ".join(["%s"] * len(ids)) for part, ids in zip(parts, params, strict=True)
    ]
    flat = [value for ids in params for value in ids]
    more: tuple[str, list[Any]] | None = None
    if touched.deleted:
        more = (
            " UNION ".join(
                f"SELECT %s, substr(v.code, 1, {PREFIX_LENGTH[Level.TOWNSHIP]})"
                f" FROM {Region._meta.db_table} v WHERE v.id = %s"
                for _ in touched.deleted
            ),
            [value for pair in sorted(touched.deleted) for value in pair],
        )
    touched.plans, touched.elections, touched.people, touched.deleted = set(), set(), set(), set()
    nothing = f"SELECT id FROM {VillagePlan._meta.db_table} WHERE 1 = 0"
    plans_sql = " UNION ".join(sql_parts) if sql_parts else nothing
    with transaction.atomic(using=using):
        refresh_plans(plans_sql, flat, using, more)


def _forget(using: str) -> None:
    """Nothing is pending once every row was computed again (rebuild)."""
    touched = _touched(using)
    touched.plans, touched.elections, touched.people, touched.deleted = set(), set(), set(), set()


PERSON_FIELDS = frozenset({"sex", "birth_date", "ethnicity", "education", "political_status"})


def on_plan_saved(instance: VillagePlan, using: str, **kwargs: Any) -> None:
    _mark(using, "plans", instance.pk)


def on_plan_deleted(instance: VillagePlan, using: str, **kwargs: Any) -> None:
    """Its village row went with it (CASCADE); its township's sums follow."""
    _mark(using, "deleted", (instance.campaign_id, instance.village_id))


def on_election_changed(instance: Election, using: str, **kwargs: Any) -> None:
    _mark(using, "plans", instance.plan_id)


def on_holder_changed(instance: OfficeHolder, using: str, **kwargs: Any) -> None:
    if instance.election_id is not None:
        _mark(using, "elections", instance.election_id)


def on_person_saved(
    instance: Person, using: str, created: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    """A new person holds no post yet; a save that leaves the figures' fields alone (moves,
    a household's head) changes nothing here."""
    if created or (update_fields is not None and not PERSON_FIELDS & set(update_fields)):
        return
    _mark(using, "people", instance.pk)


def on_person_row_changed(instance: PersonTag | PartyMembership, using: str, **kwargs: Any) -> None:
    _mark(using, "people", instance.person_id)


def connect() -> None:
    """Keep the rollup up to date (DashboardsConfig.ready)."""
    from django.db.models.signals import post_delete, post_save

    post_save.connect(on_plan_saved, sender=VillagePlan, dispatch_uid="rollup-plan")
    post_delete.connect(on_plan_deleted, sender=VillagePlan, dispatch_uid="rollup-plan-delete")
    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        signal.connect(on_election_changed, sender=Election, dispatch_uid=f"rollup-e-{name}")
        signal.connect(on_holder_changed, sender=OfficeHolder, dispatch_uid=f"rollup-h-{name}")
        for sender in (PersonTag, PartyMembership):
            signal.connect(
                on_person_row_changed,
                sender=sender,
                dispatch_uid=f"rollup-{sender.__name__}-{name}",
            )
    post_save.connect(on_person_saved, sender=Person, dispatch_uid="rollup-person")


# -- reading ---------------------------------------------------------------------------------


def _campaigns(term: int) -> QuerySet[Campaign]:
    """The term's campaigns not closed: the plans the progress dashboard counts."""
    return Campaign.objects.filter(term_start_year=term).exclude(status=CampaignStatus.CLOSED)


def summaries(villages: QuerySet[Any], term: int) -> QuerySet[VillageSummary]:
    """The village rows of `villages` (a Region queryset) in the term's campaigns not closed."""
    flush(VillageSummary.objects.db)
    return VillageSummary.objects.filter(village__in=villages, campaign__in=_campaigns(term))


def summary_by_region(user: AnyUser, regions: list[Region], term: int) -> dict[str, Summary]:
    """The sums of the user's villages in each listed region (all of one level), by the
    regions' code prefix: one query. Above the village the township rows are summed when the
    user's reach is a whole code prefix (every village below a township then counts); a cadre's
    assigned villages, or a township's villages listed, sum the village rows."""
    from huanjie.accounts.gates import scoped_regions
    from huanjie.accounts.policy import Reach, figures_scope

    if not regions:
        return {}
    flush(TownshipSummary.objects.db)
    length = PREFIX_LENGTH[regions[0].level]
    area = _common_prefix([r.prefix for r in regions])
    scope = figures_scope(user)
    if length <= PREFIX_LENGTH[Level.TOWNSHIP] and scope.reach in (Reach.EVERYTHING, Reach.PREFIX):
        # The narrower of the user's prefix and the listed regions' area.
        within = area if scope.reach is Reach.EVERYTHING else max(area, scope.prefix, key=len)
        if scope.reach is Reach.PREFIX and not (
            within.startswith(scope.prefix) and within.startswith(area)
        ):
            return {}  # the regions lie outside the user's reach
        return township_sums(term, within, length)
    villages = scoped_regions(user).filter(level=Level.VILLAGE, code__startswith=area)
    return summary_by_prefix(summaries(villages, term), length)


def township_sums(term: int, area: str, length: int) -> dict[str, Summary]:
    """The township rows of the term's campaigns not closed whose code starts with `area`,
    summed by their first `length` digits: one query, written out (the ORM took ≈10× the
    query's own time to build and read forty sums)."""
    flush(TownshipSummary.objects.db)
    columns = list(township_columns())
    campaigns, params = _campaigns(term).values("pk").query.sql_with_params()
    sql = (
        f"SELECT substr(code, 1, {int(length)}), {', '.join(f'SUM({c})' for c in columns)}"
        f" FROM {TownshipSummary._meta.db_table}"
        f" WHERE campaign_id IN ({campaigns}) AND code LIKE %s GROUP BY substr(code, 1, {int(length)})"
    )
    with connections[TownshipSummary.objects.db].cursor() as cursor:
        cursor.execute(sql, [*params, area.replace("%", "").replace("_", "") + "%"])
        rows = cursor.fetchall()
    slots = []
    for name in columns:
        kind = name.rsplit("_", 1)[-1]
        body = next((b for b, short in BODY_NAMES.items() if name == f"{short}_{kind}"), None)
        slots.append((kind, body) if body is not None and kind in KINDS else (name, None))
    found: dict[str, Summary] = {}
    for prefix, *values in rows:
        one = Summary()
        for (name, body), value in zip(slots, values, strict=True):
            if body is None:
                setattr(one, name, int(value or 0))
            else:
                getattr(one, name)[body] = int(value or 0)
        found[prefix] = one
    return found


def summary_by_prefix(rows: QuerySet[VillageSummary], length: int) -> dict[str, Summary]:
    """Village rows summed by the first `length` digits of their village's code: one query."""
    sums: dict[str, Any] = {
        "plans": Count("pk"),
        **{
            str(level): Count("pk", filter=Q(risk_level=level))
            for level in (RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.GREEN)
        },
        "one_time": Sum("vc_first_round"),
        "villages": Count("pk", filter=Q(members__gt=0)),
        **{
            name: Sum(name)
            for name in FIGURES
            if name not in STAGE_COLUMNS.values() and name != "vc_first_round"
        },
    }
    for body, column in STAGE_COLUMNS.items():
        for kind in KINDS:
            sums[f"{kind}__{body}"] = Count("pk", filter=Q(**{f"{column}__gte": KIND_LEAST[kind]}))
    grouped = (
        rows.order_by()
        .annotate(prefix=Substr("village__code", 1, length))
        .values("prefix")
        .annotate(**sums)
    )
    found: dict[str, Summary] = {}
    for row in grouped:
        one = Summary()
        for key, value in row.items():
            if key == "prefix":
                continue
            if "__" in key:
                kind, body_name = key.split("__")
                getattr(one, kind)[body_name] = value or 0
            else:
                setattr(one, key, value or 0)
        found[row["prefix"]] = one
    return found


def _common_prefix(codes: list[str]) -> str:
    low, high = min(codes), max(codes)
    size = 0
    while size < min(len(low), len(high)) and low[size] == high[size]:
        size += 1
    return low[:size]


def drifted(using: str = "default") -> list[int]:
    """The plans whose village row differs from what the raw tables give now (none after every
    write went through the models' saves): a read-only check, one query."""
    db = connections[using]
    flush(using)
    columns = ["plan_id", "village_id", "campaign_id", "risk_level", *FIGURES]
    fresh = summary_select(db.vendor, None)
    stored = f"SELECT {', '.join(columns)} FROM {VillageSummary._meta.db_table}"
    found: set[int] = set()
    with db.cursor() as cursor:
        for first, second in ((fresh, stored), (stored, fresh)):
            cursor.execute(f"SELECT * FROM ({first} EXCEPT {second}) d")
            found.update(row[0] for row in cursor.fetchall())
    return sorted(found)


def as_structure(summed: Summary) -> Structure:
    """The new 两委's counts of `summed` as the rules' `Structure` (its shares, averages and
    summary sentences)."""
    return Structure(**{f.name: getattr(summed, f.name) for f in fields(Structure)})
