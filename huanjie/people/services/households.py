"""Registering households (one, many, or a whole import) and changing a person's entry."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.people import messages as msg
from huanjie.people.models import Education, Household, Person, PoliticalStatus, Sex
from huanjie.people.register import columns as col
from huanjie.people.register.checks import (
    check_against_database,
    check_entries,
    member_field_problems,
)
from huanjie.people.register.inputs import (
    CheckOutcome,
    HouseholdInput,
    MemberInput,
    Problem,
    RegisterRejected,
)
from huanjie.people.register.writing import Written, write_households
from huanjie.regions.models import Region, VillagerGroup
from huanjie.regions.services import villager_groups_ensure
from huanjie.rules.eligibility.identity import check_id_number

if TYPE_CHECKING:
    from huanjie.accounts.models import User

HOUSEHOLD_REGISTER = AuditAction("people.household_register", "登记一户")
HOUSEHOLDS_REGISTER = AuditAction("people.households_register", "批量登记户籍")
PERSON_UPDATE = AuditAction("people.person_update", "修改人员信息")

FORM_ROW = "第{row}位成员"
SEX_LABELS = {Sex.MALE: "男", Sex.FEMALE: "女"}
PERSON_FIELDS = {
    "name": "姓名",
    "id_number": "身份证号",
    "sex": "性别",
    "ethnicity": "民族",
    "education": "文化程度",
    "political_status": "政治面貌",
    "phone": "联系电话",
    "hukou_in_village": "户籍在本村",
    "resides_in_village": "在本村居住",
    "deprived_of_political_rights": "被剥夺政治权利",
}
_CHOICES: dict[str, type[models.TextChoices]] = {
    "sex": Sex,
    "education": Education,
    "political_status": PoliticalStatus,
}


def _numbered(members: Sequence[MemberInput]) -> tuple[MemberInput, ...]:
    # Form entries have no spreadsheet row: number them so the messages can say which member.
    return tuple(
        m if m.row is not None else dataclasses.replace(m, row=i)
        for i, m in enumerate(members, start=1)
    )


def _check(
    households: Sequence[HouseholdInput], *, where: str, progress: Callable[[int, int], None] | None
) -> CheckOutcome:
    problems: list[Problem] = []
    for household in households:
        if not household.number.strip():
            problems.append(
                Problem(None, col.HOUSEHOLD_NUMBER, msg.CELL_REQUIRED.format(column="户号"))
            )
        for member in household.members:
            problems.extend(member_field_problems(member))
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
        number=number.strip(), villager_group=villager_group.name, members=_numbered(members)
    )
    outcome = _check([entry], where=FORM_ROW, progress=None)
    check_against_database(village, outcome)
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


@transaction.atomic
def person_update(
    *, person: Person, changes: Mapping[str, Any], acting_user: User | None
) -> Person:
    """Change a person's entry. A new ID number is checked, and sex and birth date follow it."""
    unknown = sorted(set(changes) - set(PERSON_FIELDS))
    if unknown:
        raise ValidationError(
            msg.PERSON_FIELD_UNKNOWN.format(
                field="、".join(unknown), allowed="、".join(PERSON_FIELDS.values())
            ),
            code="field",
        )
    for field, choices in _CHOICES.items():
        value = changes.get(field)
        if (
            value is not None
            and value not in choices.values
            and not (field == "education" and value == "")
        ):
            labels = "、".join(str(label) for label in choices.labels)
            raise ValidationError(
                msg.CELL_CHOICE.format(value=value, column=PERSON_FIELDS[field], choices=labels),
                code=field,
            )
    if "name" in changes and not str(changes["name"]).strip():
        raise ValidationError(msg.PERSON_NAME_REQUIRED, code="name")
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    updates = dict(changes)
    raw_id = updates.pop("id_number", None)
    id_number = person.id_number
    if raw_id is not None:
        check = check_id_number(raw_id, on=timezone.localdate())
        if not check.ok or check.sex is None or check.birth_date is None:
            raise ValidationError(
                [f.message(length=len(check.number)) for f in check.errors], code="id_number"
            )
        other = Person.objects.filter(id_number=check.number).exclude(pk=person.pk).first()
        if other is not None:
            raise ValidationError(
                msg.ID_CHANGE_TAKEN.format(village=other.village.name), code="id_number"
            )
        id_number = check.number
        person.id_number, person.sex, person.birth_date = check.number, check.sex, check.birth_date
    id_sex = check_id_number(id_number).sex or person.sex
    if "sex" in updates and updates["sex"] != id_sex:
        raise ValidationError(
            msg.SEX_MISMATCH.format(
                sex=SEX_LABELS[Sex(updates["sex"])], id_sex=SEX_LABELS[Sex(id_sex)]
            ),
            code="sex",
        )
    for field, value in updates.items():
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    person.save()
    record_audit(
        actor=acting_user,
        action=PERSON_UPDATE,
        target=person,
        before=before,
        after=snapshot(person),
        village=person.village,
    )
    return person
