"""The register build as it was written first, one model instance and one `voter_decision` per
person, kept as the oracle of the fast build: what it would list, leave off and claim.

    expected(register) -> Outcome   # read-only: nothing written
    outcome(register) -> Outcome    # what the build wrote
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from huanjie.people.models import HeadRelation, Person, RegisterStatus
from huanjie.regions.models import Region, VillagerGroup
from huanjie.registration.models import (
    Basis,
    Conflict,
    LeftOff,
    LeftOffKind,
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
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.timeline.periods import age_on

VoterRow = tuple[str, str, str, int | None, str, str, str]  # category … sort key
LeftRow = tuple[str, str, str, int | None, str]  # kind, rules, reasons, other, sort key


@dataclass(frozen=True)
class Outcome:
    voters: dict[int, VoterRow]
    left_off: dict[int, LeftRow]
    conflicts: dict[int, int]  # person → the register holding them (open claims)


def outcome(register: VoterRegister) -> Outcome:
    """What a build wrote for the register."""
    voters: dict[int, VoterRow] = {
        v[0]: v[1:]
        for v in Voter.objects.filter(register=register).values_list(
            "person_id",
            "category",
            "name",
            "sex",
            "villager_group_id",
            "group_name",
            "household_number",
            "sort_key",
        )
    }
    left: dict[int, LeftRow] = {
        lo[0]: lo[1:]
        for lo in LeftOff.objects.filter(register=register).values_list(
            "person_id", "kind", "rule_ids", "reasons", "other_id", "sort_key"
        )
    }
    conflicts = dict(
        Conflict.objects.filter(claimant=register, resolved_at__isnull=True).values_list(
            "person_id", "holder_id"
        )
    )
    return Outcome(voters, left, conflicts)


@dataclass
class _Candidate:
    person: Person
    facts: VoterFacts
    group: VillagerGroup | None
    household: str
    head: bool


def expected(register: VoterRegister, day: date) -> Outcome:
    """What the first build would write for the register on election day `day`."""
    profile = load_profile(register.election.plan.campaign.profile_id)
    candidates = _candidates(register)
    decisions = {c.person.pk: voter_decision(c.facts, day, profile) for c in candidates}
    return _place(register, candidates, decisions, day)


def _candidates(register: VoterRegister) -> list[_Candidate]:
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
    here = person.village_id == village.pk and person.status == RegisterStatus.ACTIVE
    hukou_here = here and person.hukou_in_village
    resident = person.resides_in_village if here else False
    if application is not None and not hukou_here and application.basis == Basis.RESIDENT:
        resident = True
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


def _since(application: ResidentApplication | None, basis: str) -> date | None:
    if application is None or application.basis != basis:
        return None
    return application.since


def _place(
    register: VoterRegister,
    candidates: list[_Candidate],
    decisions: dict[int, VoterDecision],
    day: date,
) -> Outcome:
    ranks = {
        pk: rank
        for rank, pk in enumerate(
            VillagerGroup.objects.filter(village=register.village)
            .order_by("id")
            .values_list("pk", flat=True)
        )
    }
    registrable = [c.person.pk for c in candidates if decisions[c.person.pk].registrable]
    elsewhere = dict(
        Voter.objects.filter(
            term_year=register.term_year, person_id__in=registrable, removed_at__isnull=True
        )
        .exclude(register=register)
        .values_list("person_id", "register_id")
    )
    kept: dict[int, Conflict] = {}
    for conflict in Conflict.objects.filter(
        Q(claimant=register) | Q(holder=register),
        resolved_at__isnull=False,
        person_id__in=registrable,
    ).order_by("resolved_at"):
        kept[conflict.person_id] = conflict
    placed = Outcome({}, {}, {})
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
            placed.left_off[person.pk] = (
                _kind(candidate, day),
                ",".join(decision.rule_ids),
                "\n".join(decision.reasons),
                None,
                key,
            )
            continue
        resolution = kept.get(person.pk)
        if resolution is not None and resolution.kept_id != register.pk:
            placed.left_off[person.pk] = (
                LeftOffKind.ELSEWHERE,
                "VC-REG-3",
                "",
                resolution.kept_id,
                key,
            )
            continue
        if person.pk in elsewhere:
            placed.conflicts[person.pk] = elsewhere[person.pk]
            continue
        placed.voters[person.pk] = (
            str(decision.category),
            person.name,
            person.sex,
            candidate.group.pk if candidate.group else None,
            candidate.group.name if candidate.group else "",
            candidate.household,
            key,
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
