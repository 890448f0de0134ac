"""Objections to a published list and the committee's decisions (VC-REG-6).

An objection is received within `reg.objection_days` of publication (the period's last day
rolled to the next working day of the holiday table); a late one is recorded and refused. The
committee decides within `reg.decision_days` of receipt and before election day, with its
reasons; an upheld decision is the only way a published list changes (新增选民 / 取消选民资格 /
更正信息). The decisions are then published in a supplementary notice (补充公告).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.calendar.selectors import working_calendar
from huanjie.people.models import Person, Sex
from huanjie.regions.models import VillagerGroup
from huanjie.registration import messages as msg
from huanjie.registration.access import other_village
from huanjie.registration.models import (
    LeftOff,
    LeftOffKind,
    ListStatus,
    Objection,
    ObjectionKind,
    ObjectionStatus,
    SupplementaryNotice,
    Voter,
    VoterCard,
    VoterRegister,
)
from huanjie.registration.ordering import NO_GROUP
from huanjie.registration.services.build import (
    candidate_key,
    group_rank,
    judge_one,
    locked_register,
    profile_of,
)
from huanjie.rules.checks import Finding
from huanjie.rules.eligibility.voters import (
    Registration,
    decision_issue,
    double_registration_issue,
    objection_issue,
)
from huanjie.rules.timeline.calendar import WorkingDayCalendar
from huanjie.rules.timeline.deadlines import decision_deadline, objection_deadlines

if TYPE_CHECKING:
    from huanjie.accounts.models import User

OBJECTION_FILE = AuditAction("registration.objection_file", "受理选民名单异议")
OBJECTION_LATE = AuditAction("registration.objection_late", "登记逾期异议（不予受理）")
OBJECTION_DECIDE = AuditAction("registration.objection_decide", "作出异议处理决定")
NOTICE_PUBLISH = AuditAction("registration.notice_publish", "公布选民名单补充公告")

FILED_BY_LIMIT = 64
TEXT_LIMIT = 1000
VOTER_FIELDS = ["name", "sex", "villager_group", "group_name", "removed_at", "removed_by"]


def _refuse(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def calendar_around(day: date) -> WorkingDayCalendar:
    """The holiday table's years a period from `day` can reach."""
    return working_calendar(range(day.year, day.year + 2))


def late_finding(objection: Objection) -> Finding | None:
    """VC-REG-6: why an objection was refused as late (the rule's own words)."""
    register = objection.register
    if register.published_on is None:
        return None
    return objection_issue(
        register.published_on,
        objection.received_on,
        profile_of(register),
        calendar_around(register.published_on),
    )


def decision_due(objection: Objection) -> date:
    """The last day to decide: `reg.decision_days` after receipt, and before election day."""
    register = objection.register
    end = decision_deadline(
        profile_of(register), objection.received_on, calendar_around(objection.received_on)
    )
    day = register.election.election_day
    if day is None:
        return end.day
    return min(end.day, day - timedelta(days=1))


