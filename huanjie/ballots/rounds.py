"""The next step after a count, created by the system in the count's transaction (issue 10).

The outcome's `next` (tally-io.md) decides: `revote` and `new_meeting` hold the same round again;
`tie_revote` opens a round for the tied persons only and the seats under the tie (VC-TALLY-6);
`supplementary_round` opens a 另行选举 for the seats still open, with the persons not elected
in order of their votes in the round that left the seats open (VC-TALLY-7: seats +
`supp.extra_candidates_per_post` per post) and its latest day (`supp.max_days_after`);
`complete` opens nothing. Seats left open before a tie re-vote wait for the 另行选举 after it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.ballots.contest import ENGINE_ROUND, link_of
from huanjie.ballots.models import RoundLink, RoundResult, StepKind, TallySheet
from huanjie.elections.models import Election, ElectionSeat, ElectionStatus, Round
from huanjie.rules.profiles.profile import load_profile

if TYPE_CHECKING:
    from huanjie.accounts.models import User

NEXT_ROUND_CREATE = AuditAction("ballots.next_round_create", "按计票结果建立下一轮选举")

ROUND_OF_STEP = {
    StepKind.REVOTE: Round.REVOTE,
    StepKind.NEW_MEETING: Round.REVOTE,
    StepKind.TIE_REVOTE: Round.TIE_REVOTE,
    StepKind.SUPPLEMENTARY: Round.SUPPLEMENTARY,
}


@dataclass(frozen=True)
class Plan:
    """What the next round is: its kind, seats, and its contest's fixed parts."""

    kind: StepKind
    seats: dict[str, int]
    engine_round: str
    tie_of: str = ""
    candidates: dict[str, list[str]] = field(default_factory=dict)
    elected_before: list[dict[str, str]] = field(default_factory=list)
    pending_unfilled: dict[str, int] = field(default_factory=dict)
    deadline: date | None = None


def next_plan(election: Election, result: RoundResult, day: date) -> Plan | None:
    """The round the outcome calls for (None when the election is complete)."""
    outcome, contest = result.outcome, result.contest
    link = link_of(election)
    this_round = link.engine_round if link else ENGINE_ROUND[Round(election.round)]
    pending: dict[str, int] = dict(link.pending_unfilled) if link else {}
    before: list[dict[str, str]] = list(contest.get("elected_before", []))
    step = outcome["next"]
    if step in (StepKind.REVOTE, StepKind.NEW_MEETING):
        # The vote itself is void: the same round again, on the same terms.
        return Plan(
            kind=StepKind(step),
            seats=dict(contest["seats"]),
            engine_round=this_round,
            tie_of=link.tie_of if link else "",
            candidates=dict(contest.get("candidates", {})),
            elected_before=before,
            pending_unfilled=pending,
        )
    now_elected = before + [{"person": e["person"], "post": e["post"]} for e in outcome["elected"]]
    if step == StepKind.TIE_REVOTE:
        seats: Counter[str] = Counter()
        candidates: dict[str, list[str]] = {}
        for group in outcome["tie_revote"]:
            seats[group["post"]] += group["seats"]
            candidates.setdefault(group["post"], []).extend(group["persons"])
        tie_of = link.tie_of if this_round == "tie_revote" and link else this_round
        return Plan(
            kind=StepKind.TIE_REVOTE,
            seats=dict(seats),
            engine_round="tie_revote",
            tie_of=tie_of,
            candidates={post: sorted(set(names)) for post, names in candidates.items()},
            elected_before=now_elected,
            pending_unfilled=_plus(pending, outcome["unfilled"]),
        )
    open_seats = _plus(pending, outcome["unfilled"])
    # A tie re-vote decides only its own seats: seats left open before it still go to the
    # 另行选举 once it is over.
    if step == StepKind.SUPPLEMENTARY or (step == "complete" and pending):
        profile = load_profile(contest["profile"], contest.get("profile_overrides"))
        extra = _int_param(profile, "supp.extra_candidates_per_post", 1)
        days = _int_param(profile, "supp.max_days_after", 30)
        ranked = _ranking_round(election, result)
        taken = {seat["person"] for seat in now_elected}
        voided = {v["person"] for v in ranked.outcome["voided"]}
        candidates = {
            post: _most_votes(ranked.contest["votes"].get(post, {}), taken | voided, n + extra)
            for post, n in open_seats.items()
        }
        return Plan(
            kind=StepKind.SUPPLEMENTARY,
            seats=open_seats,
            engine_round="supplementary",
            candidates={post: names for post, names in candidates.items() if names},
            elected_before=now_elected,
            deadline=day + timedelta(days=days),
        )
    return None


