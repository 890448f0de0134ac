"""The outgoing committees of a village and the elections that renew them.

Sizes follow the law (PB-ORG-2 branch committee 3–5, 党委 up to 7; VC-ORG-1 3–7 with a
women's seat under ZJ's 专职专选; SUP-2 3–5; CEO-4 board 3–7, odd). In most villages one person
is party secretary, VC chair and cooperative chair (一肩挑, YJT-2); party committee members sit
on the VC too (交叉任职). Different office holders come from different households, so no two
are near relatives by the register (SEED-KIN-X, SUP-2, CEO-5), and the supervision committee is
chaired by the party deputy secretary where there is one (SEED-STRUCT).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from huanjie.demo.constants import TERM_YEARS
from huanjie.demo.households import COLLEGE_OR_ABOVE
from huanjie.demo.plan import ElectionPlan, OfficePlan
from huanjie.demo.residents import Resident, weighted_sample
from huanjie.demo.schedule import VillageDays
from huanjie.elections.models import Body, Method, Post
from huanjie.people.models import PartyOrganizationKind
from huanjie.rules.timeline.periods import add_years

Seats = tuple[tuple[str, int], ...]
ONE_PERSON_ALL_POSTS_SHARE = 0.85  # 一肩挑 in most villages


def _with_deputy(size: int, head: str, deputy: str) -> Seats:
    deputies = 1 if size >= 5 else 0
    rest = size - 1 - deputies
    return (
        (head, 1),
        *(((deputy, 1),) if deputies else ()),
        *(((Post.MEMBER, rest),) if rest else ()),
    )


def seat_tables(population: int, full_members: int, org_kind: str) -> dict[str, Seats]:
    """The posts of each body, by post (the outgoing committee and the new one alike)."""
    if org_kind == PartyOrganizationKind.COMMITTEE:
        party_size = 7
    elif org_kind == PartyOrganizationKind.GENERAL_BRANCH or full_members >= 30:
        party_size = 5
    else:
        party_size = 3 if full_members >= 7 else 1  # fewer than 7: a secretary only (PB-ORG-2)
    vc_size = 3 if population < 1000 else 5 if population < 2500 else 7
    vc_vice = 1 if vc_size >= 5 else 0
    vc: Seats = (
        (Post.CHAIR, 1),
        *(((Post.VICE_CHAIR, 1),) if vc_vice else ()),
        (Post.MEMBER, vc_size - 2 - vc_vice),
        (Post.WOMEN_MEMBER, 1),
    )
    return {
        Body.PARTY_ORGANIZATION: _with_deputy(party_size, Post.SECRETARY, Post.DEPUTY_SECRETARY),
        Body.VILLAGERS_COMMITTEE: vc,
        Body.SUPERVISION_COMMITTEE: ((Post.CHAIR, 1), (Post.MEMBER, 2 if population < 1500 else 4)),
        Body.COOPERATIVE_BOARD: _with_deputy(vc_size, Post.CHAIR, Post.VICE_CHAIR),
        Body.COOPERATIVE_SUPERVISORS: ((Post.CHAIR, 1), (Post.MEMBER, 2)),
    }


def _cadre_weight(person: Resident) -> float:
    # Villages prefer capable, educated cadres in their prime.
    schooling = 3.0 if person.education in COLLEGE_OR_ABOVE else 1.5
    return schooling * (2.0 if 35 <= person.age <= 55 else 1.0)


def _successor_weight(person: Resident) -> float:
    # The new term's targets (SEED-STRUCT): younger, more of them with a college education.
    schooling = 4.0 if person.education in COLLEGE_OR_ABOVE else 1.0
    return schooling * (3.0 if 28 <= person.age <= 45 else 1.0 if person.age <= 55 else 0.3)


class _Picker:
    """Draws office holders who live in the village, each from a household not yet used."""

    def __init__(
        self,
        rng: random.Random,
        residents: list[Resident],
        weight: Callable[[Resident], float] = _cadre_weight,
    ) -> None:
        self.rng = rng
        self.weight = weight
        self.residents = [r for r in residents if r.resides]
        self.used_households: set[str] = set()

    def pick(self, accept: Callable[[Resident], bool]) -> Resident:
        pool = [r for r in self.residents if r.household not in self.used_households and accept(r)]
        if not pool:
            raise ValueError("The village has too few residents to fill its committees.")
        person = weighted_sample(self.rng, pool, 1, self.weight)[0]
        self.used_households.add(person.household)
        return person


def outgoing_committees(
    rng: random.Random,
    residents: list[Resident],
    voting_members: set[str],
    seats: dict[str, Seats],
    days: VillageDays,
    *,
    weight: Callable[[Resident], float] = _cadre_weight,
) -> tuple[OfficePlan, ...]:
    """Who holds each post of the outgoing term. `voting_members` are the ID numbers of full
    members with their rights (no 留党察看) who live in the village. The outgoing committees
    were elected five years before their successors' days (`days`), give or take a few days."""
    picker = _Picker(rng, residents, weight)

    def party_member(r: Resident) -> bool:
        return r.id_number in voting_members and 25 <= r.age <= 65

    def adult(low: int, high: int, sex: str = "") -> Callable[[Resident], bool]:
        return lambda r: low <= r.age <= high and (not sex or r.sex == sex)

    secretary = picker.pick(lambda r: party_member(r) and 35 <= r.age <= 60)
    party: list[tuple[str, Resident]] = [(Post.SECRETARY, secretary)]
    for post, n in seats[Body.PARTY_ORGANIZATION][1:]:
        party.extend((post, picker.pick(party_member)) for _ in range(n))
    deputy = next((p for post, p in party if post == Post.DEPUTY_SECRETARY), None)
    # Committee members who may also sit on the VC (交叉任职); the deputy secretary chairs the
    # supervision committee instead, which no VC member may sit on (SUP-2).
    crossing = [p for post, p in party if post == Post.MEMBER]

    one_person = rng.random() < ONE_PERSON_ALL_POSTS_SHARE
    chair = secretary if one_person else picker.pick(adult(30, 60))
    vc: list[tuple[str, Resident]] = [(Post.CHAIR, chair)]
    for post, n in seats[Body.VILLAGERS_COMMITTEE][1:]:
        for _ in range(n):
            if post == Post.WOMEN_MEMBER:
                person = picker.pick(adult(25, 55, "F"))
            elif crossing and rng.random() < 0.5:
                person = crossing.pop(0)
            else:
                person = picker.pick(adult(25, 60))
            vc.append((post, person))

    supervision: list[tuple[str, Resident]] = [
        (Post.CHAIR, deputy if deputy is not None else picker.pick(party_member))
    ]
    for post, n in seats[Body.SUPERVISION_COMMITTEE][1:]:
        supervision.extend((post, picker.pick(adult(30, 65))) for _ in range(n))

    # The cooperative board is the VC's people: its chair, vice chair, then its members.
    vice = [p for post, p in vc if post == Post.VICE_CHAIR]
    others = [p for post, p in vc if post not in (Post.CHAIR, Post.VICE_CHAIR)]
    board: list[tuple[str, Resident]] = [(Post.CHAIR, chair)]
    for post, n in seats[Body.COOPERATIVE_BOARD][1:]:
        for _ in range(n):
            source = vice if post == Post.VICE_CHAIR and vice else others
            board.append((post, source.pop(0) if source else picker.pick(adult(25, 60))))

    # 社监会: chaired by a supervision committee member, never a board member's relative (CEO-5).
    supervisors: list[tuple[str, Resident]] = [(Post.CHAIR, supervision[1][1])]
    for post, n in seats[Body.COOPERATIVE_SUPERVISORS][1:]:
        supervisors.extend((post, picker.pick(adult(30, 65))) for _ in range(n))

    party_start = add_years(days.party, -TERM_YEARS) + timedelta(days=rng.randint(1, 10))
    village_start = add_years(days.villagers_committee, -TERM_YEARS) + timedelta(
        days=rng.randint(1, 10)
    )
    committees = [
        (Body.PARTY_ORGANIZATION, party, party_start),
        (Body.VILLAGERS_COMMITTEE, vc, village_start),
        (Body.SUPERVISION_COMMITTEE, supervision, village_start),
        (Body.COOPERATIVE_BOARD, board, village_start),
        (Body.COOPERATIVE_SUPERVISORS, supervisors, village_start),
    ]
    return tuple(
        OfficePlan(body, post, person.id_number, start, add_years(start, TERM_YEARS))
        for body, holders, start in committees
        for post, person in holders
    )


