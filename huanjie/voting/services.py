"""Changing an election's voting arrangements and proxies. Every refusal is raised before
anything is written; every change is audited on the village's trail in its own transaction.

The rules are the engine's: mobile boxes by huanjie.rules.voting.mobile (MOBILE-1, MOBILE-2),
counting staff by huanjie.rules.voting.staff (VC-VOTE-5, KIN-3), proxies by
huanjie.rules.voting.proxy (PROXY-1..5, VC-VOTE-2), the announcements' last lawful days by
huanjie.rules.timeline.deadlines (§C.7). A change to the arrangements after they were announced
takes the announcement down (it must be put up again, on a lawful day).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.ballots.models import Box, BoxKind
from huanjie.ballots.services import box_add
from huanjie.committees.services.common import profile_of
from huanjie.elections.models import Body, Election, ElectionStatus
from huanjie.rules.timeline.deadlines import Deadline, Step
from huanjie.rules.voting.proxy import RULES, ProxyCheck
from huanjie.voting import messages as msg
from huanjie.voting.access import announcer, arranger, township
from huanjie.voting.models import (
    Duty,
    MobileVoter,
    Notice,
    ProxyRequest,
    ProxyStatus,
    Publication,
    StaffMember,
    Station,
    Via,
)
from huanjie.voting.selectors import (
    arrangements_view,
    deadlines,
    decide,
    live_requests,
    relation_between,
    rule_request,
    staff_check,
    voter_of,
)

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.people.models import Person

STATION_ADD = AuditAction("voting.station_add", "安排投票点")
STATION_REMOVE = AuditAction("voting.station_remove", "取消投票点")
MOBILE_APPROVE = AuditAction("voting.mobile_approve", "批准流动票箱")
MOBILE_VOTER_ADD = AuditAction("voting.mobile_voter_add", "列入流动票箱投票人名单")
MOBILE_VOTER_REMOVE = AuditAction("voting.mobile_voter_remove", "移出流动票箱投票人名单")
STAFF_ADD = AuditAction("voting.staff_add", "确定选举工作人员")
STAFF_REMOVE = AuditAction("voting.staff_remove", "撤换选举工作人员")
ARRANGEMENTS_PUBLISH = AuditAction("voting.arrangements_publish", "公告投票时间地点和工作人员")
ARRANGEMENTS_WITHDRAW = AuditAction("voting.arrangements_withdraw", "安排变更，原公告须重新张贴")
PROXY_FILE = AuditAction("voting.proxy_file", "登记委托投票申请")
PROXY_APPROVE = AuditAction("voting.proxy_approve", "审核同意委托投票")
PROXY_WITHDRAW = AuditAction("voting.proxy_withdraw", "撤回委托投票")
PROXIES_PUBLISH = AuditAction("voting.proxies_publish", "公布委托投票名单")


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _open(election: Election) -> None:
    """Only a villagers' committee election with an election day that is not over."""
    if election.body == Body.PARTY_ORGANIZATION:
        raise ValidationError(msg.PARTY_ELECTION, code="scope")
    if election.status in (ElectionStatus.COMPLETE, ElectionStatus.VOID, ElectionStatus.COUNTED):
        raise ValidationError(
            msg.ELECTION_OVER.format(election=election, status=election.get_status_display()),
            code="closed",
        )
    if election.election_day is None:
        raise ValidationError(msg.NO_ELECTION_DAY.format(election=election), code="no_day")


def _changed(election: Election, user: User | None) -> None:
    """Inside a change's transaction: an announcement already up no longer says what is so."""
    published = Publication.objects.filter(election=election, notice=Notice.ARRANGEMENTS).first()
    if published is not None:
        village = election.plan.village
        record_audit(
            actor=user,
            action=ARRANGEMENTS_WITHDRAW,
            target=published,
            before={"published_on": str(published.published_on)},
            village=village,
        )
        published.delete()


# Stations and mobile boxes -------------------------------------------------------------------


