"""Writes to the register, people, relations and the party roll (one function per change)."""

from huanjie.people.register.inputs import HouseholdInput, MemberInput, RegisterRejected
from huanjie.people.services.editing import (
    household_head_change,
    household_update,
    person_add,
)
from huanjie.people.services.entries import person_update
from huanjie.people.services.faults import field_errors
from huanjie.people.services.households import (
    household_register,
    household_register_many,
    households_write_checked,
)
from huanjie.people.services.moves import person_leave, person_move, person_return
from huanjie.people.services.party import party_membership_set, party_organization_create
from huanjie.people.services.relations import (
    relation_confirm,
    relation_correct,
    relation_declare,
    relation_reject,
    relation_remove,
    relation_reopen,
    relations_confirm_household,
)

__all__ = [
    "HouseholdInput",
    "MemberInput",
    "RegisterRejected",
    "field_errors",
    "household_head_change",
    "household_register",
    "household_register_many",
    "household_update",
    "households_write_checked",
    "party_membership_set",
    "party_organization_create",
    "person_add",
    "person_leave",
    "person_move",
    "person_return",
    "person_update",
    "relation_confirm",
    "relation_correct",
    "relation_declare",
    "relation_reject",
    "relation_remove",
    "relation_reopen",
    "relations_confirm_household",
]