def new_committees(
    rng: random.Random,
    residents: list[Resident],
    voting_members: set[str],
    seats: dict[str, Seats],
    days: VillageDays,
) -> tuple[OfficePlan, ...]:
    """The committees a village elected on `days` (already past): drawn like the outgoing ones,
    younger and better schooled, each body's term from its own election day."""
    drawn = outgoing_committees(
        rng, residents, voting_members, seats, days, weight=_successor_weight
    )
    return tuple(
        replace(
            office,
            term_start=days.days[office.body],
            term_end=add_years(days.days[office.body], TERM_YEARS),
        )
        for office in drawn
    )


def election_plans(
    rng: random.Random, seats: dict[str, Seats], days: VillageDays, *, fixed: bool
) -> tuple[ElectionPlan, ...]:
    """The first-round election of each body, in the order of domain.md §2; the days are
    `days` when the village has fixed them, else not yet (`fixed` False)."""
    party_method = (
        Method.TWO_RECOMMENDATIONS if rng.random() < 0.8 else Method.THREE_RECOMMENDATIONS
    )
    vc_method = Method.SELF_NOMINATION if rng.random() < 0.7 else Method.WITH_CANDIDATES
    methods = {
        Body.PARTY_ORGANIZATION: party_method,
        Body.VILLAGERS_COMMITTEE: vc_method,
        Body.SUPERVISION_COMMITTEE: Method.ASSEMBLY,
        Body.COOPERATIVE_BOARD: Method.ASSEMBLY,
        Body.COOPERATIVE_SUPERVISORS: Method.ASSEMBLY,
    }
    return tuple(
        ElectionPlan(body, method, seats[body], days.days[body] if fixed else None)
        for body, method in methods.items()
    )
