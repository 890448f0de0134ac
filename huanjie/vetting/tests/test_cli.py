"""The joint review's commands: open a round, record results (refused for a reviewer of another
department, and a 不能 final), each candidate's state, the departments, and the recusal check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from huanjie.accounts.models import Role
from huanjie.accounts.tests.commands import refused, run
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.committees.tests.world import family, villager
from huanjie.elections.models import OfficeHolder
from huanjie.people.models import Sex
from huanjie.vetting.models import Department, ReviewResult, ReviewRound, Verdict
from huanjie.vetting.tests.world import Vetting, candidate, vetting_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def v(tree: RegionTree) -> Vetting:
    return vetting_world(tree)


def test_review_record_and_status(v: Vetting, settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]
    police = make_user(v.world.tree, Role.REVIEWER)
    wang = v.world["王五"].id_number
    scan = tmp_path / "函复.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    said = run(
        "review_record", wang, "--post", "主任", "--department", "公安", "--on", "2026-04-06",
        "--item", "criminal_punishment", "--note", "曾受刑事处罚", "--attachment", str(scan),
        "--by", police.username,
    )  # fmt: skip
    assert "已登记公安对王五的联审结论：不能" in said
    result = ReviewResult.objects.get()
    assert result.verdict == Verdict.INELIGIBLE and result.attachment_name == "函复.pdf"
    said = refused(
        "review_record", wang, "--post", "主任", "--department", "公安", "--on", "2026-04-07",
        "--cleared",
    )  # fmt: skip
    assert "不能再改为通过" in said
    said = refused(
        "review_record", wang, "--post", "主任", "--department", "法院", "--on", "2026-04-07",
        "--cleared", "--by", police.username,
    )  # fmt: skip
    assert "只有本县该部门的联审人员才能登记" in said
    code = v.world.village.code
    status = run("review_status", code, "--list")
    assert "王五（主任）：联审不通过；公安认定不能" in status
    assert "李四（主任）：联审中；待纪检监察、公安、法院审查" in status
    assert "long_absence：" in status


def test_review_round_open_and_departments(v: Vetting) -> None:
    office = make_user(v.world.tree, Role.ELECTION_OFFICE)
    county = v.world.tree.county.code
    said = run(
        "review_round_open", county, "--title", "党委考察", "--opens", "2026-04-08",
        "--due", "2026-04-11", "--departments", "组织", "--by", office.username,
    )  # fmt: skip
    assert "第2轮 党委考察" in said and "组织" in said
    assert ReviewRound.objects.count() == 2
    township = make_user(v.world.tree, Role.TOWNSHIP_OFFICER)
    said = refused(
        "review_round_open", county, "--opens", "2026-04-08", "--due", "2026-04-11",
        "--by", township.username,
    )  # fmt: skip
    assert "只有县换届办才能开设" in said
    listing = run("review_departments", "--add", "司法", "--retire", "自然资源")
    assert "10. 司法" in listing and "自然资源（已停用）" in listing
    assert not Department.objects.get(name="自然资源").active
    said = refused("review_round_open", county, "--opens", "2026-04-08", "--due", "2026-04-11",
                   "--departments", "自然资源")  # fmt: skip
    assert "已不参加联审" in said
    other = user_for(Role.REVIEWER, v.world.tree.county, department="法院")
    assert other.department == "法院"


def test_recusal_check_prints_each_conflict_with_its_chain(v: Vetting) -> None:
    world = v.world
    jia = world["李四"]
    daughter = villager(world, "李梅", sex=Sex.FEMALE, birth=date(1994, 2, 1))
    grandson = villager(world, "陈小", birth=date(2001, 3, 1))
    family(jia, daughter, "parent_child")
    family(daughter, grandson, "parent_child")
    OfficeHolder.objects.create(
        village=world.village,
        body="party_organization",
        post="secretary",
        person=jia,
        term_start=date(2021, 4, 1),
        term_end=date(2026, 5, 1),
    )
    candidate(world, v.chair, "陈小")
    said = run("recusal_check", world.village.code, "--on", "2026-04-05")
    assert "“一肩挑”人选：李四" in said
    assert "[KIN-6] 提示：李四是陈小的外祖父（李四是李梅的父亲，李梅是陈小的母亲）" in said
    assert "另：KIN-3" in said
