"""Building a draft register from the household register and the committee's records (§G.1).

Everyone on the village's household register and everyone who applied to register by residence
is put to the rules (`voter_decision`: VC-REG-1, -2, -4, counted to election day); the
registrable go on the list unless another register of the same term already has them
(VC-REG-3: an open `Conflict`, shown to both villages and blocking both publications), the others
are listed as left off with the rule and the reason. A draft is built again from scratch as
often as the committee likes; a published list is never rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from numpy.typing import NDArray

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.bulk.voters import CATEGORIES, NOT_LISTED, as_days, plain_categories
from huanjie.campaigns.models import CampaignStatus
from huanjie.elections.models import Body, Election, Round
from huanjie.people.models import HeadRelation, Person, RegisterStatus
from huanjie.people.register.staging import large_cache, sqlite_bulk, write_rows
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
    VoterCard,
    VoterRegister,
)
from huanjie.registration.ordering import household_prefix, member_key, sort_key
from huanjie.registration.selectors import category_counts, left_off_counts
from huanjie.registration.services.plain import EXCEPTED, place_plain
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


# What a build reads of a person, one tuple per person straight from the database (no model
# instances: a village of a million people is read in seconds).
_COLUMNS = (
    "pk",
    "name",
    "sex",
    "birth_date",
    "village_id",
    "status",
    "hukou_in_village",
    "resides_in_village",
    "deprived_of_political_rights",
    "relation_to_head",
    "household__number",
    "household__villager_group_id",
)
_CHUNK = 50_000  # people read, judged and written at a time (bounded memory at any size)
_VOTER_FIELDS = [  # what varies from one voter to the next; `_Build.fixed` the rest
    "person",
    "category",
    "name",
    "sex",
    "villager_group",
    "group_name",
    "household_number",
    "sort_key",
]
_LEFT_OFF_FIELDS = ["register", "person", "kind", "rule_ids", "reasons", "other", "sort_key"]
_HEAD = str(HeadRelation.HEAD)
_by_key = itemgetter(_VOTER_FIELDS.index("sort_key"))
_by_left_key = itemgetter(_LEFT_OFF_FIELDS.index("sort_key"))


@dataclass(frozen=True, slots=True)
class _Person:
    """One row of `_COLUMNS`."""

    pk: int
    name: str
    sex: str
    birth_date: date
    village_id: int
    status: str
    hukou_in_village: bool
    resides_in_village: bool
    deprived_of_political_rights: bool
    relation_to_head: str
    household_number: str | None
    group_id: int | None

    @classmethod
    def of(cls, person: Person) -> _Person:
        household = person.household
        return cls(
            person.pk,
            person.name,
            person.sex,
            person.birth_date,
            person.village_id,
            person.status,
            person.hukou_in_village,
            person.resides_in_village,
            person.deprived_of_political_rights,
            person.relation_to_head,
            household.number if household is not None else None,
            household.villager_group_id if household is not None else None,
        )


@dataclass
class _Candidate:
    person: _Person
    facts: VoterFacts
    group: VillagerGroup | None
    household: str
    head: bool


@dataclass
class _Records:
    """What the committee recorded for the register: applications, wishes, exclusions."""

    applications: dict[int, ResidentApplication]
    wishes: set[int]
    excluded: dict[int, list[Exclusion]]

    @classmethod
    def of(cls, register: VoterRegister, only: set[int] | None = None) -> _Records:
        applications = ResidentApplication.objects.filter(register=register)
        wishes = register.wishes.all()
        exclusions = register.exclusions.all()
        if only is not None:
            applications = applications.filter(person_id__in=only)
            wishes, exclusions = (
                wishes.filter(person_id__in=only),
                exclusions.filter(person_id__in=only),
            )
        excluded: dict[int, list[Exclusion]] = {}
        for person_id, reason, until in exclusions.order_by("id").values_list(
            "person_id", "reason", "until"
        ):
            excluded.setdefault(person_id, []).append(Exclusion(ExclusionReason(reason), until))
        return cls(
            {a.person_id: a for a in applications.select_related("villager_group")},
            set(wishes.values_list("person_id", flat=True)),
            excluded,
        )

    def people(self) -> set[int]:
        """Everyone something is recorded of."""
        return set(self.applications) | self.wishes | set(self.excluded)


@dataclass
class _Placed:
    """The rows of a build (or of a part of it), as they are written."""

    voters: list[tuple[object, ...]] = field(default_factory=list)  # _VOTER_FIELDS
    left_off: list[tuple[object, ...]] = field(default_factory=list)  # _LEFT_OFF_FIELDS
    conflicts: list[tuple[int, VoterRegister]] = field(default_factory=list)


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
    _clear(register)
    large_cache()
    build = _Build(register, day, profile_of(register))
    conflicts: list[tuple[int, VoterRegister]] = []
    try:
        # The voters' CHECKs hold by construction: categories from the rules' own list, and
        # nobody removed in a build.
        with (
            transaction.atomic(),
            sqlite_bulk(Voter, build.expected(), checked=True),
            place_plain(build) as rest,  # the many the database places; the rest one by one
        ):
            for placed in build.placed(build.people(rest=rest)):
                write_rows(Voter, _VOTER_FIELDS, placed.voters, build.fixed)
                write_rows(LeftOff, _LEFT_OFF_FIELDS, placed.left_off)
                conflicts += placed.conflicts
    except IntegrityError as exc:  # another village registered one of them meanwhile
        raise ValidationError(msg.BUILD_RACE, code="race") from exc
    _record_conflicts(register, conflicts)
    categories, left = category_counts(register), left_off_counts(register)
    register.election_day = day
    register.built_on = today
    register.built_at = timezone.now()
    register.built_by = acting_user
    register.save(update_fields=["election_day", "built_on", "built_at", "built_by", "updated_at"])
    record_audit(
        actor=acting_user,
        action=REGISTER_BUILD,
        target=register,
        after={
            "election_day": day.isoformat(),
            "voters": sum(categories.values()),
            "categories": categories,
            "left_off": left,
            "conflicts": len(conflicts),
        },
        village=register.village,
    )
    return register


def _clear(register: VoterRegister) -> None:
    """The draft's rows of the last build, deleted in one statement each (a draft has no
    voter cards; should one be there, the ORM's delete refuses as it always did)."""
    voters = Voter.objects.filter(register=register)
    if VoterCard.objects.filter(voter__register=register).exists():
        voters.delete()
    with connection.cursor() as cursor:
        for model in (Voter, LeftOff):
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(model._meta.get_field("register").column)
            cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [register.pk])


