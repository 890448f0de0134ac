"""`count`: the counting pipeline of tally-io.md rule 1, for every body.

Turnout or quorum → reconciliation → classification → thresholds → ties → voiding with refill
→ women's seat → vacancies. Never raises for a lawful outcome, a void vote included.
"""

from __future__ import annotations

from types import MappingProxyType

from huanjie.rules.tally.ballots import count_votes, tie_rule
from huanjie.rules.tally.contest import Contest, ElectionContest, RecallContest
from huanjie.rules.tally.outcome import Next, Outcome
from huanjie.rules.tally.thresholds import bar, validity
from huanjie.rules.tally.vacancies import vacancies
from huanjie.rules.tally.voiding import seat
from huanjie.rules.tally.women import women_seat, women_warning

REC_2 = "REC-2"


def count(contest: Contest) -> Outcome:
    """Count one parsed contest (see `parse_contest`)."""
    if isinstance(contest, RecallContest):
        return _recall(contest)
    return _election(contest)


def _recall(contest: RecallContest) -> Outcome:
    """REC-2: more than half of the registered vote, and more than half of them approve."""
    if not 2 * contest.participants > contest.registered:
        return Outcome(valid=False, rule=REC_2, reasons=(REC_2,))
    return Outcome(valid=True, reasons=(REC_2,), recalled=2 * contest.yes > contest.participants)


def _election(contest: ElectionContest) -> Outcome:
    checked = validity(contest)
    if checked.failed is not None:
        return Outcome(valid=False, rule=checked.failed, next=checked.next, reasons=checked.applied)
    tally = count_votes(contest)
    round_bar = bar(contest)
    seating = seat(contest, tally.votes, round_bar.votes)
    women = women_seat(contest, seating)
    seating = women.seating
    open_seats = vacancies(contest, seating)
    warnings = [
        warning
        for warning in (
            women_warning(contest, women.has_woman, open_seats.next is Next.SUPPLEMENTARY_ROUND),
            open_seats.warning,
        )
        if warning is not None
    ]
    reasons = [*checked.applied, *tally.reasons, round_bar.rule]
    if any(tie.persons for tie in seating.ties):
        reasons.append(tie_rule(contest.body))
    reasons += seating.reasons
    if open_seats.reason is not None:
        reasons.append(open_seats.reason)
    threshold = None if round_bar.votes is None else max(round_bar.votes, 1)
    return Outcome(
        valid=True,
        threshold=MappingProxyType(dict.fromkeys(contest.seats, threshold)),
        elected=seating.elected,
        voided=seating.voided,
        unfilled=open_seats.unfilled,
        tie_revote=seating.ties,
        next=open_seats.next,
        invalid_by_rule=tally.invalid_by_rule,
        warnings=tuple(warnings),
        reasons=tuple(dict.fromkeys(reasons)),
        valid_ballots=tally.valid,
        tallies=seating.rankings,
    )
