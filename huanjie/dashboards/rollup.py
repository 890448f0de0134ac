"""The rollup behind the dashboards: per village plan one `VillageSummary` row, computed in the
database by one INSERT … SELECT … GROUP BY over the raw tables (plans, elections, office holders,
people, their tags and party roll), and per township and campaign one `TownshipSummary` row, the
sums of its villages' rows.

- `rebuild()` recomputes every row (the national recompute; also the migration that adds the
  tables, and `huanjie dashboard_rollup`);
- the signal handlers (`connect`) rewrite the rows of the plans a saved or deleted row touches
  and of their townships, in the writer's transaction (four queries), so the dashboards never
  read stale rows. Writes that bypass the models' saves (a queryset's update(), raw SQL) must
  be followed by `rebuild()`;
- the dashboards read them with `summary_by_region`: one query whatever the number of villages,
  over ≈1,300 township rows for a province (benchmarks.md W4).

The SQL is written once here for both databases; only a date's year and month-day differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
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

# The figure columns of VillageSummary, in the INSERT's order.
FIGURES = [
    f.column
    for f in VillageSummary._meta.concrete_fields
    if f.column not in {"plan_id", "village_id", "campaign_id", "risk_level"}
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
    """SQL templates of a date's year (an integer) and its month-day ('MM-DD')."""
    if vendor == "postgresql":
        return "CAST(EXTRACT(YEAR FROM {0}) AS INTEGER)", "to_char({0}, 'MM-DD')"
    return "CAST(substr({0}, 1, 4) AS INTEGER)", "substr({0}, 6, 5)"


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
    reached = (
        f"({md_on} >= {md_birth} OR ({md_birth} = '02-29' AND {md_on} = '02-28' AND {common_year}))"
    )
    return f"({y_on} - {y_birth} - CASE WHEN {reached} THEN 0 ELSE 1 END)"


