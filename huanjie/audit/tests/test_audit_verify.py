"""`huanjie audit_verify`: says in Chinese that the chain holds, or names the first bad entry
and exits with status 1."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from huanjie import cli
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditChainHead
from huanjie.audit.tests.chain_helpers import alter, delete, forge, write


def run() -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_intact_chain(tree: RegionTree) -> None:
    entries = write(tree, 3)
    code, out, err = run()
    assert (code, err) == (0, "")
    assert "审计链校验通过：共 3 条记录，逐条核对无误。" in out
    assert f"链头哈希：{entries[-1].entry_hash}" in out


def test_altered_entry(tree: RegionTree) -> None:
    entries = write(tree, 3)
    alter(entries[1])
    code, out, err = run()
    when = timezone.localtime(entries[1].created_at).strftime("%Y-%m-%d %H:%M:%S")
    assert (code, out) == (1, "")
    assert f"审计链校验未通过：第 2 条记录（编号 {entries[1].pk}，{when}，测试修改）被改动" in err
    assert "在此之前的 1 条记录核对无误" in err and "联系县级管理员" in err
    failure = AuditChainHead.objects.get().failure
    assert failure is not None and failure["entry_id"] == entries[1].pk


def test_deleted_entry(tree: RegionTree) -> None:
    entries = write(tree, 3)
    delete(entries[1])
    code, _, err = run()
    assert code == 1
    assert f"自第 2 条起有 1 条记录被删除，缺在记录（编号 {entries[2].pk}，" in err


def test_inserted_entry(tree: RegionTree) -> None:
    entries = write(tree, 2)
    forged = forge(entries[1], sequence=3, prev_hash=entries[1].entry_hash)
    code, _, err = run()
    assert code == 1
    assert f"第 3 条处插入了一条不是系统写入的记录（编号 {forged}，" in err


# `huanjie` runs the command as manage.py would, closing the connection after it: once a test.
def test_the_huanjie_command_line_runs_it(
    tree: RegionTree, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tree, 2)
    cli.main(["audit_verify"])
    assert "共 2 条记录" in capsys.readouterr().out


def test_the_huanjie_command_line_exits_1_on_a_break(
    tree: RegionTree, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = write(tree, 2)
    alter(entries[0])
    with pytest.raises(SystemExit) as exit_:
        cli.main(["audit_verify"])
    assert exit_.value.code == 1
    assert "第 1 条记录" in capsys.readouterr().err
