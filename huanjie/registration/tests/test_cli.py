"""The register's commands: villages by code, people by ID number, `--by` an account that may do
it on the web; Chinese output, and exit status 2 with one Chinese line on a refusal."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import Workbook

from huanjie.accounts.models import Role
from huanjie.accounts.tests.commands import refused, run
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.registration.models import (
    ListStatus,
    Objection,
    ObjectionStatus,
    VoterCard,
    VoterRegister,
)
from huanjie.registration.services import register_build, register_publish
from huanjie.registration.tests.world import World, build_world


@pytest.fixture
def world(tree: RegionTree) -> World:
    return build_world(tree, day=timezone.localdate() + timedelta(days=40))


def test_register_build_says_what_it_built(world: World) -> None:
    user = make_user(world.tree, Role.ELECTION_COMMITTEE)
    said = run("register_build", world.tree.a1.code, "--by", user.username)
    assert said.startswith("已生成东坑村的选民名单") and "3人列入" in said
    assert "未满十八周岁1人" in said and "被剥夺政治权利1人" in said
    entry = AuditEntry.objects.filter(action="registration.register_build").get()
    assert entry.actor_id == user.pk


def test_only_the_committee_may_be_named(world: World) -> None:
    officer = make_user(world.tree, Role.TOWNSHIP_OFFICER)
    message = refused("register_build", world.tree.a1.code, "--by", officer.username)
    assert "不能办理东坑村" in message and "村民选举委员会" in message
    assert not VoterRegister.objects.exists()


def test_register_publish_refuses_a_late_day_with_the_last_lawful_one(world: World) -> None:
    today = timezone.localdate()
    election = world.elections["a1"]
    election.election_day = today + timedelta(days=15)
    election.save()
    run("register_build", world.tree.a1.code)
    before = AuditEntry.objects.count()
    message = refused("register_publish", world.tree.a1.code, today.isoformat())
    last = election.election_day - timedelta(days=20)
    assert f"最晚公布日期{last}" in message and "VC-REG-5" in message
    assert VoterRegister.objects.get().status == ListStatus.DRAFT
    assert AuditEntry.objects.count() == before


def test_register_publish_then_an_objection_in_time_and_its_decision(world: World) -> None:
    today = timezone.localdate()
    run("register_build", world.tree.a1.code)
    said = run("register_publish", world.tree.a1.code, today.isoformat())
    assert said.startswith(f"东坑村的选民名单已于{today}公布") and "异议截止日" in said
    spouse = world.tree.spouses["a1"]
    filed = run(
        "register_objection", "file", world.tree.a1.code, "--person", spouse.id_number,
        "--kind", "取消", "--received", today.isoformat(), "--filed-by", "村民王某",
        "--claim", "常年在外地居住",
    )  # fmt: skip
    objection = Objection.objects.get()
    assert f"已受理异议，编号{objection.pk}" in filed
    decided = run(
        "register_objection", "decide", str(objection.pk), "--rejected",
        "--reasons", "经核实在本村居住", "--on", today.isoformat(),
    )  # fmt: skip
    assert "异议不成立" in decided
    assert Objection.objects.get().status == ObjectionStatus.REJECTED


def test_a_late_objection_is_recorded_and_refused_with_the_rule(world: World) -> None:
    today = timezone.localdate()
    past = today - timedelta(days=12)
    register = register_build(election=world.elections["a1"], acting_user=None, today=past)
    register_publish(register=register, published_on=past, acting_user=None, today=past)
    register.refresh_from_db()
    message = refused(
        "register_objection", "file", world.tree.a1.code,
        "--person", world.tree.spouses["a1"].id_number, "--kind", "取消",
        "--received", today.isoformat(), "--filed-by", "村民王某", "--claim", "常年在外",
    )  # fmt: skip
    assert "不予受理" in message and "VC-REG-6" in message
    assert f"异议期已于{register.objection_deadline}届满" in message
    assert Objection.objects.get().status == ObjectionStatus.LATE


def _xlsx(numbers: list[str]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["身份证号"])
    for number in numbers:
        sheet.append([number])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_register_changes_with_an_imported_previous_list(world: World, tmp_path: Path) -> None:
    run("register_build", world.tree.a1.code)
    assert "请用 --import" in refused("register_changes", world.tree.a1.code)
    previous = tmp_path / "上届.xlsx"
    previous.write_bytes(_xlsx([world.tree.heads["a1"].id_number]))
    said = run(
        "register_changes", world.tree.a1.code, "--import", str(previous),
        "--previous-day", "2021-03-20", "--xlsx", str(tmp_path / "out.xlsx"),
    )  # fmt: skip
    assert "已导入上届选民名单：1人" in said
    assert "上届1 + 四增2 − 四减0 = 本届3：相符" in said
    assert (tmp_path / "out.xlsx").stat().st_size > 0


def test_register_cards_issue_print_and_reissue(world: World, tmp_path: Path) -> None:
    today = timezone.localdate()
    run("register_build", world.tree.a1.code)
    run("register_publish", world.tree.a1.code, today.isoformat())
    assert "已发放选民证3张，编号00001至00003" in run("register_cards", world.tree.a1.code)
    pdf = tmp_path / "cards.pdf"
    said = run("register_cards", world.tree.a1.code, "--pdf", str(pdf), "--from", "1", "--to", "2")
    assert "已输出选民证2张" in said and pdf.read_bytes().startswith(b"%PDF")
    reissued = run("register_cards", world.tree.a1.code, "--reissue", "2", "--reason", "遗失")
    assert "新编号00004，原编号00002作废" in reissued
    assert VoterCard.objects.get(number=2).void_reason == "遗失"
    assert "已于" in refused(
        "register_cards", world.tree.a1.code, "--reissue", "2", "--reason", "遗失"
    )
