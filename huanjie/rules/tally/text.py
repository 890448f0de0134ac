"""A contest's JSON text (tally-io.md, IO-1): decoded strictly, then parsed and counted.

`huanjie tally` and `POST /api/v1/tally/` both call `recount`, so a file and a request body are
refused, and counted, alike. Decoding is stricter than `json.loads`: a repeated key would keep
only its last value and NaN is no count, so both are refused rather than counted.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from huanjie.rules.tally.contest import Contest
from huanjie.rules.tally.count import count
from huanjie.rules.tally.model import IO_1, ContestError
from huanjie.rules.tally.outcome import Outcome
from huanjie.rules.tally.parse import parse_contest

JSON_KINDS = {list: "数组", str: "字符串", int: "数字", float: "数字", bool: "布尔值"}


class _Refused(ValueError):
    """A JSON text the decoder would accept but a count must not (repeated key, NaN)."""


def recount(raw: bytes, source: str) -> tuple[Contest, Outcome]:
    """The contest in `raw` and its outcome; `ContestError` (field `source` for text that is
    not one JSON object) for a contest that cannot be counted."""
    contest = parse_contest(decode_contest(raw, source))
    return contest, count(contest)


def decode_contest(raw: bytes, source: str) -> dict[str, Any]:
    """`raw` (UTF-8, a BOM allowed) as one JSON object; errors name `source` as the field."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContestError(
            source,
            f"第 {error.start + 1} 个字节不是 UTF-8 编码，请将文件另存为 UTF-8 编码",
            IO_1,
        ) from error
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except _Refused as error:
        raise ContestError(source, str(error), IO_1) from error
    except json.JSONDecodeError as error:
        raise ContestError(
            source,
            f"第 {error.lineno} 行第 {error.colno} 列不是合法的 JSON（{error.msg}），"
            "请检查该处的逗号、引号和括号",
            IO_1,
        ) from error
    if not isinstance(data, dict):
        kind = "null" if data is None else JSON_KINDS[type(data)]
        raise ContestError(
            source, f"顶层应为一个 JSON 对象 {{…}}，实际是{kind}，请把计票数据写成一个对象", IO_1
        )
    return data


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(f"同一对象中键“{key}”出现了两次，请只保留一个")
        result[key] = value
    return result


def _no_constant(name: str) -> NoReturn:
    raise _Refused(f"{name} 不是数字，票数和人数必须写成 JSON 整数")