def station_add(
    *,
    election: Election,
    kind: str,
    name: str,
    place: str,
    hours: str,
    route: str = "",
    acting_user: User | None,
) -> Station:
    """A box of the village (made when it has none of that name) arranged for the election."""
    village = election.plan.village
    user = arranger(acting_user, village)
    _open(election)
    name, place, hours, route = name.strip(), place.strip(), hours.strip(), route.strip()
    if not name:
        raise ValidationError(msg.NAME_EMPTY, code="name")
    if not place or not hours:
        raise ValidationError(msg.PLACE_EMPTY, code="place")
    if kind == BoxKind.MOBILE and not route:
        raise ValidationError(msg.ROUTE_NEEDED, code="route")
    box = Box.objects.filter(village=village, name=name).first()
    if box is not None and box.kind != kind:
        label = box.get_kind_display()
        raise ValidationError(msg.BOX_KIND_DIFFERENT.format(name=name, kind=label), code="name")
    if box is not None and Station.objects.filter(election=election, box=box).exists():
        raise ValidationError(msg.STATION_EXISTS.format(name=name), code="name")
    if kind == BoxKind.CENTRAL:
        central = Station.objects.filter(election=election, box__kind=BoxKind.CENTRAL).first()
        if central is not None:
            raise ValidationError(msg.CENTRAL_ONE.format(name=central.box.name), code="kind")
    with transaction.atomic():
        if box is None:
            box = box_add(village=village, kind=kind, name=name, acting_user=None)
        station = Station(election=election, box=box, place=place, hours=hours, route=route)
        station.full_clean()
        station.save()
        _changed(election, user)
        record_audit(
            actor=user,
            action=STATION_ADD,
            target=station,
            after={"box": box.name, "kind": kind, "place": place, "hours": hours, "route": route},
            village=village,
        )
    return station


def station_remove(*, station: Station, acting_user: User | None) -> None:
    before = {"box": station.box.name, "place": station.place}
    _remove(station, station.election, STATION_REMOVE, before, acting_user)


def _remove(
    row: Station | StaffMember,
    election: Election,
    action: AuditAction,
    before: dict[str, str],
    acting_user: User | None,
) -> None:
    """An arrangement taken back before voting: the announcements must go up again."""
    village = election.plan.village
    user = arranger(acting_user, village)
    _open(election)
    with transaction.atomic():
        _changed(election, user)
        record_audit(actor=user, action=action, target=row, before=before, village=village)
        row.delete()


def mobile_approve(*, station: Station, acting_user: User | None) -> Station:
    """The township's approval of a mobile box (MOBILE-1): who and when."""
    election = station.election
    village = election.plan.village
    user = township(acting_user, village)
    _open(election)
    if station.box.kind != BoxKind.MOBILE:
        raise ValidationError(msg.NOT_MOBILE.format(name=station.box.name), code="kind")
    if station.approved_at is not None:
        who = station.approved_by.get_full_name() if station.approved_by else "系统"
        when = timezone.localtime(station.approved_at).strftime("%Y-%m-%d %H:%M")
        raise ValidationError(
            msg.ALREADY_APPROVED.format(name=station.box.name, when=when, who=who),
            code="approved",
        )
    with transaction.atomic():
        station.approved_by = user
        station.approved_at = timezone.now()
        station.save(update_fields=["approved_by", "approved_at"])
        record_audit(
            actor=user,
            action=MOBILE_APPROVE,
            target=station,
            after={"box": station.box.name, "approved_at": station.approved_at.isoformat()},
            village=village,
        )
    return station


