"""Tally sheets entered twice, and the round's result.

`sheet_entry_record` takes one clerk's entry of one box's sheet. Impossible numbers are refused
before anything is written, with the engine's rule and message (`checks`): the entry as a
contest of its own box (negative numbers, invalid over collected, one person's votes over the
valid ballots, a section over seats × valid ballots, collected over issued — VC-TALLY-2), then
the round's accepted sheets with it (ballots issued over the registered voters). Two entries by two clerks
that agree are accepted; when every box of the village has an accepted sheet, the summed counts
go to the engine and the outcome is stored with its contest JSON (`huanjie tally` re-counts it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.ballots import messages as msg
from huanjie.ballots import party
from huanjie.ballots.access import clerk as clerk_gate
from huanjie.ballots.assemblies import ASSEMBLY_BODIES, assembly_size
from huanjie.ballots.checks import check_box, check_round, check_shape
from huanjie.ballots.contest import ZERO, Numbers, contest_json, link_of
from huanjie.ballots.entry_day import DAY_REQUIRED, check_entry_day
from huanjie.ballots.holders import record_elected
from huanjie.ballots.models import Box, RoundResult, SheetEntry, TallySheet
from huanjie.ballots.rounds import create_next_round
from huanjie.ballots.selectors import accepted_numbers, mismatches
from huanjie.ballots.voters import name_facts, registered_voters
from huanjie.elections.models import Body, Election, ElectionStatus, Round
from huanjie.rules.tally import count, parse_contest

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

BOX_ADD = AuditAction("ballots.box_add", "设立票箱")
ENTRY_RECORD = AuditAction("ballots.entry_record", "录入计票单")
SHEET_ACCEPT = AuditAction("ballots.sheet_accept", "计票单两次录入核对一致")
RESULT_COUNT = AuditAction("ballots.result_count", "计出选举结果")


@dataclass(frozen=True)
class EntryResult:
    sheet: TallySheet
    accepted: bool
    mismatches: list[tuple[str, str, str]]
    result: RoundResult | None


def box_add(*, village: Region, kind: str, name: str, acting_user: User | None) -> Box:
    if acting_user is not None:
        clerk_gate(acting_user, village)
    name = name.strip()
    if not name:
        raise ValidationError(msg.BOX_NAME_EMPTY, code="name")
    if Box.objects.filter(village=village, name=name).exists():
        raise ValidationError(msg.BOX_EXISTS.format(name=name), code="name")
    box = Box(village=village, kind=kind, name=name)
    box.full_clean()
    with transaction.atomic():
        box.save()
        record_audit(actor=acting_user, action=BOX_ADD, target=box, after=str(box), village=village)
    return box


def countable(election: Election) -> int:
    """The registered voters of an election this slice counts; refused otherwise."""
    village = election.plan.village
    counted_bodies = (Body.VILLAGERS_COMMITTEE, Body.PARTY_ORGANIZATION, *ASSEMBLY_BODIES)
    if election.body not in counted_bodies or not _has_contest_terms(election):
        raise ValidationError(msg.NOT_COUNTED_HERE.format(election=election), code="scope")
    result = RoundResult.objects.filter(election=election).first()
    if result is not None:
        text = msg.CERTIFIED if result.certified else msg.ALREADY_COUNTED
        raise ValidationError(
            text.format(election=election), code="certified" if result.certified else "counted"
        )
    if election.body in ASSEMBLY_BODIES:  # the meeting's size, after the earlier bodies
        return assembly_size(election)
    if election.body == Body.PARTY_ORGANIZATION:  # the party roll decides, not the register
        return 0
    registered = registered_voters(election)
    if registered is None:
        raise ValidationError(msg.NO_REGISTER.format(village=village.name), code="register")
    return registered


def _has_contest_terms(election: Election) -> bool:
    """A first round or a re-vote counts on its own; a tie re-vote or a 另行选举 needs the
    terms the system fixed when it created it (candidates, seats already filled)."""
    if election.round in (Round.FIRST, Round.REVOTE):
        return True
    return link_of(election) is not None


def sheet_entry_record(
    *, election: Election, box: Box, numbers: Numbers, acting_user: User
) -> EntryResult:
    village = election.plan.village
    clerk_gate(acting_user, village)
    if box.village_id != village.pk:
        raise ValidationError(
            msg.OTHER_VILLAGE_BOX.format(box=box.name, village=village.name), code="box"
        )
    countable(election)
    # Counted on its election day (VC-VOTE-6): a villagers' committee round and a party round
    # (the members' meeting's or the plenary's day) always have one; a supervision committee or
    # cooperative round is held to its day where it has one.
    if election.body in DAY_REQUIRED or election.election_day is not None:
        check_entry_day(election)
    if election.body == Body.PARTY_ORGANIZATION:
        party.check_entry(election, box, numbers)
    check_shape(election, numbers)
    check_box(election, numbers)

    with transaction.atomic():
        # Entries of one election are taken one at a time (two clerks at once, the last two
        # boxes at once): the election's row is the lock (PostgreSQL; SQLite writes one at a
        # time anyway). Everything that depends on other entries is read under it.
        Election.objects.select_for_update().filter(pk=election.pk).first()
        registered = countable(election)
        others = accepted_numbers(election, exclude_box=box)
        check_round(election, others + numbers, registered)
        sheet = sheet_for(election, box)
        if sheet.accepted_at is not None:
            raise ValidationError(msg.SHEET_ACCEPTED.format(box=box), code="accepted")
        entries = list(sheet.entries.select_related("clerk"))
        mine = next((e for e in entries if e.clerk_id == acting_user.pk), None)
        if mine is None and len(entries) >= 2:
            clerks = "、".join(e.clerk.get_full_name() or e.clerk.username for e in entries)
            raise ValidationError(msg.TWO_CLERKS_DONE.format(box=box, clerks=clerks), code="full")
        fields = {
            "ballots_issued": numbers.ballots_issued,
            "ballots_collected": numbers.ballots_collected,
            "invalid_ballots": numbers.invalid_ballots,
            "blank_ballots": numbers.blank_ballots,
            "present": numbers.present,
            "votes": numbers.votes,
        }
        before = None
        if mine is None:
            entry = SheetEntry.objects.create(sheet=sheet, clerk=acting_user, **fields)
        else:
            before = _audit_view(mine)
            for key, value in fields.items():
                setattr(mine, key, value)
            mine.save()
            entry = mine
        record_audit(
            actor=acting_user,
            action=ENTRY_RECORD,
            target=sheet,
            before=before,
            after=_audit_view(entry),
            village=village,
        )
        pair = list(sheet.entries.order_by("id"))
        differences = mismatches(pair[0], pair[1]) if len(pair) == 2 else []
        accepted = len(pair) == 2 and not differences
        result = None
        if accepted:
            sheet.accepted_at = timezone.now()
            sheet.save(update_fields=["accepted_at"])
            record_audit(
                actor=acting_user,
                action=SHEET_ACCEPT,
                target=sheet,
                after=_audit_view(entry),
                village=village,
            )
            result = count_if_complete(election, acting_user)
    return EntryResult(sheet=sheet, accepted=accepted, mismatches=differences, result=result)


def _find_sheet(election: Election, box: Box) -> TallySheet | None:
    return TallySheet.objects.filter(election=election, box=box).first()


def sheet_for(election: Election, box: Box) -> TallySheet:
    """The box's sheet, created by the first entry. Two clerks entering the first sheet at the
    same moment both try to create it: the loser's insert hits the unique constraint
    (sheet_one_per_box) and reads the winner's sheet instead of failing."""
    for _ in range(3):
        sheet = _find_sheet(election, box)
        if sheet is not None:
            return sheet
        try:
            with transaction.atomic():  # a savepoint: the outer transaction survives
                return TallySheet.objects.create(election=election, box=box)
        except IntegrityError:
            continue
    raise ValidationError(msg.SHEET_BUSY.format(box=box), code="busy")


