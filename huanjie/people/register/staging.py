"""Writing a checked import without holding the database: stage in batches, publish at once.

The rows go first into the staging tables, each batch in its own short transaction (on SQLite
with a pause after it, so a login or a session write waiting for the lock gets in). Nothing
reads those tables, so a worker killed meanwhile leaves no visible row; `discard` deletes what
it staged. `publish` then copies the staged rows into people, tags and close relatives with a
few set-based INSERT … SELECT statements in the short transaction that also creates the new
households and applies the import's updates (`people.register.updating`): either all of the
import becomes visible or none of it. Plain row inserts: no table lock on PostgreSQL either.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils import timezone
from numpy.typing import NDArray

from huanjie.bulk.kinship import KINDS, derive_links
from huanjie.people.models import (
    CloseRelative,
    Household,
    Person,
    PersonTag,
    PersonTagKind,
    RegisterImport,
    RegisterStatus,
    RelationSource,
    StagedPerson,
    StagedRelation,
)
from huanjie.people.register import columns as col
from huanjie.people.register.diff import AddedEntries, RegisterDiff
from huanjie.people.register.inputs import CheckOutcome
from huanjie.people.register.members import FileMembers
from huanjie.people.register.writing import SYMMETRIC
from huanjie.regions.models import Region

Progress = Callable[[int, int], None]
SQLITE_CACHE_KB = 256 * 1024


@dataclass(frozen=True)
class Published:
    people: int
    relations: int


_STAGED_PEOPLE = [
    "register_import",
    "household_number",
    "villager_group",
    "id_number",
    "name",
    "sex",
    "birth_date",
    "ethnicity",
    "education",
    "political_status",
    "phone",
    "relation_to_head",
    "hukou_in_village",
    "resides_in_village",
    "tags",
]
_STAGED_RELATIONS = ["register_import", "id_number_a", "id_number_b", "kind", "symmetric"]


def _staged_people(
    register_import: RegisterImport, members: FileMembers, added: NDArray[np.int64]
) -> Iterator[tuple[Any, ...]]:
    """The rows of the people new to the register, in the file's order, as `_STAGED_PEOPLE`."""
    households = members.household[added].tolist()
    births = np.datetime_as_string(members.birth_days(added).astype("datetime64[D]"))
    tags = [
        "".join(f",{tag}" for tag in found) + ("," if found else "")
        for found in members.column(col.TAGS, added)
    ]
    return zip(
        [register_import.pk] * len(added),
        [members.numbers[h] for h in households],
        [members.groups[h] for h in households],
        [members.ids[i] for i in added.tolist()],
        members.column(col.NAME, added),
        members.sexes(added),
        births.tolist(),
        members.column(col.ETHNICITY, added),
        members.column(col.EDUCATION, added),
        members.column(col.POLITICAL_STATUS, added),
        members.column(col.PHONE, added),
        [relation or "" for relation in members.column(col.RELATION, added)],
        members.column(col.HUKOU, added),
        members.column(col.RESIDES, added),
        tags,
        strict=True,
    )


def fresh_households(outcome: CheckOutcome, diff: RegisterDiff) -> set[str]:
    """The new households whose members are all new to the register: their derived links are
    staged with them. Any other household touched is derived again after the update."""
    members = _members(outcome, diff)
    return {members.numbers[h] for h in _fresh(members, diff).tolist()}


def _members(outcome: CheckOutcome, diff: RegisterDiff) -> FileMembers:
    added = diff.added
    return added.members if isinstance(added, AddedEntries) else FileMembers(outcome)


def _fresh(members: FileMembers, diff: RegisterDiff) -> NDArray[np.int64]:
    """The indexes of the fresh households (see `fresh_households`)."""
    new = np.zeros(len(members.numbers), bool)
    index = {number: i for i, number in enumerate(members.numbers)}
    new[[index[number] for number, _, _ in diff.new_households]] = True
    added = np.zeros(len(members.numbers), np.int64)
    ids = _added_indexes(members, diff)
    np.add.at(added, members.household[ids], 1)
    return np.flatnonzero(new & (added == members.counts()))


def _added_indexes(members: FileMembers, diff: RegisterDiff) -> NDArray[np.int64]:
    if isinstance(diff.added, AddedEntries):
        return diff.added.indexes
    ids = {e.id_number for e in diff.added}
    return np.array([i for i, n in enumerate(members.ids) if n in ids], dtype=np.int64)


