"""IO-1: a contest's JSON text is decoded strictly (tally-io.md "Exit status"), the same for the
`huanjie tally` command and the API."""

from __future__ import annotations

import pytest

from huanjie.rules.tally import ContestError, ElectionContest
from huanjie.rules.tally.text import decode_contest, recount

H4 = (
    '{"profile": "ZJ_2020", "body": "villagers_committee", "round": "first",'
    ' "registered": 900, "participants": 800, "ballots_collected": 800, "invalid_ballots": 0,'
    ' "seats": {"member": 2}, "votes": {"member": {"A": 500, "B": 430, "C": 430, "D": 200}}}'
)


def test_io_1_recount_decodes_parses_and_counts() -> None:
    contest, outcome = recount(("\ufeff" + H4).encode("utf-8"), "sheet.json")
    assert isinstance(contest, ElectionContest)  # the parsed contest, for --explain
    assert outcome.to_dict()["next"] == "tie_revote"


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b'{"a": 1,', "第 1 行第 9 列不是合法的 JSON"),
        (b"[1]", "实际是数组"),
        (b'"x"', "实际是字符串"),
        (b"1.5", "实际是数字"),
        (b"true", "实际是布尔值"),
        (b"null", "实际是null"),
        (b'{"a": {"b": 1, "b": 2}}', "键“b”出现了两次"),
        (b'{"a": Infinity}', "Infinity 不是数字"),
        (b'{"a": "\xff"}', "第 8 个字节不是 UTF-8 编码"),
    ],
    ids=["syntax", "array", "string", "float", "bool", "null", "repeated-key", "inf", "not-utf8"],
)
def test_io_1_text_that_is_not_one_json_object_names_the_source(raw: bytes, what: str) -> None:
    with pytest.raises(ContestError) as caught:
        decode_contest(raw, "body")
    assert (caught.value.field, caught.value.rule) == ("body", "IO-1")
    assert what in caught.value.message
    assert caught.value.line.startswith("字段 body: ")
