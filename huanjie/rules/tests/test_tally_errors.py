"""Every contest that cannot be counted (tally-io.md "Exit status" 2) is a `ContestError`."""

from __future__ import annotations

from typing import Any

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.tally import ContestError, parse_contest

VC: dict[str, Any] = {
    "profile": "ZJ_2020",
    "body": "villagers_committee",
    "registered": 900,
    "participants": 800,
    "ballots_collected": 800,
    "invalid_ballots": 0,
    "seats": {"member": 2},
    "votes": {"member": {"A": 500, "B": 430}},
}
PARTY: dict[str, Any] = {
    "profile": "PB_2020",
    "body": "party_organization",
    "should_attend": 40,
    "present": 32,
    "ballots_collected": 32,
    "invalid_ballots": 0,
    "seats": {"member": 5},
    "votes": {"member": {"A": 30}},
}
SUP: dict[str, Any] = {
    "profile": "ZJ_2020",
    "body": "supervision_committee",
    "assembly": "representatives",
    "assembly_size": 55,
    "present": 40,
    "ballots_collected": 40,
    "invalid_ballots": 0,
    "seats": {"member": 3},
    "votes": {"member": {"M": 30}},
}
RECALL: dict[str, Any] = {
    "profile": "ZJ_2020",
    "body": "recall",
    "registered": 900,
    "participants": 451,
    "yes": 226,
}
DROP = object()


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = {**base, **changes}
    return {key: value for key, value in data.items() if value is not DROP}


def ballots(n: int, ballot: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "registered": n,
        "participants": n,
        "ballots_collected": n,
        "invalid_ballots": DROP,
        "votes": DROP,
        "ballots": [ballot or {"member": ["A"]}] * n,
    }


CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing-field", with_(VC, registered=DROP), "registered", "IO-1"),
    ("missing-body", with_(VC, body=DROP), "body", "IO-1"),
    ("unknown-body", with_(VC, body="township"), "body", "IO-1"),
    ("body-not-text", with_(VC, body=3), "body", "IO-1"),
    ("unknown-key-top", with_(VC, foo=1), "foo", "IO-1"),
    ("field-not-for-body", with_(VC, present=800), "present", "IO-1"),
    ("barred-not-for-vc", with_(VC, barred=["A"]), "barred", "IO-1"),
    ("recall-seats", with_(RECALL, seats={"member": 1}), "seats", "IO-1"),
    ("unknown-key-people", with_(VC, people={"A": {"age": 40}}), "people.A.age", "IO-1"),
    (
        "unknown-key-elected-before",
        with_(VC, elected_before=[{"person": "Z", "post": "chair", "votes": 3}]),
        "elected_before[0].votes",
        "IO-1",
    ),
    (
        "unknown-key-invalid-ballot",
        with_(VC, **ballots(3, {"invalid": "INVALID-TORN", "member": ["A"]})),
        "ballots[0].member",
        "IO-1",
    ),
    ("float-number", with_(VC, registered=900.0), "registered", "IO-1"),
    ("string-number", with_(VC, registered="900"), "registered", "IO-1"),
    ("bool-number", with_(VC, registered=True), "registered", "IO-1"),
    ("float-vote", with_(VC, votes={"member": {"A": 3.0}}), "votes.member.A", "IO-1"),
    ("negative", with_(VC, participants=-1), "participants", "IO-1"),
    ("zero-seats", with_(VC, seats={"member": 0}), "seats.member", "IO-1"),
    ("no-seats", with_(VC, seats={}), "seats", "IO-1"),
    ("seats-not-object", with_(VC, seats=[2]), "seats", "IO-1"),
    ("unknown-profile", with_(VC, profile="ZJ_2099"), "profile", "IO-1"),
    ("profile-not-text", with_(VC, profile=2020), "profile", "IO-1"),
    (
        "unknown-override",
        with_(VC, profile_overrides={"vc.foo": 1}),
        "profile_overrides.vc.foo",
        "IO-1",
    ),
    (
        "bad-override-value",
        with_(VC, profile_overrides={"vc.win_base": "valid_ballots"}),
        "profile_overrides.vc.win_base",
        "IO-1",
    ),
    ("unknown-post", with_(VC, seats={"treasurer": 1}), "seats.treasurer", "IO-1"),
    ("party-post-in-vc", with_(VC, seats={"secretary": 1}), "seats.secretary", "IO-1"),
    ("vc-profile-party-body", with_(PARTY, profile="ZJ_2020"), "profile", "IO-1"),
    ("party-profile-vc-body", with_(VC, profile="PB_2020"), "profile", "IO-1"),
    ("party-profile-supervision", with_(SUP, profile="GTZX"), "profile", "IO-1"),
    ("participants-over-registered", with_(VC, participants=901), "participants", "IO-1"),
    ("issued-under-participants", with_(VC, ballots_issued=799), "ballots_issued", "IO-1"),
    ("invalid-over-collected", with_(VC, invalid_ballots=801), "invalid_ballots", "IO-1"),
    (
        "person-over-valid",
        with_(VC, invalid_ballots=10, votes={"member": {"A": 791}}),
        "votes.member.A",
        "IO-1",
    ),
    (
        "section-over-seats-times-valid",
        with_(VC, votes={"member": {"A": 800, "B": 700, "C": 101}}),
        "votes.member",
        "IO-1",
    ),
    (
        "one-person-over-valid-across-sections",
        with_(
            VC, seats={"chair": 1, "member": 2}, votes={"chair": {"A": 400}, "member": {"A": 401}}
        ),
        "votes",
        "IO-1",
    ),
    ("yes-over-participants", with_(RECALL, yes=452), "yes", "IO-1"),
    (
        "recall-participants-over-registered",
        with_(RECALL, participants=901),
        "participants",
        "IO-1",
    ),
    ("present-over-assembly", with_(SUP, present=56), "present", "IO-1"),
    ("votes-post-not-in-seats", with_(VC, votes={"chair": {"A": 1}}), "votes.chair", "IO-1"),
    (
        "ballot-post-not-in-seats",
        with_(VC, **ballots(3, {"chair": ["A"]})),
        "ballots[0].chair",
        "IO-1",
    ),
    (
        "tie-revote-candidate-already-elected",
        with_(
            VC,
            round="tie_revote",
            candidates={"member": ["A", "B"]},
            elected_before=[{"person": "B", "post": "chair"}],
        ),
        "candidates.member[1]",
        "IO-1",
    ),
    (
        "man-in-women-only-section",
        with_(
            VC,
            seats={"women_member": 1},
            votes={"women_member": {"M": 300}},
            people={"M": {"sex": "M"}},
        ),
        "votes.women_member.M",
        "VC-ORG-2",
    ),
    (
        "ballot-count-mismatch",
        with_(VC, **{**ballots(3), "ballots_collected": 2}),
        "ballots",
        "IO-1",
    ),
    ("votes-and-ballots", with_(VC, ballots=[]), "ballots", "IO-1"),
    ("neither-votes-nor-ballots", with_(VC, votes=DROP), "votes", "IO-1"),
    ("missing-invalid-ballots", with_(VC, invalid_ballots=DROP), "invalid_ballots", "IO-1"),
    (
        "invalid-ballots-in-ballot-mode",
        with_(VC, **{**ballots(3), "invalid_ballots": 0}),
        "invalid_ballots",
        "IO-1",
    ),
    (
        "invalid-by-rule-in-ballot-mode",
        with_(VC, **{**ballots(3), "invalid_by_rule": {}}),
        "invalid_by_rule",
        "IO-1",
    ),
    (
        "invalid-by-rule-sum",
        with_(VC, invalid_ballots=3, invalid_by_rule={"VC-TALLY-3": 2}),
        "invalid_by_rule",
        "IO-1",
    ),
    (
        "invalid-by-rule-unknown",
        with_(VC, invalid_ballots=3, invalid_by_rule={"SPOILED": 3}),
        "invalid_by_rule.SPOILED",
        "IO-1",
    ),
    (
        "unknown-physical-invalid",
        with_(VC, **ballots(3, {"invalid": "WET"})),
        "ballots[0].invalid",
        "IO-1",
    ),
    ("ballot-not-object", with_(VC, **ballots(3, {"member": "A"})), "ballots[0].member", "IO-1"),
    ("ballots-not-array", with_(VC, **{**ballots(3), "ballots": {}}), "ballots", "IO-1"),
    ("unknown-round", with_(VC, round="second"), "round", "IO-1"),
    ("tie-of-outside-revote", with_(VC, tie_of="first"), "tie_of", "IO-1"),
    (
        "tie-of-bad-value",
        with_(VC, round="tie_revote", tie_of="tie_revote", candidates={"member": ["A"]}),
        "tie_of",
        "IO-1",
    ),
    ("revote-without-candidates", with_(VC, round="tie_revote"), "candidates", "IO-1"),
    (
        "revote-candidates-missing-post",
        with_(
            VC,
            round="tie_revote",
            seats={"chair": 1, "member": 2},
            votes={"member": {"A": 1}},
            candidates={"member": ["A", "B"]},
        ),
        "candidates.chair",
        "IO-1",
    ),
    (
        "candidate-twice",
        with_(VC, candidates={"member": ["A", "A"]}),
        "candidates.member[1]",
        "IO-1",
    ),
    (
        "candidate-empty-name",
        with_(VC, candidates={"member": [""]}),
        "candidates.member[0]",
        "IO-1",
    ),
    ("relation-self", with_(VC, relations=[["A", "A", "spouse"]]), "relations[0]", "IO-1"),
    ("relation-two-items", with_(VC, relations=[["A", "B"]]), "relations[0]", "IO-1"),
    ("relation-kind", with_(VC, relations=[["A", "B", "cousin"]]), "relations[0][2]", "IO-1"),
    (
        "elected-before-twice",
        with_(
            VC,
            elected_before=[{"person": "Z", "post": "chair"}, {"person": "Z", "post": "member"}],
        ),
        "elected_before[1].person",
        "IO-1",
    ),
    (
        "elected-before-post",
        with_(VC, elected_before=[{"person": "Z", "post": "secretary"}]),
        "elected_before[0].post",
        "IO-1",
    ),
    (
        "elected-before-missing-post",
        with_(VC, elected_before=[{"person": "Z"}]),
        "elected_before[0].post",
        "IO-1",
    ),
    ("sex-value", with_(VC, people={"A": {"sex": "female"}}), "people.A.sex", "IO-1"),
    ("ineligible-value", with_(VC, people={"A": {"ineligible": 1}}), "people.A.ineligible", "IO-1"),
    ("party-secretary-not-text", with_(VC, party_secretary=7), "party_secretary", "IO-1"),
    ("assembly-value", with_(SUP, assembly="members"), "assembly", "IO-1"),
    ("voting-members-required-gtzx", with_(PARTY, profile="GTZX"), "voting_members", "IO-1"),
    ("party-missing-present", with_(PARTY, present=DROP), "present", "IO-1"),
    ("barred-twice", with_(SUP, barred=["X", "X"]), "barred[1]", "IO-1"),
]


