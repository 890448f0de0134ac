"""`huanjie tally FILE.json|-` — re-count one contest from its tally sheet (tally-io.md).

Prints the outcome as JSON (or, with `--explain`, as Chinese sentences for a county reviewer).
Exit status 0 for every lawful outcome, "the vote is void" and "nobody won" included; exit 2
with ONE line `字段 <field>: <what is wrong> (<rule>)` on standard error and nothing on standard
output for a contest that cannot be counted. The command only reads, decodes and prints: the
counting and the sentences live in `huanjie.rules`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from huanjie.rules.tally import ContestError, count, parse_contest
from huanjie.rules.tally.explain import explain

STDIN = "-"
IO_RULE = "IO-1"
JSON_KINDS = {list: "数组", str: "字符串", int: "数字", float: "数字", bool: "布尔值"}


class InputError(Exception):
    """The input cannot be read as one JSON object: reported like a contest error."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class _Refused(ValueError):
    """A JSON text the decoder would accept but a count must not (repeated key, NaN)."""


class Command(BaseCommand):
    help = (
        "按计票合同（tally-io.md）重新计算一场投票：输出 JSON 结果，或用 --explain 输出中文说明。"
    )
    requires_system_checks: list[str] = []  # counting needs no database and no app checks

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="计票数据 JSON 文件；用 - 表示从标准输入读取")
        parser.add_argument(
            "--explain", action="store_true", help="以中文句子说明计票结果，供县级复核人员阅读"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["file"]
        try:
            data = read_contest(source)
            contest = parse_contest(data)
        except InputError as error:
            self.fail(error.field, error.message, IO_RULE)
        except ContestError as error:
            self.fail(error.field, error.message, error.rule)
        outcome = count(contest)
        _use_utf8(self.stdout)
        if options["explain"]:
            for sentence in explain(contest, outcome):
                self.stdout.write(sentence)
        else:
            self.stdout.write(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2))

    def fail(self, field: str, message: str, rule: str) -> NoReturn:
        # One plain line (no "CommandError:" prefix, no colour), then exit status 2.
        _use_utf8(self.stderr)
        self.stderr.write(f"字段 {field}: {message} ({rule})", style_func=str)
        sys.exit(2)


def read_contest(source: str) -> dict[str, Any]:
    """Read `source` (a path, or `-` for standard input) as one JSON object."""
    try:
        raw = sys.stdin.buffer.read() if source == STDIN else Path(source).read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError(source, f"无法读取文件（{reason}），请检查路径和读取权限") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            source, f"第 {error.start + 1} 个字节不是 UTF-8 编码，请将文件另存为 UTF-8 编码"
        ) from error
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except _Refused as error:
        raise InputError(source, str(error)) from error
    except json.JSONDecodeError as error:
        raise InputError(
            source,
            f"第 {error.lineno} 行第 {error.colno} 列不是合法的 JSON（{error.msg}），"
            "请检查该处的逗号、引号和括号",
        ) from error
    if not isinstance(data, dict):
        kind = "null" if data is None else JSON_KINDS[type(data)]
        raise InputError(
            source, f"顶层应为一个 JSON 对象 {{…}}，实际是{kind}，请把计票数据写成一个对象"
        )
    return data


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # A repeated key would silently keep the last value: refuse it so no count is lost.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(f"同一对象中键“{key}”出现了两次，请只保留一个")
        result[key] = value
    return result


def _no_constant(name: str) -> NoReturn:
    raise _Refused(f"{name} 不是数字，票数和人数必须写成 JSON 整数")


def _use_utf8(stream: Any) -> None:
    # The contract says UTF-8 whatever the terminal's locale; StringIO (tests) has no encoding.
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8")