def _text(field: str, value: str, missing: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise _refuse(field, missing, "required")
    if len(value) > limit:
        raise _refuse(field, f"最多{limit}个字，现有{len(value)}个字。", "too_long")
    return value


def _active_voter(register: VoterRegister, person: Person) -> Voter | None:
    return Voter.objects.filter(register=register, person=person, removed_at__isnull=True).first()


@transaction.atomic
def objection_file(
    *,
    register: VoterRegister,
    received_on: date,
    filed_by: str,
    kind: str,
    person: Person,
    claim: str,
    new_name: str = "",
    new_sex: str = "",
    new_group: VillagerGroup | None = None,
    acting_user: User | None,
    today: date | None = None,
) -> Objection:
    """Receive an objection. One received after the period is recorded as refused (status
    LATE, with the day the period closed); the caller says so with `late_finding`."""
    today = today or timezone.localdate()
    register = locked_register(register)
    profile = profile_of(register)
    if register.status != ListStatus.PUBLISHED or register.published_on is None:
        days = profile.get_int("reg.objection_days")
        raise ValidationError(msg.OBJECTION_NOT_PUBLISHED.format(days=days), code="not_published")
    if received_on > today:
        raise _refuse("received_on", msg.OBJECTION_FUTURE.format(day=received_on), "future")
    if received_on < register.published_on:
        raise _refuse(
            "received_on",
            msg.OBJECTION_BEFORE_PUBLISHED.format(day=received_on, published=register.published_on),
            "early",
        )
    filed_by = _text("filed_by", filed_by, msg.OBJECTION_FILED_BY, FILED_BY_LIMIT)
    claim = _text("claim", claim, msg.OBJECTION_CLAIM, TEXT_LIMIT)
    if kind not in ObjectionKind.values:
        raise _refuse("kind", "异议事项请选择新增选民、取消选民资格或更正信息。", "kind")
    listed = _active_voter(register, person)
    if kind == ObjectionKind.ADD and listed is not None:
        raise _refuse("person", msg.OBJECTION_ALREADY_LISTED.format(name=person.name), "listed")
    if kind != ObjectionKind.ADD and listed is None:
        label = ObjectionKind(kind).label
        raise _refuse(
            "person", msg.OBJECTION_NOT_LISTED.format(name=person.name, kind=label), "not_listed"
        )
    new_name = new_name.strip()
    if kind == ObjectionKind.CORRECT:
        _check_correction(register, new_name, new_sex, new_group)
    else:
        new_name, new_sex, new_group = "", "", None
    calendar = calendar_around(register.published_on)
    late = objection_issue(register.published_on, received_on, profile, calendar)
    objection = Objection.objects.create(
        register=register,
        received_on=received_on,
        filed_by=filed_by,
        kind=kind,
        person=person,
        claim=claim,
        new_name=new_name,
        new_sex=new_sex,
        new_group=new_group,
        status=ObjectionStatus.OPEN if late is None else ObjectionStatus.LATE,
        period_closed_on=(
            None
            if late is None
            else objection_deadlines(profile, register.published_on, calendar)[0].day
        ),
        recorded_by=acting_user,
    )
    record_audit(
        actor=acting_user,
        action=OBJECTION_FILE if late is None else OBJECTION_LATE,
        target=objection,
        after=snapshot(
            objection,
            ["received_on", "filed_by", "kind", "person", "claim", "status", "period_closed_on"],
        ),
        village=register.village,
    )
    return objection


def _check_correction(
    register: VoterRegister, new_name: str, new_sex: str, new_group: VillagerGroup | None
) -> None:
    if not (new_name or new_sex or new_group):
        raise _refuse("new_name", msg.OBJECTION_NOTHING_TO_CORRECT, "nothing")
    if len(new_name) > FILED_BY_LIMIT:
        raise _refuse("new_name", msg.NAME_TOO_LONG.format(limit=FILED_BY_LIMIT), "too_long")
    if new_sex and new_sex not in Sex.values:
        raise _refuse("new_sex", msg.OBJECTION_SEX, "sex")
    if new_group is not None and new_group.village_id != register.village_id:
        raise _refuse("new_group", msg.GROUP_NOT_HERE, "group")


@transaction.atomic
def objection_decide(
    *,
    objection: Objection,
    upheld: bool,
    reasons: str,
    decided_on: date,
    acting_user: User | None,
    today: date | None = None,
) -> Objection:
    """Decide an objection in time, with reasons; an upheld one changes the list now."""
    today = today or timezone.localdate()
    register = locked_register(objection.register)
    objection = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=objection.pk)
    )
    if objection.status == ObjectionStatus.LATE:
        raise ValidationError(msg.OBJECTION_LATE_NO_DECISION, code="late")
    if objection.status != ObjectionStatus.OPEN:
        raise ValidationError(
            msg.OBJECTION_DECIDED.format(status=objection.get_status_display()), code="decided"
        )
    reasons = _text("reasons", reasons, msg.DECISION_REASONS, TEXT_LIMIT)
    if decided_on > today:
        raise _refuse("decided_on", msg.DECISION_FUTURE.format(day=decided_on), "future")
    if decided_on < objection.received_on:
        raise _refuse(
            "decided_on",
            msg.DECISION_BEFORE_RECEIVED.format(day=decided_on, received=objection.received_on),
            "early",
        )
    election_day = register.election.election_day
    assert election_day is not None  # published lists have one
    overdue = decision_issue(
        objection.received_on,
        decided_on,
        election_day,
        today,
        profile_of(register),
        calendar_around(objection.received_on),
    )
    if overdue is not None:
        message = msg.RULED.format(message=overdue.message, rule_id=overdue.rule_id)
        raise _refuse("decided_on", message, "overdue")
    before: dict[str, object] = {"status": objection.status}
    after: dict[str, object] = {}
    if upheld:
        voter, before_row = _apply(register, objection, reasons, acting_user)
        before["voter"] = before_row
        after["voter"] = snapshot(voter, VOTER_FIELDS)
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.REJECTED
    objection.decided_on = decided_on
    objection.reasons = reasons
    objection.decided_by = acting_user
    objection.save(update_fields=["status", "decided_on", "reasons", "decided_by", "updated_at"])
    after.update({"status": objection.status, "decided_on": decided_on.isoformat()})
    after["reasons"] = reasons
    record_audit(
        actor=acting_user,
        action=OBJECTION_DECIDE,
        target=objection,
        before=before,
        after=after,
        village=register.village,
    )
    return objection


def _apply(
    register: VoterRegister, objection: Objection, reasons: str, acting_user: User | None
) -> tuple[Voter, dict[str, object] | None]:
    person = objection.person
    listed = _active_voter(register, person)
    if objection.kind == ObjectionKind.ADD:
        if listed is not None:
            raise ValidationError(
                msg.OBJECTION_ALREADY_LISTED.format(name=person.name), code="listed"
            )
        return _add(register, objection, acting_user), None
    if listed is None:
        label = objection.get_kind_display()
        raise ValidationError(
            msg.OBJECTION_NOT_LISTED.format(name=person.name, kind=label), code="not_listed"
        )
    before = snapshot(listed, VOTER_FIELDS)
    if objection.kind == ObjectionKind.REMOVE:
        _remove(register, listed, objection, reasons, acting_user)
    else:
        _correct(register, listed, objection)
    return listed, before


