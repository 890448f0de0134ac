"""The engine's checks on what a box brings to a round, shared by every way a box is counted
(a tally sheet entered twice, `services`; a box counted ballot by ballot, `ballot_mode`) and by
the round's sum (`selectors.accepted_numbers`): the numbers' shape, the box as a contest of its
own, the round's total, and the engine's classification of a box's ballots. A check refuses
with the engine's rule and message; nothing here writes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from huanjie.ballots import messages as msg
from huanjie.ballots.contest import Numbers, contest_json, seats_of
from huanjie.ballots.voters import name_facts
from huanjie.elections.models import Election, Post
from huanjie.rules.tally import ContestError, ElectionContest, count, parse_contest
from huanjie.rules.tally.ballots import classify
from huanjie.rules.tally.explain_checks import reconciliation

TURNOUT = "VC-TALLY-1"
# A box's own count is no meeting: quorum is the round's business (REP-2/5, CEO-2/3).
QUORUM = (TURNOUT, "REP-2", "REP-5", "CEO-2", "CEO-3", "PB-QUORUM-1")
# A ballot's mark beside a printed candidate (the table's words for them: `ballot_mode.MARKS`).
FOR, AGAINST, ABSTAIN = "for", "against", "abstain"


@dataclass
class BallotInput:
    """One collected ballot as marked: {post: [[name, mark], …]}, or a declared invalidity."""

    marks: dict[str, list[list[str]]] = field(default_factory=dict)
    invalid: str = ""

    def engine_ballot(self) -> dict[str, Any]:
        """The ballot as tally-io.md's ballot mode reads it: only the yes marks are listed."""
        if self.invalid:
            return {"invalid": self.invalid}
        return {
            post: [name for name, mark in pairs if mark == FOR]
            for post, pairs in self.marks.items()
        }


def refusal(error: ContestError, round_total: bool = False) -> ValidationError:
    what = msg.ROUND_TOTAL.format(what=error.message) if round_total else error.message
    return ValidationError(msg.REFUSAL.format(what=what, rule=error.rule), code=error.rule)


def check_shape(election: Election, numbers: Numbers) -> None:
    """What is no number's business: posts of this election, a name once per section, blank
    ballots among the invalid ones."""
    seats = seats_of(election)
    labels = dict(Post.choices)
    for post, persons in numbers.votes.items():
        if post not in seats:
            posts = "、".join(str(labels[p]) for p in seats)
            raise ValidationError(msg.UNKNOWN_POST.format(post=post, posts=posts), code="post")
        if any(not name.strip() for name in persons):
            raise ValidationError(msg.NAME_EMPTY, code="name")
    if numbers.blank_ballots > numbers.invalid_ballots:
        raise ValidationError(
            msg.BLANK_OVER_INVALID.format(
                blank=numbers.blank_ballots, invalid=numbers.invalid_ballots
            ),
            code="IO-1",
        )


def check_box(election: Election, numbers: Numbers) -> None:
    """The entry as a contest of its own box: every ballot issued there went to one voter who
    came there (turnout is the round's business, so the box's voters are its participants)."""
    people = name_facts(election, numbers.names)
    data = contest_json(
        election, numbers, registered=numbers.ballots_issued, people=people, box_only=True
    )
    contest = _box_contest(data)
    outcome = count(contest)
    # Turnout is the round's business (a box of nobody, e.g. a mobile box unused in a tie
    # re-vote, is no void vote); reconciliation is the box's.
    if not outcome.valid and outcome.rule is not None and outcome.rule not in QUORUM:
        sentence = reconciliation(contest)
        # The engine's sentence names the rule already.
        raise ValidationError(f"{sentence}。请核对本票箱的数字", code=outcome.rule)


def _box_contest(data: Mapping[str, object]) -> ElectionContest:
    """One box as the engine reads it, or the engine's refusal."""
    try:
        contest = parse_contest(data)
    except ContestError as error:
        raise refusal(error) from error
    assert isinstance(contest, ElectionContest)  # a villagers' committee contest
    return contest


def check_round(election: Election, total: Numbers, registered: int) -> None:
    try:
        people = name_facts(election, total.names)
        parse_contest(contest_json(election, total, registered=registered, people=people))
    except ContestError as error:
        raise refusal(error, round_total=True) from error


def classify_box(
    election: Election, issued: int, ballots: list[BallotInput]
) -> tuple[Numbers, dict[str, int]]:
    """The engine's classification of a box's ballots, as the box's tally-sheet numbers."""
    engine_ballots = [ballot.engine_ballot() for ballot in ballots]
    names = {
        name
        for ballot in engine_ballots
        if "invalid" not in ballot
        for p in ballot.values()
        for name in p
    }
    shell = Numbers(issued, len(ballots), 0, 0)
    data = contest_json(election, shell, registered=issued, people=name_facts(election, names))
    for key in ("votes", "invalid_ballots", "invalid_by_rule"):
        data.pop(key, None)
    data["ballots"] = engine_ballots
    contest = _box_contest(data)
    sheet = classify(contest)
    by_rule = dict(sheet.invalid_by_rule)
    invalid = sum(by_rule.values())
    votes = {
        str(post.value): {name: n for name, n in sorted(persons.items())}
        for post, persons in sheet.votes.items()
        if persons
    }
    blank = by_rule.get("INVALID-BLANK", 0)
    return Numbers(issued, len(ballots), invalid, blank, votes, by_rule=by_rule), by_rule
