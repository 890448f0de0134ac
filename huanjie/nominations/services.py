"""Writes of nominations, one function per change, each with its audit entry in the same
transaction: the 招贤榜 of a post, an application, accepting it as a candidate, publishing the
post's candidate list, and a withdrawal. The rule engine decides dates and limits
(`huanjie.rules.bodies.nomination`); a refusal changes nothing."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.campaigns.models import CampaignStatus
from huanjie.committees.services.common import profile_of, vc_election
from huanjie.elections.models import Body, Election, ElectionStatus, Post
from huanjie.nominations import messages as msg
from huanjie.nominations.models import (
    LIVE,
    Application,
    Kind,
    Pledge,
    PledgeKind,
    Recruitment,
    Status,
)
from huanjie.nominations.party_slate import party_election
from huanjie.nominations.structure import publication_refusals
from huanjie.people.models import MembershipStatus, Person, RegisterStatus
from huanjie.rules.bodies import nomination as rules
from huanjie.rules.eligibility.voters import VOTING_AGE
from huanjie.rules.timeline.periods import age_on
from huanjie.vetting.selectors import publication_blockers

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

NOTICE = AuditAction("nomination.notice", "发布招贤榜")
APPLY = AuditAction("nomination.apply", "受理报名")
ACCEPT = AuditAction("nomination.accept", "确定候选人")
PUBLISH = AuditAction("nomination.publish", "公布候选人名单")
WITHDRAW = AuditAction("nomination.withdraw", "报名人或候选人退出")
PLEDGE = AuditAction("nomination.pledge", "登记候选人承诺")
GOALS = AuditAction("nomination.goals", "登记候选人竞选目标")


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def open_election(village: Region, body: str = Body.VILLAGERS_COMMITTEE) -> Election:
    """The round's election of the body (the villagers' committee, or the party organization)
    with its day, refused when there is none, it has no day yet or it is over."""
    election = party_election(village) if body == Body.PARTY_ORGANIZATION else vc_election(village)
    label = Body(body).label
    if election is None:
        raise _refuse(msg.NO_ELECTION.format(village=village.name, body=label), "no_election")
    over = election.status in (ElectionStatus.COMPLETE, ElectionStatus.VOID)
    if over or election.plan.campaign.status == CampaignStatus.CLOSED:
        status = election.get_status_display() if over else "结束"
        closed = msg.ELECTION_CLOSED.format(village=village.name, body=label, status=status)
        raise _refuse(closed, "closed")
    if election.election_day is None:
        raise _refuse(msg.NO_ELECTION_DAY.format(village=village.name, body=label), "no_day")
    return election


def _election_of(recruitment: Recruitment) -> Election:
    """The open election the 招贤榜 belongs to (its body's)."""
    return open_election(recruitment.election.plan.village, recruitment.election.body)


def _day(election: Election) -> date:
    assert election.election_day is not None  # open_election refuses an election without one
    return election.election_day


def _open_recruitment(recruitment: Recruitment) -> Election:
    election = _election_of(recruitment)
    if recruitment.list_published_on is not None:
        raise _refuse(
            msg.LIST_ALREADY_PUBLISHED.format(
                post=recruitment.get_post_display(), on=recruitment.list_published_on
            ),
            "published",
        )
    return election


def _snapshot(recruitment: Recruitment) -> dict[str, object]:
    return {
        "post": recruitment.post,
        "requirements": recruitment.requirements,
        "published_on": recruitment.published_on,
        "list_published_on": recruitment.list_published_on,
    }


def _application_snapshot(application: Application) -> dict[str, object]:
    return {
        "person": application.person.name,
        "post": application.recruitment.post,
        "kind": application.kind,
        "signatures": application.signatures,
        "nominated_by": application.nominated_by,
        "filed_on": application.filed_on,
        "status": application.status,
    }


@transaction.atomic
def recruitment_publish(
    *,
    village: Region,
    post: str,
    requirements: str,
    on: date,
    acting_user: User | None,
    body: str = Body.VILLAGERS_COMMITTEE,
) -> Recruitment:
    """Publish (or correct, before its candidate list) the 招贤榜 of one post of the body's
    election (the villagers' committee's, or the party organization's)."""
    election = open_election(village, body)
    posts = {s.post: s for s in election.seats.all()}
    if post not in posts:
        labels = "、".join(Post(p).label for p in posts) or "无"
        label = Post(post).label if post in Post.values else post
        raise _refuse(msg.POST_NOT_ELECTED.format(post=label, posts=labels), "post")
    text = requirements.strip()
    if not text:
        raise _refuse(msg.REQUIREMENTS_EMPTY, "requirements")
    if on > _day(election):
        raise _refuse(msg.NOTICE_AFTER_ELECTION.format(on=on, day=election.election_day), "late")
    existing = Recruitment.objects.select_for_update().filter(election=election, post=post).first()
    before = None
    if existing is not None:
        _open_recruitment(existing)
        before = _snapshot(existing)
        existing.requirements, existing.published_on = text, on
        existing.save(update_fields=["requirements", "published_on", "updated_at"])
        recruitment = existing
    else:
        recruitment = Recruitment.objects.create(
            election=election, post=post, requirements=text, published_on=on
        )
    record_audit(
        actor=acting_user,
        action=NOTICE,
        target=recruitment,
        before=before,
        after=_snapshot(recruitment),
        village=village,
    )
    return recruitment


def applicant_faults(person: Person, village: Region, election_day: date) -> list[str]:
    """Why a person may not apply in this village: not its villager, not on the register, under
    18 on election day or deprived of political rights (VC-REG-1: 被选举权)."""
    if person.village_id != village.pk:
        return [msg.NOT_A_VILLAGER.format(name=person.name, village=village.name)]
    if person.status != RegisterStatus.ACTIVE:
        return [msg.NOT_ON_REGISTER.format(name=person.name, status=person.get_status_display())]
    faults = []
    if age_on(person.birth_date, election_day) < VOTING_AGE:
        faults.append(msg.UNDER_AGE.format(name=person.name, day=election_day))
    if person.deprived_of_political_rights:
        faults.append(msg.DEPRIVED.format(name=person.name))
    return faults


def member_faults(person: Person) -> list[str]:
    """Why a person may not stand for a party post: only a full member (正式党员) whose rights
    are not suspended may be elected (PB-RIGHTS-1)."""
    membership = getattr(person, "party_membership", None)
    if membership is None:
        return [msg.NOT_A_FULL_MEMBER.format(name=person.name, status="不是党员")]
    if membership.status != MembershipStatus.FULL:
        status = membership.get_status_display()
        return [msg.NOT_A_FULL_MEMBER.format(name=person.name, status=status)]
    if membership.suspended:
        return [msg.NOT_A_FULL_MEMBER.format(name=person.name, status="权利暂停")]
    return []


def _kind_faults(kind: str, signatures: int | None, nominated_by: str) -> list[str]:
    if kind == Kind.JOINT and (signatures is None or signatures < 2):
        return [msg.SIGNATURES_NEEDED]
    if kind != Kind.JOINT and signatures is not None:
        return [msg.SIGNATURES_NOT_JOINT]
    if kind == Kind.ORGANIZATION and not nominated_by.strip():
        return [msg.ORGANIZATION_NEEDED]
    return []


@transaction.atomic
def application_file(
    *,
    recruitment: Recruitment,
    person: Person,
    kind: str,
    filed_on: date,
    signatures: int | None = None,
    nominated_by: str = "",
    acting_user: User | None,
) -> Application:
    """Take one application for the post: the applicant from the village's register, the
    kind's particulars, and the engine's dates and limits (PROV-ZJ-SELF-2, VC-NOM-4)."""
    recruitment = Recruitment.objects.select_for_update().get(pk=recruitment.pk)
    election = _open_recruitment(recruitment)
    village = election.plan.village
    day = _day(election)
    post = recruitment.get_post_display()
    faults = applicant_faults(person, village, day)
    if election.body == Body.PARTY_ORGANIZATION:
        faults += member_faults(person)
    faults += _kind_faults(kind, signatures, nominated_by)
    if filed_on < recruitment.published_on:
        faults.append(
            msg.FILED_BEFORE_NOTICE.format(on=filed_on, published=recruitment.published_on)
        )
    if recruitment.applications.filter(person=person).exists():
        faults.append(msg.ALREADY_APPLIED.format(name=person.name, post=post))
    others = (
        Application.objects.filter(recruitment__election=election, person=person, status__in=LIVE)
        .exclude(recruitment=recruitment)
        .count()
    )
    findings = rules.application_findings(
        profile_of(election),
        election_day=day,
        filed_on=filed_on,
        kind=rules.Kind(kind),
        other_posts=others,
    )
    faults += [f"{f.message}（{f.rule_id}）" for f in findings]
    if faults:
        raise ValidationError([ValidationError(m, code="refused") for m in faults])
    application = Application.objects.create(
        recruitment=recruitment,
        person=person,
        kind=kind,
        signatures=signatures if kind == Kind.JOINT else None,
        nominated_by=nominated_by.strip() if kind == Kind.ORGANIZATION else "",
        filed_on=filed_on,
    )
    record_audit(
        actor=acting_user,
        action=APPLY,
        target=application,
        after=_application_snapshot(application),
        village=village,
        target_repr=f"{person.name}报名参选{post}",
    )
    return application


@transaction.atomic
def application_accept(
    *, application: Application, on: date, acting_user: User | None
) -> Application:
    """The election committee accepts an application: the applicant becomes a candidate."""
    application = (
        Application.objects.select_for_update()
        .select_related("recruitment__election__plan__village", "person")
        .get(pk=application.pk)
    )
    election = _open_recruitment(application.recruitment)
    if application.status != Status.FILED:
        raise _refuse(
            msg.NOT_FILED.format(
                name=application.person.name, status=application.get_status_display()
            ),
            "status",
        )
    before = _application_snapshot(application)
    application.status, application.accepted_on = Status.ACCEPTED, on
    application.save(update_fields=["status", "accepted_on", "updated_at"])
    record_audit(
        actor=acting_user,
        action=ACCEPT,
        target=application,
        before=before,
        after=_application_snapshot(application),
        village=election.plan.village,
        target_repr=f"{application.person.name}为{application.recruitment.get_post_display()}候选人",
    )
    return application


@transaction.atomic
def candidates_publish(
    *, recruitment: Recruitment, on: date, acting_user: User | None
) -> Recruitment:
    """Publish the post's candidate list on `on`, no later than the engine's last lawful day
    (VC-NOM-6); the list is read in surname stroke order (`selectors.candidates`)."""
    recruitment = Recruitment.objects.select_for_update().get(pk=recruitment.pk)
    election = _open_recruitment(recruitment)
    post = recruitment.get_post_display()
    if not recruitment.applications.filter(status=Status.ACCEPTED).exists():
        raise _refuse(msg.NO_CANDIDATES.format(post=post), "empty")
    # Only candidates every joint-review department has cleared are formal (QUAL-3).
    unvetted = publication_blockers(recruitment)
    if unvetted:
        raise ValidationError([ValidationError(m, code="unvetted") for m in unvetted])
    late = rules.list_date_finding(profile_of(election), _day(election), on)
    if late is not None:
        raise _refuse(f"{late.message}（{late.rule_id}）", "late")
    # The slate's structure: the committee's size and this post's margin block (VC-ORG-1, -NOM-2).
    refusals = publication_refusals(recruitment)
    if refusals:
        raise ValidationError([ValidationError(m, code="structure") for m in refusals])
    before = _snapshot(recruitment)
    recruitment.list_published_on = on
    recruitment.save(update_fields=["list_published_on", "updated_at"])
    record_audit(
        actor=acting_user,
        action=PUBLISH,
        target=recruitment,
        before=before,
        after=_snapshot(recruitment),
        village=election.plan.village,
        target_repr=f"{post}候选人名单",
    )
    return recruitment


@transaction.atomic
def application_withdraw(
    *, application: Application, on: date, acting_user: User | None
) -> Application:
    """An applicant withdraws, or a candidate declines in writing: a candidate on a published
    list only until the profile's last day (VC-NOM-7)."""
    application = (
        Application.objects.select_for_update()
        .select_related("recruitment__election__plan__village", "person")
        .get(pk=application.pk)
    )
    recruitment = application.recruitment
    election = _election_of(recruitment)
    if application.status not in LIVE:
        raise _refuse(msg.NOT_LIVE.format(name=application.person.name), "status")
    if on < application.filed_on:
        raise _refuse(msg.WITHDRAWN_BEFORE_FILED.format(on=on, filed=application.filed_on), "date")
    if application.status == Status.ACCEPTED:
        late = rules.withdrawal_finding(profile_of(election), _day(election), on)
        if late is not None:
            raise _refuse(f"{late.message}（{late.rule_id}）", "late")
    before = _application_snapshot(application)
    application.status, application.withdrawn_on = Status.WITHDRAWN, on
    application.save(update_fields=["status", "withdrawn_on", "updated_at"])
    record_audit(
        actor=acting_user,
        action=WITHDRAW,
        target=application,
        before=before,
        after=_application_snapshot(application),
        village=election.plan.village,
        target_repr=f"{application.person.name}退出{recruitment.get_post_display()}",
    )
    return application


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("recruitment__election__plan__village", "person")
        .get(pk=application.pk)
    )