def count_if_complete(election: Election, actor: User | None) -> RoundResult | None:
    """When every box has an accepted sheet: count the summed sheets, store the outcome with
    its contest, record the elected and create the next round, all in one transaction."""
    village = election.plan.village
    is_party = election.body == Body.PARTY_ORGANIZATION
    boxes = party.meeting_boxes(election) if is_party else Box.objects.filter(village=village)
    accepted = TallySheet.objects.filter(election=election, accepted_at__isnull=False)
    if accepted.count() != boxes.count():
        return None
    registered = countable(election)
    total = accepted_numbers(election) + ZERO
    people = name_facts(election, total.names)
    data = contest_json(election, total, registered=registered, people=people)
    outcome = count(parse_contest(data))
    with transaction.atomic():
        result = RoundResult.objects.create(
            election=election, contest=data, outcome=outcome.to_dict(), counted_at=timezone.now()
        )
        election.status = ElectionStatus.COUNTED if outcome.valid else ElectionStatus.VOID
        election.save(update_fields=["status", "updated_at"])
        record_audit(
            actor=actor, action=RESULT_COUNT, target=result, after=result.outcome, village=village
        )
        day = election.election_day or timezone.localdate()
        if is_party:  # office holders only once the higher-level committee approves (PB-WIN-4)
            create_next_round(election, result, day, actor) or party.after_count(
                election, result, actor
            )
        else:
            record_elected(election, result, day, actor)
            create_next_round(election, result, day, actor)
    return result


def _audit_view(entry: SheetEntry) -> dict[str, object]:
    return {
        "clerk": entry.clerk_id,
        "ballots_issued": entry.ballots_issued,
        "ballots_collected": entry.ballots_collected,
        "invalid_ballots": entry.invalid_ballots,
        "blank_ballots": entry.blank_ballots,
        "present": entry.present,
        "votes": entry.votes,
    }
