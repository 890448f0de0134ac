"""A build's many placed by the database: the people with nothing on record but the household
register (§G.1, VC-REG-1, -2, -4).

Most of a village's people are on file with their registration, residence and birth date and
nothing else: no wish, application or exclusion, not deprived of their rights, not listed or
kept elsewhere (VC-REG-3). For them the rule's decision depends on those three facts alone. It
is asked here once per distinct set of facts (about 40,000 for a million people: one per birth
date and pair of flags), put in a small table, and the voter and left-off rows are then
written by the database itself (INSERT … SELECT, joined to that table and to each household's
place in the list's order): a million rows without a Python object, a bound value or a round
trip each.

What the rule says and the list's order are still decided in Python (`_Build`'s own
`plain_left`, `group`, `prefix`); the statements only copy those answers onto each row.
The build's remaining people are placed one by one as before (`_Build.people(rest=True)`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
from django.db import connection

from huanjie.bulk.voters import CATEGORIES, NOT_LISTED, as_days, plain_categories
from huanjie.people.models import HeadRelation, Household, Person, RegisterStatus
from huanjie.people.register.sql import column, table, temporary_table
from huanjie.registration.models import LeftOff, Voter

if TYPE_CHECKING:
    from huanjie.registration.services.build import _Build

FACTS = "huanjie_build_facts"  # (birth date, 户籍, residence) → the rule's answer
HOUSEHOLDS = "huanjie_build_households"  # household → its place in the list, its group
EXCEPTED = "huanjie_build_excepted"  # the people placed one by one instead
_FACTS_COLUMNS = (
    "birth_date date, hukou {bool}, resides {bool}, category varchar(24), kind varchar(16),"
    " rule_ids varchar(100), reasons text, PRIMARY KEY (birth_date, hukou, resides)"
)
_HOUSEHOLDS_COLUMNS = (
    "id bigint PRIMARY KEY, prefix varchar(100), number varchar(32), group_id bigint,"
    " group_name varchar(64)"
)


@contextmanager
def place_plain(build: _Build) -> Iterator[bool]:
    """Write the voter and left-off rows of the build's plain people (a whole build); True
    inside if it did, the people it left in `EXCEPTED` (for `_Build.people(rest=True)`).
    False, with nothing written, when the rule would not decide one of them by these three
    facts alone: then every person goes the long way, as before."""
    excepted = ((pk,) for pk in sorted(build.excepted()))
    with temporary_table(EXCEPTED, "person_id bigint PRIMARY KEY", excepted):
        decided = _decided(build, _select(_DISTINCT_FACTS, build))
        if decided is None:
            yield False
            return
        households = list(_households(build, _select(_HOUSEHOLDS, build)))
        with (
            temporary_table(FACTS, _FACTS_COLUMNS, decided),
            temporary_table(HOUSEHOLDS, _HOUSEHOLDS_COLUMNS, households),
            connection.cursor() as cursor,
        ):
            fixed = build.fixed
            shared = [
                fixed["register"],
                fixed["term_year"],
                fixed["created_at"],
                fixed["updated_at"],
            ]
            cursor.execute(_sql(_VOTERS), [*shared, *_where(build)])
            cursor.execute(_sql(_LEFT_OFF), [build.register.pk, *_where(build)])
        yield True


# The build's plain people: the village's on the register, not deprived of their rights, and
# not among those placed one by one (`_Build.excepted`).
_PLAIN = (
    "p.{village} = %s AND p.{status} = %s AND NOT p.{deprived} AND NOT EXISTS"
    f" (SELECT 1 FROM {EXCEPTED} e WHERE e.person_id = p.{{pk}})"
)
_DISTINCT_FACTS = "SELECT DISTINCT p.{birth}, p.{hukou}, p.{resides} FROM {person} p WHERE {plain}"
_HOUSEHOLDS = (
    "SELECT h.{h_pk}, h.{number}, h.{group} FROM {household} h"
    " WHERE h.{h_pk} IN (SELECT p.{p_household} FROM {person} p WHERE {plain})"
)
# The list's order, as `household_prefix` + `member_key` write it: the household's part, then
# 0 for its head (1 for the others and for people of no household), the birth date as
# YYYYMMDD and the person's id in 12 digits.
_KEY = (
    "COALESCE(h.prefix, %s) || CASE WHEN h.id IS NOT NULL AND p.{relation} = %s"
    " THEN '0' ELSE '1' END || '|' || {yyyymmdd} || '|' || {pk12}"
)
_JOINED = (
    "FROM {person} p JOIN " + FACTS + " f ON f.birth_date = p.{birth}"
    " AND f.hukou = p.{hukou} AND f.resides = p.{resides}"
    " LEFT JOIN " + HOUSEHOLDS + " h ON h.id = p.{p_household} WHERE {plain}"
)
_VOTERS = (
    "INSERT INTO {voter} ({v_register}, {v_term}, {v_created}, {v_updated}, {v_person},"
    " {v_category}, {v_name}, {v_sex}, {v_group}, {v_group_name}, {v_household}, {v_key})"
    " SELECT %s, %s, %s, %s, p.{pk}, f.category, p.{name}, p.{sex}, h.group_id,"
    " COALESCE(h.group_name, ''), COALESCE(h.number, ''), "
    + _KEY
    + " AS sort_key "
    + _JOINED
    + " AND f.category IS NOT NULL ORDER BY sort_key"
)
_LEFT_OFF = (
    "INSERT INTO {left_off} ({l_register}, {l_person}, {l_kind}, {l_rules}, {l_reasons},"
    " {l_key}) SELECT %s, p.{pk}, f.kind, f.rule_ids, f.reasons, "
    + _KEY
    + " AS sort_key "
    + _JOINED
    + " AND f.category IS NULL ORDER BY sort_key"
)


def _names() -> dict[str, str]:
    def columns(model: Any, **fields: str) -> dict[str, str]:
        return {key: column(model, f) for key, f in fields.items()}

    postgres = connection.vendor == "postgresql"
    return {
        "person": table(Person),
        "household": table(Household),
        "voter": table(Voter),
        "left_off": table(LeftOff),
        **columns(
            Person,
            pk="id",
            village="village",
            status="status",
            deprived="deprived_of_political_rights",
            birth="birth_date",
            hukou="hukou_in_village",
            resides="resides_in_village",
            p_household="household",
            relation="relation_to_head",
            name="name",
            sex="sex",
        ),
        **columns(Household, h_pk="id", number="number", group="villager_group"),
        **columns(
            Voter,
            v_register="register",
            v_term="term_year",
            v_created="created_at",
            v_updated="updated_at",
            v_person="person",
            v_category="category",
            v_name="name",
            v_sex="sex",
            v_group="villager_group",
            v_group_name="group_name",
            v_household="household_number",
            v_key="sort_key",
        ),
        **columns(
            LeftOff,
            l_register="register",
            l_person="person",
            l_kind="kind",
            l_rules="rule_ids",
            l_reasons="reasons",
            l_key="sort_key",
        ),
        "yyyymmdd": "to_char(p.{birth}, 'YYYYMMDD')" if postgres else "REPLACE(p.{birth}, '-', '')",
        "pk12": "lpad(p.{pk}::text, 12, '0')" if postgres else "printf('%%012d', p.{pk})",
    }


def _sql(template: str) -> str:
    """A statement with the tables' and columns' names (parts and names that hold names are
    filled in turn)."""
    names = {"plain": _PLAIN, **_names()}
    text = template
    while "{" in text:
        text = text.format(**names)
    return text


def _where(build: _Build) -> list[Any]:
    """The key's parameters, then the plain people's."""
    no_household = build.prefix(None, "")
    return [no_household, str(HeadRelation.HEAD), *_plain_params(build)]


def _plain_params(build: _Build) -> list[Any]:
    return [build.village.pk, str(RegisterStatus.ACTIVE)]


def _select(template: str, build: _Build) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(_sql(template), _plain_params(build))
        return list(cursor.fetchall())


def _decided(build: _Build, facts: Sequence[tuple[Any, Any, Any]]) -> list[tuple[Any, ...]] | None:
    """Each distinct (birth date, 户籍, residence) with the rule's category, or the kind, rule
    IDs and reasons it leaves such a person off with (the database's own values as the key:
    the join compares them as stored); None if the rule would not decide one by these alone."""
    births = [_day(birth) for birth, _, _ in facts]
    codes = plain_categories(
        as_days(births, len(births)),
        np.array([bool(h) for _, h, _ in facts], bool),
        np.array([bool(r) for _, _, r in facts], bool),
        build.day,
        build.profile,
    ).tolist()
    decided: list[tuple[Any, ...]] = []
    for (birth, hukou, resides), day, code in zip(facts, births, codes, strict=True):
        if code != NOT_LISTED:
            decided.append((birth, hukou, resides, str(CATEGORIES[code]), "", "", ""))
            continue
        left = build.plain_left(day, bool(hukou), bool(resides))
        if left is None:
            return None
        decided.append((birth, hukou, resides, None, *left))
    if connection.vendor != "postgresql":  # stored as SQLite stores them: ISO text, 0 or 1
        decided = [(_iso(b), int(h), int(r), *rest) for b, h, r, *rest in decided]
    return decided


def _iso(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else value


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _households(build: _Build, found: Iterable[tuple[Any, ...]]) -> Iterable[tuple[Any, ...]]:
    """Each household's part of the list's order, its 户号 and its group (as `_place` gives
    them to its members)."""
    for pk, number, group_id in found:
        group = build.group(group_id)
        name = None if group is None else group.name
        yield pk, build.prefix(group, number), number, None if group is None else group.id, name