@pytest.mark.parametrize(
    ("data", "field", "rule"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_io_1_contest_cannot_be_counted(data: dict[str, Any], field: str, rule: str) -> None:
    with pytest.raises(ContestError) as raised:
        parse_contest(data)
    error = raised.value
    assert (error.field, error.rule) == (field, rule)
    assert error.line == f"字段 {field}: {error.message} ({rule})"
    assert str(error) == error.line
    assert error.message and error.message.isascii() is False
    assert isinstance(error, RuleViolation) and error.rule_id == rule


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (with_(VC, profile="PB_2020"), "不适用于村民委员会选举，请改用村民委员会规则"),
        (with_(PARTY, profile="ZJ_2020"), "不适用于村党组织选举，请改用党组织规则"),
    ],
    ids=["party-profile-vc-body", "vc-profile-party-body"],
)
def test_io_1_profile_of_another_body_is_named_in_chinese(data: dict[str, Any], says: str) -> None:
    with pytest.raises(ContestError) as raised:
        parse_contest(data)
    assert says in raised.value.message
    assert str(data["body"]) not in raised.value.message


def test_io_1_top_level_must_be_an_object() -> None:
    with pytest.raises(ContestError):
        parse_contest([1, 2])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [
        with_(VC, ballots_collected=801),
        with_(VC, ballots_issued=800, ballots_collected=801),
        with_(PARTY, ballots_collected=33),
    ],
    ids=["collected-over-participants", "collected-over-issued", "party-collected-over-present"],
)
def test_vc_tally_2_more_ballots_collected_is_lawful_void_not_an_error(
    data: dict[str, Any],
) -> None:
    parse_contest(data)