def _voter_row(
    row: tuple[Any, ...],
    category: str,
    group: VillagerGroup | None,
    household: str,
    key: str,
) -> tuple[object, ...]:
    """A voter's row (`_VOTER_FIELDS`) from the person's row (`_COLUMNS`)."""
    return (
        row[0],
        category,
        row[1],
        row[2],
        None if group is None else group.id,
        "" if group is None else group.name,
        household,
        key,
    )


class _Build:
    """Who of the village (and of the applicants from elsewhere) goes on the register, and who
    is left off with the rule and the reasons; `only` these people (one settled conflict).

    The many with nothing on record but their registration, residence and birth date are
    decided together (`huanjie.bulk.voters`, the rule's own thresholds; those it leaves off
    with the rule's words asked once per birth date, 户籍 and residence, `plain_left`) and, in
    a whole build, written by the database (`place_plain`); everyone else is put to
    `voter_decision` (a decision asked once per distinct set of facts).
    """

    def __init__(
        self, register: VoterRegister, day: date, profile: Profile, only: set[int] | None = None
    ) -> None:
        self.register = register
        self.village = register.village
        self.day = day
        self.profile = profile
        self.only = only
        self.records = _Records.of(register, only)
        self.groups = {g.pk: g for g in VillagerGroup.objects.filter(village=self.village)}
        self.ranks = {pk: rank for rank, pk in enumerate(sorted(self.groups))}
        self.decisions: dict[VoterFacts, VoterDecision] = {}
        self.plain_left_by: dict[tuple[date, bool, bool], tuple[str, str, str] | None] = {}
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        # What every voter row of the build shares (written once into the insert).
        self.fixed = {
            "register": register.pk,
            "term_year": register.term_year,
            "created_at": now,
            "updated_at": now,
        }
        self._last_household: tuple[tuple[int | None, str] | None, str] = (None, "")
        self.elsewhere = self._listed_elsewhere()
        self.kept: dict[int, int | None] = {}
        resolved = Conflict.objects.filter(
            Q(claimant=register) | Q(holder=register), resolved_at__isnull=False
        )
        if only is not None:
            resolved = resolved.filter(person_id__in=only)
        for person_id, kept_id in resolved.order_by("resolved_at").values_list(
            "person_id", "kept_id"
        ):
            self.kept[person_id] = kept_id  # the latest resolution stands

    def _own(self) -> QuerySet[Person]:
        return Person.objects.on_register().filter(village=self.village)

    def excepted(self) -> set[int]:
        """The people placed one by one even with nothing but the household register to go by:
        those the committee recorded something of, kept on or listed by another register."""
        return self.records.people() | set(self.kept) | set(self.elsewhere)

    def people(self, *, rest: bool = False) -> Iterator[list[tuple[Any, ...]]]:
        """Everyone on the household register, and every applicant from elsewhere (a person of
        another village of the system, or one entered for the application), as rows of
        `_COLUMNS` in chunks: read by one query through a cursor that streams (a server-side
        one on PostgreSQL), without the ORM's per-row conversions (the driver's own types).
        `rest`: of the village's own only those `place_plain` left (deprived, or excepted)."""
        own = self._own()
        from_elsewhere = (
            Person.objects.filter(pk__in=list(self.records.applications))
            .exclude(pk__in=own.values("pk"))
            .exclude(status=RegisterStatus.DECEASED)
        )
        if rest:
            excepted = RawSQL(f"SELECT person_id FROM {EXCEPTED}", ())
            own = own.filter(Q(deprived_of_political_rights=True) | Q(pk__in=excepted))
        if self.only is not None:
            own, from_elsewhere = (
                own.filter(pk__in=self.only),
                from_elsewhere.filter(pk__in=self.only),
            )
        sql, params = own.values_list(*_COLUMNS).query.sql_with_params()
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while chunk := cursor.fetchmany(_CHUNK):
                yield chunk
        if rows := list(from_elsewhere.values_list(*_COLUMNS)):
            yield rows

    def expected(self) -> int:
        """About how many rows the build writes (its people; the applicants aside)."""
        own = self._own()
        return (own if self.only is None else own.filter(pk__in=self.only)).count()

    def _listed_elsewhere(self) -> dict[int, VoterRegister]:
        """The candidates already on another register of the term (VC-REG-3): looked up from
        the village's people (and the applicants) into the term's registrations, so that the
        cost follows the village's size, not the number of voters in the system."""
        term = Voter.objects.filter(
            term_year=self.register.term_year, removed_at__isnull=True
        ).exclude(register=self.register)
        if self.only is not None:
            parts = [term.filter(person_id__in=self.only)]
        else:
            own = term.filter(person__village=self.village, person__status=RegisterStatus.ACTIVE)
            parts = [own, term.filter(person_id__in=list(self.records.applications))]
        found = {
            person_id: register_id
            for part in parts
            for person_id, register_id in part.values_list("person_id", "register_id")
        }
        holders = VoterRegister.objects.in_bulk(set(found.values()))
        return {person_id: holders[register_id] for person_id, register_id in found.items()}

    def placed(self, chunks: Iterator[list[tuple[Any, ...]]]) -> Iterator[_Placed]:
        for chunk in chunks:
            yield self._place(chunk)

    def _place(self, rows: list[tuple[Any, ...]]) -> _Placed:
        """The rows of these people: those the rule lists on the household register alone
        decided together, the others one by one."""
        count = len(rows)
        village, active = self.village.pk, RegisterStatus.ACTIVE
        here = np.fromiter((r[4] == village and r[5] == active for r in rows), bool, count)
        days = as_days((r[3] for r in rows), count)
        codes = plain_categories(
            days,
            here & np.fromiter((r[6] for r in rows), bool, count),
            here & np.fromiter((r[7] for r in rows), bool, count),
            self.day,
            self.profile,
        ).tolist()
        placed = _Placed()
        recorded = self.records.people()
        categories = [str(c) for c in CATEGORIES]
        prefix_of = self.prefix
        kept, elsewhere = self.kept, self.elsewhere
        voters = placed.voters
        last: tuple[str | None, int | None] | None = None  # a household's members come together
        group: VillagerGroup | None = None
        prefix = ""
        for row, code, plain, born in zip(rows, codes, here.tolist(), _yyyymmdd(days), strict=True):
            pk = row[0]
            if plain and not row[8] and pk not in recorded:
                # Nothing on record but the household register (so here: a household of the
                # village, or none): the key as `member_key` writes it, from the day in hand.
                household = row[10]
                if (household, row[11]) != last:
                    last = (household, row[11])
                    group = None if household is None else self.group(row[11])
                    prefix = prefix_of(group, household or "")
                head = 0 if household is not None and row[9] == _HEAD else 1
                key = f"{prefix}{head}|{born:08d}|{pk:012d}"
                if code == NOT_LISTED:  # left off: the rule's words, the same for the same facts
                    left = self.plain_left(row[3], row[6], row[7])
                    if left is not None:
                        placed.left_off.append((self.register.pk, pk, *left, None, key))
                        continue
                else:
                    category = categories[code]
                    if (pk in kept or pk in elsewhere) and not self._listable(placed, pk, key):
                        continue  # a double registration, now or settled
                    voters.append(_voter_row(row, category, group, household or "", key))
                    continue
            candidate = self._candidate(row)
            decision = self._decision(candidate)
            key = prefix_of(candidate.group, candidate.household) + member_key(
                candidate.head, row[3], pk
            )
            if decision.registrable:
                category = str(decision.category)
                if self._listable(placed, pk, key):
                    group, household = candidate.group, candidate.household
                    voters.append(_voter_row(row, category, group, household, key))
                continue
            kind, rules, reasons = _left(candidate, decision, self.day)
            placed.left_off.append((self.register.pk, pk, kind, rules, reasons, None, key))
        placed.voters.sort(key=_by_key)  # the list's order: its index grows at the end
        placed.left_off.sort(key=_by_left_key)
        return placed

    def _candidate(self, row: tuple[Any, ...]) -> _Candidate:
        records = self.records
        return _candidate(
            self.village,
            _Person(*row),
            records.applications.get(row[0]),
            records.wishes,
            records.excluded,
            self.group,
        )

    def _decision(self, candidate: _Candidate) -> VoterDecision:
        """The rule's decision, asked once per distinct set of facts."""
        decision = self.decisions.get(candidate.facts)
        if decision is None:
            decision = voter_decision(candidate.facts, self.day, self.profile)
            self.decisions[candidate.facts] = decision
        return decision

    def plain_left(self, birth: date, hukou: bool, resides: bool) -> tuple[str, str, str] | None:
        """A person of the village with nothing on record whom the rule leaves off: (kind,
        rules, reasons), which only the birth date, 户籍 and residence decide (asked once per
        such triple); None should the rule list them after all (then they go the long way)."""
        facts = (birth, hukou, resides)
        if facts not in self.plain_left_by:
            # Anyone of the village with these facts and nothing else (`_COLUMNS`' order).
            active = RegisterStatus.ACTIVE
            row = (0, "", "", birth, self.village.pk, active, hukou, resides, False, "", None, None)
            candidate = self._candidate(row)
            decision = self._decision(candidate)
            self.plain_left_by[facts] = (
                None if decision.registrable else _left(candidate, decision, self.day)
            )
        return self.plain_left_by[facts]

    def _listable(self, placed: _Placed, pk: int, key: str) -> bool:
        """Whether a registrable person goes on this list: not if a settled conflict kept them
        on another register (left off), nor while another register lists them (claimed from
        it, VC-REG-3)."""
        register = self.register
        if pk in self.kept and self.kept[pk] != register.pk:
            elsewhere = str(LeftOffKind.ELSEWHERE)
            placed.left_off.append((register.pk, pk, elsewhere, "VC-REG-3", "", self.kept[pk], key))
            return False
        if pk in self.elsewhere:
            placed.conflicts.append((pk, self.elsewhere[pk]))
            return False
        return True

    def prefix(self, group: VillagerGroup | None, household: str) -> str:
        """The sort key's part of a household (its members are read one after another)."""
        pair = (group.id if group is not None else None, household)
        if pair != self._last_household[0]:
            rank = self.ranks.get(pair[0]) if pair[0] is not None else None
            self._last_household = (pair, household_prefix(rank, household))
        return self._last_household[1]

    def group(self, pk: int | None) -> VillagerGroup | None:
        if pk is None:
            return None
        if pk not in self.groups:  # a household's group of another village (not ranked)
            self.groups[pk] = VillagerGroup.objects.get(pk=pk)
        return self.groups[pk]


