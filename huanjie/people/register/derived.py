"""The derived close-relative links of an import's new households, written by the database.

`derive_relations` (rules.kinship.household) links the head with each member whose relation
to the head has a link (`HEAD_LINKS`: the kind, and whether the head comes first), and the
head's children pairwise (siblings). In a new household every member is new and has exactly
one head (the file's check), so those links are a join of the household's members with its
head and with each other: two INSERT … SELECT statements over the new households, joined to
the rule's own table of links, instead of a million rows handed over one by one. The count
`huanjie.bulk.kinship.derive_links` gives for the same members is the check that both agree.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from huanjie.people.models import CloseRelative, Person, RelationSource
from huanjie.people.register.sql import column, table, temporary_table
from huanjie.people.register.writing import SYMMETRIC
from huanjie.rules.kinship.household import CHILDREN, HEAD_LINKS, HeadRelation
from huanjie.rules.kinship.relations import RelationKind

_HOUSEHOLDS = "huanjie_new_households"
_LINKS = "huanjie_head_links"  # relation to the head → kind, head first, both ways (symmetric)
# Symmetric kinds are stored once, the lower id first (a model constraint); the others with
# the head first as the rule says.
_HEAD_IS_A = "CASE WHEN l.both_ways THEN h.{pk} < p.{pk} ELSE l.head_first END"
_HEAD_LINKS = (
    "INSERT INTO {relative} ({a}, {b}, {kind}, {source}, {basis}, {created}, {updated})"
    " SELECT CASE WHEN " + _HEAD_IS_A + " THEN h.{pk} ELSE p.{pk} END,"
    " CASE WHEN " + _HEAD_IS_A + " THEN p.{pk} ELSE h.{pk} END, l.kind, %s, '', %s, %s"
    " FROM {person} p JOIN " + _HOUSEHOLDS + " n ON n.id = p.{household}"
    " JOIN {person} h ON h.{household} = p.{household} AND h.{relation} = %s"
    " JOIN " + _LINKS + " l ON l.relation = p.{relation}"
    " ORDER BY p.{household}, p.{pk}"
)
_SIBLINGS = (
    "INSERT INTO {relative} ({a}, {b}, {kind}, {source}, {basis}, {created}, {updated})"
    " SELECT c.{pk}, d.{pk}, %s, %s, '', %s, %s"
    " FROM {person} c JOIN " + _HOUSEHOLDS + " n ON n.id = c.{household}"
    " JOIN {person} d ON d.{household} = c.{household} AND d.{pk} > c.{pk}"
    " WHERE c.{relation} IN ({children}) AND d.{relation} IN ({children})"
    " ORDER BY c.{household}, c.{pk}, d.{pk}"
)


def write_derived_links(households: list[int], now: Any) -> int:
    """Insert the derived links of these new households (`now`: the rows' time, adapted for
    the database); how many were written."""
    if not households:
        return 0
    links = [
        (str(relation), str(kind), head_first, kind in SYMMETRIC)
        for relation, (kind, head_first) in HEAD_LINKS.items()
    ]
    names = {**_names(), "children": ", ".join(["%s"] * len(CHILDREN))}
    shared = [str(RelationSource.DERIVED), now, now]
    children = sorted(str(c) for c in CHILDREN)
    with (
        temporary_table(_HOUSEHOLDS, "id bigint PRIMARY KEY", ((h,) for h in sorted(households))),
        temporary_table(
            _LINKS,
            "relation varchar(16) PRIMARY KEY, kind varchar(24), head_first {bool},"
            " both_ways {bool}",
            links,
        ),
        connection.cursor() as cursor,
    ):
        cursor.execute(_HEAD_LINKS.format(**names), [*shared, str(HeadRelation.HEAD)])
        written = int(cursor.rowcount)
        cursor.execute(
            _SIBLINGS.format(**names), [str(RelationKind.SIBLING), *shared, *children, *children]
        )
        return written + int(cursor.rowcount)


def _names() -> dict[str, str]:
    return {
        "person": table(Person),
        "relative": table(CloseRelative),
        "pk": column(Person, "id"),
        "household": column(Person, "household"),
        "relation": column(Person, "relation_to_head"),
        "a": column(CloseRelative, "person_a"),
        "b": column(CloseRelative, "person_b"),
        "kind": column(CloseRelative, "kind"),
        "source": column(CloseRelative, "source"),
        "basis": column(CloseRelative, "basis"),
        "created": column(CloseRelative, "created_at"),
        "updated": column(CloseRelative, "updated_at"),
    }
