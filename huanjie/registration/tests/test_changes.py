"""四增四减 against an imported previous list (practice.md §4): each change in one class, and
old + Σ增 − Σ减 = new."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.people.models import RegisterStatus
from huanjie.people.services import person_leave, person_update
from huanjie.registration.changes import register_changes
from huanjie.registration.models import Meeting
from huanjie.registration.services import (
    application_record,
    previous_list_record,
    register_build,
)
from huanjie.registration.services.previous import read_id_numbers
from huanjie.registration.tests.world import World, build_world, person

TODAY = date(2026, 3, 1)
PREVIOUS_DAY = date(2021, 3, 20)


@pytest.fixture
def world(tree: RegionTree) -> World:
    return build_world(tree)


def _xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_four_up_four_down_balances(world: World) -> None:
    home = world.tree.households["a1"]
    died = person(home, 60, "东坑故人", birth=date(1940, 1, 1))
    gone = person(home, 61, "东坑参军", birth=date(2001, 1, 1))
    married = person(home, 62, "东坑出嫁", birth=date(1998, 1, 1), male=False)
    person_leave(person=died, status=RegisterStatus.DECEASED, on=date(2025, 5, 1),
                 acting_user=None)  # fmt: skip
    person_leave(person=gone, status=RegisterStatus.MOVED_OUT, on=date(2024, 9, 1),
                 note="参军入伍", acting_user=None)  # fmt: skip
    person_leave(person=married, status=RegisterStatus.MOVED_OUT, on=date(2023, 10, 1),
                 note="出嫁至外县", acting_user=None)  # fmt: skip
    # Rights lost since: still on the household register, no longer on the list.
    person_update(
        person=world.tree.spouses["a1"],
        changes={"deprived_of_political_rights": True},
        acting_user=None,
    )
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    application_record(
        register=world.register("a1"),
        id_number=valid_id(63, birth="19900101"),
        name="新来居民",
        since=date(2020, 1, 1),
        applied_on=date(2026, 2, 1),
        approved_on=date(2026, 2, 20),
        meeting=Meeting.ASSEMBLY,
        acting_user=None,
        today=TODAY,
    )
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    old = [world.tree.heads["a1"], world.tree.spouses["a1"], died, gone, married]
    stranger = valid_id(64, birth="19500101", area="110105")
    data = _xlsx([["姓名", "身份证号"], *[[p.name, p.id_number] for p in old], ["某人", stranger]])
    previous_list_record(
        register=world.register("a1"),
        id_numbers=read_id_numbers(data),
        election_day=PREVIOUS_DAY,
        source_name="上届选民名单.xlsx",
        acting_user=None,
    )
    report = register_changes(world.register("a1"))
    assert report is not None
    counts = {c.key: c.count for c in [*report.increases, *report.decreases]}
    assert counts == {
        "new_adult": 1,  # 东坑满十八
        "moved_in": 0,
        "rights_restored": 0,
        "newly_resident": 1,  # 新来居民
        "other_in": 0,
        "deceased": 1,
        "moved_out": 2,
        "rights_lost": 1,
        "other_out": 1,  # an ID number the system does not know
    }
    moved = next(c for c in report.decreases if c.key == "moved_out")
    assert moved.subs == {"其中参军": 1, "其中因婚嫁迁出": 1}
    assert (report.old_total, report.new_total) == (6, 3)
    assert report.old_total + report.increase_total - report.decrease_total == report.new_total
    assert report.balanced


def test_a_previous_list_with_a_wrong_number_is_refused_whole() -> None:
    data = _xlsx([["身份证号"], [valid_id(1)], ["33112719800101001X"]])
    with pytest.raises(ValidationError, match="1个身份证号有误，未导入：第3行"):
        read_id_numbers(data)


def test_a_file_that_is_not_xlsx_says_what_to_upload() -> None:
    with pytest.raises(ValidationError, match=r"请上传 Excel 的 \.xlsx 文件"):
        read_id_numbers(b"not a workbook")
