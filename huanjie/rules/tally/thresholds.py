"""Whether the vote stands (turnout or quorum, then reconciliation) and the bar to win.

tally-io.md rules 1 and 2. Every test is integer arithmetic (rules.md §0.3): "more than half"
is `2x > n`, "at least a third" `3x >= n`, "at least two thirds" `3x >= 2n`. The tests branch on
the profile and the round, never on a count, so `checks` and `bar` also run elementwise on a
contest whose counts are numpy arrays (huanjie.bulk.tally, one village per element).
"""

from __future__ import annotations

from dataclasses import dataclass

from huanjie.rules.tally.contest import ElectionContest
from huanjie.rules.tally.model import Assembly, Body, Round
from huanjie.rules.tally.outcome import Next


@dataclass(frozen=True, slots=True)
class Validity:
    applied: tuple[str, ...]  # the rules checked, in order
    failed: str | None = None  # the rule that voids the vote
    next: Next | None = None


def _known(value: int | None) -> int:
    assert value is not None, "parse_contest guarantees the body's head counts"
    return value


def validity(contest: ElectionContest) -> Validity:
    """Turnout or quorum first, then reconciliation of the ballots collected."""
    applied: list[str] = []
    for rule, passed, next_step in checks(contest):
        applied.append(rule)
        if not passed:
            return Validity(tuple(applied), rule, next_step)
    return Validity(tuple(applied))


Check = tuple[str, bool, Next]


def checks(contest: ElectionContest) -> tuple[Check, ...]:
    """The tests that decide whether the vote stands, in the order they apply: (rule, passed,
    the next step when it fails). The first that fails voids the vote (`validity`)."""
    return (*_attendance(contest), _reconciliation(contest))


def _attendance(contest: ElectionContest) -> tuple[Check, ...]:
    body, present = contest.body, contest.present
    if body is Body.VILLAGERS_COMMITTEE:
        if contest.bar_round is Round.SUPPLEMENTARY and not contest.rules.supp_requires_turnout:
            return ()
        turnout = 2 * _known(contest.participants) > _known(contest.registered)
        return (("VC-TALLY-1", turnout, Next.REVOTE),)
    if body is Body.PARTY_ORGANIZATION and contest.plenary:
        # PB-QUORUM-3: a share of the committee's members, reached at exactly the share (>=).
        share, members = contest.rules.plenary_quorum, _known(contest.should_attend)
        quorum = share.denominator * _known(present) >= share.numerator * members
        return (("PB-QUORUM-3", quorum, Next.NEW_MEETING),)
    if body is Body.PARTY_ORGANIZATION:
        rules = contest.rules
        base = _known(
            contest.voting_members
            if rules.quorum_base == "all_voting_members"
            else contest.should_attend
        )
        fraction = rules.quorum_fraction
        lhs, rhs = fraction.denominator * _known(present), fraction.numerator * base
        quorum = lhs >= rhs if rules.quorum_cmp == ">=" else lhs > rhs
        return (("PB-QUORUM-1", quorum, Next.NEW_MEETING),)
    size = _known(contest.assembly_size)
    if body is Body.SUPERVISION_COMMITTEE and contest.assembly is Assembly.VILLAGERS:
        return (("REP-2", 2 * _known(present) > size, Next.REVOTE),)
    return ((assembly_rule(contest), 3 * _known(present) >= 2 * size, Next.REVOTE),)


def assembly_rule(contest: ElectionContest) -> str:
    """The quorum and decision rule of a supervision or cooperative assembly."""
    representatives = contest.assembly is Assembly.REPRESENTATIVES
    if contest.body is Body.SUPERVISION_COMMITTEE:
        return "REP-5" if representatives else "REP-2"
    return "CEO-3" if representatives else "CEO-2"


def _reconciliation(contest: ElectionContest) -> Check:
    # Not above the ballots issued, nor above the voters (written with `&`, not `min`, so
    # that it holds elementwise too).
    collected, issued = contest.ballots_collected, contest.ballots_issued
    if contest.body is Body.VILLAGERS_COMMITTEE:
        voters = _known(contest.participants)
        return ("VC-TALLY-2", (collected <= issued) & (collected <= voters), Next.REVOTE)
    present = _known(contest.present)
    if contest.body is Body.PARTY_ORGANIZATION and contest.rules.reconcile_against == "issued":
        return ("PB-BALLOT-1", collected <= issued, Next.REVOTE)
    rule = "PB-BALLOT-1" if contest.body is Body.PARTY_ORGANIZATION else "VC-TALLY-2"
    return (rule, (collected <= issued) & (collected <= present), Next.REVOTE)


@dataclass(frozen=True, slots=True)
class Bar:
    votes: int | None  # least votes that win; None: a tie re-vote without a bar
    rule: str


def bar(contest: ElectionContest) -> Bar:
    """The bar of this round (tally-io.md rule 2), the same for every post."""
    round_ = contest.bar_round
    if contest.round is Round.TIE_REVOTE:
        tie = "PB-WIN-2" if contest.body is Body.PARTY_ORGANIZATION else "VC-TALLY-6"
        if not contest.rules.tie_revote_requires_majority:
            return Bar(None, tie)
        return Bar(_origin_bar(contest, round_).votes, tie)
    return _origin_bar(contest, round_)


def _more_than_half(base: int) -> int:
    return base // 2 + 1  # least v with 2v > base


def _at_least(numerator: int, denominator: int, base: int) -> int:
    return -(-numerator * base // denominator)  # least v with denominator·v >= numerator·base


def _origin_bar(contest: ElectionContest, round_: Round) -> Bar:
    body = contest.body
    if body is Body.VILLAGERS_COMMITTEE:
        if round_ is Round.SUPPLEMENTARY:
            return Bar(_at_least(1, 3, contest.ballots_collected), "VC-TALLY-7")
        base = (
            contest.ballots_collected
            if contest.rules.win_base == "ballots_collected"
            else _known(contest.participants)
        )
        return Bar(_more_than_half(base), "VC-TALLY-5")
    if body is Body.PARTY_ORGANIZATION:
        present = contest.rules.win_base == "present"
        base = _known(contest.present if present else contest.should_attend)
        return Bar(_more_than_half(base), "PB-WIN-1")
    if body is Body.SUPERVISION_COMMITTEE:
        return Bar(_more_than_half(_known(contest.present)), assembly_rule(contest))
    return Bar(_at_least(2, 3, _known(contest.assembly_size)), assembly_rule(contest))
