"""Party-organization elections (党组织换届) counted from tally sheets (issue 10).

The members' meeting (党员大会) is held in one room: its sheet is the central venue's, with the
voting members present beside the ballots (PB-QUORUM-1, PB-RIGHTS-3: no proxy, no mobile box).
The engine decides quorum, reconciliation (PB-BALLOT-*) and the winners (PB-WIN-*); the rounds it
calls for are created by huanjie.ballots.rounds as for the villagers' committee. When the
committee is complete and the secretary and deputy are the committee's to elect (PB-SEC-1), the
system creates the committee's first plenary (一届一次全委会) with the new committee as its only
candidates; its later rounds follow the same rules. The finished result waits for the
higher-level party committee's approval (PB-WIN-4, 报上级党委审批): only the recorded approval
(who, date, document number) makes the elected office holders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from huanjie.accounts.policy import Capability, can_change_in
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.ballots import party_contest as pc
from huanjie.ballots.contest import Numbers, link_of
from huanjie.ballots.models import (
    Box,
    BoxKind,
    PartyApproval,
    RoundLink,
    RoundResult,
    SeatReduction,
    StepKind,
)
from huanjie.elections.models import (
    Election,
    ElectionSeat,
    ElectionStatus,
    OfficeHolder,
    Round,
)
from huanjie.elections.services import office_holder_record
from huanjie.people.models import PartyMembership
from huanjie.rules.timeline.periods import add_years

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

PLENARY_CREATE = AuditAction("ballots.plenary_create", "委员会选出，建立一届一次全委会")
APPROVAL_RECORD = AuditAction("ballots.party_approval", "录入上级党委对选举结果的批复")

NO_PRESENT = (
    "请填写实到会的有表决权党员人数（党员大会）或实到会委员人数（全委会）："
    "是否达到法定人数由它判断（{rule}）。"
)
NOT_CENTRAL = (
    "党内选举在会场集中投票，不设流动票箱、不得委托投票（PB-RIGHTS-3）：请录入“{box}”以外的"
    "中心会场票箱的计票单；如还没有，请先设立类别为“中心会场”的票箱。"
)
NO_CENTRAL = (
    "本村还没有类别为“中心会场”的票箱：党员大会和全委会的计票单录入中心会场票箱，请先设立。"
)
NOT_COMMITTEE = (
    "“{name}”不是新当选的委员：全委会只能从新当选的委员中选举书记、副书记，"
    "其他人的得票不计（PB-BALLOT-5）；请把这一行删去（该选票其余部分仍有效）。"
)
NOT_A_RECORDER = "上级党委的批复只能由本乡镇（街道）的乡镇干部录入。"
NOT_FINISHED = (
    "{election}还没有产生最终结果（须计出结果且无须再投票），不能录入上级党委批复（PB-WIN-4）。"
)
NOT_FINAL_STAGE = (
    "上级党委审批的是书记、副书记的选举结果：请在一届一次全委会（或其后各轮）录入批复。"
)
ALREADY_APPROVED = "{election}的选举结果已于{day}由{approver}批复（{number}），无需再录入。"
APPROVER_EMPTY = "请填写批准机关，如“中共某某镇委员会”。"
NUMBER_EMPTY = "请填写批复文号，如“某党〔2026〕12号”。"
DAY_EARLY = "批复日期{day}早于选举日{counted}：请核对批复文件上的日期。"
DAY_FUTURE = "批复日期{day}晚于今天：请在收到批复后再录入。"
APPROVED_LOCKED = (
    "本次党组织换届的选举结果已经上级党委批复（{number}），不能重新开启；"
    "如需更正，请先报上级党委撤销批复。"
)


def meeting_boxes(election: Election) -> QuerySet[Box]:
    """The boxes a party round is counted from: the village's central venue(s)."""
    return Box.objects.filter(village=election.plan.village, kind=BoxKind.CENTRAL)


def check_entry(election: Election, box: Box, numbers: Numbers) -> None:
    """What a party sheet must say before the engine sees it."""
    plenary = pc.plenary_root(election)
    if box.kind != BoxKind.CENTRAL:
        raise ValidationError(NOT_CENTRAL.format(box=box.name), code="PB-RIGHTS-3")
    if numbers.present is None:
        rule = "PB-QUORUM-3" if plenary is not None else "PB-QUORUM-1"
        raise ValidationError(NO_PRESENT.format(rule=rule), code=rule)
    if plenary is not None:
        committee = set(pc.committee_of(plenary))
        for name in sorted(numbers.names - committee):
            raise ValidationError(NOT_COMMITTEE.format(name=name), code="PB-BALLOT-5")


