"""`huanjie tally FILE.json|-` — re-count one contest from its tally sheet (tally-io.md).

Prints the outcome as JSON (or, with `--explain`, as Chinese sentences for a county reviewer).
Exit status 0 for every lawful outcome, "the vote is void" and "nobody won" included; exit 2
with ONE line `字段 <field>: <what is wrong> (<rule>)` on standard error and nothing on standard
output for a contest that cannot be counted. The command only reads and prints: decoding,
counting and the sentences live in `huanjie.rules` (`rules.tally.text.recount`, which the API's
`POST /api/v1/tally/` calls too).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from huanjie.rules.tally import ContestError
from huanjie.rules.tally.explain import explain
from huanjie.rules.tally.model import IO_1
from huanjie.rules.tally.text import recount

STDIN = "-"


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
            contest, outcome = recount(read_source(source), source)
        except ContestError as error:
            self.fail(error.line)
        _use_utf8(self.stdout)
        if options["explain"]:
            for sentence in explain(contest, outcome):
                self.stdout.write(sentence)
        else:
            self.stdout.write(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2))

    def fail(self, line: str) -> NoReturn:
        # One plain line (no "CommandError:" prefix, no colour), then exit status 2.
        _use_utf8(self.stderr)
        self.stderr.write(line, style_func=str)
        sys.exit(2)


def read_source(source: str) -> bytes:
    """The bytes of `source` (a path, or `-` for standard input)."""
    try:
        return sys.stdin.buffer.read() if source == STDIN else Path(source).read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ContestError(
            source, f"无法读取文件（{reason}），请检查路径和读取权限", IO_1
        ) from error


def _use_utf8(stream: Any) -> None:
    # The contract says UTF-8 whatever the terminal's locale; StringIO (tests) has no encoding.
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8")
