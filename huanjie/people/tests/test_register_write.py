"""The import's write of new people (`staging.write_people`): what it stores equals what the
rules say of the file — people numbered in the file's order, each household's derived links
exactly `derive_relations` of its members (the oracle), the tags as listed."""

from __future__ import annotations

import random

import pytest

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.people.models import CloseRelative, Person, PersonTag, RegisterImportStatus
from huanjie.people.register import columns as col
from huanjie.people.register.importing import (
    register_import_confirm,
    register_import_create,
    register_import_validate,
)
from huanjie.people.register.staging import _shaped
from huanjie.people.tests.helpers import family, row, xlsx_bytes
from huanjie.rules.kinship.household import HeadRelation, derive_relations
from huanjie.rules.kinship.relations import RelationKind

SYMMETRIC = {RelationKind.SPOUSE, RelationKind.SIBLING}

pytestmark = pytest.mark.django_db


def _import(tree: RegionTree, rows: list[list[str]]) -> None:
    user = user_for(Role.ELECTION_COMMITTEE, tree.a1)
    ri = register_import_create(
        village=tree.a1, name="a.xlsx", data=xlsx_bytes(rows), acting_user=user
    )
    register_import_validate(ri)
    register_import_confirm(register_import=ri, acting_user=user)
    assert ri.status == RegisterImportStatus.IMPORTED, ri.report


def test_the_written_people_and_links_are_the_rules_of_the_file(tree: RegionTree) -> None:
    # Households interleaved with the village's earlier ones and a second group; tags on some.
    rows = [*family("301", 300), *family("17", 320, group="第二村民小组"), *family("5", 340)]
    header = list(col.COLUMN_NAMES)
    tags = header.index(col.TAGS)
    rows[1][tags] = "退役军人"
    rows[9][tags] = "致富带头人；大学生"
    _import(tree, rows)
    ids = [r[header.index(col.ID_NUMBER)] for r in rows]
    people = dict(Person.objects.filter(id_number__in=ids).values_list("id_number", "pk"))
    assert [people[i] for i in ids] == sorted(people.values())  # numbered in the file's order
    stored = {
        (r.person_a_id, r.person_b_id, r.kind)
        for r in CloseRelative.objects.filter(person_a_id__in=people.values())
    }
    expected = set()
    for number in ("301", "17", "5"):
        members = [
            (
                r[header.index(col.ID_NUMBER)],
                HeadRelation(col.RELATION_BY_LABEL[r[header.index(col.RELATION)]]),
            )
            for r in rows
            if r[header.index(col.HOUSEHOLD_NUMBER)] == number
        ]
        for link in derive_relations(members):
            a, b = people[link.a], people[link.b]
            if link.kind in SYMMETRIC and a > b:
                a, b = b, a
            expected.add((a, b, link.kind.value))
    assert stored == expected
    assert sorted(
        PersonTag.objects.filter(person_id__in=people.values()).values_list("person_id", "tag")
    ) == sorted(
        [(people[ids[1]], "veteran"), (people[ids[9]], "business_leader"),
         (people[ids[9]], "college_graduate")]
    )  # fmt: skip


def test_only_id_numbers_of_the_constraints_shape_skip_sqlites_check() -> None:
    assert _shaped(["11010519491231002X", "110105194912310021"])
    assert _shaped([])
    assert not _shaped(["11010519491231002x"])  # the constraint wants a capital X
    assert not _shaped(["1101051949123100X1"])
    assert not _shaped(["11010519491231002"])
    assert not _shaped(["11010519491231002Ｘ"])  # a full-width X


# Born (YYYYMMDD) as each relation to a head born in 1970 plausibly is.
_BORN = {
    HeadRelation.SPOUSE: "19720101",
    HeadRelation.SON: "19990301",
    HeadRelation.DAUGHTER: "20010501",
    HeadRelation.GRANDSON: "20180701",
    HeadRelation.GRANDDAUGHTER: "20200901",
    HeadRelation.PARENT: "19450201",
    HeadRelation.GRANDPARENT: "19250401",
    HeadRelation.SIBLING: "19680601",
    HeadRelation.DAUGHTER_IN_LAW: "19980801",
    HeadRelation.SON_IN_LAW: "19971001",
    HeadRelation.OTHER: "19801201",
}


@pytest.mark.parametrize("seed", range(3))
def test_random_households_get_exactly_the_rules_links(tree: RegionTree, seed: int) -> None:
    """Households of every make-up (several children, none, grandparents, in-laws, others),
    their links written by the database's join: each household's are `derive_relations`'."""
    rng = random.Random(seed)
    label = {value: str(text) for text, value in col.RELATION_BY_LABEL.items()}
    rows: list[list[str]] = []
    households: dict[str, list[tuple[str, HeadRelation]]] = {}
    serial = 0
    for number in range(1, 16):
        members = [HeadRelation.HEAD] + [rng.choice(list(_BORN)) for _ in range(rng.randint(0, 7))]
        households[str(number)] = []
        for relation in members:
            serial += 1
            born = "19700101" if relation is HeadRelation.HEAD else _BORN[relation]
            born = born[:6] + f"{1 + serial % 28:02d}"  # apart: serials repeat per birth date
            male = rng.random() < 0.5
            id_number = valid_id(serial, male=male, birth=born)
            households[str(number)].append((id_number, relation))
            rows.append(
                row(str(number), f"村民{serial}", id_number, label[relation],
                    sex="男" if male else "女")
            )  # fmt: skip
    _import(tree, rows)
    people = dict(
        Person.objects.filter(id_number__in=[r[4] for r in rows]).values_list("id_number", "pk")
    )
    expected = set()
    for household in households.values():
        for link in derive_relations(household):
            a, b = people[link.a], people[link.b]
            if link.kind in SYMMETRIC and a > b:
                a, b = b, a
            expected.add((a, b, link.kind.value))
    stored = set(
        CloseRelative.objects.filter(person_a_id__in=people.values()).values_list(
            "person_a_id", "person_b_id", "kind"
        )
    )
    assert stored == expected
    assert len(expected) > 15  # heads' links and siblings both