def after_count(election: Election, result: RoundResult, actor: User | None) -> Election | None:
    """After a complete members' meeting whose plenary elects the officers: the plenary,
    created by the system in the count's transaction (PB-SEC-1), or in the transaction that
    records the meeting's decision to reduce the seats (PB-WIN-3)."""
    if not final(result) or pc.plenary_root(election) is not None:
        return None
    if RoundLink.objects.filter(previous=election).exists():
        return None  # a 另行选举 for seats left open before a tie re-vote comes first
    officers = pc.officer_seats(election)
    first = _first_round(election)
    if not officers or not pc.by_plenary(first, {s.post: s.seats for s in first.seats.all()}):
        return None
    committee = sorted(_elected_names(election, result))
    number = (
        Election.objects.filter(plan=election.plan, body=election.body).aggregate(
            n=Max("round_number")
        )["n"]
        or 1
    ) + 1
    plenary = Election.objects.create(
        plan=election.plan,
        body=election.body,
        round=Round.PLENARY,
        round_number=number,
        method=election.method,
        election_day=election.election_day,  # usually held right after the members' meeting
        status=ElectionStatus.SCHEDULED if election.election_day else ElectionStatus.PLANNED,
    )
    ElectionSeat.objects.bulk_create(
        [ElectionSeat(election=plenary, post=post, seats=n) for post, n in officers.items()]
    )
    link = RoundLink.objects.create(
        election=plenary,
        previous=election,
        kind=StepKind.PLENARY,
        engine_round="first",
        candidates={post: committee for post in officers},
        elected_before=[],
    )
    record_audit(
        actor=actor,
        action=PLENARY_CREATE,
        target=plenary,
        after={"previous": election.pk, "seats": officers, "committee": link.candidates},
        village=election.plan.village,
    )
    return plenary


def final(result: RoundResult) -> bool:
    """No further vote: the engine says complete, or the meeting reduced the seats to those
    elected instead of the 另行选举 (PB-WIN-3, huanjie.ballots.party_seats)."""
    return (
        result.outcome["next"] == "complete" or SeatReduction.objects.filter(result=result).exists()
    )


def _first_round(election: Election) -> Election:
    return (
        Election.objects.filter(plan=election.plan, body=election.body, round=Round.FIRST)
        .prefetch_related("seats")
        .first()
    ) or election


def _elected_names(election: Election, result: RoundResult) -> set[str]:
    before = {seat["person"] for seat in result.contest.get("elected_before", [])}
    return before | {seat["person"] for seat in result.outcome["elected"]}


def _chain(election: Election) -> list[tuple[Election, RoundResult | None]]:
    """The rounds from the stage's start to `election`, in order."""
    rounds: list[Election] = [election]
    current = election
    while current.round not in (Round.FIRST, Round.PLENARY):
        link = link_of(current)
        if link is None:
            break
        current = link.previous
        rounds.append(current)
    rounds.reverse()
    results = {r.election_id: r for r in RoundResult.objects.filter(election__in=rounds)}
    return [(e, results.get(e.pk)) for e in rounds]


@dataclass
class Approval:
    """Where a party election stands with the higher-level committee (PB-WIN-4)."""

    election: Election
    pending: bool  # finished, waiting for the approval
    approval: PartyApproval | None = None
    elected: list[dict[str, str]] = field(default_factory=list)  # [{person, post}] to approve

    @property
    def label(self) -> str:
        if self.approval is not None:
            return "已经上级党委批准"
        return "待上级党委审批" if self.pending else ""


def approval_state(election: Election) -> Approval | None:
    """None for a round that is not the end of a party election (or not yet counted)."""
    if not pc.is_party(election):
        return None
    result = RoundResult.objects.filter(election=election).first()
    approval = PartyApproval.objects.filter(election=election).first()
    if result is None or not final(result) or not result.outcome["valid"]:
        return None
    plenary = pc.plenary_root(election)
    if plenary is None and after_plenary_due(election):
        return None  # the members' meeting: the plenary comes next, then the approval
    seats = list(result.contest.get("elected_before", [])) + [
        {"person": e["person"], "post": e["post"]} for e in result.outcome["elected"]
    ]
    return Approval(election, approval is None, approval, seats)


def after_plenary_due(election: Election) -> bool:
    first = _first_round(election)
    return bool(pc.officer_seats(election)) and pc.by_plenary(
        first, {s.post: s.seats for s in first.seats.all()}
    )


def may_record_approval(user: User | AnonymousUser, election: Election) -> bool:
    return can_change_in(user, Capability.APPROVE_VILLAGE_STEPS, election.plan.village)


