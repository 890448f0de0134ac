"""Publishing the list (VC-REG-5): on a day at least `reg.list_days_before` days before the
election day, with no double registration open; the objection period (VC-REG-6) is counted from
that day with the holiday table. From then on the list changes only through an objection."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.calendar.selectors import working_calendar
from huanjie.registration import messages as msg
from huanjie.registration.models import Conflict, ListStatus, Voter, VoterRegister
from huanjie.registration.services.build import (
    check_election,
    locked_register,
    profile_of,
)
from huanjie.rules.eligibility.voters import voter_list_issue
from huanjie.rules.timeline.deadlines import objection_deadlines
from huanjie.rules.timeline.periods import deadline_before

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.rules.profiles.profile import Profile

REGISTER_PUBLISH = AuditAction("registration.register_publish", "公布选民名单")


def last_publication_day(register: VoterRegister, profile: Profile | None = None) -> date | None:
    """VC-REG-5: the last lawful day to publish (None without an election day)."""
    day = register.election.election_day
    if day is None:
        return None
    profile = profile or profile_of(register)
    return deadline_before(day, profile.get_int("reg.list_days_before"))


def open_conflicts(register: VoterRegister) -> int:
    return Conflict.objects.filter(
        Q(claimant=register) | Q(holder=register), resolved_at__isnull=True
    ).count()


@transaction.atomic
def register_publish(
    *,
    register: VoterRegister,
    published_on: date,
    acting_user: User | None,
    today: date | None = None,
) -> VoterRegister:
    """Publish the draft on `published_on`; every check first, then nothing or everything."""
    today = today or timezone.localdate()
    register = locked_register(register)
    election = register.election
    check_election(election)
    if register.status == ListStatus.PUBLISHED:
        raise ValidationError(msg.PUBLISH_DONE.format(day=register.published_on), code="published")
    if register.built_on is None:
        raise ValidationError(msg.NOT_BUILT, code="not_built")
    day = election.election_day
    if day is None:
        raise ValidationError(
            msg.NO_ELECTION_DAY.format(village=register.village.name), code="no_election_day"
        )
    if register.election_day != day:
        raise ValidationError(
            msg.DAY_CHANGED.format(built=register.election_day, now=day), code="day_changed"
        )
    if published_on > today:
        raise _refuse(msg.PUBLISH_FUTURE.format(day=published_on, today=today), "future")
    if published_on < register.built_on:
        raise _refuse(
            msg.PUBLISH_BEFORE_BUILT.format(day=published_on, built=register.built_on), "early"
        )
    profile = profile_of(register)
    late = voter_list_issue(published_on, day, profile)
    if late is not None:
        message = msg.RULED.format(message=late.message, rule_id=late.rule_id)
        raise _refuse(message, "too_late")
    conflicts = open_conflicts(register)
    if conflicts:
        raise ValidationError(msg.CONFLICTS_OPEN.format(count=conflicts), code="conflicts")
    if not Voter.objects.filter(register=register, removed_at__isnull=True).exists():
        raise ValidationError(msg.PUBLISH_EMPTY, code="empty")
    calendar = working_calendar(range(published_on.year, published_on.year + 2))
    close = objection_deadlines(profile, published_on, calendar)[0]
    register.status = ListStatus.PUBLISHED
    register.published_on = published_on
    register.published_at = timezone.now()
    register.published_by = acting_user
    register.objection_deadline = close.day
    register.deadline_warning = (close.warning or "")[:200]
    register.save()
    record_audit(
        actor=acting_user,
        action=REGISTER_PUBLISH,
        target=register,
        before={"status": ListStatus.DRAFT},
        after={
            "status": ListStatus.PUBLISHED,
            "published_on": published_on.isoformat(),
            "objection_deadline": close.day.isoformat(),
            "election_day": day.isoformat(),
            "voters": Voter.objects.filter(register=register, removed_at__isnull=True).count(),
        },
        village=register.village,
    )
    return register


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError({"published_on": ValidationError(message, code=code)})