def mobile_voter_add(
    *, station: Station, person: Person, reason: str, acting_user: User | None
) -> MobileVoter:
    election = station.election
    village = election.plan.village
    user = arranger(acting_user, village)
    _open(election)
    if station.box.kind != BoxKind.MOBILE:
        raise ValidationError(msg.NOT_MOBILE.format(name=station.box.name), code="kind")
    reason = reason.strip()
    if not reason:
        raise ValidationError(msg.REASON_EMPTY, code="reason")
    voter = voter_of(election, person)
    if voter is None:
        what = "不能列入流动票箱投票人名单（MOBILE-1）"
        raise ValidationError(msg.NOT_A_VOTER.format(name=person.name, what=what), code="voter")
    other = (
        MobileVoter.objects.filter(station__election=election, voter=voter)
        .select_related("station__box")
        .first()
    )
    if other is not None:
        raise ValidationError(
            msg.ON_OTHER_BOX.format(name=person.name, box=other.station.box.name), code="voter"
        )
    with transaction.atomic():
        listed = MobileVoter.objects.create(station=station, voter=voter, reason=reason)
        _changed(election, user)
        record_audit(
            actor=user,
            action=MOBILE_VOTER_ADD,
            target=listed,
            after={"box": station.box.name, "voter": voter.name, "reason": reason},
            village=village,
        )
    return listed


def mobile_voter_remove(*, listed: MobileVoter, acting_user: User | None) -> None:
    election = listed.station.election
    village = election.plan.village
    user = arranger(acting_user, village)
    _open(election)
    with transaction.atomic():
        _changed(election, user)
        record_audit(
            actor=user,
            action=MOBILE_VOTER_REMOVE,
            target=listed,
            before={"box": listed.station.box.name, "voter": listed.voter.name},
            village=village,
        )
        listed.delete()


# Counting staff ------------------------------------------------------------------------------


def staff_add(
    *,
    election: Election,
    person: Person,
    duty: str,
    station: Station | None = None,
    acting_user: User | None,
) -> StaffMember:
    """A caller, counter or scrutineer (of a box); refused for a candidate (VC-VOTE-5) or a
    candidate's relative within the province's set (KIN-3), with the chain."""
    village = election.plan.village
    user = arranger(acting_user, village)
    _open(election)
    if person.village_id != village.pk:
        raise ValidationError(
            msg.OTHER_VILLAGE.format(name=person.name, village=village.name), code="person"
        )
    if duty == Duty.SCRUTINEER and station is None:
        raise ValidationError(msg.SCRUTINEER_BOX, code="station")
    if duty != Duty.SCRUTINEER:
        station = None
    if StaffMember.objects.filter(
        election=election, person=person, duty=duty, station=station
    ).exists():
        label = Duty(duty).label + (f"（{station.box.name}）" if station else "")
        raise ValidationError(msg.STAFF_TWICE.format(name=person.name, duty=label), code="twice")
    problems = staff_check(election, profile_of(election), [person])
    if problems:
        raise ValidationError(
            [
                ValidationError(msg.STAFF_REFUSED.format(message=p.message, rule=p.rule_id))
                for p in problems
            ],
            code="kinship",
        )
    with transaction.atomic():
        member = StaffMember.objects.create(
            election=election, person=person, duty=duty, station=station
        )
        _changed(election, user)
        record_audit(
            actor=user,
            action=STAFF_ADD,
            target=member,
            after={"person": person.name, "duty": duty, "box": station.box.name if station else ""},
            village=village,
        )
    return member


def staff_remove(*, member: StaffMember, acting_user: User | None) -> None:
    before = {"person": member.person.name, "duty": member.duty}
    _remove(member, member.election, STAFF_REMOVE, before, acting_user)


# Announcements -------------------------------------------------------------------------------