def _staged_relations(
    register_import: RegisterImport, members: FileMembers, fresh: NDArray[np.int64]
) -> Iterator[tuple[Any, ...]]:
    """The derived links of the fresh households (`derive_relations`, run by
    huanjie.bulk over them all), in their order, as `_STAGED_RELATIONS`."""
    wanted = np.zeros(len(members.numbers), bool)
    wanted[fresh] = True
    picked = np.flatnonzero(wanted[members.household])
    relations = [relation or "" for relation in members.column(col.RELATION, picked)]
    links = derive_links(members.household[picked], relations)
    ids = members.ids
    a = [ids[i] for i in picked[links.a].tolist()]
    b = [ids[i] for i in picked[links.b].tolist()]
    kinds = [KINDS[k] for k in links.kind.tolist()]
    return zip(
        [register_import.pk] * len(links),
        a,
        b,
        [kind.value for kind in kinds],
        [kind in SYMMETRIC for kind in kinds],
        strict=True,
    )


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(islice(items, size)):
        yield batch


def large_cache() -> None:
    """On SQLite, a page cache for this connection big enough for the register's indexes: a
    million people inserted in ID-number order of nothing (file order) would otherwise read
    and write their index pages again and again while holding the write lock."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")


def _pause() -> None:
    if connection.vendor == "sqlite":
        time.sleep(settings.HUANJIE_IMPORT_BATCH_PAUSE)


def write_rows(model: Any, fields: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert rows in one statement's worth of round trips: COPY on PostgreSQL, a prepared
    INSERT for them all elsewhere (no model objects: a million rows in seconds). `fields` are
    the model's field names (a foreign key's gives its id), each row's values in that order."""
    if not rows:
        return
    table = _table(model)
    names = ", ".join(_col(model, f) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the driver's own COPY, its errors as Django's
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def stage(
    register_import: RegisterImport,
    outcome: CheckOutcome,
    diff: RegisterDiff,
    *,
    progress: Progress | None = None,
    beat: Callable[[], None] | None = None,
) -> None:
    """Write the rows of the people new to the register into the staging tables, one short
    transaction per batch.

    `beat` runs between batches (the run's heartbeat: it raises when the run was given up).
    """
    discard(register_import.pk)
    large_cache()
    size = settings.HUANJIE_IMPORT_BATCH_ROWS
    members = _members(outcome, diff)
    added = _added_indexes(members, diff)
    total = len(added)
    done = 0
    for batch in _batches(_staged_people(register_import, members, added), size):
        with transaction.atomic():
            write_rows(StagedPerson, _STAGED_PEOPLE, batch)
        done += len(batch)
        if progress is not None:
            progress(done, total)
        if beat is not None:
            beat()
        _pause()
    relations = _staged_relations(register_import, members, _fresh(members, diff))
    for batch in _batches(relations, size):
        with transaction.atomic():
            write_rows(StagedRelation, _STAGED_RELATIONS, batch)
        if beat is not None:
            beat()
        _pause()


def discard(import_id: int) -> None:
    """Delete what an import staged (after it published, failed or was given up): when no
    other import has rows staged, the whole table at once (SQLite empties a table without
    visiting its rows, PostgreSQL truncates it); otherwise in batches of consecutive ids, one
    short transaction each (on SQLite with the pause after it)."""
    size = settings.HUANJIE_IMPORT_BATCH_ROWS
    for model in (StagedPerson, StagedRelation):
        if _empty_if_alone(model, import_id):
            continue
        mine = model.objects.filter(register_import_id=import_id)
        bounds = mine.aggregate(low=Min("pk"), high=Max("pk"))
        if bounds["low"] is None:
            continue
        for low in range(bounds["low"], bounds["high"] + 1, size):
            with transaction.atomic():
                mine.filter(pk__gte=low, pk__lt=low + size).delete()
            if low + size <= bounds["high"]:
                _pause()


def _empty_if_alone(model: Any, import_id: int) -> bool:
    """Empty the staging table if only this import has rows in it; whether it did."""
    # PostgreSQL refuses TRUNCATE of a table with pending trigger events, which an enclosing
    # transaction that wrote staged rows has (a test's, or a caller's atomic block).
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # nobody stages while the table is looked at
            cursor.execute(f"LOCK TABLE {_table(model)} IN ACCESS EXCLUSIVE MODE")
        elif connection.vendor != "sqlite":  # SQLite: the transaction holds the write lock
            return False
        if model.objects.exclude(register_import_id=import_id).exists():
            return False
        verb = "TRUNCATE" if connection.vendor == "postgresql" and not nested else "DELETE FROM"
        cursor.execute(f"{verb} {_table(model)}")
        return True


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _col(model: Any, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


def insert_households(village: Region, households: list[tuple[str, int]]) -> None:
    """Create the new households (户号, villager group id) in this order, in the caller's
    transaction: one COPY or prepared INSERT for them all (the ORM's bulk_create spends a
    second in Python on 4,000 households while the write lock is held)."""
    if not households:
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    write_rows(
        Household,
        ["village", "villager_group", "number", "created_at", "updated_at"],
        [(village.pk, group, number, now, now) for number, group in households],
    )


def publish(register_import: RegisterImport, village: Region) -> Published:
    """Copy the staged rows into the register; the caller holds the transaction.

    Raises `IntegrityError` when someone registered one of these people since the check. The
    households must exist (the caller creates the new ones in the same transaction).
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    large_cache()
    sp, sr = _table(StagedPerson), _table(StagedRelation)
    h, p, t, r = (_table(m) for m in (Household, Person, PersonTag, CloseRelative))
    H = partial(_col, Household)
    P = partial(_col, Person)
    S = partial(_col, StagedPerson)
    R = partial(_col, CloseRelative)
    X = partial(_col, StagedRelation)
    mine = f"s.{S('register_import')} = %s"
    with connection.cursor() as cursor:
        copied = [
            "id_number",
            "name",
            "sex",
            "birth_date",
            "ethnicity",
            "education",
            "political_status",
            "phone",
            "relation_to_head",
            "hukou_in_village",
            "resides_in_village",
        ]
        cursor.execute(
            f"INSERT INTO {p} ({', '.join(P(f) for f in copied)}, {P('village')},"
            f" {P('household')}, {P('deprived_of_political_rights')}, {P('status')},"
            f" {P('status_note')}, {P('created_at')}, {P('updated_at')})"
            f" SELECT {', '.join(f's.{S(f)}' for f in copied)}, %s, hh.{H('id')}, %s, %s, %s,"
            f" %s, %s"
            f" FROM {sp} s JOIN {h} hh ON hh.{H('village')} = %s"
            f" AND hh.{H('number')} = s.{S('household_number')}"
            f" WHERE {mine} ORDER BY s.{S('id')}",
            [
                village.pk,
                False,
                RegisterStatus.ACTIVE,
                "",
                now,
                now,
                village.pk,
                register_import.pk,
            ],
        )
        people = cursor.rowcount
        for tag in PersonTagKind.values:
            cursor.execute(
                f"INSERT INTO {t} ({_col(PersonTag, 'person')}, {_col(PersonTag, 'tag')})"
                f" SELECT pp.{P('id')}, %s FROM {sp} s"
                f" JOIN {p} pp ON pp.{P('id_number')} = s.{S('id_number')}"
                f" WHERE {mine} AND s.{S('tags')} LIKE %s ORDER BY s.{S('id')}",
                [tag, register_import.pk, f"%,{tag},%"],
            )
        # Symmetric kinds are stored once, the lower id first (a model constraint).
        swap = f"x.{X('symmetric')} = %s AND pa.{P('id')} > pb.{P('id')}"
        cursor.execute(
            f"INSERT INTO {r} ({R('person_a')}, {R('person_b')}, {R('kind')}, {R('source')},"
            f" {R('basis')}, {R('created_at')}, {R('updated_at')})"
            f" SELECT CASE WHEN {swap} THEN pb.{P('id')} ELSE pa.{P('id')} END,"
            f" CASE WHEN {swap} THEN pa.{P('id')} ELSE pb.{P('id')} END,"
            f" x.{X('kind')}, %s, %s, %s, %s"
            f" FROM {sr} x JOIN {p} pa ON pa.{P('id_number')} = x.{X('id_number_a')}"
            f" JOIN {p} pb ON pb.{P('id_number')} = x.{X('id_number_b')}"
            f" WHERE x.{X('register_import')} = %s ORDER BY x.{X('id')}",
            [True, True, RelationSource.DERIVED, "", now, now, register_import.pk],
        )
        relations = cursor.rowcount
    return Published(people=people, relations=relations)