def create_next_round(
    election: Election, result: RoundResult, day: date, actor: User | None
) -> Election | None:
    """The next round as an election with its seats and RoundLink; in the caller's transaction."""
    plan = next_plan(election, result, day)
    if plan is None:
        return None
    numbers = Election.objects.filter(plan=election.plan, body=election.body)
    number = (numbers.aggregate(n=Max("round_number"))["n"] or 1) + 1
    # A tie re-vote is held at the same meeting; the other rounds get their own day.
    same_day = plan.kind == StepKind.TIE_REVOTE and election.election_day is not None
    following = Election.objects.create(
        plan=election.plan,
        body=election.body,
        round=ROUND_OF_STEP[plan.kind],
        round_number=number,
        method=election.method,
        election_day=election.election_day if same_day else None,
        status=ElectionStatus.SCHEDULED if same_day else ElectionStatus.PLANNED,
    )
    ElectionSeat.objects.bulk_create(
        [ElectionSeat(election=following, post=post, seats=n) for post, n in plan.seats.items()]
    )
    link = RoundLink.objects.create(
        election=following,
        previous=election,
        kind=plan.kind,
        engine_round=plan.engine_round,
        tie_of=plan.tie_of,
        candidates=plan.candidates,
        elected_before=plan.elected_before,
        pending_unfilled=plan.pending_unfilled,
        deadline=plan.deadline,
    )
    record_audit(
        actor=actor,
        action=NEXT_ROUND_CREATE,
        target=following,
        after=_link_view(link, plan.seats),
        village=election.plan.village,
    )
    return following


def withdraw_round(following: Election, *, started: str, in_use: str, code: str) -> int:
    """Remove a round the count created (reopening its result, or reducing the seats instead of
    its 另行选举), unless work has started in it: its sheets, its result or a round after it
    (`started`), or another record that protects it (`in_use`); both formatted with
    `following`, refused with `code`. Its primary key, for the audit entry."""
    if (
        TallySheet.objects.filter(election=following).exists()
        or RoundResult.objects.filter(election=following).exists()
        or RoundLink.objects.filter(previous=following).exists()
    ):
        raise ValidationError(started.format(following=following), code=code)
    pk = following.pk
    try:
        with transaction.atomic():
            following.delete()
    except ProtectedError as exc:
        raise ValidationError(in_use.format(following=following), code=code) from exc
    return pk


def _ranking_round(election: Election, result: RoundResult) -> RoundResult:
    """The round whose totals rank the 另行选举's candidates: this one, or, after a tie
    re-vote, the round that produced the tie (a tie re-vote only lists the tied)."""
    current, current_result = election, result
    while (link := link_of(current)) is not None and link.engine_round == "tie_revote":
        earlier = RoundResult.objects.filter(election=link.previous).first()
        if earlier is None:
            break
        current, current_result = link.previous, earlier
    return current_result


def _most_votes(votes: dict[str, int], excluded: set[str], n: int) -> list[str]:
    ranked = sorted(
        ((name, v) for name, v in votes.items() if name not in excluded and v > 0),
        key=lambda item: (-item[1], item[0]),
    )
    return [name for name, _ in ranked[:n]]


def _plus(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    total = Counter(a)
    total.update(b)
    return {post: n for post, n in total.items() if n > 0}


def _int_param(profile: Any, name: str, default: int) -> int:
    return profile.get_int(name) if profile.has(name) else default


def _link_view(link: RoundLink, seats: dict[str, int]) -> dict[str, object]:
    return {
        "kind": link.kind,
        "previous": link.previous_id,
        "seats": seats,
        "round": link.engine_round,
        "tie_of": link.tie_of,
        "candidates": link.candidates,
        "elected_before": link.elected_before,
        "pending_unfilled": link.pending_unfilled,
        "deadline": link.deadline.isoformat() if link.deadline else None,
    }