@transaction.atomic
def pledge_record(
    *, application: Application, kind: str, on: date, acting_user: User | None
) -> Pledge:
    """Record that a candidate signed one of the 三项承诺 or the 纪律承诺书 (rules.md E.4) on
    `on`: once per kind, between the application and the election day."""
    application = _locked(application)
    election = _election_of(application.recruitment)
    name = application.person.name
    faults = []
    if application.status != Status.ACCEPTED:
        status = application.get_status_display()
        faults.append(msg.PLEDGE_NOT_CANDIDATE.format(name=name, status=status))
    if on < application.filed_on:
        faults.append(msg.PLEDGE_BEFORE_FILED.format(on=on, name=name, filed=application.filed_on))
    if on > _day(election):
        faults.append(msg.PLEDGE_AFTER_DAY.format(on=on, day=election.election_day))
    earlier = application.pledges.filter(kind=kind).first()
    if earlier is not None:
        label = PledgeKind(kind).label
        faults.append(msg.PLEDGE_TWICE.format(name=name, kind=label, on=earlier.signed_on))
    if faults:
        raise ValidationError([ValidationError(m, code="refused") for m in faults])
    pledge = Pledge.objects.create(
        application=application, kind=kind, signed_on=on, recorded_by=acting_user
    )
    record_audit(
        actor=acting_user,
        action=PLEDGE,
        target=pledge,
        after={"person": name, "kind": kind, "signed_on": on},
        village=election.plan.village,
        target_repr=f"{name}签订{pledge.get_kind_display()}",
    )
    return pledge


@transaction.atomic
def goals_record(*, application: Application, goals: str, acting_user: User | None) -> Application:
    """Record (or correct, until the post's list is published) a candidate's 竞选目标, which
    the candidate-list notice prints under the candidate's name."""
    application = _locked(application)
    _open_recruitment(application.recruitment)
    text = goals.strip()
    faults = []
    if application.status not in LIVE:
        faults.append(msg.GOALS_NOT_LIVE.format(name=application.person.name))
    if len(text) > 500:
        faults.append(msg.GOALS_TOO_LONG.format(count=len(text)))
    if faults:
        raise ValidationError([ValidationError(m, code="refused") for m in faults])
    before = {"goals": application.goals}
    application.goals = text
    application.save(update_fields=["goals", "updated_at"])
    record_audit(
        actor=acting_user,
        action=GOALS,
        target=application,
        before=before,
        after={"goals": text},
        village=application.recruitment.election.plan.village,
        target_repr=f"{application.person.name}的竞选目标",
    )
    return application
