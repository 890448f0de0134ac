"""Registering households: one, many, or a whole import (a person's entry: `services.entries`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.people import messages as msg
from huanjie.people.models import Household, Person, PersonTag
from huanjie.people.register import columns as col
from huanjie.people.register.checks import (
    check_against_database,
    check_entries,
)
from huanjie.people.register.derivation import rederive_household_relations
from huanjie.people.register.inputs import (
    CheckedMember,
    CheckOutcome,
    HouseholdInput,
    MemberInput,
    Problem,
    RegisterRejected,
)
from huanjie.people.register.writing import Written, person_fields, write_households
from huanjie.people.services.editing import known_refusal, move_in
from huanjie.people.services.faults import (
    NUMBER_LIMIT,
    TEXT_LIMITS,
    cleaned_member,
    member_problems,
    text_faults,
)
from huanjie.regions.models import Region, VillagerGroup
from huanjie.regions.services import villager_groups_ensure

if TYPE_CHECKING:
    from huanjie.accounts.models import User

HOUSEHOLD_REGISTER = AuditAction("people.household_register", "登记一户")
HOUSEHOLDS_REGISTER = AuditAction("people.households_register", "批量登记户籍")

FORM_ROW = "第{row}位成员"


def _numbered(members: Sequence[MemberInput]) -> tuple[MemberInput, ...]:
    # Form entries have no spreadsheet row: number them so the messages can say which member.
    return tuple(
        m if m.row is not None else dataclasses.replace(m, row=i)
        for i, m in enumerate(members, start=1)
    )


def _check(
    households: Sequence[HouseholdInput],
    *,
    where: str,
    progress: Callable[[int, int], None] | None,
) -> CheckOutcome:
    """The entries' own faults; any refuses them all (nothing written)."""
    outcome = _outcome(households, progress=progress)
    if not outcome.ok:
        raise RegisterRejected(outcome, where=where)
    return outcome


def _outcome(
    households: Sequence[HouseholdInput],
    *,
    progress: Callable[[int, int], None] | None,
    known: Sequence[Problem] = (),
) -> CheckOutcome:
    """The entries' own faults, with `known` ones found before (reported together)."""
    problems: list[Problem] = list(known)
    for household in households:
        if not household.number.strip():
            problems.append(
                Problem(None, col.HOUSEHOLD_NUMBER, msg.CELL_REQUIRED.format(column="户号"))
            )
        elif len(household.number) > NUMBER_LIMIT:
            message = msg.HOUSEHOLD_NUMBER_TOO_LONG.format(
                limit=NUMBER_LIMIT, length=len(household.number)
            )
            problems.append(Problem(None, col.HOUSEHOLD_NUMBER, message))
        for member in household.members:
            problems.extend(member_problems(member))
            texts = {"name": member.name, "ethnicity": member.ethnicity, "phone": member.phone}
            for field, message in text_faults(texts).items():
                problems.append(Problem(member.row, TEXT_LIMITS[field][0], message))
    outcome = check_entries(households, today=timezone.localdate(), progress=progress)
    outcome.problems[:0] = problems
    return outcome


@transaction.atomic
def households_write_checked(
    *,
    village: Region,
    outcome: CheckOutcome,
    acting_user: User | None,
    target: models.Model | None = None,
    where: str = "第{row}行",
    progress: Callable[[int, int], None] | None = None,
) -> Written:
    """Write entries `check_entries` passed, after the database checks, as ONE audited change.

    The database checks run in this transaction, so nothing registered since the preview slips
    through. Raises `RegisterRejected` (nothing written) when they fail. `target` is the audit
    entry's object (the import's record); by default the village.
    """
    check_against_database(village, outcome)
    if not outcome.ok:
        raise RegisterRejected(outcome, where=where)
    names = [h.villager_group for h, _ in outcome.households]
    groups, created = villager_groups_ensure(
        village=village, names=names, acting_user=acting_user, record=False
    )
    written = write_households(village=village, outcome=outcome, groups=groups, progress=progress)
    record_audit(
        actor=acting_user,
        action=HOUSEHOLDS_REGISTER,
        target=target if target is not None else village,
        after={
            "households": len(written.households),
            "people": written.people,
            "relations": written.relations,
            "villager_groups_created": created,
        },
        village=village,
    )
    return written


