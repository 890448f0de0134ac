"""Who may change close-relative links: the village election committee (domain.md §1, the
register's keepers, `Capability.REGISTER_VOTERS`), of a village where one of the two people is
registered. The web, the API and the commands ask here; reading is the gates' business.

Each `*_for_change` gives the object through its gate (the same 404 for missing and out of
scope), then refuses with a 403 that says who keeps relations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from huanjie.accounts.gates import access_village
from huanjie.accounts.policy import Capability, can_change_in
from huanjie.people import messages as msg
from huanjie.people.gates import access_household, access_person, access_relation
from huanjie.people.models import CloseRelative, Household, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

    AnyUser = User | AnonymousUser


def may_keep_relations(user: AnyUser, village: Region) -> bool:
    return can_change_in(user, Capability.REGISTER_VOTERS, village)


def may_change_relation(user: AnyUser, relation: CloseRelative) -> bool:
    villages = {relation.person_a.village, relation.person_b.village}
    return any(may_keep_relations(user, v) for v in villages)


def relation_for_change(user: AnyUser, relation_id: int | str) -> CloseRelative:
    relation = access_relation(user, relation_id)
    if not may_change_relation(user, relation):
        raise PermissionDenied(msg.NOT_A_RELATION_KEEPER)
    return relation


def person_for_change(user: AnyUser, person_id: int | str) -> Person:
    person = access_person(user, person_id)
    if not may_keep_relations(user, person.village):
        raise PermissionDenied(msg.NOT_A_RELATION_KEEPER)
    return person


def household_for_change(user: AnyUser, household_id: int | str) -> Household:
    household = access_household(user, household_id)
    if not may_keep_relations(user, household.village):
        raise PermissionDenied(msg.NOT_A_RELATION_KEEPER)
    return household


def village_for_change(user: AnyUser, village_id: int | str) -> Region:
    village = access_village(user, village_id)
    if not may_keep_relations(user, village):
        raise PermissionDenied(msg.NOT_A_RELATION_KEEPER)
    return village
