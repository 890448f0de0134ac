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
from huanjie.people.models import Household
from huanjie.people.register import columns as col
from huanjie.people.register.checks import (
    check_against_database,
    check_entries,
)
from huanjie.people.register.inputs import (
    CheckOutcome,
    HouseholdInput,
    MemberInput,
    Problem,
    RegisterRejected,
)
from huanjie.people.register.writing import Written, write_households
from huanjie.people.services.editing import (
    NUMBER_LIMIT,
    TEXT_LIMITS,
    cleaned_member,
    member_problems,
    reader_scope,
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
    if not outcome.ok:
        raise RegisterRejected(outcome, where=where)
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
    """Register one household with its members and the relations its register shows."""
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
    outcome = _check([entry], where=FORM_ROW, progress=None, known=known if taken else ())
    check_against_database(village, outcome, scope=reader_scope(acting_user))
    # (The import's wording of the same, on the first member's row, is left out.)
    outcome.problems = [
        p for p in outcome.problems if p.column != col.HOUSEHOLD_NUMBER or p.row is None
    ]
    if not outcome.ok:
        raise RegisterRejected(outcome, where=FORM_ROW)
    written = write_households(
        village=village, outcome=outcome, groups={villager_group.name: villager_group}
    )
    household = written.households[0]
    record_audit(
        actor=acting_user,
        action=HOUSEHOLD_REGISTER,
        target=household,
        after={
            "number": household.number,
            "villager_group": villager_group.name,
            "members": [
                {"name": c.member.name, "id_number": c.id_number, "relation": c.member.relation}
                for c in outcome.households[0][1]
            ],
            "relations": written.relations,
        },
        village=village,
    )
    return household


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