def approval_record(
    *,
    election: Election,
    approver: str,
    approved_on: date,
    document_number: str,
    acting_user: User | AnonymousUser,
) -> tuple[PartyApproval, list[str]]:
    """Record the higher-level committee's approval and make the elected office holders; return
    the approval and the names not matched to exactly one member on the party roll."""
    if not may_record_approval(acting_user, election):
        raise PermissionDenied(NOT_A_RECORDER)
    user: User = acting_user  # type: ignore[assignment]  # authenticated: holds a capability
    approver, document_number = approver.strip(), document_number.strip()
    if not approver:
        raise ValidationError(APPROVER_EMPTY, code="approver")
    if not document_number:
        raise ValidationError(NUMBER_EMPTY, code="document_number")
    with transaction.atomic():
        Election.objects.select_for_update().filter(pk=election.pk).first()
        existing = PartyApproval.objects.filter(election=election).first()
        if existing is not None:
            raise ValidationError(
                ALREADY_APPROVED.format(
                    election=election,
                    day=existing.approved_on.isoformat(),
                    approver=existing.approver,
                    number=existing.document_number,
                ),
                code="approved",
            )
        state = approval_state(election)
        if state is None:
            if (
                pc.is_party(election)
                and pc.plenary_root(election) is None
                and after_plenary_due(election)
                and RoundResult.objects.filter(election=election).exists()
            ):
                raise ValidationError(NOT_FINAL_STAGE, code="PB-SEC-1")
            raise ValidationError(NOT_FINISHED.format(election=election), code="PB-WIN-4")
        result = RoundResult.objects.get(election=election)
        counted = election.election_day or timezone.localdate(result.counted_at)
        if approved_on < counted:
            raise ValidationError(
                DAY_EARLY.format(day=approved_on.isoformat(), counted=counted.isoformat()),
                code="approved_on",
            )
        if approved_on > timezone.localdate():
            raise ValidationError(
                DAY_FUTURE.format(day=approved_on.isoformat()), code="approved_on"
            )
        approval = PartyApproval.objects.create(
            election=election,
            approver=approver,
            approved_on=approved_on,
            document_number=document_number,
            recorded_by=user,
        )
        unmatched = _record_holders(election, approved_on, user)
        election.status = ElectionStatus.COMPLETE
        election.save(update_fields=["status", "updated_at"])
        record_audit(
            actor=user,
            action=APPROVAL_RECORD,
            target=approval,
            after={
                "approver": approver,
                "approved_on": approved_on.isoformat(),
                "document_number": document_number,
                "elected": state.elected,
                "unmatched": unmatched,
            },
            village=election.plan.village,
        )
    return approval, unmatched


def _record_holders(election: Election, approved_on: date, actor: User) -> list[str]:
    """The committee (members' meeting) and the officers (plenary) as office holders: each
    person once, at the highest post they won; `election` of each is the round that elected
    them to it."""
    seats: dict[str, tuple[str, Election]] = {}
    rank = {"secretary": 0, "deputy_secretary": 1, "member": 2}
    for stage_end in _stage_ends(election):
        for round_, result in _chain(stage_end):
            if result is None or not result.outcome["valid"]:
                continue
            for seat in result.outcome["elected"]:
                held = seats.get(seat["person"])
                if held is None or rank[seat["post"]] < rank[held[0]]:
                    seats[seat["person"]] = (seat["post"], round_)
    village = election.plan.village
    members = PartyMembership.objects.filter(person__village=village, person__name__in=seats)
    by_name: dict[str, list[PartyMembership]] = {}
    for membership in members.select_related("person"):
        by_name.setdefault(membership.person.name, []).append(membership)
    first = _first_round(election)
    start = first.election_day or approved_on
    years = pc.profile_of(election).get_int("pb.term_years")
    unmatched = []
    for name, (post, round_) in sorted(seats.items(), key=lambda kv: (rank[kv[1][0]], kv[0])):
        found = by_name.get(name, [])
        if len(found) != 1:
            unmatched.append(name)
            continue
        office_holder_record(
            village=village,
            body=election.body,
            post=post,
            person=found[0].person,
            term_start=start,
            term_end=add_years(start, years),
            election=round_,
            acting_user=actor,
        )
    return unmatched


def _stage_ends(election: Election) -> list[Election]:
    """The last round of the members' meeting (when a plenary followed) and `election`."""
    plenary = pc.plenary_root(election)
    if plenary is None:
        return [election]
    link = RoundLink.objects.get(election=plenary)
    return [link.previous, election]


def approved_in(election: Election) -> PartyApproval | None:
    """The approval of the party election `election` belongs to (any of its rounds)."""
    return (
        PartyApproval.objects.filter(
            election__plan=election.plan, election__body=election.body
        ).first()
        if pc.is_party(election)
        else None
    )


def holders(election: Election) -> list[OfficeHolder]:
    return list(
        OfficeHolder.objects.filter(election__plan=election.plan, election__body=election.body)
        .select_related("person")
        .order_by("id")
    )
