"""`huanjie tally` end to end: the tally-io.md contract on the real command.

The worked examples of rules.md §H are JSON files under `contests/`, each beside the outcome
written from the spec's numbers (`*.expected.json`; `warnings` there lists rule IDs only, since
the Chinese wording is the engine's). Every exit-2 class of tally-io.md is its own test.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

CONTESTS = Path(__file__).parent / "contests"
REPO = Path(__file__).resolve().parents[3]
HUANJIE = Path(sys.executable).parent / "huanjie"
# The repository on the path whatever the install mode (an editable install made before the
# packages existed maps none of them).
PROCESS_ENV = {**os.environ, "PYTHONPATH": str(REPO)}
OUTCOME_KEYS = [
    "valid",
    "rule",
    "threshold",
    "elected",
    "voided",
    "unfilled",
    "tie_revote",
    "next",
    "invalid_by_rule",
    "warnings",
    "reasons",
    "recalled",
]
EXAMPLES = sorted(
    path.name.removesuffix(".expected.json") for path in CONTESTS.glob("*.expected.json")
)
ERROR_LINE = re.compile(r"字段 (?P<field>\S+): (?P<what>.+) \((?P<rule>[A-Z0-9-]+)\)")


def run_tally(*args: str) -> tuple[int, str, str]:
    """call_command with captured streams: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("tally", *args, stdout=out, stderr=err)
    except SystemExit as stop:
        return int(stop.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def run_contest(tmp_path: Path, contest: object, *flags: str) -> tuple[int, str, str]:
    path = tmp_path / "contest.json"
    path.write_text(json.dumps(contest, ensure_ascii=False), encoding="utf-8")
    return run_tally(*flags, str(path))


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CONTESTS / name).read_text(encoding="utf-8"))
    return data


def comparable(outcome: dict[str, Any]) -> dict[str, Any]:
    """The outcome without `reasons`, with warnings reduced to their sorted rule IDs."""
    shown = {key: value for key, value in outcome.items() if key != "reasons"}
    shown["warnings"] = sorted(warning["rule"] for warning in outcome["warnings"])
    return shown


def h4_contest() -> dict[str, Any]:
    return copy.deepcopy(load("h4_tie_at_last_seat.json"))


# --- the contract's own example, and every §H example through the CLI ---------------------------


def test_vc_tally_6_tally_io_example_h4_exactly(tmp_path: Path) -> None:
    contest = {
        "profile": "ZJ_2020",
        "body": "villagers_committee",
        "round": "first",
        "registered": 900,
        "participants": 800,
        "ballots_collected": 800,
        "invalid_ballots": 0,
        "seats": {"member": 2},
        "votes": {"member": {"A": 500, "B": 430, "C": 430, "D": 200}},
    }
    status, stdout, stderr = run_contest(tmp_path, contest)
    assert (status, stderr) == (0, "")
    outcome = json.loads(stdout)
    assert list(outcome) == OUTCOME_KEYS
    assert outcome["valid"] is True
    assert outcome["threshold"] == {"member": 401}
    assert outcome["elected"] == [{"person": "A", "post": "member", "votes": 500}]
    assert outcome["tie_revote"] == [{"post": "member", "persons": ["B", "C"], "seats": 1}]
    assert outcome["next"] == "tie_revote"
    assert [w["rule"] for w in outcome["warnings"]] == ["VC-ORG-2"]


@pytest.mark.parametrize("name", EXAMPLES, ids=EXAMPLES)
def test_worked_examples_through_the_cli(name: str) -> None:
    status, stdout, stderr = run_tally(str(CONTESTS / f"{name}.json"))
    assert (status, stderr) == (0, "")
    outcome = json.loads(stdout)
    assert list(outcome) == OUTCOME_KEYS
    assert comparable(outcome) == load(f"{name}.expected.json")


def test_every_section_h_example_that_counts_has_a_fixture() -> None:
    covered = {re.match(r"h\d+", name)[0] for name in EXAMPLES}  # type: ignore[index]
    assert covered == {"h1", "h2", "h3", "h4", "h5", "h6", "h7", "h12", "h13", "h14"}


def test_vc_tally_2_more_ballots_collected_than_participants_is_a_void_vote(
    tmp_path: Path,
) -> None:
    contest = h4_contest() | {"ballots_collected": 801}
    status, stdout, stderr = run_contest(tmp_path, contest)
    outcome = json.loads(stdout)
    assert (status, stderr) == (0, "")
    assert (outcome["valid"], outcome["rule"], outcome["next"]) == (False, "VC-TALLY-2", "revote")


def test_pb_ballot_1_more_ballots_collected_than_issued_is_a_void_vote(tmp_path: Path) -> None:
    contest = load("h7_pb2020_should_attend_base.json") | {"ballots_issued": 31}
    status, stdout, _ = run_contest(tmp_path, contest)
    outcome = json.loads(stdout)
    assert status == 0
    assert (outcome["valid"], outcome["rule"], outcome["next"]) == (False, "PB-BALLOT-1", "revote")


