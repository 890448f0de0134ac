"""PB-BALLOT-6: names on a party ballot — by surname strokes, or in the approved order."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.ordering.strokes import load_stroke_table
from huanjie.rules.party.ballot import BallotList, party_ballot_order

# 丁 2 strokes, 马 3, 王 4, 李 7 (starts 横), 张 7 (starts 横折), 欧 8; 欧阳 is one surname.
NAMES = ["张伟", "欧阳明", "李娜", "丁一", "欧华", "王芳", "马丽"]
BY_STROKES = ["丁一", "马丽", "王芳", "李娜", "张伟", "欧华", "欧阳明"]


@pytest.mark.parametrize(
    ("ballot_list", "expected"),
    [
        (BallotList.MEMBER, BY_STROKES),
        (BallotList.STANDING_COMMITTEE, BY_STROKES),
        (BallotList.DELEGATE, BY_STROKES),
        (BallotList.SECRETARY, NAMES),
        (BallotList.DEPUTY_SECRETARY, NAMES),
    ],
    ids=["member", "standing-committee", "delegate", "secretary", "deputy-secretary"],
)
def test_pb_ballot_6_order_on_the_party_ballot(
    ballot_list: BallotList, expected: list[str]
) -> None:
    order = party_ballot_order(ballot_list, NAMES, table=load_stroke_table())
    assert order.items == expected
    assert order.missing == frozenset()


@dataclass(frozen=True)
class Candidate:
    key: str
    name: str


def test_pb_ballot_6_candidates_sorted_by_their_names_with_the_shipped_table() -> None:
    candidates = [Candidate("p1", "王芳"), Candidate("p2", "丁一"), Candidate("p3", "李娜")]
    order = party_ballot_order(BallotList.MEMBER, candidates, name=lambda c: c.name)
    assert [c.key for c in order.items] == ["p2", "p1", "p3"]


def test_pb_ballot_6_characters_missing_from_the_table_are_reported() -> None:
    order = party_ballot_order(BallotList.MEMBER, ["王芳", "𠀋一"], table={"王": "1121"})
    assert order.items == ["王芳", "𠀋一"]
    assert order.missing == frozenset({"芳", "𠀋", "一"})


@pytest.mark.parametrize(
    "ballot_list", [BallotList.MEMBER, BallotList.SECRETARY], ids=["member", "secretary"]
)
def test_pb_ballot_6_a_name_twice_in_one_list_is_refused(ballot_list: BallotList) -> None:
    with pytest.raises(RuleViolation) as raised:
        party_ballot_order(ballot_list, ["王芳", "丁一", "王芳"])
    assert raised.value.rule_id == "PB-BALLOT-6"
    assert raised.value.message.startswith("候选人王芳在同一栏中出现了两次")
