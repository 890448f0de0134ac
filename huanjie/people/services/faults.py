"""What the register's hand-kept changes share about faults: the template's limits on typed
text, a refusal keyed by the field to correct (the services' argument names), and the import's
wording for a person registered elsewhere, naming that village only to a user who may open it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from huanjie.accounts.policy import Reach, Scope, village_scope
from huanjie.people import messages as msg
from huanjie.people.register import columns as col
from huanjie.people.register.checks import member_field_problems
from huanjie.people.register.checks import other_village_message as _other_village_message
from huanjie.people.register.inputs import (
    DEFAULT_ETHNICITY,
    MemberInput,
    Problem,
    RegisterRejected,
)

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

NUMBER_LIMIT = col.BY_NAME[col.HOUSEHOLD_NUMBER].max_length or 32
# The template's phone rule (register.parsing): digits, spaces and "-".
PHONE = re.compile(r"^[0-9][0-9 \-]*$")
# Typed text with a length limit: the field, its column name, its limit.
TEXT_LIMITS = {
    field: (column, col.BY_NAME[column].max_length or 0)
    for field, column in (("name", col.NAME), ("ethnicity", col.ETHNICITY), ("phone", col.PHONE))
}
# The register columns a form or the API calls by the service's argument names.
COLUMN_FIELDS = {
    col.HOUSEHOLD_NUMBER: "number",
    col.VILLAGER_GROUP: "villager_group",
    col.NAME: "name",
    col.SEX: "sex",
    col.ID_NUMBER: "id_number",
    col.RELATION: "relation_to_head",
    col.ETHNICITY: "ethnicity",
    col.EDUCATION: "education",
    col.POLITICAL_STATUS: "political_status",
    col.HUKOU: "hukou_in_village",
    col.RESIDES: "resides_in_village",
    col.PHONE: "phone",
    col.TAGS: "tags",
}
HOUSEHOLD_COLUMNS = frozenset({col.HOUSEHOLD_NUMBER, col.VILLAGER_GROUP})


def reader_scope(user: User | None) -> Scope:
    """Whose villages a refusal may name: the user's, or every one for the command line (run
    by the server's operator, who has no account)."""
    return Scope(Reach.EVERYTHING) if user is None else village_scope(user)


def other_village_message(village: Region, other: Region, user: User | None) -> str:
    """The import's wording for a person on another village's register: that village named
    only if the user may open it."""
    may_name = reader_scope(user).contains(other)
    return _other_village_message(village, other.code, other.name, may_name)


def text_faults(values: Mapping[str, str]) -> dict[str, str]:
    """Lengths and the phone's form of typed text (`name`, `ethnicity`, `phone`), by field."""
    faults: dict[str, str] = {}
    for field, value in values.items():
        column, limit = TEXT_LIMITS[field]
        if len(value) > limit:
            faults[field] = msg.VALUE_TOO_LONG.format(column=column, limit=limit, length=len(value))
        elif field == "phone" and value and not PHONE.match(value):
            faults[field] = msg.PHONE_INVALID
    return faults


def field_errors(exc: ValidationError) -> dict[str, list[str]]:
    """A refusal as messages by field, for a form or the API's `details`.

    A household's members (`household_register`) are "members.<n>.<field>", counted from 0;
    the change as a whole is "__all__".
    """
    if isinstance(exc, RegisterRejected):
        found: dict[str, list[str]] = {}
        for problem in exc.outcome.errors:
            field = COLUMN_FIELDS.get(problem.column, NON_FIELD_ERRORS)
            if problem.row is not None and problem.column not in HOUSEHOLD_COLUMNS:
                field = f"members.{problem.row - 1}.{field}"
            found.setdefault(field, []).append(problem.message)
        return found
    if hasattr(exc, "error_dict"):
        return {
            field: list(ValidationError(errors).messages)
            for field, errors in exc.error_dict.items()
        }
    return {NON_FIELD_ERRORS: list(exc.messages)}


def cleaned_member(member: MemberInput) -> MemberInput:
    """A member as typed, without the spaces around it (the ID number in capitals)."""
    return dataclasses.replace(
        member,
        name=member.name.strip(),
        id_number=member.id_number.strip().upper(),
        ethnicity=member.ethnicity.strip() or DEFAULT_ETHNICITY,
        phone=member.phone.strip(),
    )


Errors = dict[str, list[ValidationError]]


def member_problems(member: MemberInput) -> list[Problem]:
    """`member_field_problems` of a member typed into a form, where a 与户主关系 left on
    “请选择” is a required field left empty (not a code nobody knows)."""
    return [
        Problem(p.row, p.column, msg.CELL_REQUIRED.format(column=p.column))
        if p.column == col.RELATION and not member.relation
        else p
        for p in member_field_problems(member)
    ]


def add_error(errors: Errors, field: str, message: str, code: str) -> None:
    """One more fault of a change (a service reports every fault it finds at once)."""
    errors.setdefault(field, []).append(ValidationError(message, code=code))
