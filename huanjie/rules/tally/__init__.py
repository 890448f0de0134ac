"""The counting engine (tally-io.md): `parse_contest` a contest, `count` it, `to_dict` the outcome.

contest = parse_contest(data)   # raises ContestError(field, message, rule)
outcome = count(contest)        # never raises for a lawful outcome
outcome.to_dict()               # the JSON object of tally-io.md "Outcome"
"""

from huanjie.rules.tally.contest import (
    Ballot,
    Contest,
    EarlierSeat,
    ElectionContest,
    PersonFacts,
    RecallContest,
)
from huanjie.rules.tally.count import count
from huanjie.rules.tally.counting_rules import CountingRules
from huanjie.rules.tally.model import Assembly, Body, ContestError, Post, Round, Sex
from huanjie.rules.tally.outcome import Elected, Next, Outcome, TallyWarning, TieRevote, Voided
from huanjie.rules.tally.parse import parse_contest

__all__ = [
    "Assembly",
    "Ballot",
    "Body",
    "Contest",
    "ContestError",
    "CountingRules",
    "EarlierSeat",
    "Elected",
    "ElectionContest",
    "Next",
    "Outcome",
    "PersonFacts",
    "Post",
    "RecallContest",
    "Round",
    "Sex",
    "TallyWarning",
    "TieRevote",
    "Voided",
    "count",
    "parse_contest",
]
