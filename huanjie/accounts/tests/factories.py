"""Users, one factory per role of the permission matrix (domain.md §1); reused by every app.

    ElectionCommitteeFactory.create(region=village)          # scope_code = village.code
    VillageCadreFactory.create(assigned_villages=[v1, v2])   # reach = the assigned villages
    user_for(Role.TOWNSHIP_OFFICER, township)                # any role, by value

`.create()` rather than calling the factory: it is typed to return a `User`. Passwords are
unusable unless given (`UserFactory.create(password="…")`): log in with
`client.force_login(user)`; hashing a password per user would slow every test.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from factory.declarations import LazyAttribute, PostGeneration, Sequence
from factory.django import DjangoModelFactory, Password
from factory.faker import Faker

from huanjie.accounts.models import Role, User
from huanjie.regions.models import Region


def _assign_villages(
    user: User, create: bool, extracted: Iterable[Region] | None, **_: Any
) -> None:
    if create and extracted:
        user.assigned_villages.set(extracted)


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        region: Region | None = None

    username = Sequence(lambda n: f"user{n:04d}")
    first_name = Faker("first_name", locale="zh_CN")
    last_name = Faker("last_name", locale="zh_CN")
    password = Password(None)
    role = Role.OBSERVER
    scope_code = LazyAttribute(lambda o: o.region.code if o.region is not None else "")
    assigned_villages = PostGeneration(_assign_villages)


class AdministratorFactory(UserFactory):
    role = Role.ADMINISTRATOR
    is_staff = True


class ElectionOfficeFactory(UserFactory):
    role = Role.ELECTION_OFFICE


class TownshipOfficerFactory(UserFactory):
    role = Role.TOWNSHIP_OFFICER


class ElectionCommitteeFactory(UserFactory):
    role = Role.ELECTION_COMMITTEE


class ReviewerFactory(UserFactory):
    role = Role.REVIEWER
    department = "公安"


class VillageCadreFactory(UserFactory):
    role = Role.VILLAGE_CADRE


class VillagePartyFactory(UserFactory):
    role = Role.VILLAGE_PARTY


class ObserverFactory(UserFactory):
    role = Role.OBSERVER


FACTORY_BY_ROLE: dict[Role, type[UserFactory]] = {
    Role.ADMINISTRATOR: AdministratorFactory,
    Role.ELECTION_OFFICE: ElectionOfficeFactory,
    Role.TOWNSHIP_OFFICER: TownshipOfficerFactory,
    Role.ELECTION_COMMITTEE: ElectionCommitteeFactory,
    Role.REVIEWER: ReviewerFactory,
    Role.VILLAGE_CADRE: VillageCadreFactory,
    Role.VILLAGE_PARTY: VillagePartyFactory,
    Role.OBSERVER: ObserverFactory,
}


def user_for(role: Role, region: Region | None = None, **kwargs: Any) -> User:
    """A user of `role` covering `region`; a village cadre is assigned `region` (a village)."""
    if role is Role.VILLAGE_CADRE:
        villages = [region] if region is not None else []
        return VillageCadreFactory.create(assigned_villages=villages, **kwargs)
    return FACTORY_BY_ROLE[role].create(region=region, **kwargs)
