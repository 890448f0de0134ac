"""Reads of boxes, sheets and results. Callers have passed the village's gate."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from django.db.models import QuerySet

from huanjie.ballots import party, party_contest, party_seats
from huanjie.ballots.assemblies import post_label
from huanjie.ballots.ballot_models import BallotRecord
from huanjie.ballots.checks import BallotInput, classify_box
from huanjie.ballots.contest import ZERO, Numbers
from huanjie.ballots.models import (
    Box,
    Reopening,
    RoundLink,
    RoundResult,
    SeatReduction,
    SheetEntry,
    TallySheet,
)
from huanjie.elections.models import Election, OfficeHolder, Post
from huanjie.rules.party.seats import RULE as SEATS_RULE
from huanjie.rules.tally import ElectionContest, Next, count
from huanjie.rules.tally.explain import explain
from huanjie.rules.tally.text import recount

FIELDS = (
    ("ballots_issued", "发出选票"),
    ("ballots_collected", "收回选票"),
    ("invalid_ballots", "无效票"),
    ("blank_ballots", "其中空白票"),
    ("present", "实到会人数"),
)
POST_LABELS = dict(Post.choices)


def numbers_of(entry: SheetEntry) -> Numbers:
    return Numbers(
        entry.ballots_issued,
        entry.ballots_collected,
        entry.invalid_ballots,
        entry.blank_ballots,
        {post: dict(persons) for post, persons in entry.votes.items()},
        entry.present,
    )


def accepted_numbers(election: Election, exclude_box: Box | None = None) -> Numbers:
    """The sum of the round's accepted sheets (both entries agree: the first one is read)."""
    sheets = TallySheet.objects.filter(election=election, accepted_at__isnull=False)
    if exclude_box is not None:
        sheets = sheets.exclude(box=exclude_box)
    ballots = _ballots_by_box(election, sheets)
    total = ZERO
    for sheet in sheets.prefetch_related("entries"):
        numbers = numbers_of(min(sheet.entries.all(), key=lambda e: e.pk))
        if sheet.box_id in ballots:
            # A box counted ballot by ballot: its invalid ballots by the engine's rules,
            # classified again from its stored ballots (a sheet states only blank and
            # otherwise invalid).
            _, by_rule = classify_box(election, numbers.ballots_issued, ballots[sheet.box_id])
            numbers = replace(numbers, by_rule=by_rule)
        total = total + numbers
    return total


def _ballots_by_box(
    election: Election, sheets: QuerySet[TallySheet]
) -> dict[int, list[BallotInput]]:
    """The stored ballots of these sheets' boxes, in one query: each box's in the order of
    their random keys (never the order of entry)."""
    records = BallotRecord.objects.filter(election=election, box__in=sheets.values("box"))
    by_box: dict[int, list[BallotInput]] = {}
    for box_id, marks, invalid in records.order_by("id").values_list("box_id", "marks", "invalid"):
        by_box.setdefault(box_id, []).append(BallotInput(marks=marks, invalid=invalid))
    return by_box


def mismatches(a: SheetEntry, b: SheetEntry) -> list[tuple[str, str, str]]:
    """Where two entries differ, field by field: (what, first entry, second entry)."""
    rows = [
        (label, _shown(getattr(a, key)), _shown(getattr(b, key)))
        for key, label in FIELDS
        if getattr(a, key) != getattr(b, key)
    ]
    for post in sorted(set(a.votes) | set(b.votes), key=list(POST_LABELS).index):
        first, second = a.votes.get(post, {}), b.votes.get(post, {})
        for name in sorted(set(first) | set(second)):
            if first.get(name) != second.get(name):
                what = f"{POST_LABELS[post]} {name} 得票"
                rows.append((what, _shown(first.get(name)), _shown(second.get(name))))
    return rows


def _shown(value: int | None) -> str:
    return "未填" if value is None else str(value)


@dataclass
class BoxRow:
    box: Box
    sheet: TallySheet | None
    entries: list[SheetEntry] = field(default_factory=list)
    mismatches: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def state(self) -> str:
        if self.sheet is not None and self.sheet.accepted_at is not None:
            return "已核对一致"
        if len(self.entries) == 2:
            return "两次录入不一致"
        if len(self.entries) == 1:
            return "待第二人录入"
        return "未录入"


