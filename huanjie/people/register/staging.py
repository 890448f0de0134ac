"""Writing a checked import's new people at once, in the import's one transaction.

The people new to the register, their tags and the derived links of their households go
straight into the register: ids taken up front, then one COPY (PostgreSQL) or one prepared
INSERT (SQLite) per table, no model objects and no looking the people up again. Either all of
the import becomes visible or none of it (the caller's transaction, with the new households
and the import's updates, `people.register.updating`). Plain row inserts: no table lock on
PostgreSQL. On SQLite the write lock is held only while these few statements run (about as
long as the earlier staging's publish step alone), so a login waits seconds at most.

The staging tables of the earlier design are only emptied here (`discard`): a run killed
before this version may have left rows in them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils import timezone
from numpy.typing import NDArray

from huanjie.bulk.kinship import derive_links
from huanjie.people.models import (
    CloseRelative,
    Household,
    Person,
    PersonTag,
    PersonTagKind,
    RegisterStatus,
    StagedPerson,
    StagedRelation,
)
from huanjie.people.register import columns as col
from huanjie.people.register.derived import write_derived_links
from huanjie.people.register.diff import AddedEntries, RegisterDiff
from huanjie.people.register.inputs import CheckOutcome
from huanjie.people.register.members import FileMembers
from huanjie.people.register.sql import column, table
from huanjie.regions.models import Region

Progress = Callable[[int, int], None]
SQLITE_CACHE_KB = 256 * 1024


@dataclass(frozen=True)
class Published:
    people: int
    relations: int


# The columns of a new person that vary from one to the next (`write_people`'s rows).
_PERSON_FIELDS = [
    "id",
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
    "household",
]


@dataclass(frozen=True)
class NewPeople:
    """The people new to the register, their tags and their households' derived links, made
    ready before the write's transaction (so that the lock is held only to insert them): all
    but the ids, which `write_people` takes in the transaction. People in the file's order;
    tags name them by their position in it."""

    columns: list[list[Any]]  # `_PERSON_FIELDS` from id_number to resides_in_village
    households: list[str]  # each person's 户号
    tags: list[tuple[int, str]]  # (person, tag), tag kind by tag kind
    # The new households whose members are all new (户号): their derived links are written
    # with them; any other household touched is derived again after the update. And how many
    # links the rule derives in them.
    fresh: list[str]
    links: int

    def __len__(self) -> int:
        return len(self.households)


def new_people(outcome: CheckOutcome, diff: RegisterDiff) -> NewPeople:
    """What `write_people` writes for `diff`'s new people (their fresh households' links)."""
    members = _members(outcome, diff)
    added = _added_indexes(members, diff)
    births = np.datetime_as_string(members.birth_days(added).astype("datetime64[D]"))
    columns = [
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
    ]
    numbers = members.numbers
    households = [numbers[h] for h in members.household[added].tolist()]
    fresh = _fresh(members, diff)
    links = _link_count(members, fresh)
    fresh_numbers = [numbers[h] for h in fresh.tolist()]
    return NewPeople(columns, households, _tags(members, added), fresh_numbers, links)


def _tags(members: FileMembers, added: NDArray[np.int64]) -> list[tuple[int, str]]:
    by_tag: dict[str, list[int]] = {tag: [] for tag in PersonTagKind.values}
    for at, found in enumerate(members.column(col.TAGS, added)):
        for tag in found or ():
            if tag in by_tag:
                by_tag[tag].append(at)
    return [(at, tag) for tag, people in by_tag.items() for at in people]


def _link_count(members: FileMembers, fresh: NDArray[np.int64]) -> int:
    """How many links `derive_relations` derives in the fresh households (run by huanjie.bulk
    over them all; ValueError unless each has exactly one head, as the rule says)."""
    wanted = np.zeros(len(members.numbers), bool)
    wanted[fresh] = True
    picked = np.flatnonzero(wanted[members.household])
    relations = [relation or "" for relation in members.column(col.RELATION, picked)]
    return len(derive_links(members.household[picked], relations))


def _members(outcome: CheckOutcome, diff: RegisterDiff) -> FileMembers:
    added = diff.added
    return added.members if isinstance(added, AddedEntries) else FileMembers(outcome)


def _fresh(members: FileMembers, diff: RegisterDiff) -> NDArray[np.int64]:
    """The indexes of the fresh households (`NewPeople.fresh`)."""
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


def large_cache() -> None:
    """On SQLite, a page cache for this connection big enough for the register's indexes: a
    million people inserted in ID-number order of nothing (file order) would otherwise read
    and write their index pages again and again while holding the write lock."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
            # The temporary tables' own (a build's; 2 MB by default, read from a file beyond).
            cursor.execute(f"PRAGMA temp.cache_size = -{SQLITE_CACHE_KB}")


