"""What the register's hand-written SQL shares: the quoted names of a model's table and
columns, and temporary tables for set-based writes — the few rows a bulk statement joins to
(the rule's answers, a list of ids), so that the database writes a million rows itself
(INSERT … SELECT) instead of being handed them one by one.

Made in the caller's transaction and dropped after the statements; should one of them fail, the
rollback that follows takes the table with it (dropping it then would fail on PostgreSQL, whose
transaction refuses every statement until rolled back, and hide the error).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection


def table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(model: Any, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


@contextmanager
def temporary_table(name: str, columns: str, rows: Iterable[tuple[Any, ...]]) -> Iterator[None]:
    """The table `name` (`columns`: its SQL column definitions, "{bool}" the database's boolean
    type) holding `rows`, for the statements run inside."""
    assert connection.in_atomic_block  # its rollback takes the table along (above)
    postgres = connection.vendor == "postgresql"
    boolean = "boolean" if postgres else "integer"
    own = f"{'pg_temp' if postgres else 'temp'}.{name}"  # never a permanent table of that name
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {own}")  # left by a caller that caught an error
        cursor.execute(f"CREATE TEMPORARY TABLE {name} ({columns.format(bool=boolean)})")
        if postgres:
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {own} FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"ANALYZE {own}")  # autovacuum never looks at temporary tables
        else:
            rows = list(rows)
            if rows:
                marks = ", ".join(["%s"] * len(rows[0]))
                cursor.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {own}")