@dataclass
class ResultView:
    result: RoundResult
    lines: list[str]
    elected: list[dict[str, object]]


@dataclass
class RoundView:
    rows: list[BoxRow]
    result: ResultView | None
    link: RoundLink | None = None
    following: RoundLink | None = None
    rounds: list[Election] = field(default_factory=list)
    holders: list[OfficeHolder] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    reopenings: list[Reopening] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(1 for row in self.rows if row.state == "已核对一致")

    @property
    def certified(self) -> bool:
        return self.result is not None and self.result.result.certified


def round_view(election: Election) -> RoundView:
    view = _sheets_view(election)
    view.link = RoundLink.objects.filter(election=election).first()
    view.following = RoundLink.objects.filter(previous=election).select_related("election").first()
    view.rounds = list(
        Election.objects.filter(plan=election.plan, body=election.body).order_by("round_number")
    )
    view.holders = list(
        OfficeHolder.objects.filter(election=election).select_related("person").order_by("id")
    )
    if view.result is not None:
        recorded = {h.person.name for h in view.holders}
        view.unmatched = [
            e["person"]
            for e in view.result.result.outcome["elected"]
            if e["person"] not in recorded
        ]
    view.reopenings = list(
        Reopening.objects.filter(election=election).select_related("reopened_by")
    )
    return view


def _sheets_view(election: Election) -> RoundView:
    if party_contest.is_party(election):  # a meeting: its central venue only
        boxes = list(party.meeting_boxes(election))
    else:
        boxes = list(Box.objects.filter(village=election.plan.village))
    sheets = {
        sheet.box_id: sheet
        for sheet in TallySheet.objects.filter(election=election).prefetch_related("entries__clerk")
    }
    rows = []
    for box in boxes:
        sheet = sheets.get(box.pk)
        entries = sorted(sheet.entries.all(), key=lambda e: e.pk) if sheet else []
        differences = mismatches(*entries) if len(entries) == 2 else []
        rows.append(BoxRow(box, sheet, entries, differences))
    return RoundView(rows, result_view(election))


def result_view(election: Election) -> ResultView | None:
    result = RoundResult.objects.filter(election=election).select_related("certified_by").first()
    if result is None:
        return None
    # Shown as `huanjie tally` re-counts the stored contest: the page and a reviewer agree.
    contest, outcome = recount(contest_text(result), "contest")
    if isinstance(contest, ElectionContest) and party_contest.plenary_root(election) is not None:
        # The committee plenary in its own words (PB-QUORUM-3, 委员会委员): the stored JSON
        # says it with the contract's quorum and the same numbers (party_contest).
        contest = replace(contest, plenary=True)
        outcome = count(contest)
    elected = [  # a post's name on its body (主任; 理事长, 监事长 …)
        {"post": post_label(election.body, e.post), "person": e.person, "votes": e.votes}
        for e in outcome.elected
    ]
    reduction = (
        SeatReduction.objects.filter(result=result).first()
        if party_contest.is_party(election)
        else None
    )
    if reduction is None:
        return ResultView(result, explain(contest, outcome), elected)
    # The meeting reduced the seats instead of the 另行选举 (PB-WIN-3): the count's next step and
    # its warning that offered the choice are settled by the decision, said in their place.
    settled = replace(
        outcome,
        next=Next.COMPLETE,
        warnings=tuple(w for w in outcome.warnings if w.rule != SEATS_RULE),
    )
    lines = explain(contest, settled)
    step = next((i for i, line in enumerate(lines) if line.startswith("下一步：")), len(lines))
    lines.insert(step, f"{party_seats.decision_words(reduction)}（{SEATS_RULE}）")
    return ResultView(result, lines, elected)


def contest_text(result: RoundResult) -> bytes:
    """The stored contest as the JSON file `huanjie tally` reads."""
    return json.dumps(result.contest, ensure_ascii=False, indent=2).encode()


def entry_by(sheet: TallySheet | None, user_id: int) -> SheetEntry | None:
    if sheet is None:
        return None
    return sheet.entries.filter(clerk_id=user_id).first()
