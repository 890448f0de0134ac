"""Members who stand for the villagers' committee, or whose close relative does, leave the
election committee (VC-EC-2, VC-EC-4) and are replaced in the order of the original 推选
(VC-EC-3). The rule engine decides (`rules.bodies.election_committee.renew`); this module reads
the committee, passes the nominees and the counted kinship links, and stores the outcome.

`committee_withdrawals_apply` is the entry point for whoever knows the nominees: the
interim nominee form here (`committee_nominee_record`), and the nominations feature later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.committees import messages as msg
from huanjie.committees.kinship import key, kinship_index
from huanjie.committees.models import (
    CommitteeMember,
    CommitteeNominee,
    CommitteeRole,
    ElectionCommittee,
    Seating,
    Stage,
)
from huanjie.committees.services.common import open_election, person_faults, profile_of, refuse
from huanjie.people.models import Person
from huanjie.rules.bodies.election_committee import Candidacy, Nominee, renew
from huanjie.rules.checks import Finding

if TYPE_CHECKING:
    from huanjie.accounts.models import User

NOMINEE_RECORD = AuditAction("committee.nominee", "登记参选人")
WITHDRAWALS = AuditAction("committee.withdrawal", "村民选举委员会成员退出和递补")


@dataclass(frozen=True)
class NomineeInput:
    """A villager standing for the villagers' committee: nominated (or registered as a
    self-nominee) or already confirmed as a candidate."""

    person: Person
    stage: str  # Stage / Candidacy
    self_nominee: bool = False


@dataclass(frozen=True)
class Outcome:
    """What one application of the rules changed."""

    withdrawn: tuple[CommitteeMember, ...]
    filled: tuple[CommitteeMember, ...]
    findings: tuple[Finding, ...]


def _runners_up(committee: ElectionCommittee) -> list[tuple[Person, int]]:
    """Everyone the original 推选 gave votes to who never sat, in its order."""
    ever = set(committee.members.values_list("person_id", flat=True))
    return [
        (v.person, v.votes)
        for v in committee.votes.select_related("person").order_by("position")
        if v.person_id not in ever
    ]


@transaction.atomic
def committee_withdrawals_apply(
    *,
    committee: ElectionCommittee,
    nominees: Sequence[NomineeInput],
    on: date,
    acting_user: User | None,
) -> Outcome:
    """Apply VC-EC-2..4 for the villagers standing on `on` (all of them known so far): the
    members who must leave leave on `on`, the next in the original vote order who would not
    have to leave at once take their seats as 委员; what the order cannot settle (a tie at the
    last vacancy, nobody left) stays on the committee as its `vacancy_note` with VC-EC-3's
    words. Kinship counts only confirmed or registered links (`committees.kinship`)."""
    committee = ElectionCommittee.objects.select_for_update().get(pk=committee.pk)
    election = committee.election
    profile = profile_of(election)
    sitting = list(
        committee.members.filter(left_on__isnull=True).select_related("person").order_by("pk")
    )
    runners_up = _runners_up(committee)
    people = {m.person for m in sitting} | {p for p, _ in runners_up} | {n.person for n in nominees}
    index = kinship_index(people)
    renewal = renew(
        profile,
        index,
        [key(m.person) for m in sitting],
        [Nominee(key(n.person), Candidacy(n.stage), n.self_nominee) for n in nominees],
        [(key(p), votes) for p, votes in runners_up],
    )
    by_key = {key(m.person): m for m in sitting}
    person_of = {key(p): p for p in people}
    withdrawn: list[CommitteeMember] = []
    for withdrawal in renewal.withdrawals:
        member = by_key[withdrawal.member]
        member.left_on = on
        member.leave_rule_ids = " ".join(withdrawal.rule_ids)
        member.leave_reason = withdrawal.reason
        member.leave_chain = withdrawal.kinship.chain if withdrawal.kinship else ""
        member.leave_because = person_of[withdrawal.nominee]
        member.save()
        withdrawn.append(member)
    filled = [
        CommitteeMember.objects.create(
            committee=committee,
            person=person_of[person_key],
            role=CommitteeRole.MEMBER,
            first_role=CommitteeRole.MEMBER,
            seated_on=on,
            seating=Seating.REFILLED,
            replaces=vacated,
        )
        for person_key, vacated in zip(renewal.filled, withdrawn, strict=False)
    ]
    # What the order could not fill stays said until the committee is complete again.
    vacancies = "".join(f.message for f in renewal.findings if f.rule_id == "VC-EC-3")
    if len(sitting) - len(withdrawn) + len(filled) >= committee.seats:
        note = ""
    else:
        note = vacancies[:400] or committee.vacancy_note
    if note != committee.vacancy_note:
        committee.vacancy_note = note
        committee.save(update_fields=["vacancy_note", "updated_at"])
    if withdrawn:
        record_audit(
            actor=acting_user,
            action=WITHDRAWALS,
            target=committee,
            after={
                "withdrawals": [
                    f"{m.person.name}（{m.leave_rule_ids}）：{m.leave_reason}" for m in withdrawn
                ],
                "refills": [f"{m.person.name}递补为委员" for m in filled] or ["无人递补"],
                "vacancy_note": committee.vacancy_note,
            },
            village=committee.village,
        )
    return Outcome(tuple(withdrawn), tuple(filled), renewal.findings)


def _nominee_faults(
    committee: ElectionCommittee, person: Person, stage: str, on: date
) -> list[str]:
    faults: list[str] = []
    if stage not in Stage.values:
        faults.append(msg.STAGE_UNKNOWN.format(value=stage))
    if on < committee.chosen_on:
        faults.append(msg.NOMINEE_BEFORE_COMMITTEE.format(on=on, chosen=committee.chosen_on))
    day = committee.election.election_day
    if day is not None and on > day:
        faults.append(msg.NOMINEE_AFTER_ELECTION.format(on=on, day=day))
    elif on > timezone.localdate():
        # Recorded once it happened: a nomination still to come is not one yet.
        faults.append(msg.NOMINEE_IN_FUTURE.format(on=on, today=timezone.localdate()))
    # A nominee stands for the villagers' committee: a voter of the village (VC-REG-1).
    faults += person_faults(person, committee.village, on, "村民委员会成员候选人")
    return faults


@transaction.atomic
def committee_nominee_record(
    *,
    committee: ElectionCommittee,
    person: Person,
    stage: str,
    self_nominee: bool,
    on: date,
    acting_user: User | None,
) -> tuple[CommitteeNominee, Outcome]:
    """Record that `person` was nominated or registered as a self-nominee (or confirmed as a
    candidate) on `on`, then apply the withdrawals every recorded nominee calls for."""
    committee = ElectionCommittee.objects.select_related("village", "election__plan__campaign").get(
        pk=committee.pk
    )
    open_election(committee.village)
    faults = _nominee_faults(committee, person, stage, on)
    existing = CommitteeNominee.objects.filter(committee=committee, person=person).first()
    if existing is not None and not faults:
        upgrade = existing.stage == Stage.NOMINATED and stage == Stage.CONFIRMED
        if not upgrade:
            raise ValidationError(
                msg.NOMINEE_RECORDED.format(
                    name=person.name, on=existing.on, stage=existing.get_stage_display()
                ),
                code="exists",
            )
        if on < existing.on:
            faults.append(msg.NOMINEE_EARLIER.format(name=person.name, on=existing.on))
    if faults:
        raise refuse(faults, "invalid")
    before = None
    if existing is None:
        nominee = CommitteeNominee.objects.create(
            committee=committee, person=person, stage=stage, self_nominee=self_nominee, on=on
        )
    else:
        before = {"stage": existing.stage, "on": existing.on.isoformat()}
        existing.stage, existing.on = stage, on
        existing.self_nominee = existing.self_nominee or self_nominee
        existing.save()
        nominee = existing
    record_audit(
        actor=acting_user,
        action=NOMINEE_RECORD,
        target=nominee,
        before=before,
        after={
            "person": person.pk,
            "stage": stage,
            "self_nominee": nominee.self_nominee,
            "on": on.isoformat(),
        },
        village=committee.village,
    )
    everyone = committee.nominees.select_related("person").order_by("on", "pk")
    outcome = committee_withdrawals_apply(
        committee=committee,
        nominees=[NomineeInput(n.person, n.stage, n.self_nominee) for n in everyone],
        on=on,
        acting_user=acting_user,
    )
    return nominee, outcome