def _pause() -> None:
    if connection.vendor == "sqlite":
        time.sleep(settings.HUANJIE_IMPORT_BATCH_PAUSE)


def write_rows(
    model: Any,
    fields: list[str],
    rows: Sequence[tuple[Any, ...]],
    fixed: dict[str, Any] | None = None,
) -> None:
    """Insert rows in one statement's worth of round trips: COPY on PostgreSQL, a prepared
    INSERT for them all elsewhere (no model objects: a million rows in seconds). `fields` are
    the model's field names (a foreign key's gives its id), each row's values in that order;
    `fixed`: the values every row shares (written into the statement once on SQLite, where
    each bound value costs a Python call per row)."""
    if not rows:
        return
    fixed = fixed or {}
    into = table(model)
    names = ", ".join(column(model, f) for f in [*fields, *fixed])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the driver's own COPY, its errors as Django's
            tail = tuple(fixed.values())
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {into} ({names}) FROM STDIN") as copy,
            ):
                # Typed once for the whole stream: the driver need not look at every value.
                copy.set_types([_pg_type(model, f) for f in [*fields, *fixed]])
                for row in rows:
                    copy.write_row(row + tail if tail else row)
        else:
            marks = ", ".join(["%s"] * len(fields) + [_literal(v) for v in fixed.values()])
            cursor.executemany(f"INSERT INTO {into} ({names}) VALUES ({marks})", rows)


def _pg_type(model: Any, field: str) -> str:
    """The PostgreSQL type name of a field's column, as the driver knows it ("varchar(18)" →
    "varchar"; a foreign key's is its target's)."""
    return str(model._meta.get_field(field).db_type(connection)).split("(")[0]