def _lawful_day(deadline: Deadline | None, day: date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(msg.PUBLISH_FUTURE.format(day=_day(day)), code="future")
    if deadline is not None and day > deadline.day:
        raise ValidationError(
            msg.PUBLISH_LATE.format(
                what=what,
                day=_day(day),
                last=_day(deadline.day),
                days=deadline.days,
                rule=deadline.rule_id,
            ),
            code="late",
        )


def _publish(
    election: Election, notice: Notice, day: date, user: User | None, action: AuditAction
) -> Publication:
    village = election.plan.village
    with transaction.atomic():
        found = Publication.objects.filter(election=election, notice=notice).first()
        before = None if found is None else {"published_on": str(found.published_on)}
        if found is None:
            found = Publication(election=election, notice=notice)
        found.published_on = day
        found.published_by = user
        found.save()
        record_audit(
            actor=user,
            action=action,
            target=found,
            before=before,
            after={"published_on": str(day)},
            village=village,
        )
    return found


def arrangements_publish(*, election: Election, day: date, acting_user: User | None) -> Publication:
    """Announcements 10–12 on `day`: refused on a day after the last lawful one (§C.7), without a
    central venue or callers and counters, with a mobile box not approved or short of
    scrutineers (MOBILE-1, MOBILE-2), or with a candidate or a candidate's relative among the
    staff (VC-VOTE-5, KIN-3)."""
    village = election.plan.village
    user = announcer(acting_user, village)
    _open(election)
    view = arrangements_view(election)
    _lawful_day(view.notice_deadline, day, "投票时间、地点和工作人员公告")
    problems: list[ValidationError] = []
    if view.central is None:
        problems.append(ValidationError(msg.NO_CENTRAL, code="central"))
    if not view.callers or not view.counters:
        problems.append(ValidationError(msg.NO_CALLER, code="staff"))
    for s in view.stations:
        for f in s.findings:
            if f.blocking:
                problems.append(ValidationError(f"{f.message}（{f.rule_id}）", code="mobile"))
    for p in view.problems:
        problems.append(
            ValidationError(msg.STAFF_REFUSED.format(message=p.message, rule=p.rule_id))
        )
    if problems:
        raise ValidationError(problems, code="incomplete")
    return _publish(election, Notice.ARRANGEMENTS, day, user, ARRANGEMENTS_PUBLISH)


# Proxies -------------------------------------------------------------------------------------


def _proxy_refusal(election: Election, request: ProxyRequest) -> None:
    """The engine's decision on `request` among its holder's other live requests, as if the
    committee approved it now and published it on time (checks 1–4, 6, 7 of §C.5)."""
    profile = profile_of(election)
    found = deadlines(election, profile)
    publish_by = found[Step.PROXY_LIST].day if Step.PROXY_LIST in found else None
    now = timezone.now()
    others = [
        r
        for r in live_requests(election).filter(holder=request.holder_id)
        if r.pk != request.pk and r.status == ProxyStatus.APPROVED
    ]
    pairs = []
    for r in [*others, request]:
        relation, _ = relation_between(r.principal, r.holder)
        pairs.append(
            (
                r,
                rule_request(
                    r,
                    relation,
                    approved_at=r.approved_at or now,
                    published_on=r.published_on or publish_by,
                ),
            )
        )
    decision = decide(election, profile, request.holder, pairs)[-1]
    if not decision.valid:
        raise ValidationError(
            msg.PROXY_REFUSED.format(reason=decision.reason, rules="、".join(decision.rule_ids)),
            code=str(decision.failed),
        )


def proxy_file(
    *,
    election: Election,
    principal: Person,
    holder: Person,
    reason: str,
    filed_on: date,
    filed_by: str = "",
    via: str = Via.PAPER,
    acting_user: User | None,
) -> ProxyRequest:
    """A written authorization the committee enters — brought by the voter, by a relative on
    the voter's behalf (`filed_by`), or sent online (`via`). Refused when the engine would not
    accept it (PROXY-1..5) or the principal is not a voter of the village (VC-VOTE-2)."""
    village = election.plan.village
    user = arranger(acting_user, village)
    _open(election)
    reason, filed_by = reason.strip(), filed_by.strip()
    if not reason:
        raise ValidationError("请写明委托原因，如“外出务工”“在外地就医”。", code="reason")
    if principal.pk == holder.pk:
        raise ValidationError(msg.SAME_PERSON, code="holder")
    if filed_on > timezone.localdate():
        raise ValidationError(msg.FILED_FUTURE.format(day=_day(filed_on)), code="filed_on")
    if voter_of(election, principal) is None:
        raise ValidationError(msg.PRINCIPAL_NOT_VOTER.format(name=principal.name), code="voter")
    existing = live_requests(election).filter(principal=principal).first()
    if existing is not None:
        raise ValidationError(
            msg.PRINCIPAL_TWICE.format(name=principal.name, holder=existing.holder.name),
            code="twice",
        )
    holding = list(live_requests(election).filter(holder=principal))
    if holding:
        raise ValidationError(
            msg.PRINCIPAL_IS_HOLDER.format(
                name=principal.name,
                principals="、".join(r.principal.name for r in holding),
                rules="、".join(RULES[ProxyCheck.SUB_DELEGATION]),
            ),
            code=str(ProxyCheck.SUB_DELEGATION),
        )
    request = ProxyRequest(
        election=election,
        principal=principal,
        holder=holder,
        reason=reason,
        filed_on=filed_on,
        filed_by=filed_by,
        via=via,
    )
    request.full_clean(exclude=["election", "principal", "holder"])
    _proxy_refusal(election, request)
    with transaction.atomic():
        request.save()
        record_audit(
            actor=user,
            action=PROXY_FILE,
            target=request,
            after={
                "principal": principal.name,
                "holder": holder.name,
                "filed_on": str(filed_on),
                "filed_by": filed_by,
                "via": via,
            },
            village=village,
        )
    return request


def proxy_approve(*, request: ProxyRequest, acting_user: User | None) -> ProxyRequest:
    """The committee's review (审核): the engine decides again now, the cap counted in the order
    of approval (PROXY-2)."""
    election = request.election
    village = election.plan.village
    user = arranger(acting_user, village)
    _open(election)
    if request.status != ProxyStatus.FILED:
        raise ValidationError(
            msg.PROXY_NOT_FILED.format(status=request.get_status_display()), code="status"
        )
    _proxy_refusal(election, request)
    with transaction.atomic():
        request.status = ProxyStatus.APPROVED
        request.approved_by = user
        request.approved_at = timezone.now()
        request.save(update_fields=["status", "approved_by", "approved_at"])
        record_audit(
            actor=user,
            action=PROXY_APPROVE,
            target=request,
            before={"status": ProxyStatus.FILED},
            after={"status": ProxyStatus.APPROVED},
            village=village,
        )
    return request


def proxy_withdraw(*, request: ProxyRequest, acting_user: User | None) -> ProxyRequest:
    election = request.election
    village = election.plan.village
    user = arranger(acting_user, village)
    _open(election)
    if request.status == ProxyStatus.WITHDRAWN:
        raise ValidationError(
            msg.PROXY_NOT_FILED.format(status=request.get_status_display()), code="status"
        )
    if request.published_on is not None:
        raise ValidationError(
            msg.PROXY_PUBLISHED.format(day=_day(request.published_on)), code="published"
        )
    before = request.status
    with transaction.atomic():
        request.status = ProxyStatus.WITHDRAWN
        request.save(update_fields=["status"])
        record_audit(
            actor=user,
            action=PROXY_WITHDRAW,
            target=request,
            before={"status": before},
            after={"status": ProxyStatus.WITHDRAWN},
            village=village,
        )
    return request


def proxies_publish(*, election: Election, day: date, acting_user: User | None) -> Publication:
    """Announcement 13 on `day`, by the profile's last lawful day (PROXY-1..4: an unpublished
    proxy is invalid); stamps the approved proxies not yet published."""
    village = election.plan.village
    user = announcer(acting_user, village)
    _open(election)
    deadline = deadlines(election).get(Step.PROXY_LIST)
    _lawful_day(deadline, day, "委托投票名单公告")
    approved = live_requests(election).filter(status=ProxyStatus.APPROVED)
    if not approved.exists():
        raise ValidationError(msg.NO_APPROVED, code="empty")
    with transaction.atomic():
        approved.filter(published_on__isnull=True).update(published_on=day)
        return _publish(election, Notice.PROXIES, day, user, PROXIES_PUBLISH)
