"""Every rule ID in the engine's scope (profiles.md "Rule IDs in scope, and test names") and every
worked example of rules.md §H has a test named after it.

A rule counts as implemented only when a test named `test_<id>_…` shows it (`VC-TALLY-1` →
`test_vc_tally_1_…`, `KIN-1a` → `test_kin_1a_…`). The test files are read with `ast`, never
imported, so this check does not run or depend on the code under test.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

# profiles.md's list with its ranges written out. C.3 / C.4 modes and §C.7 deadlines have no
# rule ID of their own: their tests carry the section and the mode (`test_c3_vote_sinking_…`).
IN_SCOPE_IDS: tuple[str, ...] = (
    "VC-ORG-1", "VC-ORG-2",
    "VC-EC-2", "VC-EC-3", "VC-EC-4",
    "VC-REG-1", "VC-REG-2", "VC-REG-3", "VC-REG-4", "VC-REG-5", "VC-REG-6",
    "VC-TALLY-1", "VC-TALLY-2", "VC-TALLY-3", "VC-TALLY-4", "VC-TALLY-5",
    "VC-TALLY-6", "VC-TALLY-7", "VC-TALLY-8", "VC-TALLY-9", "VC-TALLY-10",
    "VC-POST-1", "VC-POST-2", "VC-POST-3", "VC-POST-4",
    "REC-1", "REC-2", "REC-3",
    "REP-2", "REP-3", "REP-4", "REP-5", "REP-6", "REP-7",
    "SUP-1", "SUP-2",
    "PB-ORG-1", "PB-ORG-2", "PB-ORG-3",
    "PB-RIGHTS-1", "PB-RIGHTS-2", "PB-RIGHTS-3",
    "PB-DIFF-1", "PB-DIFF-2", "PB-DIFF-3", "PB-DIFF-4",
    "PB-QUORUM-1", "PB-QUORUM-2", "PB-QUORUM-3",
    "PB-BALLOT-1", "PB-BALLOT-2", "PB-BALLOT-3", "PB-BALLOT-4", "PB-BALLOT-5", "PB-BALLOT-6",
    "PB-WIN-1", "PB-WIN-2", "PB-WIN-3", "PB-WIN-4",
    "PB-SEC-1", "PB-SEC-2", "PB-SEC-3", "PB-SEC-4",
    "PROXY-1", "PROXY-2", "PROXY-3", "PROXY-4", "PROXY-5",
    "MOBILE-1", "MOBILE-2",
    "QUAL-2", "QUAL-3", "QUAL-4", "QUAL-5", "QUAL-6", "QUAL-7", "QUAL-8", "QUAL-9",
    "KIN-1a", "KIN-1b", "KIN-1c", "KIN-2", "KIN-3", "KIN-4", "KIN-5", "KIN-6",
    "CEO-2", "CEO-3", "CEO-4", "CEO-5", "CEO-6",
    "VC-MULTI-1",
    "c3_exclusive_sections", "c3_vote_sinking", "c3_sequential_rounds",
    "c4_none", "c4_separate_section", "c4_reserve_candidate", "c4_top_woman_replaces",
    "c7",
    "SEED-PB-REG", "SEED-3T2S1X",
    "SEED-GTZX-1", "SEED-GTZX-2", "SEED-GTZX-3",
    "SEED-KIN-X", "SEED-STRUCT", "SEED-QUAL", "SEED-HANDOVER",
)  # fmt: skip

WORKED_EXAMPLES: tuple[int, ...] = tuple(range(1, 15))  # rules.md §H-1 … §H-14

_PACKAGE = Path(__file__).resolve().parents[2]  # huanjie/
TEST_DIRS: tuple[Path, ...] = (_PACKAGE / "rules" / "tests", _PACKAGE / "elections" / "tests")


def name_prefix(rule_id: str) -> str:
    """`VC-TALLY-1` → `test_vc_tally_1_`; the trailing underscore keeps `…_1_` apart from
    `…_10_`."""
    return f"test_{rule_id.lower().replace('-', '_')}_"


def function_names(sources: Iterable[str]) -> set[str]:
    """Names of the module-level test functions defined in the given Python sources."""
    names: set[str] = set()
    for source in sources:
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
                "test_"
            ):
                names.add(node.name)
    return names


def missing_rule_ids(rule_ids: Iterable[str], names: set[str]) -> list[str]:
    return [
        rule_id
        for rule_id in rule_ids
        if not any(name.startswith(name_prefix(rule_id)) for name in names)
    ]


def missing_examples(numbers: Iterable[int], names: set[str]) -> list[str]:
    """`h7` must stand as a whole word of the name: `…_h7_…` or a final `…_h7`, never `…_h17`."""
    return [
        f"H-{n}"
        for n in numbers
        if not any(re.search(rf"(?:^|_)h{n}(?:_|$)", name) for name in names)
    ]


def _project_test_names() -> set[str]:
    files = sorted(p for d in TEST_DIRS for p in d.rglob("test_*.py"))
    return function_names(p.read_text(encoding="utf-8") for p in files)


def test_every_in_scope_rule_id_has_a_test_named_after_it() -> None:
    missing = missing_rule_ids(IN_SCOPE_IDS, _project_test_names())
    assert not missing, "rule IDs without a test named after them: " + ", ".join(missing)


def test_every_worked_example_of_section_h_has_a_test() -> None:
    missing = missing_examples(WORKED_EXAMPLES, _project_test_names())
    assert not missing, "§H worked examples without a test: " + ", ".join(missing)


def test_in_scope_list_has_no_repeats() -> None:
    assert len(set(IN_SCOPE_IDS)) == len(IN_SCOPE_IDS)


SOURCE = """
import pytest

def test_vc_tally_10_announce(): ...
async def test_kin_1a_h5_case_a(): ...
def helper_vc_tally_1_not_a_test(): ...
class TestGrouped:
    def test_vc_tally_1_inside_a_class(self): ...
def test_c7_handover_h17(): ...
"""


@pytest.mark.parametrize(
    ("rule_id", "found"),
    [
        ("VC-TALLY-10", True),
        ("VC-TALLY-1", False),
        ("KIN-1a", True),
        ("KIN-1", False),
        ("c7", True),
        ("c4_none", False),
    ],
    ids=["exact", "prefix-of-another-id", "letter-suffix", "no-letter", "section", "absent"],
)
def test_rule_id_match_is_by_whole_name_part(rule_id: str, found: bool) -> None:
    assert (missing_rule_ids([rule_id], function_names([SOURCE])) == []) is found


@pytest.mark.parametrize(
    ("number", "found"),
    [(5, True), (1, False), (17, True), (7, False)],
    ids=["h5-in-the-middle", "h1-is-not-h17", "h17-at-the-end", "absent"],
)
def test_worked_example_match_is_by_whole_word(number: int, found: bool) -> None:
    assert (missing_examples([number], function_names([SOURCE])) == []) is found


def test_name_prefix_lowers_and_joins_with_underscores() -> None:
    assert name_prefix("PB-QUORUM-1") == "test_pb_quorum_1_"
    assert name_prefix("SEED-3T2S1X") == "test_seed_3t2s1x_"
    assert name_prefix("c3_vote_sinking") == "test_c3_vote_sinking_"
