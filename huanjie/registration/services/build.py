"""Building a draft register from the household register and the committee's records (§G.1).

Everyone on the village's household register and everyone who applied to register by residence
is put to the rules (`voter_decision`: VC-REG-1, -2, -4, counted to election day); the
registrable go on the list unless another register of the same term already has them
(VC-REG-3: an open `Conflict`, shown to both villages and blocking both publications), the others
are listed as left off with the rule and the reason. A draft is built again from scratch as
often as the committee likes; a published list is never rebuilt.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.campaigns.models import CampaignStatus
from huanjie.elections.models import Body, Election, Round
from huanjie.people.models import HeadRelation, Person, RegisterStatus
from huanjie.regions.models import Region, VillagerGroup
from huanjie.registration import messages as msg
from huanjie.registration.models import (
    Basis,
    Conflict,
    LeftOff,
    LeftOffKind,
    ListStatus,
    ResidentApplication,
    Voter,
    VoterRegister,
)
from huanjie.registration.ordering import sort_key
from huanjie.rules.eligibility.voters import (
    VOTING_AGE,
    Exclusion,
    ExclusionReason,
    VoterDecision,
    VoterFacts,
    voter_decision,
)
from huanjie.rules.profiles.profile import Profile, load_profile
from huanjie.rules.timeline.periods import age_on

if TYPE_CHECKING:
    from huanjie.accounts.models import User

REGISTER_OPEN = AuditAction("registration.register_open", "建立选民名单")
REGISTER_BUILD = AuditAction("registration.register_build", "生成选民名单")


def check_election(election: Election) -> None:
    """The register belongs to the round's first villagers' committee election, in a campaign
    that is not closed."""
    if election.body != Body.VILLAGERS_COMMITTEE:
        raise ValidationError(
            msg.NOT_VC_ELECTION.format(body=election.get_body_display()), code="not_vc"
        )
    if election.round != Round.FIRST:
        raise ValidationError(msg.NOT_FIRST_ROUND, code="not_first_round")
    campaign = election.plan.campaign
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(msg.CAMPAIGN_CLOSED.format(name=campaign.name), code="closed")


def profile_of(register: VoterRegister) -> Profile:
    return load_profile(register.election.plan.campaign.profile_id)


@transaction.atomic
def register_open(*, election: Election, acting_user: User | None) -> VoterRegister:
    """The election's register, created (empty, a draft) the first time it is needed."""
    election = Election.objects.select_related("plan__campaign", "plan__village").get(
        pk=election.pk
    )
    existing = VoterRegister.objects.filter(election=election).first()
    if existing is not None:
        return existing
    check_election(election)
    register = VoterRegister.objects.create(
        election=election,
        village=election.plan.village,
        term_year=election.plan.campaign.term_start_year,
    )
    record_audit(
        actor=acting_user,
        action=REGISTER_OPEN,
        target=register,
        after={"election": election.pk, "term_year": register.term_year},
        village=register.village,
    )
    return register


def locked_register(register: VoterRegister) -> VoterRegister:
    return (
        VoterRegister.objects.select_for_update()
        .select_related("election__plan__campaign", "village")
        .get(pk=register.pk)
    )


def require_draft(register: VoterRegister) -> None:
    if register.status == ListStatus.PUBLISHED:
        raise ValidationError(
            msg.ALREADY_PUBLISHED.format(day=register.published_on), code="published"
        )


@dataclass
class _Candidate:
    person: Person
    facts: VoterFacts
    group: VillagerGroup | None
    household: str
    head: bool


@dataclass
class _Placed:
    voters: list[Voter]
    left_off: list[LeftOff]
    conflicts: list[tuple[Person, VoterRegister]]


@transaction.atomic
def register_build(
    *, election: Election, acting_user: User | None, today: date | None = None
) -> VoterRegister:
    """Build (or build again) the election's draft register; audited with its counts."""
    today = today or timezone.localdate()
    register = locked_register(register_open(election=election, acting_user=acting_user))
    election = register.election
    check_election(election)
    require_draft(register)
    day = election.election_day
    if day is None:
        raise ValidationError(
            msg.NO_ELECTION_DAY.format(village=register.village.name), code="no_election_day"
        )
    profile = profile_of(register)
    candidates = _candidates(register)
    decisions = {c.person.pk: voter_decision(c.facts, day, profile) for c in candidates}
    placed = _place(register, candidates, decisions, day)
    Voter.objects.filter(register=register).delete()
    LeftOff.objects.filter(register=register).delete()
    try:
        with transaction.atomic():
            Voter.objects.bulk_create(placed.voters, batch_size=500)
    except IntegrityError as exc:  # another village registered one of them meanwhile
        raise ValidationError(msg.BUILD_RACE, code="race") from exc
    LeftOff.objects.bulk_create(placed.left_off, batch_size=500)
    _record_conflicts(register, placed.conflicts)
    register.election_day = day
    register.built_on = today
    register.built_at = timezone.now()
    register.built_by = acting_user
    register.save(update_fields=["election_day", "built_on", "built_at", "built_by", "updated_at"])
    categories = Counter(v.category for v in placed.voters)
    left = Counter(lo.kind for lo in placed.left_off)
    record_audit(
        actor=acting_user,
        action=REGISTER_BUILD,
        target=register,
        after={
            "election_day": day.isoformat(),
            "voters": len(placed.voters),
            "categories": dict(sorted(categories.items())),
            "left_off": dict(sorted(left.items())),
            "conflicts": len(placed.conflicts),
        },
        village=register.village,
    )
    return register


