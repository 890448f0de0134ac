"""Checks of register entries, all of them before anything is written.

`check_entries` looks only at the entries (ID numbers, sex, duplicates, one head per
household): pure CPU, reported with progress. `check_against_database` then asks the database,
in a few set-based queries, which people and households are already registered.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models.expressions import RawSQL

from huanjie.people import messages as msg
from huanjie.people.models import (
    Education,
    HeadRelation,
    Household,
    Person,
    PersonTagKind,
    PoliticalStatus,
    Sex,
)
from huanjie.people.register import columns as col
from huanjie.people.register.inputs import (
    CheckedMember,
    CheckOutcome,
    HouseholdInput,
    Level,
    MemberInput,
    Problem,
)
from huanjie.regions.models import PREFIX_LENGTH, Region, VillagerGroup
from huanjie.regions.models import Level as RegionLevel
from huanjie.rules.eligibility.identity import check_id_number, mask_id_number

if TYPE_CHECKING:
    from huanjie.accounts.policy import Scope

Progress = Callable[[int, int], None]

# Set-based lookups go in chunks this size: one query per chunk, far below any backend's limit.
LOOKUP_CHUNK = 2000
# Looking up a whole file's ID numbers: larger chunks (see `id_numbers_in`).
ID_LOOKUP_CHUNK = 50_000


def id_numbers_in(numbers: list[str]) -> RawSQL | list[str]:
    """The right side of an `id_number__in` look-up of many numbers, passed as one parameter
    (an array or a JSON list) where the backend reads it: Django otherwise prepares every
    value of a list one by one, seconds for a file of a million people."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::text[])", [numbers])
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(numbers)])
    return numbers


def id_lookup_chunk() -> int:
    """Numbers per look-up query: a one-parameter list (`id_numbers_in`) takes many."""
    return ID_LOOKUP_CHUNK if connection.vendor in ("postgresql", "sqlite") else LOOKUP_CHUNK


PROGRESS_EVERY = 1000
_SEX_LABEL = {Sex.MALE: "男", Sex.FEMALE: "女"}


def check_entries(
    households: Sequence[HouseholdInput],
    *,
    today: date,
    unsure_heads: Iterable[str] = (),
    progress: Progress | None = None,
) -> CheckOutcome:
    """Every fault the entries show by themselves; no database access."""
    outcome = CheckOutcome()
    problems = outcome.problems
    unsure = set(unsure_heads)
    total = sum(len(h.members) for h in households)
    first_row: dict[str, int | None] = {}
    done = 0
    for household in households:
        checked: list[CheckedMember] = []
        check_heads(household, unsure, problems)
        for member in household.members:
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
            result = check_member(member, today=today, first_row=first_row, problems=problems)
            if result is not None:
                checked.append(result)
        outcome.households.append((household, checked))
    if progress is not None:
        progress(total, total)
    return outcome


def member_field_problems(member: MemberInput) -> list[Problem]:
    """Faults of a member entered through a form or by code (the import's reader has already
    checked the same things cell by cell, with the spreadsheet's own wording)."""
    found: list[Problem] = []
    required = {col.NAME: member.name, col.ID_NUMBER: member.id_number}
    for column, value in required.items():
        if not value.strip():
            found.append(_problem(member, column, msg.CELL_REQUIRED.format(column=column)))
    coded = [
        (col.RELATION, member.relation, HeadRelation, False),
        (col.SEX, member.sex, Sex, True),
        (col.EDUCATION, member.education, Education, True),
        (col.POLITICAL_STATUS, member.political_status, PoliticalStatus, False),
        *((col.TAGS, tag, PersonTagKind, False) for tag in member.tags),
    ]
    for column, value, choices, blank_ok in coded:
        if (blank_ok and not value) or value in choices.values:
            continue
        labels = "、".join(str(label) for label in choices.labels)
        found.append(
            _problem(
                member,
                column,
                msg.CELL_CHOICE.format(value=value, column=column, choices=labels),
                value,
            )
        )
    return found


def check_member(
    member: MemberInput,
    *,
    today: date,
    first_row: dict[str, int | None],
    problems: list[Problem],
) -> CheckedMember | None:
    """A member's ID number and sex, and whether an earlier member (`first_row`: number → row)
    has the number already; the member as checked, or None with its problems added."""
    result = _check_member(member, today=today, problems=problems)
    if result is None:
        return None
    if result.id_number in first_row:
        where = first_row[result.id_number]
        message = (
            msg.DUPLICATE_ID.format(first=where) if where is not None else msg.DUPLICATE_ID_EARLIER
        )
        problems.append(_problem(member, col.ID_NUMBER, message, result.id_number))
        return None
    first_row[result.id_number] = member.row
    return result


def check_heads(household: HouseholdInput, unsure: set[str], problems: list[Problem]) -> None:
    """One head per household (not asked of a household with a relation that could not be
    read: `unsure`)."""
    heads = [m for m in household.members if m.relation == HeadRelation.HEAD]
    first = household.members[0] if household.members else None
    if first is None:
        problems.append(
            Problem(
                None, col.HOUSEHOLD_NUMBER, msg.HOUSEHOLD_NO_MEMBERS.format(number=household.number)
            )
        )
    elif len(heads) == 0 and household.number not in unsure:
        problems.append(
            _problem(first, col.RELATION, msg.HOUSEHOLD_NO_HEAD.format(number=household.number))
        )
    elif len(heads) > 1:
        rows = "、".join(str(h.row) for h in heads if h.row is not None) or "?"
        message = msg.HOUSEHOLD_MANY_HEADS.format(
            number=household.number, count=len(heads), rows=rows
        )
        problems.append(_problem(heads[1], col.RELATION, message, "户主"))