@transaction.atomic
def household_register(
    *,
    village: Region,
    villager_group: VillagerGroup,
    number: str,
    members: Sequence[MemberInput],
    acting_user: User | None,
) -> Household:
    """Register one household (a form, the API, a command) with its members and the relations
    its register shows. A member who moved out of another village moves in (the same row, an
    entry of its own); anyone else the register knows is refused, with every other fault."""
    if villager_group.village_id != village.pk:
        raise ValidationError(
            msg.GROUP_MISSING.format(name=villager_group.name, village=village.name), code="group"
        )
    entry = HouseholdInput(
        number=number.strip(),
        villager_group=villager_group.name,
        members=_numbered([cleaned_member(m) for m in members]),
    )
    # A 户号 in use is said in a form's words, and with the entries' faults: all at once.
    taken = Household.objects.filter(village=village, number=entry.number).exists()
    known = [
        Problem(None, col.HOUSEHOLD_NUMBER, msg.HOUSEHOLD_NUMBER_TAKEN.format(number=entry.number))
    ]
    outcome = _outcome([entry], progress=None, known=known if taken else ())
    checked = outcome.households[0][1]
    movers = _movers(village, outcome, checked, acting_user)
    if not outcome.ok:
        raise RegisterRejected(outcome, where=FORM_ROW)
    origins = {number: person.village.name for number, person in movers.items()}
    household = Household.objects.create(
        village=village, villager_group=villager_group, number=entry.number
    )
    for member in checked:
        if member.id_number not in movers:
            person = Person.objects.create(
                village=village, household=household, **person_fields(member)
            )
            PersonTag.objects.bulk_create(
                PersonTag(person=person, tag=t) for t in member.member.tags
            )
    for member in checked:
        if member.id_number in movers:
            move_in(movers[member.id_number], household, member, acting_user, rederive=False)
    relations = rederive_household_relations([household])
    record_audit(
        actor=acting_user,
        action=HOUSEHOLD_REGISTER,
        target=household,
        after={
            "number": household.number,
            "villager_group": villager_group.name,
            "members": [
                {
                    "name": c.member.name,
                    "id_number": c.id_number,
                    "relation": c.member.relation,
                    **({"moved_in_from": origins[c.id_number]} if c.id_number in movers else {}),
                }
                for c in checked
            ],
            "relations": relations,
        },
        village=village,
    )
    return household


def _movers(
    village: Region, outcome: CheckOutcome, checked: list[CheckedMember], acting_user: User | None
) -> dict[str, Person]:
    """The people the register already knows among `checked`: those who moved out of another
    village (by ID number: they move in); the others are added to `outcome` as refused."""
    found = (
        Person.objects.select_for_update(of=("self",))
        .select_related("village", "household")
        .filter(id_number__in=[c.id_number for c in checked])
    )
    by_number = {p.id_number: p for p in found}
    movers: dict[str, Person] = {}
    for member in checked:
        person = by_number.get(member.id_number)
        if person is None:
            continue
        refusal = known_refusal(person, village, acting_user)
        if refusal is None:
            movers[member.id_number] = person
        else:
            outcome.problems.append(
                Problem(member.member.row, col.ID_NUMBER, refusal[0], member.id_number)
            )
    return movers


def household_register_many(
    *,
    village: Region,
    households: Sequence[HouseholdInput],
    acting_user: User | None,
    progress: Callable[[int, int], None] | None = None,
) -> Written:
    """Register many households at once (the demo seeder, scripts): all or nothing, one entry."""
    outcome = _check(households, where="第{row}行", progress=progress)
    return households_write_checked(village=village, outcome=outcome, acting_user=acting_user)
