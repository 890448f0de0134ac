"""Register reads (no N+1) and the downloadable template."""

from __future__ import annotations

import io
from datetime import date

from pytest_django import DjangoAssertNumQueries
from python_calamine import CalamineWorkbook

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.people import messages as msg
from huanjie.people.register.columns import COLUMN_NAMES, EXAMPLE_MARKER
from huanjie.people.register.importing import check_file
from huanjie.people.register.parsing import parse_sheet
from huanjie.people.register.reading import read_register
from huanjie.people.register.workbook import HELP_SHEET, SHEET, template_workbook
from huanjie.people.selectors import person_relations, village_households
from huanjie.people.services import household_register_many, relation_declare
from huanjie.people.tests.helpers import family, xlsx_bytes


def test_template_has_header_example_and_help_sheet(tree: RegionTree) -> None:
    data = template_workbook()
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == [SHEET, HELP_SHEET]
    rows = book.get_sheet_by_index(0).to_python()
    assert tuple(rows[0]) == COLUMN_NAMES and rows[1][0] == EXAMPLE_MARKER
    help_rows = book.get_sheet_by_index(1).to_python()
    assert [r[0] for r in help_rows[1 : len(COLUMN_NAMES) + 1]] == list(COLUMN_NAMES)
    # An untouched template has nothing to import: its example row is skipped.
    _, file_error, _ = check_file(tree.a1, data, today=date(2026, 3, 1))
    assert file_error == msg.FILE_NO_DATA


def test_template_example_row_passes_every_check(tree: RegionTree) -> None:
    """The example teaches the format: taken as a real row, it must be a correct one."""
    rows = CalamineWorkbook.from_filelike(io.BytesIO(template_workbook()))
    example = [str(c) for c in rows.get_sheet_by_index(0).to_python()[1]]
    example[0] = "901"
    outcome, file_error, _ = check_file(tree.a1, xlsx_bytes([example]), today=date(2026, 3, 1))
    assert file_error is None and outcome.problems == [] and outcome.people == 1


def test_village_households_with_members_in_three_queries(
    tree: RegionTree, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    households = parse_sheet(
        read_register(xlsx_bytes(family("101", 20) + family("102", 40)))
    ).households
    household_register_many(village=tree.a1, households=households, acting_user=None)
    with django_assert_num_queries(3):
        listed = [
            (
                h.number,
                h.villager_group.name,
                [(m.name, [t.tag for t in m.tags.all()]) for m in h.members.all()],
            )
            for h in village_households(village=tree.a1)
        ]
    assert [number for number, _, _ in listed] == ["001", "101", "102"]
    assert len(listed[1][2]) == 7


def test_person_relations_read_from_the_persons_side(tree: RegionTree) -> None:
    head, spouse, other = tree.heads["a1"], tree.spouses["a1"], tree.heads["a2"]
    relation_declare(
        person_a=other, person_b=head, kind="parent_child", basis="出生医学证明", acting_user=None
    )
    relation_declare(
        person_a=head, person_b=spouse, kind="spouse", basis="结婚证", acting_user=None
    )
    seen = {(v.other.name, v.label) for v in person_relations(person=head)}
    assert seen == {(other.name, "父母"), (spouse.name, "配偶")}
    assert {(v.other.name, v.label) for v in person_relations(person=other)} == {
        (head.name, "子女")
    }