def _add(register: VoterRegister, objection: Objection, acting_user: User | None) -> Voter:
    person = objection.person
    candidate, decision = judge_one(register, person)
    if not decision.registrable:
        raise ValidationError(
            msg.DECISION_ADD_NOT_ELIGIBLE.format(
                name=person.name,
                reasons="".join(decision.reasons) + f"（{'、'.join(decision.rule_ids)}）",
            ),
            code="not_eligible",
        )
    elsewhere = (
        Voter.objects.filter(term_year=register.term_year, person=person, removed_at__isnull=True)
        .exclude(register=register)
        .select_related("register__village")
    )
    registrations = [
        Registration(
            v.register.village.code,
            other_village(register.village, v.register.village, acting_user)[0],
        )
        for v in elsewhere
    ]
    double = double_registration_issue(register.village.code, registrations)
    if double is not None:
        where = msg.RULED.format(message=double.message, rule_id=double.rule_id)
        raise ValidationError(msg.DECISION_ADD_ELSEWHERE.format(where=where), code="elsewhere")
    LeftOff.objects.filter(register=register, person=person).delete()
    return Voter.objects.create(
        register=register,
        person=person,
        term_year=register.term_year,
        category=str(decision.category),
        name=person.name,
        sex=person.sex,
        villager_group=candidate.group,
        group_name=candidate.group.name if candidate.group else "",
        household_number=candidate.household,
        sort_key=candidate_key(register, candidate),
        added_by=objection,
    )


def _remove(
    register: VoterRegister,
    voter: Voter,
    objection: Objection,
    reasons: str,
    acting_user: User | None,
) -> None:
    now = timezone.now()
    voter.removed_at = now
    voter.removed_by = objection
    voter.save(update_fields=["removed_at", "removed_by", "updated_at"])
    # The card of a voter no longer on the list is void with them.
    VoterCard.objects.filter(voter=voter, voided_at__isnull=True).update(
        voided_at=now, void_reason="取消选民资格", voided_by=acting_user
    )
    LeftOff.objects.filter(register=register, person=voter.person).delete()
    LeftOff.objects.create(
        register=register,
        person=voter.person,
        kind=LeftOffKind.OBJECTION,
        rule_ids="VC-REG-6",
        reasons=f"{objection.decided_on or timezone.localdate()}异议处理决定：{reasons}",
        sort_key=voter.sort_key,
    )


def _correct(register: VoterRegister, voter: Voter, objection: Objection) -> None:
    if objection.new_name:
        voter.name = objection.new_name
    if objection.new_sex:
        voter.sex = objection.new_sex
    if objection.new_group is not None:
        group = objection.new_group
        voter.villager_group = group
        voter.group_name = group.name
        rank = group_rank(register, group)
        _, _, rest = voter.sort_key.partition("|")
        voter.sort_key = f"{NO_GROUP if rank is None else rank:04d}|{rest}"
    voter.save()


@transaction.atomic
def decisions_publish(
    *,
    register: VoterRegister,
    published_on: date,
    acting_user: User | None,
    today: date | None = None,
) -> SupplementaryNotice:
    """The 补充公告 of every decision not yet published."""
    today = today or timezone.localdate()
    register = locked_register(register)
    pending = list(
        Objection.objects.filter(
            register=register,
            status__in=[ObjectionStatus.UPHELD, ObjectionStatus.REJECTED],
            notice__isnull=True,
        )
    )
    if not pending:
        raise ValidationError(msg.NOTICE_NOTHING, code="nothing")
    if published_on > today:
        raise _refuse("published_on", msg.NOTICE_FUTURE.format(day=published_on), "future")
    last = max(o.decided_on for o in pending if o.decided_on is not None)
    if published_on < last:
        raise _refuse(
            "published_on",
            msg.NOTICE_BEFORE_DECISION.format(day=published_on, decided=last),
            "early",
        )
    election_day = register.election.election_day
    if election_day is not None and published_on >= election_day:
        raise _refuse(
            "published_on", msg.NOTICE_ON_ELECTION_DAY.format(day=election_day), "election_day"
        )
    number = (register.notices.aggregate(n=Max("number"))["n"] or 0) + 1
    notice = SupplementaryNotice.objects.create(
        register=register, number=number, published_on=published_on, published_by=acting_user
    )
    Objection.objects.filter(pk__in=[o.pk for o in pending]).update(notice=notice)
    record_audit(
        actor=acting_user,
        action=NOTICE_PUBLISH,
        target=notice,
        after={
            "number": number,
            "published_on": published_on.isoformat(),
            "objections": sorted(o.pk for o in pending),
        },
        village=register.village,
    )
    return notice