def test_output_is_utf8_json_with_chinese_unescaped(tmp_path: Path) -> None:
    contest = h4_contest()
    contest["votes"] = {"member": {"张三": 500, "李四": 430, "王五": 430}}
    status, stdout, _ = run_contest(tmp_path, contest)
    assert status == 0
    assert "张三" in stdout and "\\u" not in stdout


def test_explain_prints_sentences_not_json(tmp_path: Path) -> None:
    status, stdout, stderr = run_contest(tmp_path, h4_contest(), "--explain")
    assert (status, stderr) == (0, "")
    assert not stdout.lstrip().startswith("{")
    assert "2×800=1600 > 900" in stdout
    assert "当选线 401 票" in stdout
    assert "B、C" in stdout and "等票重选" in stdout


# --- exit status 2: one line on stderr, nothing on stdout ---------------------------------------


def _h4(**changes: Any) -> dict[str, Any]:
    return h4_contest() | changes


def _party(**changes: Any) -> dict[str, Any]:
    return load("h7_pb2020_should_attend_base.json") | changes


def _nested_unknown() -> dict[str, Any]:
    return _h4(people={"A": {"sex": "F", "age": 40}})


def _cooperative(**changes: Any) -> dict[str, Any]:
    return load("h12_200_of_300_elected.json") | changes


def _women_only() -> dict[str, Any]:
    return _h4(
        seats={"member": 2, "women_member": 1},
        votes={"member": {"A": 500, "B": 430}, "women_member": {"N1": 420, "M1": 300}},
        people={"N1": {"sex": "F"}, "M1": {"sex": "M"}},
    )


def _ballots(count: int) -> dict[str, Any]:
    return load("h14_overvote_whole_ballot.json") | {
        "ballots": load("h14_overvote_whole_ballot.json")["ballots"][:count]
    }


EXIT_2 = [
    # label, contest, field, rule
    ("missing-field", {k: v for k, v in _h4().items() if k != "registered"}, "registered", "IO-1"),
    ("unknown-key-top-level", _h4(turnout=800), "turnout", "IO-1"),
    ("unknown-key-nested", _nested_unknown(), "people.A.age", "IO-1"),
    ("number-3.0", _h4(participants=800.0), "participants", "IO-1"),
    ("number-as-string", _h4(participants="800"), "participants", "IO-1"),
    ("true-for-a-number", _h4(ballots_collected=True), "ballots_collected", "IO-1"),
    ("negative-number", _h4(invalid_ballots=-1), "invalid_ballots", "IO-1"),
    ("zero-seats", _h4(seats={"member": 0}), "seats.member", "IO-1"),
    ("unknown-profile", _h4(profile="ZJ_2099"), "profile", "IO-1"),
    ("unknown-post", _h4(seats={"treasurer": 2}), "seats.treasurer", "IO-1"),
    ("vc-profile-party-body", _party(profile="ZJ_2020"), "profile", "IO-1"),
    ("party-profile-vc-body", _h4(profile="PB_2020"), "profile", "IO-1"),
    ("participants-over-registered", _h4(participants=901), "participants", "IO-1"),
    ("issued-under-participants", _h4(ballots_issued=799), "ballots_issued", "IO-1"),
    ("invalid-over-collected", _h4(invalid_ballots=801), "invalid_ballots", "IO-1"),
    (
        "one-persons-votes-over-valid",
        _h4(invalid_ballots=100, votes={"member": {"A": 701}}),
        "votes.member.A",
        "IO-1",
    ),
    (
        "section-total-over-seats-times-valid",
        _h4(votes={"member": {"A": 800, "B": 800, "C": 1}}),
        "votes.member",
        "IO-1",
    ),
    (
        "one-person-in-two-sections-over-valid",
        _h4(seats={"chair": 1, "member": 2}, votes={"chair": {"A": 500}, "member": {"A": 301}}),
        "votes",
        "IO-1",
    ),
    (
        "recall-yes-over-participants",
        load("h6_recalled_226_of_451.json") | {"yes": 452},
        "yes",
        "IO-1",
    ),
    ("present-over-assembly-size", _cooperative(present=301), "present", "IO-1"),
    (
        "votes-for-a-post-not-in-seats",
        _h4(votes={"member": {"A": 500}, "chair": {"Z": 400}}),
        "votes.chair",
        "IO-1",
    ),
    (
        "ballot-section-for-a-post-not-in-seats",
        _ballots(8) | {"seats": {"member": 3}},
        "ballots[0].chair",
        "IO-1",
    ),
    (
        "tie-revote-candidate-elected-before",
        load("h4_tie_revote.json") | {"candidates": {"member": ["A", "B"]}},
        "candidates.member[0]",
        "IO-1",
    ),
    ("man-in-women-only-section", _women_only(), "votes.women_member.M1", "VC-ORG-2"),
    ("ballots-count-not-collected", _ballots(7), "ballots", "IO-1"),
]