def _candidates(register: VoterRegister, only: set[int] | None = None) -> list[_Candidate]:
    """Everyone on the household register, and every applicant from elsewhere (a person of
    another village of the system, or one entered for the application); `only` these people."""
    village = register.village
    applications = {a.person_id: a for a in ResidentApplication.objects.filter(register=register)}
    wishes = set(register.wishes.values_list("person_id", flat=True))
    excluded: dict[int, list[Exclusion]] = {}
    for row in register.exclusions.all():
        excluded.setdefault(row.person_id, []).append(
            Exclusion(ExclusionReason(row.reason), row.until)
        )
    own = Person.objects.on_register().filter(village=village)
    from_elsewhere = (
        Person.objects.filter(pk__in=list(applications))
        .exclude(pk__in=own.values("pk"))
        .exclude(status=RegisterStatus.DECEASED)
    )
    if only is not None:
        own, from_elsewhere = own.filter(pk__in=only), from_elsewhere.filter(pk__in=only)
    people = list(own.select_related("household__villager_group")) + list(
        from_elsewhere.select_related("household__villager_group")
    )
    return [_candidate(village, p, applications.get(p.pk), wishes, excluded) for p in people]


def _candidate(
    village: Region,
    person: Person,
    application: ResidentApplication | None,
    wishes: set[int],
    excluded: dict[int, list[Exclusion]],
) -> _Candidate:
    """The facts of VC-REG-1, -2, -4 for one person and this village."""
    here = person.village_id == village.pk and person.status == RegisterStatus.ACTIVE
    hukou_here = here and person.hukou_in_village
    resident = person.resides_in_village if here else False
    if application is not None and not hukou_here and application.basis == Basis.RESIDENT:
        resident = True  # what the application and the assembly's approval rest on
    exclusions = list(excluded.get(person.pk, []))
    if person.deprived_of_political_rights:
        exclusions.insert(0, Exclusion(ExclusionReason.DEPRIVED_OF_POLITICAL_RIGHTS))
    facts = VoterFacts(
        birth_date=person.birth_date,
        hukou_here=hukou_here,
        resident=resident,
        expressed_intent=person.pk in wishes,
        residence_since=_since(application, Basis.RESIDENT),
        village_affairs_since=_since(application, Basis.VILLAGE_AFFAIRS),
        applied=application is not None,
        assembly_approved=application is not None and application.approved_on is not None,
        exclusions=tuple(exclusions),
    )
    household = person.household if here else None
    group = household.villager_group if household is not None else None
    if group is None and application is not None:
        group = application.villager_group
    return _Candidate(
        person=person,
        facts=facts,
        group=group,
        household=household.number if household is not None else "",
        head=household is not None and person.relation_to_head == HeadRelation.HEAD,
    )


def judge_one(register: VoterRegister, person: Person) -> tuple[_Candidate, VoterDecision]:
    """What the rules say of one person for this register today, whether the build would have
    considered them or not (an objection asks about anyone)."""
    village = register.village
    application = ResidentApplication.objects.filter(register=register, person=person).first()
    wishes = set(register.wishes.filter(person=person).values_list("person_id", flat=True))
    excluded = {
        person.pk: [
            Exclusion(ExclusionReason(row.reason), row.until)
            for row in register.exclusions.filter(person=person)
        ]
    }
    candidate = _candidate(village, person, application, wishes, excluded)
    day = register.election.election_day or register.election_day
    assert day is not None  # a published register has its election day
    return candidate, voter_decision(candidate.facts, day, profile_of(register))


