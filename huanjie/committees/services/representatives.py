"""Villager representatives: the seats apportioned into constituencies (REP-4, REP-7), each
constituency's selection with its turnout and votes (REP-7), one household one representative
(REP-7, Zhejiang). The composition of the assembly (REP-3) is read live by the selectors."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.committees import messages as msg
from huanjie.committees.models import (
    Basis,
    Constituency,
    RepresentativePlan,
    Selection,
    SelectionVote,
)
from huanjie.committees.services.common import open_election, person_faults, profile_of, refuse
from huanjie.people.figures import households_on_register, village_figures
from huanjie.people.models import Household, Person, RegisterStatus, Sex
from huanjie.regions.models import Region, VillagerGroup
from huanjie.rules.bodies.assemblies import (
    Representative,
    one_household_one_representative,
    representative_bounds,
    representative_election_quorum,
    representatives_assembly_tests,
    zj_minimum_representatives,
)
from huanjie.rules.checks import Finding, block, in_zhejiang, warn
from huanjie.rules.eligibility.voters import VOTING_AGE
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.periods import age_on

if TYPE_CHECKING:
    from huanjie.accounts.models import User

APPORTION = AuditAction("representatives.apportion", "分配村民代表名额")
SELECTION_RECORD = AuditAction("representatives.selection", "登记村民代表推选结果")
SELECTION_CANCEL = AuditAction("representatives.selection_cancel", "撤销村民代表推选结果")
REPRESENTATIVE = "村民代表"
_DIGITS = re.compile(r"(\d+)")


def _number_key(number: str) -> tuple[Any, ...]:
    """户号 as people count them: "2" before "10"."""
    return tuple(int(p) if p.isdigit() else p for p in _DIGITS.split(number))


# --- apportionment ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupHouseholds:
    group: VillagerGroup
    households: tuple[Household, ...]  # on the register, in 户号 order


def group_households(village: Region) -> list[GroupHouseholds]:
    """The village's groups in their order, each with its households on the register."""
    homes = sorted(
        households_on_register().filter(village=village),
        key=lambda h: _number_key(h.number),
    )
    by_group: dict[int, list[Household]] = {}
    for home in homes:
        by_group.setdefault(home.villager_group_id, []).append(home)
    return [
        GroupHouseholds(g, tuple(by_group.get(g.pk, ())))
        for g in VillagerGroup.objects.filter(village=village).order_by("id")
    ]


def minimum_total(households: int, population: int, profile: Profile) -> int:
    """The fewest representatives the village may have: REP-4's household floor, and in
    Zhejiang REP-7's minimum by population."""
    low, _ = representative_bounds(households)
    if in_zhejiang(profile):
        return max(low, zj_minimum_representatives(population))
    return low


