"""`huanjie relation_confirm / relation_reject / relation_declare`: people by ID number, `--by`
a committee member of their village, Chinese output; a refusal is one Chinese line, exit 2, and
changes nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, add_person
from huanjie.audit.models import AuditEntry
from huanjie.people.models import CloseRelative, HeadRelation, Person, Sex
from huanjie.people.register.derivation import rederive_household_relations


@pytest.fixture
def family(tree: RegionTree) -> dict[str, Person]:
    household = tree.households["a1"]
    son = add_person(household, 50, Sex.MALE, HeadRelation.SON, name="王长子")
    rederive_household_relations([household])  # spouse and head–son, pending
    user_for(Role.ELECTION_COMMITTEE, tree.a1, username="weiyuanhui")
    user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="xiangzhen")
    return {"head": tree.heads["a1"], "spouse": tree.spouses["a1"], "son": son}


def _run(*argv: str) -> str:
    out = StringIO()
    call_command(*argv, stdout=out)
    return out.getvalue()


def _state() -> list[Any]:
    return [
        *CloseRelative.objects.order_by("pk").values_list(
            "pk", "kind", "person_a", "person_b", "confirmed_at", "confirmed_by", "rejected_at",
            "basis",
        ),
        AuditEntry.objects.count(),
    ]  # fmt: skip


def test_confirm_by_a_committee_member(family: dict[str, Person]) -> None:
    head, spouse = family["head"], family["spouse"]
    out = _run("relation_confirm", spouse.id_number, head.id_number, "--by", "weiyuanhui")
    assert "已确认" in out and "配偶" in out
    link = CloseRelative.objects.get(kind="spouse")
    assert link.confirmed_by is not None and link.confirmed_by.username == "weiyuanhui"
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.actor) == ("people.relation_confirm", link.confirmed_by)


def test_reject_keeps_the_reason(family: dict[str, Person]) -> None:
    head, son = family["head"], family["son"]
    out = _run(
        "relation_reject",
        head.id_number,
        son.id_number,
        "--reason",
        "实为继子",
        "--kind",
        "父母子女",
    )
    assert "已否定" in out and "实为继子" in out
    link = CloseRelative.objects.get(kind="parent_child")
    assert (link.basis, link.rejected_by) == ("实为继子", None)
    assert AuditEntry.objects.latest("id").action == "people.relation_reject"


def test_declare_with_the_elder_first(tree: RegionTree, family: dict[str, Person]) -> None:
    head, spouse = family["head"], family["spouse"]
    out = _run(
        "relation_declare", spouse.id_number, family["son"].id_number, "--kind", "parent_child",
        "--basis", "出生医学证明", "--by", "weiyuanhui",
    )  # fmt: skip
    assert "已登记" in out and "出生医学证明" in out
    link = CloseRelative.objects.get(kind="parent_child", source="declared")
    assert (link.person_a_id, link.basis) == (spouse.pk, "出生医学证明")
    assert head.pk not in (link.person_a_id, link.person_b_id)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["relation_confirm", "{head}", "{son}", "--by", "xiangzhen"], "由本村村民选举委员会"),
        (["relation_confirm", "{head}", "{son}", "--by", "nobody"], "找不到用户“nobody”"),
        (["relation_confirm", "{head}", "331127198001010000"], "找不到身份证号为 331…0000"),
        (["relation_confirm", "{spouse}", "{son}"], "之间没有这样的近亲属关系记录"),
        (["relation_confirm", "{head}", "{son}", "--kind", "堂兄弟"], "无法识别"),
        (["relation_reject", "{head}", "{son}", "--reason", "  "], "请写明否定的理由"),
        (["relation_declare", "{head}", "{head}", "--kind", "配偶", "--basis", "x"], "与自己"),
        (["relation_declare", "{spouse}", "{son}", "--kind", "父母子女", "--basis", " "], "请填写依据"),
        (["relation_declare", "{head}", "{spouse}", "--kind", "配偶", "--basis", "结婚证"], "等待确认"),
    ],
    ids=[
        "township", "unknown-user", "unknown-person", "no-link", "unknown-kind", "no-reason",
        "self", "no-basis", "pending-exists",
    ],
)  # fmt: skip
def test_refusals_exit_2_with_one_chinese_line_and_change_nothing(
    family: dict[str, Person], argv: list[str], message: str
) -> None:
    numbers = {key: p.id_number for key, p in family.items()}
    before = _state()
    with pytest.raises(CommandError) as refused:
        _run(*(a.format(**numbers) for a in argv))
    assert refused.value.returncode == 2
    assert message in str(refused.value) and "\n" not in str(refused.value)
    assert _state() == before


def test_confirming_twice_is_refused(family: dict[str, Person]) -> None:
    head, spouse = family["head"], family["spouse"]
    _run("relation_confirm", head.id_number, spouse.id_number)
    before = _state()
    with pytest.raises(CommandError, match="无需再次确认") as refused:
        _run("relation_confirm", head.id_number, spouse.id_number)
    assert refused.value.returncode == 2
    assert _state() == before