def _check_member(
    member: MemberInput, *, today: date, problems: list[Problem]
) -> CheckedMember | None:
    if not member.id_number:
        return None  # the reader has already reported the empty or numeric cell
    check = check_id_number(member.id_number, on=today)
    for fault in check.errors:
        problems.append(
            _problem(member, col.ID_NUMBER, fault.message(length=len(check.number)), check.number)
        )
    for fault in check.warnings:
        problems.append(
            _problem(
                member,
                col.ID_NUMBER,
                fault.message(length=len(check.number)),
                check.number,
                level=Level.WARNING,
            )
        )
    if not check.ok or check.sex is None or check.birth_date is None:
        return None
    if member.sex and member.sex != check.sex:
        message = msg.SEX_MISMATCH.format(
            sex=_SEX_LABEL[Sex(member.sex)], id_sex=_SEX_LABEL[Sex(check.sex)]
        )
        problems.append(_problem(member, col.SEX, message, _SEX_LABEL[Sex(member.sex)]))
        return None
    return CheckedMember(
        member=member, id_number=check.number, sex=check.sex, birth_date=check.birth_date
    )


def check_against_database(
    village: Region, outcome: CheckOutcome, *, scope: Scope | None = None
) -> None:
    """Add what the database says: people and 户号 already registered, groups still missing.

    A person registered in another village is named with that village only if `scope` (the
    reader's village scope) covers it; otherwise the message says how far away and who can
    resolve it, and the report shows no village the reader may not open.
    """
    by_number = {
        checked.id_number: checked for _, members in outcome.households for checked in members
    }
    seen: dict[int, bool] = {}
    for chunk in _chunks(list(by_number)):
        rows = Person.objects.filter(id_number__in=chunk).values_list(
            "id_number", "village_id", "village__name", "village__code", "household__number"
        )
        for id_number, village_id, village_name, village_code, household_number in rows:
            member = by_number[id_number].member
            if village_id == village.pk:
                message = msg.ID_IN_THIS_VILLAGE.format(number=household_number or "—")
            else:
                if village_id not in seen:
                    seen[village_id] = scope is not None and scope.contains(
                        Region(pk=village_id, code=village_code, level=RegionLevel.VILLAGE)
                    )
                message = other_village_message(
                    village, village_code, village_name, seen[village_id]
                )
            outcome.problems.append(_problem(member, col.ID_NUMBER, message, id_number))
    firsts = {h.number: h.members[0] for h, _ in outcome.households if h.members}
    for chunk in _chunks(list(firsts)):
        taken = Household.objects.filter(village=village, number__in=chunk).values_list(
            "number", flat=True
        )
        for number in taken:
            message = msg.HOUSEHOLD_EXISTS.format(number=number)
            outcome.problems.append(_problem(firsts[number], col.HOUSEHOLD_NUMBER, message, number))
    outcome.new_groups = new_groups(village, outcome)
    outcome.problems.sort(key=lambda p: (p.row is None, p.row or 0))


def new_groups(village: Region, outcome: CheckOutcome) -> list[str]:
    """The villager groups the entries name that the village does not have, in their order."""
    named = list(dict.fromkeys(g for g in outcome.villager_groups() if g))
    existing = set(
        VillagerGroup.objects.filter(village=village, name__in=named).values_list("name", flat=True)
    )
    return [name for name in named if name not in existing]


def other_village_message(village: Region, code: str, name: str, may_name: bool) -> str:
    if may_name:
        return msg.ID_IN_OTHER_VILLAGE.format(village=name)
    if (
        code[: PREFIX_LENGTH[RegionLevel.TOWNSHIP]]
        == village.code[: PREFIX_LENGTH[RegionLevel.TOWNSHIP]]
    ):
        return msg.ID_IN_TOWNSHIP_VILLAGE
    if (
        code[: PREFIX_LENGTH[RegionLevel.COUNTY]]
        == village.code[: PREFIX_LENGTH[RegionLevel.COUNTY]]
    ):
        return msg.ID_IN_COUNTY_VILLAGE
    return msg.ID_OUTSIDE_COUNTY


def _chunks(items: list[str]) -> Iterable[list[str]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, LOOKUP_CHUNK)):
        yield chunk


def _problem(
    member: MemberInput,
    column: str,
    message: str,
    value: str = "",
    *,
    level: Level = Level.ERROR,
) -> Problem:
    return Problem(member.row, column, message, value, level, member.name)


def masked(problem: Problem) -> Problem:
    """The problem as a role without a need for ID numbers may see it."""
    if problem.column != col.ID_NUMBER or not problem.value:
        return problem
    return Problem(
        problem.row,
        problem.column,
        problem.message,
        mask_id_number(problem.value),
        problem.level,
        problem.name,
    )