def suggested_seats(
    groups: Sequence[GroupHouseholds], population: int, profile: Profile, basis: str
) -> dict[int, int]:
    """A starting point for the form: the village's minimum shared among the groups by their
    households (largest remainders), at least one each; by household each group within its
    own 5–15 households per representative where it can be."""
    counted = [g for g in groups if g.households]
    total_households = sum(len(g.households) for g in counted)
    if not counted:
        return {}
    target = max(minimum_total(total_households, population, profile), len(counted))
    shares = [(target * len(g.households), g) for g in counted]
    seats = {g.group.pk: max(1, share // total_households) for share, g in shares}
    remainders = sorted(shares, key=lambda item: -(item[0] % total_households))
    for _, g in remainders[: max(0, target - sum(seats.values()))]:
        seats[g.group.pk] += 1
    if basis == Basis.HOUSEHOLDS:
        for g in counted:
            low, high = representative_bounds(len(g.households))
            seats[g.group.pk] = min(max(seats[g.group.pk], low, 1), max(high, 1))
    return seats


def suggested_women_seats(seats: Mapping[int, int], vc_seats: int) -> dict[int, int]:
    """Reserved women's seats (单列名额, REP-7) per group, in proportion to its seats, adding up
    to the women REP-3 asks for once every seat is filled (a third of the assembly with the
    VC's members)."""
    total = sum(seats.values())
    if not total:
        return {}
    placeholders = [Representative(str(i), "", str(i), False) for i in range(total)]
    needed = representatives_assembly_tests(placeholders, vc_seats)[1].required
    women = {g: n * needed // total for g, n in seats.items()}
    for g in sorted(seats, key=lambda g: -seats[g]):
        if sum(women.values()) >= needed:
            break
        women[g] = min(seats[g], women[g] + 1)
    return women


def _split(households: tuple[Household, ...], parts: int) -> list[tuple[Household, ...]]:
    """`parts` runs of consecutive households, as even as they come (larger ones first)."""
    size, extra = divmod(len(households), parts)
    runs, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        runs.append(households[start:end])
        start = end
    return runs


@dataclass(frozen=True)
class _Unit:
    name: str
    group: VillagerGroup
    households: tuple[Household, ...]
    seats: int
    women_seats: int


def _units(
    groups: Sequence[GroupHouseholds],
    basis: str,
    seats: Mapping[int, int],
    women: Mapping[int, int],
    village: Region,
) -> tuple[list[_Unit], list[str]]:
    known = {g.group.pk: g for g in groups}
    faults = [
        msg.GROUP_UNKNOWN.format(name=f"编号{pk}", village=village.name)
        for pk in [*seats, *women]
        if pk not in known
    ]
    units: list[_Unit] = []
    for g in groups:
        name, count = g.group.name, seats.get(g.group.pk, 0)
        wanted = women.get(g.group.pk, 0)
        if g.group.pk not in seats:
            if g.households:
                faults.append(msg.GROUP_LEFT_OUT.format(group=name, households=len(g.households)))
            continue
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            faults.append(msg.GROUP_SEATS_NOT_POSITIVE.format(group=name, seats=count))
            continue
        if not g.households:
            faults.append(msg.GROUP_NO_HOUSEHOLDS.format(group=name))
            continue
        if isinstance(wanted, bool) or not isinstance(wanted, int) or not 0 <= wanted <= count:
            faults.append(msg.WOMEN_SEATS_OVER.format(group=name, women=wanted, seats=count))
            continue
        if basis == Basis.GROUPS:
            units.append(_Unit(name, g.group, (), count, wanted))
            continue
        # REP-4 on each run: one representative for 5–15 households.
        households = len(g.households)
        runs = _split(g.households, count)
        sizes = [len(r) for r in runs]
        if not all(representative_bounds(n)[0] <= 1 <= representative_bounds(n)[1] for n in sizes):
            low, high = representative_bounds(households)
            if high < 1:
                faults.append(msg.HOUSEHOLD_SPLIT_NONE.format(group=name, households=households))
            else:
                fit = min(max(count, low), high)
                faults.append(
                    msg.HOUSEHOLD_SPLIT.format(
                        group=name,
                        households=households,
                        seats=count,
                        low=min(sizes),
                        high=max(sizes),
                        fit=fit,
                    )
                )
            continue
        for i, run in enumerate(runs, start=1):
            units.append(
                _Unit(
                    f"{name}第{i}片（{run[0].number}—{run[-1].number}户）",
                    g.group,
                    run,
                    1,
                    1 if i <= wanted else 0,
                )
            )
    return units, faults


def apportionment_findings(
    total: int, households: int, population: int, profile: Profile
) -> list[Finding]:
    """REP-4's household bounds (a warning: groups may be the unit) and, in Zhejiang, REP-7's
    minimum (blocking) and the small-village note, on the seats apportioned."""
    found: list[Finding] = []
    low, high = representative_bounds(households)
    if not low <= total <= high:
        found.append(
            warn(
                "REP-4",
                msg.TOTAL_OUTSIDE_BOUNDS.format(
                    households=households, low=low, high=high, total=total
                ),
            )
        )
    if in_zhejiang(profile):
        if population < 300:
            found.append(warn("REP-7", msg.SMALL_VILLAGE.format(population=population)))
        minimum = zj_minimum_representatives(population)
        if total < minimum:
            found.append(
                block(
                    "REP-7",
                    msg.TOTAL_BELOW_MINIMUM.format(
                        population=population, minimum=minimum, total=total
                    ),
                )
            )
    return found


@transaction.atomic
def representatives_apportion(
    *,
    village: Region,
    basis: str,
    seats: Mapping[int, int] | None,
    women_seats: Mapping[int, int] | None = None,
    decided_on: date,
    acting_user: User | None,
) -> RepresentativePlan:
    """Apportion the seats into constituencies: one per villager group (`groups`) or runs of
    5–15 households of a group, one representative each (`households`). `seats` by villager
    group id (None: the suggested apportionment). Refused below REP-7's minimum; replaces an
    earlier apportionment only while no selection is recorded."""
    election = open_election(village)
    profile = profile_of(election)
    if basis not in Basis.values:
        raise ValidationError(msg.BASIS_UNKNOWN.format(value=basis), code="invalid")
    existing = RepresentativePlan.objects.filter(election=election).first()
    if existing is not None:
        done = Selection.objects.filter(constituency__plan=existing).count()
        if done:
            raise ValidationError(msg.PLAN_HAS_SELECTIONS.format(count=done), code="selected")
    groups = group_households(village)
    counts = village_figures(village=village)
    if not any(g.households for g in groups):
        raise ValidationError(msg.NO_GROUPS.format(village=village.name), code="invalid")
    if seats is None:
        seats = suggested_seats(groups, counts.people, profile, basis)
    units, faults = _units(groups, basis, seats, women_seats or {}, village)
    if not faults:
        total = sum(u.seats for u in units)
        faults = [
            f.message
            for f in apportionment_findings(total, counts.households, counts.people, profile)
            if f.blocking
        ]
    if faults:
        raise refuse(faults, "invalid")
    before = None
    if existing is not None:
        before = {"basis": existing.basis, "constituencies": _unit_lines(existing)}
        existing.delete()
    plan = RepresentativePlan.objects.create(
        election=election,
        village=village,
        basis=basis,
        decided_on=decided_on,
        households=counts.households,
        population=counts.people,
    )
    for number, unit in enumerate(units, start=1):
        constituency = Constituency.objects.create(
            plan=plan,
            number=number,
            name=unit.name,
            villager_group=unit.group,
            seats=unit.seats,
            women_seats=unit.women_seats,
        )
        if unit.households:
            constituency.households.set(unit.households)
    record_audit(
        actor=acting_user,
        action=APPORTION,
        target=plan,
        before=before,
        after={
            "basis": basis,
            "decided_on": decided_on.isoformat(),
            "households": counts.households,
            "population": counts.people,
            "constituencies": _unit_lines(plan),
        },
        village=village,
    )
    return plan


def _unit_lines(plan: RepresentativePlan) -> list[str]:
    return [
        f"{c.name} {c.seats}名" + (f"（单列妇女{c.women_seats}名）" if c.women_seats else "")
        for c in plan.constituencies.order_by("number")
    ]


# --- a constituency's selection ------------------------------------------------------------------


@dataclass(frozen=True)
class SelectionVoteInput:
    person: Person
    votes: int


def unit_people(constituency: Constituency) -> Any:
    """The people of a constituency (its households, or its villager group's)."""
    people = Person.objects.filter(village=constituency.plan.village)
    if constituency.plan.basis == Basis.HOUSEHOLDS:
        return people.filter(household__in=constituency.households.all())
    return people.filter(household__villager_group=constituency.villager_group)


def people_counts(people: Any, on: date, *, voters_only: bool = True) -> tuple[int, int]:
    """Adults of `people` on the household register on `on` (without those deprived of
    political rights when `voters_only`) and the households with someone on it."""
    active = people.filter(status=RegisterStatus.ACTIVE)
    adults = active.filter(deprived_of_political_rights=False) if voters_only else active
    births = adults.values_list("birth_date", flat=True)
    voters = sum(1 for born in births if age_on(born, on) >= VOTING_AGE)
    households = active.values("household").distinct().count()
    return voters, households


def unit_counts(constituency: Constituency, on: date) -> tuple[int, int]:
    """The unit's voters and households on the household register on `on`: adults on the
    register not deprived of political rights, and households with someone on it (REP-7's
    bases; the voter list may not be published yet when representatives are chosen [I])."""
    return people_counts(unit_people(constituency), on)


def ranked_pick(
    ranked: list[SelectionVoteInput], seats: int, short: str, tie: str = msg.SELECTION_TIE
) -> tuple[list[SelectionVoteInput], list[str]]:
    """The first `seats` by votes; a tie across the line is not settled by the order (`tie`
    says so, with {names} and {votes})."""
    if len(ranked) < seats:
        return [], [short]
    if 0 < seats < len(ranked) and ranked[seats - 1].votes == ranked[seats].votes:
        tied = [v.person.name for v in ranked if v.votes == ranked[seats].votes]
        return [], [tie.format(names="、".join(tied), votes=ranked[seats].votes)]
    return ranked[:seats], []


def _elected(
    constituency: Constituency, votes: Sequence[SelectionVoteInput]
) -> tuple[list[SelectionVoteInput], list[str]]:
    """The reserved women's seats (单列名额, REP-7) go to the women with most votes, the other
    seats to the most votes among the rest [I]."""
    ranked = sorted(votes, key=lambda v: -v.votes)  # stable: equal votes keep the entered order
    women_seats = constituency.women_seats
    women = [v for v in ranked if v.person.sex == Sex.FEMALE]
    short_women = msg.FEWER_WOMEN.format(women=women_seats, count=len(women))
    reserved, faults = ranked_pick(women, women_seats, short_women)
    if faults:
        return [], faults
    rest = [v for v in ranked if v not in reserved]
    general = constituency.seats - women_seats
    short = msg.FEWER_THAN_SEATS.format(seats=constituency.seats, count=len(ranked))
    picked, faults = ranked_pick(rest, general, short)
    return reserved + picked, faults


def _household_faults(
    constituency: Constituency, elected: list[SelectionVoteInput], profile: Profile
) -> list[str]:
    """REP-7 (Zhejiang): the representatives elected so far and these, one per household."""
    if not in_zhejiang(profile):
        return []
    earlier = list(
        SelectionVote.objects.filter(
            selection__constituency__plan=constituency.plan, elected=True
        ).select_related("person", "selection__constituency")
    )
    where = {v.person.pk: v.selection.constituency.name for v in earlier}
    people = [v.person for v in earlier] + [v.person for v in elected]
    reps = [
        Representative(str(p.pk), p.name, str(p.household_id), p.sex == Sex.FEMALE) for p in people
    ]
    faults = []
    for finding in one_household_one_representative(reps):
        others = [
            msg.SAME_HOUSEHOLD_OTHER.format(name=p.name, unit=where[p.pk])
            for p in people
            if p.pk in where and p.name in finding.message
        ]
        faults.append(msg.SAME_HOUSEHOLD.format(message=finding.message, other="".join(others)))
    return faults


@transaction.atomic
def representatives_selection_record(
    *,
    constituency: Constituency,
    held_on: date,
    voters_present: int,
    households_present: int,
    votes: Sequence[SelectionVoteInput],
    acting_user: User | None,
) -> Selection:
    """One constituency's selection: the turnout against the unit's voters and households
    (REP-7's quorum: half the voters or two thirds of the households), every person's votes,
    and the elected — the seats' worth with most votes, reserved women's seats first."""
    constituency = Constituency.objects.select_related("plan__village", "plan__election").get(
        pk=constituency.pk
    )
    plan = constituency.plan
    village = plan.village
    election = open_election(village)
    profile = profile_of(election)
    if hasattr(constituency, "selection"):
        raise ValidationError(
            msg.CONSTITUENCY_DONE.format(name=constituency.name, on=constituency.selection.held_on),
            code="selected",
        )
    faults: list[str] = []
    if election.election_day is not None and held_on > election.election_day:
        faults.append(msg.HELD_AFTER_ELECTION.format(on=held_on, day=election.election_day))
    if held_on < plan.decided_on:
        faults.append(msg.HELD_BEFORE_PLAN.format(on=held_on, decided=plan.decided_on))
    voters, households = unit_counts(constituency, held_on)
    for what, present, eligible in (
        ("到会选民", voters_present, f"选民{voters}人"),
        ("到会户代表", households_present, f"{households}户"),
    ):
        if isinstance(present, bool) or not isinstance(present, int) or present < 0:
            faults.append(msg.VOTES_NOT_POSITIVE.format(name=what, votes=present))
        elif present > (voters if what == "到会选民" else households):
            faults.append(msg.TURNOUT_OVER.format(what=what, present=present, eligible=eligible))
    if faults:
        raise refuse(faults, "invalid")
    quorum = representative_election_quorum(voters_present, voters, households_present, households)
    if quorum.finding is not None:
        faults.append(msg.SELECTION_QUORUM.format(message=quorum.message))
    if not votes:
        faults.append(msg.VOTES_EMPTY)
    members = set(unit_people(constituency).values_list("pk", flat=True))
    seen: set[int] = set()
    for vote in votes:
        name = vote.person.name
        if vote.person.pk in seen:
            faults.append(msg.PERSON_TWICE.format(name=name))
        seen.add(vote.person.pk)
        if isinstance(vote.votes, bool) or not isinstance(vote.votes, int) or vote.votes < 1:
            faults.append(msg.VOTES_NOT_POSITIVE.format(name=name, votes=vote.votes))
        if vote.person.pk not in members and vote.person.village_id == village.pk:
            faults.append(msg.PERSON_OTHER_UNIT.format(name=name, unit=constituency.name))
        else:
            faults += person_faults(vote.person, village, held_on, REPRESENTATIVE)
    if faults:
        raise refuse(faults, "invalid")
    elected, faults = _elected(constituency, votes)
    faults += _household_faults(constituency, elected, profile)
    if faults:
        raise refuse(faults, "invalid")
    selection = Selection.objects.create(
        constituency=constituency,
        held_on=held_on,
        voters_eligible=voters,
        voters_present=voters_present,
        households_eligible=households,
        households_present=households_present,
    )
    winners = {v.person.pk for v in elected}
    SelectionVote.objects.bulk_create(
        SelectionVote(
            selection=selection, person=v.person, votes=v.votes, elected=v.person.pk in winners
        )
        for v in votes
    )
    record_audit(
        actor=acting_user,
        action=SELECTION_RECORD,
        target=selection,
        after={
            "constituency": constituency.pk,
            "held_on": held_on.isoformat(),
            "voters_eligible": voters,
            "voters_present": voters_present,
            "households_eligible": households,
            "households_present": households_present,
            "selection_votes": [f"{v.person.name} {v.votes}票" for v in votes],
            "representatives": [v.person.name for v in elected],
        },
        village=village,
    )
    return selection


@transaction.atomic
def representatives_selection_cancel(
    *, constituency: Constituency, reason: str, acting_user: User | None
) -> Constituency:
    """Undo a constituency's recorded selection (entered wrongly, or held again): the votes
    and the reason stay on the audit trail."""
    constituency = Constituency.objects.select_related("plan__village").get(pk=constituency.pk)
    open_election(constituency.plan.village)
    reason = reason.strip()
    selection = Selection.objects.filter(constituency=constituency).first()
    if selection is None:
        raise ValidationError(
            msg.CONSTITUENCY_NOT_DONE.format(name=constituency.name), code="not_selected"
        )
    if not reason:
        raise ValidationError(msg.CANCEL_REASON_REQUIRED, code="invalid")
    votes = list(selection.votes.select_related("person"))
    record_audit(
        actor=acting_user,
        action=SELECTION_CANCEL,
        target=constituency,
        before={
            "held_on": selection.held_on.isoformat(),
            "selection_votes": [f"{v.person.name} {v.votes}票" for v in votes],
            "representatives": [v.person.name for v in votes if v.elected],
        },
        after={"reason": reason},
        village=constituency.plan.village,
    )
    selection.delete()
    return constituency
