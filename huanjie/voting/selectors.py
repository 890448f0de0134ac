"""What the voting pages read: an election's arrangements with the engine's findings (MOBILE-1,
MOBILE-2, VC-VOTE-5, KIN-3), its proxies with the engine's decision on each (PROXY-1..5), and
the last lawful days of the announcements (§C.7)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from huanjie.ballots.models import BoxKind
from huanjie.calendar.selectors import working_calendar
from huanjie.committees.kinship import key, kinship_index
from huanjie.committees.services.common import profile_of
from huanjie.elections.models import Election
from huanjie.nominations.models import LIVE, Application
from huanjie.people.models import Person
from huanjie.registration.models import Voter
from huanjie.registration.selectors import active_voters, register_of
from huanjie.rules.checks import Finding
from huanjie.rules.kinship.relations import RelationKind, RelationSet
from huanjie.rules.kinship.terms import RELATION_SET_LABELS
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.deadlines import Deadline, Step, plan_deadlines
from huanjie.rules.voting.mobile import MobileBox, check_box, check_station
from huanjie.rules.voting.proxy import Holder, ProxyCheck, ProxyDecision, validate_proxies
from huanjie.rules.voting.proxy import ProxyRequest as RuleRequest
from huanjie.rules.voting.staff import StaffProblem, kin_3_set, staff_problems
from huanjie.voting.models import (
    Duty,
    MobileVoter,
    Notice,
    ProxyRequest,
    ProxyStatus,
    Publication,
    StaffMember,
    Station,
)


def deadlines(election: Election, profile: Profile | None = None) -> dict[Step, Deadline]:
    """The election's last lawful days by step (empty without an election day)."""
    if election.election_day is None:
        return {}
    profile = profile or profile_of(election)
    day = election.election_day
    calendar = working_calendar([day.year - 1, day.year])
    return {d.step: d for d in plan_deadlines(profile, day, calendar)}


def voters(election: Election) -> QuerySet[Voter]:
    register = register_of(election)
    if register is None:
        return Voter.objects.none()
    return active_voters(register).select_related("person")


def voter_of(election: Election, person: Person) -> Voter | None:
    return voters(election).filter(person=person).first()


def candidates(election: Election) -> set[int]:
    """The candidates and self-nominees of the election (filed or accepted, not withdrawn)."""
    return set(
        Application.objects.filter(recruitment__election=election, status__in=LIVE).values_list(
            "person_id", flat=True
        )
    )


def publication(election: Election, notice: Notice) -> Publication | None:
    return Publication.objects.filter(election=election, notice=notice).first()


@dataclass
class StationView:
    station: Station
    scrutineers: list[StaffMember]
    voters: list[MobileVoter]
    findings: list[Finding]

    @property
    def mobile(self) -> bool:
        return self.station.box.kind == BoxKind.MOBILE


@dataclass
class ArrangementsView:
    election: Election
    profile: Profile
    stations: list[StationView]
    callers: list[StaffMember]
    counters: list[StaffMember]
    problems: list[StaffProblem]
    relation_label: str
    min_scrutineers: int
    approval_required: bool
    notice_deadline: Deadline | None
    published: Publication | None
    staff_by_person: dict[int, list[StaffMember]] = field(default_factory=dict)

    @property
    def central(self) -> StationView | None:
        return next((s for s in self.stations if s.station.box.kind == BoxKind.CENTRAL), None)


def staff_check(election: Election, profile: Profile, staff: list[Person]) -> list[StaffProblem]:
    """VC-VOTE-5 and KIN-3 for these people against the election's candidates."""
    candidate_ids = candidates(election)
    if not staff or not candidate_ids:
        return []
    people = {p.pk: p for p in staff}
    people.update({p.pk: p for p in Person.objects.filter(pk__in=candidate_ids)})
    index = kinship_index(people.values())
    names = {key(p): p.name for p in people.values()}
    return staff_problems(
        profile, index, {key(c) for c in candidate_ids}, {key(p) for p in staff}, names
    )


def arrangements_view(election: Election) -> ArrangementsView:
    profile = profile_of(election)
    published = publication(election, Notice.ARRANGEMENTS)
    stations = list(
        Station.objects.filter(election=election)
        .select_related("box", "approved_by")
        .order_by("box__kind", "id")
    )
    order = {BoxKind.CENTRAL: 0, BoxKind.STATION: 1, BoxKind.MOBILE: 2}
    stations.sort(key=lambda s: (order.get(BoxKind(s.box.kind), 3), s.pk))
    staff = list(
        StaffMember.objects.filter(election=election).select_related("person", "station__box")
    )
    listed: dict[int, list[MobileVoter]] = defaultdict(list)
    for mv in MobileVoter.objects.filter(station__election=election).select_related("voter"):
        listed[mv.station_id].append(mv)
    views = []
    for s in stations:
        scrutineers = [m for m in staff if m.station_id == s.pk and m.duty == Duty.SCRUTINEER]
        findings: list[Finding] = []
        if s.box.kind == BoxKind.MOBILE:
            box = MobileBox(
                name=s.box.name,
                voters=frozenset(str(mv.voter_id) for mv in listed[s.pk]),
                scrutineers=frozenset(key(m.person_id) for m in scrutineers),
                # This announcement publishes the lists; the page says when it is not yet up.
                lists_published=True,
                township_approved=s.approved_at is not None,
            )
            findings = check_box(profile, box)
        else:  # a polling station or the central venue: the profile's minimum (MOBILE-2, BJ)
            findings = check_station(profile, s.box.name, len(scrutineers))
        views.append(StationView(s, scrutineers, listed[s.pk], findings))
    by_person: dict[int, list[StaffMember]] = defaultdict(list)
    for m in staff:
        by_person[m.person_id].append(m)
    return ArrangementsView(
        election=election,
        profile=profile,
        stations=views,
        callers=[m for m in staff if m.duty == Duty.CALLER],
        counters=[m for m in staff if m.duty == Duty.COUNTER],
        problems=staff_check(election, profile, list({m.person for m in staff})),
        relation_label=RELATION_SET_LABELS[kin_3_set(profile)],
        min_scrutineers=profile.get_int("mobile.min_scrutineers"),
        approval_required=profile.get_bool("mobile.requires_approval"),
        notice_deadline=deadlines(election, profile).get(Step.VOTE_NOTICE),
        published=published,
        staff_by_person=dict(by_person),
    )