def _literal(value: Any) -> str:
    """A value shared by every row of an insert, as SQL (code's values, never a user's: a
    status, an id, a time)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


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
            cursor.execute(f"LOCK TABLE {table(model)} IN ACCESS EXCLUSIVE MODE")
        elif connection.vendor != "sqlite":  # SQLite: the transaction holds the write lock
            return False
        if model.objects.exclude(register_import_id=import_id).exists():
            return False
        verb = "TRUNCATE" if connection.vendor == "postgresql" and not nested else "DELETE FROM"
        cursor.execute(f"{verb} {table(model)}")
        return True


def insert_households(village: Region, households: list[tuple[str, int]]) -> None:
    """Create the new households (户号, villager group id) in this order, in the caller's
    transaction: one COPY or prepared INSERT for them all (the ORM's bulk_create spends a
    second in Python on 4,000 households while the write lock is held)."""
    if not households:
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    write_rows(
        Household,
        ["number", "villager_group"],
        households,
        {"village": village.pk, "created_at": now, "updated_at": now},
    )


def write_people(village: Region, new: NewPeople, households: dict[str, int]) -> Published:
    """Insert the new people (`new_people`), their tags and links; the caller holds the
    transaction and has created the new households (`households`: the village's, 户号 → id).

    The people's ids are taken first (in the file's order, as the register has always
    numbered them), so that tags and links are written from the arrays in hand instead of
    being looked up again by ID number. Raises `IntegrityError` when someone registered one
    of these people since the check.
    """
    large_cache()
    count = len(new)
    pks = _reserve_ids(Person, count)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = list(zip(pks, *new.columns, [households[n] for n in new.households], strict=True))
    if not _shaped(new.columns[0]):
        raise ValueError("ID numbers not checked before writing.")
    # The other CHECKs hold by construction: sex from the rules' check, a 与户主关系 in every
    # household (the file's check), status active with no date.
    with sqlite_bulk(Person, count, checked=True):
        write_rows(
            Person,
            _PERSON_FIELDS,
            rows,
            {
                "village": village.pk,
                "deprived_of_political_rights": False,
                "status": str(RegisterStatus.ACTIVE),
                "status_note": "",
                "created_at": now,
                "updated_at": now,
            },
        )
    del rows
    write_rows(PersonTag, ["person", "tag"], [(pks[at], tag) for at, tag in new.tags])
    # The links' CHECKs hold by construction: the head is linked with the others (never with
    # themselves), siblings lower id first, symmetric kinds ordered by the statement.
    with sqlite_bulk(CloseRelative, new.links, checked=True):
        links = write_derived_links([households[n] for n in new.fresh], now)
    if links != new.links:  # the database's join and the rule disagree: write nothing
        raise RuntimeError(f"derived links: {links} written, {new.links} derived by the rule")
    return Published(people=count, relations=links)


_ID_DIGITS = np.frombuffer(b"0123456789", np.uint8)


@contextmanager
def sqlite_bulk(model: Any, adding: int, *, checked: bool = False) -> Iterator[None]:
    """On SQLite, a bulk insert of `adding` rows into `model`'s table: when the table is not
    larger than what is added, its secondary indexes (the foreign keys', the model's, a partial
    unique one) dropped and built again from their own SQL after the rows, instead of updated
    row by row at random places (sorting a million keys takes a fraction of a second; a unique
    index built again refuses a duplicate as the insert would have). `checked`: the caller
    has seen every row meet the table's CHECK constraints at once (arrays, not rows), which
    are then left aside (SQLite evaluates them row by row, the ID number's REGEXP as a Python
    call). Within the caller's transaction: a failure rolls the index change back with the
    rows. Elsewhere: nothing."""
    if connection.vendor != "sqlite" or not adding:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table(model)}")
        rebuilt: list[tuple[str, str]] = []
        if cursor.fetchone()[0] <= adding:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [model._meta.db_table],
            )
            rebuilt = cursor.fetchall()
        for name, _ in rebuilt:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        if checked:
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            yield
        finally:
            if checked:
                cursor.execute("PRAGMA ignore_check_constraints = OFF")
        for _, sql in rebuilt:
            cursor.execute(sql)


def _shaped(id_numbers: list[str]) -> bool:
    """Whether every ID number is 17 digits and a digit or X (person_id_number_18_chars)."""
    if not id_numbers:
        return True
    if any(len(n) != 18 for n in id_numbers):
        return False
    codes = np.frombuffer("".join(id_numbers).encode("ascii", "replace"), np.uint8)
    codes = codes.reshape(len(id_numbers), 18)
    digits = np.isin(codes, _ID_DIGITS)
    return bool(digits[:, :17].all() and (digits[:, 17] | (codes[:, 17] == ord("X"))).all())


def _reserve_ids(model: Any, count: int) -> list[int]:
    """`count` new ids of the model's table, increasing, that no other row takes: from its
    sequence on PostgreSQL; on SQLite after the largest ever used (AUTOINCREMENT), which the
    writing transaction's lock keeps ours until it commits (another writer's rows would meet
    these ids as a unique violation, never be merged with them)."""
    if not count:
        return []
    name = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [name, model._meta.pk.column, count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [name])
        used = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT MAX({column(model, model._meta.pk.name)}) FROM {table(model)}")
        used.append(cursor.fetchone()[0])
    first = max((n for n in used if n is not None), default=0) + 1
    return list(range(first, first + count))
