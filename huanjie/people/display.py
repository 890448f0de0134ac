"""How the pages show a person's ID number and phone, as the permission matrix allows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist

from huanjie.accounts.models import Role
from huanjie.accounts.policy import FULL_ID_NUMBERS_IN_SCOPE, role_of, scope_code_of, village_scope
from huanjie.rules.eligibility.identity import mask_id_number
from huanjie.rules.timeline.periods import age_on

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.people.models import Person

# An 18-character ID number inside any text (an audit entry's before/after, a name list).
ID_NUMBER_IN_TEXT = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")


def may_see_full_id_number(user: User | AnonymousUser, person: Person) -> bool:
    """The matrix's "ID numbers" column. In lists, select `village` and
    `party_membership__organization__village` with the people to keep this free of queries."""
    role = role_of(user)
    if role in FULL_ID_NUMBERS_IN_SCOPE:
        return village_scope(user).contains(person.village)
    if role is Role.VILLAGE_PARTY:
        return _is_member_in(person, scope_code_of(user))
    return False


def id_number_for(user: User | AnonymousUser, person: Person) -> str:
    """The person's ID number as this user may see it: full, or masked as 330…1234."""
    if may_see_full_id_number(user, person):
        return person.id_number
    return mask_id_number(person.id_number)


def _is_member_in(person: Person, village_code: str) -> bool:
    try:
        membership: Any = person.party_membership
    except ObjectDoesNotExist:
        return False
    return bool(village_code) and membership.organization.village.code == village_code


def display_name(user: User) -> str:
    """A user's name as Chinese reads it, surname first: `User.get_full_name`, kept here for the
    templates' `display_name` filter and the audit rows."""
    return user.get_full_name()


def mask_phone(phone: str) -> str:
    """A phone as a role without a need for it sees it: 138****5678."""
    phone = phone.strip()
    if not phone:
        return ""
    if len(phone) < 8:
        return "****"
    return f"{phone[:3]}****{phone[-4:]}"


def mask_ids_in(text: str) -> str:
    return ID_NUMBER_IN_TEXT.sub(lambda m: mask_id_number(m.group()), text)


class PersonMasker:
    """`id_number_for` of one user over a list page, without a query per row.

    The phone follows the ID number: a role that may not see a person's number (domain.md §1,
    the matrix's last column) has no need for the phone either — a village party organization
    sees its members' numbers and phones, observers never see a person at all.

    `may_see_full_id_number` depends only on the user, the person's village and the village of
    the person's party organization; a page's people share a few such pairs, so the answer is
    asked once per pair (a village cadre's check is a query).
    """

    def __init__(self, user: User | AnonymousUser) -> None:
        self.user = user
        self._full: dict[tuple[int, int | None], bool] = {}

    def sees_full(self, person: Person) -> bool:
        key = (person.village_id, _party_village_id(person))
        if key not in self._full:
            self._full[key] = may_see_full_id_number(self.user, person)
        return self._full[key]

    def id_number(self, person: Person) -> str:
        full = self.sees_full(person)
        return person.id_number if full else mask_id_number(person.id_number)

    def phone(self, person: Person) -> str:
        return person.phone if self.sees_full(person) else mask_phone(person.phone)


@dataclass(frozen=True)
class PersonRow:
    person: Person
    id_number: str
    age: int


def person_rows(people: Any, masker: PersonMasker, today: date) -> list[PersonRow]:
    return [
        PersonRow(person=p, id_number=masker.id_number(p), age=age_on(p.birth_date, today))
        for p in people
    ]


def _party_village_id(person: Person) -> int | None:
    try:
        membership: Any = person.party_membership
    except ObjectDoesNotExist:
        return None
    village_id: int = membership.organization.village_id
    return village_id