def relation_between(principal: Person, holder: Person) -> tuple[RelationKind | None, str]:
    """The counted close-relative link of a holder to a principal, and its chain ("甲是乙的…")."""
    index = kinship_index([principal, holder])
    found = index.conflicts(RelationSet.NEAR_RELATIVES, across=([key(holder)], [key(principal)]))
    if not found:
        return None, ""
    return found[0].kind, found[0].chain


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def rule_request(
    request: ProxyRequest,
    relation: RelationKind | None,
    *,
    approved_at: datetime | None = None,
    published_on: date | None = None,
) -> RuleRequest:
    return RuleRequest(
        principal=key(request.principal_id),
        holder=key(request.holder_id),
        relation=relation,
        filed_on=request.filed_on,
        approved_at=approved_at or request.approved_at,
        published_on=published_on or request.published_on,
    )


def holder_facts(election: Election, holder: Person, candidate_ids: set[int]) -> Holder:
    delegated = (
        ProxyRequest.objects.filter(election=election, principal=holder)
        .exclude(status=ProxyStatus.WITHDRAWN)
        .exists()
    )
    return Holder(
        key=key(holder),
        village=key(election.plan.village_id),
        registered=voter_of(election, holder) is not None and holder.village_id is not None,
        candidate=holder.pk in candidate_ids,
        delegated_own_vote=delegated,
    )


def decide(
    election: Election,
    profile: Profile,
    holder: Person,
    requests: list[tuple[ProxyRequest, RuleRequest]],
) -> list[ProxyDecision]:
    """The engine's decision on each of one holder's requests."""
    assert election.election_day is not None
    facts = holder_facts(election, holder, candidates(election))
    return validate_proxies(
        profile,
        election.election_day,
        key(election.plan.village_id),
        facts,
        [r for _, r in requests],
    )


@dataclass
class ProxyRow:
    request: ProxyRequest
    chain: str
    decision: ProxyDecision | None
    pending: bool = False  # valid but for the publication still to come, on time


@dataclass
class ProxiesView:
    election: Election
    profile: Profile
    rows: list[ProxyRow]
    request_deadline: Deadline | None
    publish_deadline: Deadline | None
    published: Publication | None
    cap: int | None
    candidates_barred: bool

    @property
    def valid(self) -> list[ProxyRow]:
        return [r for r in self.rows if r.decision is not None and r.decision.valid]


def live_requests(election: Election) -> QuerySet[ProxyRequest]:
    return (
        ProxyRequest.objects.filter(election=election)
        .exclude(status=ProxyStatus.WITHDRAWN)
        .select_related("principal", "holder", "approved_by")
    )


def proxies_view(election: Election) -> ProxiesView:
    profile = profile_of(election)
    rows: list[ProxyRow] = []
    by_holder: dict[int, list[tuple[ProxyRequest, RuleRequest]]] = defaultdict(list)
    chains: dict[int, str] = {}
    requests = list(live_requests(election))
    for r in requests:
        relation, chain = relation_between(r.principal, r.holder)
        chains[r.pk] = chain
        by_holder[r.holder_id].append((r, rule_request(r, relation)))
    decisions: dict[int, ProxyDecision] = {}
    if election.election_day is not None:
        for pairs in by_holder.values():
            holder = pairs[0][0].holder
            for (r, _), d in zip(pairs, decide(election, profile, holder, pairs), strict=True):
                decisions[r.pk] = d
    found = deadlines(election, profile)
    publish_by = found.get(Step.PROXY_LIST)
    on_time = publish_by is None or timezone.localdate() <= publish_by.day
    for r in requests:
        decision = decisions.get(r.pk)
        pending = (
            decision is not None
            and decision.failed is ProxyCheck.PUBLISHED
            and r.published_on is None
            and on_time
        )
        rows.append(ProxyRow(r, chains[r.pk], decision, pending))
    return ProxiesView(
        election=election,
        profile=profile,
        rows=rows,
        request_deadline=found.get(Step.PROXY_REQUEST),
        publish_deadline=found.get(Step.PROXY_LIST),
        published=publication(election, Notice.PROXIES),
        cap=profile.get_optional_int("proxy.max_per_holder"),
        candidates_barred=not profile.get_bool("proxy.candidate_may_hold"),
    )