def _candidate(
    village: Region,
    person: _Person,
    application: ResidentApplication | None,
    wishes: set[int],
    excluded: dict[int, list[Exclusion]],
    group_of: Callable[[int | None], VillagerGroup | None],
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
    in_household = here and person.household_number is not None
    group = group_of(person.group_id) if in_household else None
    if group is None and application is not None:
        group = application.villager_group
    return _Candidate(
        person=person,
        facts=facts,
        group=group,
        household=(person.household_number or "") if in_household else "",
        head=in_household and person.relation_to_head == HeadRelation.HEAD,
    )


def judge_one(register: VoterRegister, person: Person) -> tuple[_Candidate, VoterDecision]:
    """What the rules say of one person for this register today, whether the build would have
    considered them or not (an objection asks about anyone)."""
    records = _Records.of(register, only={person.pk})
    candidate = _candidate(
        register.village,
        _Person.of(person),
        records.applications.get(person.pk),
        records.wishes,
        records.excluded,
        lambda pk: None if pk is None else VillagerGroup.objects.filter(pk=pk).first(),
    )
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


def _left(candidate: _Candidate, decision: VoterDecision, day: date) -> tuple[str, str, str]:
    """A left-off row's kind, rule IDs and reasons."""
    return str(_kind(candidate, day)), ",".join(decision.rule_ids), "\n".join(decision.reasons)


def _yyyymmdd(days: NDArray[np.datetime64]) -> list[int]:
    """Each day as the number YYYYMMDD (`member_key`'s), for a whole chunk at once."""
    months = days.astype("datetime64[M]")
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (days - months).astype(np.int64) + 1
    found: list[int] = (years * 10000 + month * 100 + day).tolist()
    return found


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


def _record_conflicts(register: VoterRegister, found: list[tuple[int, VoterRegister]]) -> None:
    """This register's open claims are exactly those of this build: new ones recorded, those
    no longer wanted (the person left the list meanwhile) dropped."""
    wanted = dict(found)
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
    if day is None:
        return None
    build = _Build(register, day, profile_of(register), only={person.pk})
    rows = [row for chunk in build.people() for row in chunk]
    if not rows:
        return None
    placed = build._place(rows)
    LeftOff.objects.filter(register=register, person=person).delete()
    for row in placed.voters:
        fixed = {"register_id": register.pk, "term_year": register.term_year}
        voter = Voter(**_fields(Voter, _VOTER_FIELDS, row), **fixed)
        try:
            with transaction.atomic():
                voter.save()
        except IntegrityError as exc:  # listed elsewhere meanwhile: the constraint holds
            raise ValidationError(msg.BUILD_RACE, code="race") from exc
        return voter
    for row in placed.left_off:
        left = LeftOff(**_fields(LeftOff, _LEFT_OFF_FIELDS, row))
        left.save()
        return left
    return None


def _fields(model: Any, names: list[str], row: tuple[object, ...]) -> dict[str, object]:
    return {model._meta.get_field(n).attname: v for n, v in zip(names, row, strict=True)}
