"""The elected of a counted round recorded as office holders (OfficeHolder with election=…).

A sheet names people by name; a winner is recorded when the name is exactly one voter on the
round's register (the person behind that voter). A name borne by two voters, or by nobody on
the register, is left for the committee to settle and shown on the page as not recorded.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from huanjie.ballots.assemblies import ASSEMBLY_BODIES
from huanjie.ballots.models import RoundResult
from huanjie.ballots.voters import register_for
from huanjie.elections.models import Election, OfficeHolder, Round
from huanjie.elections.services import office_holder_record
from huanjie.people.models import Person
from huanjie.registration.selectors import active_voters

if TYPE_CHECKING:
    from huanjie.accounts.models import User

TERM_YEARS = 5


def term_end(first_day: date) -> date:
    """Five years after the first round (the whole committee's term ends together)."""
    try:
        return first_day.replace(year=first_day.year + TERM_YEARS)
    except ValueError:  # 29 February
        return first_day.replace(year=first_day.year + TERM_YEARS, day=28)


def record_elected(
    election: Election, result: RoundResult, day: date, actor: User | None
) -> list[str]:
    """Record the round's winners; return the names that could not be matched to one voter."""
    names = [e["person"] for e in result.outcome["elected"]]
    if not names:
        return []
    register = register_for(election)
    matched: dict[str, list[int]] = {}
    if register is not None:
        for name, person_id in (
            active_voters(register).filter(name__in=names).values_list("name", "person_id")
        ):
            matched.setdefault(name, []).append(person_id)
    if election.body in ASSEMBLY_BODIES:
        # Elected by a meeting (cooperative members need not be voters): a name not on the
        # register is matched to the one villager who bears it.
        rest = [name for name in names if name not in matched]
        for name, person_id in Person.objects.filter(
            village=election.plan.village, name__in=rest
        ).values_list("name", "id"):
            matched.setdefault(name, []).append(person_id)
    first = (
        Election.objects.filter(plan=election.plan, body=election.body, round=Round.FIRST)
        .values_list("election_day", flat=True)
        .first()
    )
    end = term_end(first or day)
    unmatched = []
    for seat in result.outcome["elected"]:
        people = matched.get(seat["person"], [])
        if len(people) != 1:
            unmatched.append(seat["person"])
            continue
        person = Person.objects.get(pk=people[0])
        office_holder_record(
            village=election.plan.village,
            body=election.body,
            post=seat["post"],
            person=person,
            term_start=day,
            term_end=end,
            election=election,
            acting_user=actor,
        )
    return unmatched


def holders_of(election: Election) -> list[OfficeHolder]:
    return list(
        OfficeHolder.objects.filter(election=election).select_related("person").order_by("id")
    )