def group_rank(register: VoterRegister, group: VillagerGroup | None) -> int | None:
    if group is None:
        return None
    groups = list(
        VillagerGroup.objects.filter(village=register.village)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    return groups.index(group.pk) if group.pk in groups else None


def candidate_key(register: VoterRegister, candidate: _Candidate) -> str:
    person = candidate.person
    rank = group_rank(register, candidate.group)
    return sort_key(rank, candidate.household, candidate.head, person.birth_date, person.pk)


def _since(application: ResidentApplication | None, basis: str) -> date | None:
    if application is None or application.basis != basis:
        return None
    return application.since


def _place(
    register: VoterRegister,
    candidates: list[_Candidate],
    decisions: dict[int, VoterDecision],
    day: date,
) -> _Placed:
    ranks = {
        pk: rank
        for rank, pk in enumerate(
            VillagerGroup.objects.filter(village=register.village)
            .order_by("id")
            .values_list("pk", flat=True)
        )
    }
    registrable = [c.person.pk for c in candidates if decisions[c.person.pk].registrable]
    elsewhere = {
        v.person_id: v.register
        for v in Voter.objects.filter(
            term_year=register.term_year, person_id__in=registrable, removed_at__isnull=True
        )
        .exclude(register=register)
        .select_related("register")
    }
    kept: dict[int, Conflict] = {}
    for conflict in Conflict.objects.filter(
        Q(claimant=register) | Q(holder=register),
        resolved_at__isnull=False,
        person_id__in=registrable,
    ).order_by("resolved_at"):
        kept[conflict.person_id] = conflict  # the latest resolution stands
    placed = _Placed([], [], [])
    for candidate in candidates:
        person = candidate.person
        key = sort_key(
            ranks.get(candidate.group.pk) if candidate.group else None,
            candidate.household,
            candidate.head,
            person.birth_date,
            person.pk,
        )
        decision = decisions[person.pk]
        if not decision.registrable:
            placed.left_off.append(
                LeftOff(
                    register=register,
                    person=person,
                    kind=_kind(candidate, day),
                    rule_ids=",".join(decision.rule_ids),
                    reasons="\n".join(decision.reasons),
                    sort_key=key,
                )
            )
            continue
        resolution = kept.get(person.pk)
        if resolution is not None and resolution.kept_id != register.pk:
            placed.left_off.append(
                LeftOff(
                    register=register,
                    person=person,
                    kind=LeftOffKind.ELSEWHERE,
                    rule_ids="VC-REG-3",
                    other_id=resolution.kept_id,
                    sort_key=key,
                )
            )
            continue
        if person.pk in elsewhere:
            placed.conflicts.append((person, elsewhere[person.pk]))
            continue
        placed.voters.append(
            Voter(
                register=register,
                person=person,
                term_year=register.term_year,
                category=str(decision.category),
                name=person.name,
                sex=person.sex,
                villager_group=candidate.group,
                group_name=candidate.group.name if candidate.group else "",
                household_number=candidate.household,
                sort_key=key,
            )
        )
    return placed


def _kind(candidate: _Candidate, day: date) -> str:
    facts = candidate.facts
    if age_on(facts.birth_date, day) < VOTING_AGE:
        return LeftOffKind.MINOR
    reasons = {e.reason for e in facts.exclusions if e.until is None or e.until >= day}
    if ExclusionReason.DEPRIVED_OF_POLITICAL_RIGHTS in reasons:
        return LeftOffKind.DEPRIVED
    if reasons:
        return LeftOffKind.EXCLUDED
    return LeftOffKind.NO_CATEGORY


def _record_conflicts(register: VoterRegister, found: list[tuple[Person, VoterRegister]]) -> None:
    """This register's open claims are exactly those of this build: new ones recorded, those
    no longer wanted (the person left the list meanwhile) dropped."""
    wanted = {person.pk: holder for person, holder in found}
    stale = Conflict.objects.filter(claimant=register, resolved_at__isnull=True)
    stale.exclude(person_id__in=list(wanted)).delete()
    existing = {
        c.person_id: c
        for c in Conflict.objects.filter(
            claimant=register, resolved_at__isnull=True, person_id__in=list(wanted)
        )
    }
    fresh = []
    for person_id, holder in wanted.items():
        conflict = existing.get(person_id)
        if conflict is None:
            fresh.append(
                Conflict(
                    person_id=person_id,
                    term_year=register.term_year,
                    claimant=register,
                    holder=holder,
                )
            )
        elif conflict.holder_id != holder.pk:
            conflict.holder = holder
            conflict.save(update_fields=["holder"])
    Conflict.objects.bulk_create(fresh)


def place_one(register: VoterRegister, person: Person) -> Voter | LeftOff | None:
    """Put one person to the rules for a draft as a build would (after a conflict is settled in
    this register's favour): their voter row or left-off row, written; None when the person is
    not a candidate here any more (the next build will say so)."""
    listed = Voter.objects.filter(register=register, person=person, removed_at__isnull=True)
    if listed.exists():
        return listed.first()
    day = register.election_day or register.election.election_day
    found = _candidates(register, only={person.pk})
    if day is None or not found:
        return None
    decisions = {person.pk: voter_decision(found[0].facts, day, profile_of(register))}
    placed = _place(register, found, decisions, day)
    LeftOff.objects.filter(register=register, person=person).delete()
    for row in placed.voters:
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError as exc:  # listed elsewhere meanwhile: the constraint holds
            raise ValidationError(msg.BUILD_RACE, code="race") from exc
        return row
    for left in placed.left_off:
        left.save()
        return left
    return None