def _in(values: Iterable[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def summary_select(vendor: str, plans_where: str) -> str:
    """SELECT of VillageSummary's columns (plan, village, campaign, risk, FIGURES) for the plans
    that `plans_where` (a condition on `p`, the plan table) admits. Each table is read once,
    grouped by plan; the 两委 members are first grouped by (plan, person)."""
    plan, election = VillagePlan._meta.db_table, Election._meta.db_table
    holder, person = OfficeHolder._meta.db_table, Person._meta.db_table
    tag, roll = PersonTag._meta.db_table, PartyMembership._meta.db_table
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
    age = age_sql(vendor, "x.birth_date", "m.term_start")

    def has_tag(kind: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {tag} t WHERE t.person_id = m.person_id AND t.tag = '{kind}')"
        )

    party_member = (
        f"(x.political_status IN {_in(PARTY_STATUSES)}"
        f" OR EXISTS (SELECT 1 FROM {roll} r WHERE r.person_id = m.person_id))"
    )
    college = f"x.education IN {_in(COLLEGE)}"
    member_figures = {
        "members": "1",
        "age_total": age,
        "up_to_35": _flag(f"{age} <= 35"),
        "up_to_45": _flag(f"{age} <= 45"),
        "college": _flag(college),
        "high_school": _flag(f"x.education IN {_in(HIGH_SCHOOL)}"),
        "women": _flag(f"x.sex = '{Sex.FEMALE}'"),
        "minority": _flag(f"x.ethnicity <> '{HAN}' AND x.ethnicity <> ''"),
        "vc_members": "m.on_vc",
        "vc_party_members": _flag(f"m.on_vc = 1 AND {party_member}"),
        "business_leaders": _flag(has_tag(PersonTagKind.BUSINESS_LEADER)),
        "veterans": _flag(has_tag(PersonTagKind.VETERAN)),
        "returnees": _flag(has_tag(PersonTagKind.RETURNEE)),
        "secretaries": "m.secretary",
        "secretary_age_total": f"m.secretary * {age}",
        "secretary_college": _flag(f"m.secretary = 1 AND {college}"),
        "chairs": "m.chair",
        "one_person": "m.secretary * m.chair",
    }
    member_sums = ", ".join(f"SUM({sql}) AS {name}" for name, sql in member_figures.items())
    election_figures = {
        **{column: f"ea.{column}" for column in STAGE_COLUMNS.values()},
        "elections": "ea.elections",
        "void_elections": "ea.void_elections",
        "vc_first_round": "ea.vc_first_round",
        **{name: f"ma.{name}" for name in member_figures},
    }
    assert list(election_figures) == FIGURES, "the SELECT must follow VillageSummary's columns"
    outputs = ", ".join(f"COALESCE({sql}, 0)" for sql in election_figures.values())
    return f"""
SELECT p.id, p.village_id, p.campaign_id, p.risk_level, {outputs}
FROM {plan} p
LEFT JOIN (
    SELECT e.plan_id, {stages}, COUNT(*) AS elections,
        SUM({_flag(f"e.status = '{ElectionStatus.VOID}'")}) AS void_elections,
        MAX({_flag(first_complete)}) AS vc_first_round
    FROM {election} e JOIN {plan} p ON p.id = e.plan_id
    WHERE {plans_where}
    GROUP BY e.plan_id
) ea ON ea.plan_id = p.id
LEFT JOIN (
    SELECT m.plan_id, {member_sums}
    FROM (
        SELECT e.plan_id, h.person_id, MIN(h.term_start) AS term_start,
            MAX({_flag(f"h.body = '{party}' AND h.post = '{Post.SECRETARY}'")}) AS secretary,
            MAX({_flag(f"h.body = '{vc}' AND h.post = '{Post.CHAIR}'")}) AS chair,
            MAX({_flag(f"h.body = '{vc}'")}) AS on_vc
        FROM {holder} h
        JOIN {election} e ON e.id = h.election_id
        JOIN {plan} p ON p.id = e.plan_id
        WHERE h.body IN {_in(TWO_COMMITTEES)} AND {plans_where}
        GROUP BY e.plan_id, h.person_id
    ) m
    JOIN {person} x ON x.id = m.person_id
    GROUP BY m.plan_id
) ma ON ma.plan_id = p.id
WHERE {plans_where}"""


def _insert(vendor: str, plans_where: str) -> str:
    columns = ", ".join(["plan_id", "village_id", "campaign_id", "risk_level", *FIGURES])
    return (
        f"INSERT INTO {VillageSummary._meta.db_table} ({columns})"
        f" {summary_select(vendor, plans_where)}"
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


def rebuild(using: str = "default") -> int:
    """Recompute every row from the raw tables (the national recompute); the village rows
    written. One transaction: readers see the old rows or the new ones."""
    db = connections[using]
    with transaction.atomic(using=using), db.cursor() as cursor:
        if db.vendor == "postgresql":
            # The (plan, person) grouping of ≈12M office holders fits in memory with room.
            cursor.execute("SET LOCAL work_mem = '512MB'")
        cursor.execute(f"DELETE FROM {TownshipSummary._meta.db_table}")
        cursor.execute(f"DELETE FROM {VillageSummary._meta.db_table}")
        cursor.execute(_insert(db.vendor, "1 = 1"))
        written = int(cursor.rowcount)
        cursor.execute(_insert_townships("1 = 1"))
    return written


def refresh_plans(plans_sql: str, params: Sequence[Any], using: str = "default") -> None:
    """Rewrite the rows of the plans whose ids `plans_sql` (a SELECT of plan ids, or a list of
    placeholders) gives, and of their townships. Four queries; a plan without rows in the raw
    tables gets zeros."""
    db = connections[using]
    where = f"p.id IN ({plans_sql})"
    with db.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {VillageSummary._meta.db_table} WHERE plan_id IN ({plans_sql})", params
        )
        # The SELECT names the condition three times, so its parameters thrice.
        cursor.execute(_insert(db.vendor, where), [*params, *params, *params])
    keys = (
        f"SELECT p.campaign_id, substr(v.code, 1, {PREFIX_LENGTH[Level.TOWNSHIP]})"
        f" FROM {VillagePlan._meta.db_table} p JOIN {Region._meta.db_table} v"
        f" ON v.id = p.village_id WHERE {where}"
    )
    refresh_townships(keys, params, using)


def refresh_townships(keys_sql: str, params: Sequence[Any], using: str = "default") -> None:
    """Rewrite the TownshipSummary rows of the (campaign id, township code) pairs `keys_sql`
    selects. Two queries."""
    table = TownshipSummary._meta.db_table
    village = f"substr(v.code, 1, {PREFIX_LENGTH[Level.TOWNSHIP]})"
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE (campaign_id, code) IN ({keys_sql})", params)
        cursor.execute(_insert_townships(f"(s.campaign_id, {village}) IN ({keys_sql})"), params)


def refresh(plan_ids: Iterable[int], using: str = "default") -> None:
    ids = sorted(set(plan_ids))
    if ids:
        refresh_plans(", ".join(["%s"] * len(ids)), ids, using)


# -- what a saved row touches ----------------------------------------------------------------

_PLANS_OF_ELECTION = f"SELECT plan_id FROM {Election._meta.db_table} WHERE id = %s"
_PLANS_OF_PERSON = (
    f"SELECT e.plan_id FROM {OfficeHolder._meta.db_table} h"
    f" JOIN {Election._meta.db_table} e ON e.id = h.election_id WHERE h.person_id = %s"
)
PERSON_FIELDS = frozenset({"sex", "birth_date", "ethnicity", "education", "political_status"})


def on_plan_saved(instance: VillagePlan, using: str, **kwargs: Any) -> None:
    refresh([instance.pk], using)


def on_plan_deleted(instance: VillagePlan, using: str, **kwargs: Any) -> None:
    """Its village row went with it (CASCADE); its township's sums follow."""
    code = Region.objects.using(using).get(pk=instance.village_id).code
    township = code[: PREFIX_LENGTH[Level.TOWNSHIP]]
    refresh_townships("SELECT %s, %s", [instance.campaign_id, township], using)


def on_election_changed(instance: Election, using: str, **kwargs: Any) -> None:
    refresh([instance.plan_id], using)


def on_holder_changed(instance: OfficeHolder, using: str, **kwargs: Any) -> None:
    if instance.election_id is not None:
        refresh_plans(_PLANS_OF_ELECTION, [instance.election_id], using)


def on_person_saved(
    instance: Person, using: str, created: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    """A new person holds no post yet; a save that leaves the figures' fields alone (moves,
    a household's head) changes nothing here."""
    if created or (update_fields is not None and not PERSON_FIELDS & set(update_fields)):
        return
    refresh_plans(_PLANS_OF_PERSON, [instance.pk], using)


def on_person_row_changed(instance: PersonTag | PartyMembership, using: str, **kwargs: Any) -> None:
    refresh_plans(_PLANS_OF_PERSON, [instance.person_id], using)


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
    columns = ["plan_id", "village_id", "campaign_id", "risk_level", *FIGURES]
    fresh = summary_select(db.vendor, "1 = 1")
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