@pytest.mark.parametrize(
    ("contest", "field", "rule"),
    [case[1:] for case in EXIT_2],
    ids=[case[0] for case in EXIT_2],
)
def test_io_1_uncountable_contest_exits_2(
    tmp_path: Path, contest: dict[str, Any], field: str, rule: str
) -> None:
    status, stdout, stderr = run_contest(tmp_path, contest)
    assert (status, stdout) == (2, "")
    assert stderr.endswith("\n") and stderr.count("\n") == 1
    line = ERROR_LINE.fullmatch(stderr.rstrip("\n"))
    assert line is not None, stderr
    assert (line["field"], line["rule"]) == (field, rule)
    assert "CommandError" not in stderr


INPUT_ERRORS = [
    ("invalid-json", b'{"profile": "ZJ_2020",', "第 1 行第 23 列"),
    ("top-level-array", b"[1, 2]", "实际是数组"),
    ("top-level-number", b"3", "实际是数字"),
    ("top-level-null", b"null", "实际是null"),
    ("repeated-key", b'{"profile": "ZJ_2020", "profile": "NAT_2018"}', "“profile”出现了两次"),
    ("nan", b'{"registered": NaN}', "NaN 不是数字"),
    ("not-utf8", '{"profile": "浙江"}'.encode("gbk"), "不是 UTF-8 编码"),
]


@pytest.mark.parametrize(
    ("raw", "what"), [case[1:] for case in INPUT_ERRORS], ids=[case[0] for case in INPUT_ERRORS]
)
def test_io_1_unreadable_input_exits_2_naming_the_file(
    tmp_path: Path, raw: bytes, what: str
) -> None:
    path = tmp_path / "sheet.json"
    path.write_bytes(raw)
    status, stdout, stderr = run_tally(str(path))
    assert (status, stdout) == (2, "")
    line = ERROR_LINE.fullmatch(stderr.rstrip("\n"))
    assert line is not None, stderr
    assert (line["field"], line["rule"]) == (str(path), "IO-1")
    assert what in line["what"]


def test_io_1_missing_file_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    status, stdout, stderr = run_tally(str(missing))
    assert (status, stdout) == (2, "")
    assert stderr.startswith(f"字段 {missing}: 无法读取文件") and stderr.endswith("(IO-1)\n")


def test_io_1_explain_refuses_the_same_contests(tmp_path: Path) -> None:
    status, stdout, stderr = run_contest(tmp_path, _h4(participants=901), "--explain")
    assert (status, stdout) == (2, "")
    assert stderr.startswith("字段 participants: ")


# --- the installed entry point, standard input and the real process streams ----------------------


def run_process(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        env=PROCESS_ENV,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [[str(HUANJIE), "tally"], [sys.executable, "manage.py", "tally"]],
    ids=["huanjie", "manage.py"],
)
def test_stdin_contest_prints_json_and_exits_0(command: list[str]) -> None:
    raw = (CONTESTS / "h4_tie_at_last_seat.json").read_bytes()
    done = run_process(*command, "-", stdin=raw)
    assert (done.returncode, done.stderr) == (0, b"")
    outcome = json.loads(done.stdout.decode("utf-8"))
    assert comparable(outcome) == load("h4_tie_at_last_seat.expected.json")


def test_stdin_uncountable_contest_exits_2_with_one_line() -> None:
    raw = json.dumps(_h4(participants=901)).encode("utf-8")
    done = run_process(str(HUANJIE), "tally", "-", stdin=raw)
    assert (done.returncode, done.stdout) == (2, b"")
    line = ERROR_LINE.fullmatch(done.stderr.decode("utf-8").rstrip("\n"))
    assert line is not None and line["field"] == "participants"
    assert done.stderr.count(b"\n") == 1


def test_stdin_invalid_json_names_the_dash() -> None:
    done = run_process(str(HUANJIE), "tally", "-", stdin=b"{oops")
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode("utf-8").startswith("字段 -: 第 1 行第 2 列")


def test_stdin_explain_in_utf8_whatever_the_locale() -> None:
    raw = (CONTESTS / "h5a_son_of_chair_voided.json").read_bytes()
    done = subprocess.run(
        [str(HUANJIE), "tally", "--explain", "-"],
        input=raw,
        capture_output=True,
        cwd=REPO,
        timeout=60,
        check=False,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(REPO),
            "LANG": "C",
            "LC_ALL": "C",
            "PYTHONIOENCODING": "ascii",
        },
    )
    assert (done.returncode, done.stderr) == (0, b"")
    text = done.stdout.decode("utf-8")
    assert "Z 当选委员无效" in text and "与 X 是父母子女关系" in text
