"""The register's figures, one definition for every page, document and API answer.

- 人 (people): on the register — neither moved out nor deceased (`Person.objects.on_register()`).
- 户 (households): households with at least one member on the register.
- 党员 (party members): people on the register whose 政治面貌 is 正式党员 or 预备党员, or who are
  on the village party organization's roll. An import fills in 政治面貌 before the roll is kept,
  so a member known only from the register counts too (and the party tab shows them as not yet
  on the roll); someone who left the register is no longer counted, roll entry or not.

The village's stored `population` and `household_count` are the statistical yearbook's figures
(村情, entered by hand) and are never shown as the register's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from huanjie.people.models import (
    Household,
    PartyMembership,
    Person,
    PoliticalStatus,
    RegisterStatus,
)
from huanjie.regions.models import VillagerGroup

if TYPE_CHECKING:
    from huanjie.regions.models import Region

PARTY_STATUSES = (PoliticalStatus.FULL_MEMBER, PoliticalStatus.PROBATIONARY_MEMBER)


def party_member_q(path: str = "") -> Q:
    """Whether a person is a party member (see the module), for a query on Person (`path` "")
    or through a relation to it (e.g. "members__")."""
    return Q(**{f"{path}political_status__in": PARTY_STATUSES}) | Q(
        **{f"{path}party_membership__isnull": False}
    )


def people_on_register() -> QuerySet[Person]:
    return Person.objects.on_register()


def party_members() -> QuerySet[Person]:
    """Party members on the register (no duplicates: the roll is one entry per person)."""
    return Person.objects.on_register().filter(party_member_q())


def households_on_register() -> QuerySet[Household]:
    """Households with at least one member on the register."""
    active = Person.objects.on_register().filter(household=OuterRef("pk"))
    return Household.objects.filter(Exists(active))


def party_members_off_roll(*, village: Region) -> QuerySet[Person]:
    """The village's party members by 政治面貌 with no entry on the party roll yet."""
    return party_members().filter(village=village, party_membership__isnull=True)


@dataclass(frozen=True)
class RegisterCounts:
    """The three figures of a region's row: households, people and party members."""

    households: int = 0
    people: int = 0
    party_members: int = 0


def register_counts(people: QuerySet[Person], key: Any) -> dict[Any, RegisterCounts]:
    """`people` (e.g. those of some villages) counted by `key` (a field name or expression, e.g.
    the village or its code's prefix): one grouped query."""
    active = Q(status=RegisterStatus.ACTIVE)
    rows = (
        people.order_by()
        .annotate(group_key=key if not isinstance(key, str) else F(key))
        .values("group_key")
        .annotate(
            households=Count("household", filter=active, distinct=True),
            people=Count("pk", filter=active),
            party_members=Count("pk", filter=active & party_member_q()),
        )
        .values_list("group_key", "households", "people", "party_members")
    )
    return {k: RegisterCounts(h, p, m) for k, h, p, m in rows}


@dataclass(frozen=True)
class VillageFigures:
    """Every count the village's page shows, from one reading of the register."""

    villager_groups: int
    households: int
    people: int
    hukou_in_village: int  # of `people`: 户籍在本村
    resides_in_village: int  # of `people`: 在本村居住
    party_members: int  # of `people`
    full_members: int  # of `party_members`: 正式党员
    probationary_members: int  # of `party_members`: 预备党员
    off_roll: int  # of `party_members`: not yet on the party organization's roll
    moved_out: int  # not counted above
    deceased: int  # not counted above
    left_on_roll: int  # roll entries of people who left the register (not counted)


def _is_probationary() -> Q:
    # The roll's category wins over the register's 政治面貌 when both exist.
    return Q(party_membership__status="probationary") | Q(
        party_membership__isnull=True, political_status=PoliticalStatus.PROBATIONARY_MEMBER
    )


def village_figures(*, village: Region) -> VillageFigures:
    """The village's figures (two queries, whatever its size)."""
    active = Q(status=RegisterStatus.ACTIVE)
    member = active & party_member_q()
    people = Person.objects.filter(village=village).aggregate(
        # A household counts when one of its members is on the register.
        households=Count("household", filter=active, distinct=True),
        people=Count("pk", filter=active),
        hukou=Count("pk", filter=active & Q(hukou_in_village=True)),
        resides=Count("pk", filter=active & Q(resides_in_village=True)),
        members=Count("pk", filter=member),
        probationary=Count("pk", filter=member & _is_probationary()),
        off_roll=Count("pk", filter=member & Q(party_membership__isnull=True)),
        moved_out=Count("pk", filter=Q(status=RegisterStatus.MOVED_OUT)),
        deceased=Count("pk", filter=Q(status=RegisterStatus.DECEASED)),
        left_on_roll=Count("pk", filter=~active & Q(party_membership__isnull=False)),
    )
    groups = VillagerGroup.objects.filter(village=village).count()
    return VillageFigures(
        villager_groups=groups,
        households=people["households"],
        people=people["people"],
        hukou_in_village=people["hukou"],
        resides_in_village=people["resides"],
        party_members=people["members"],
        full_members=people["members"] - people["probationary"],
        probationary_members=people["probationary"],
        off_roll=people["off_roll"],
        moved_out=people["moved_out"],
        deceased=people["deceased"],
        left_on_roll=people["left_on_roll"],
    )


def party_member_list(*, village: Region) -> QuerySet[Person]:
    """The village's party members as counted: those on the roll by organization, category and
    name, then those not yet on it by name (each with its roll entry, when there is one)."""
    return (
        party_members()
        .filter(village=village)
        .select_related("party_membership__organization", "household")
        .order_by(
            F("party_membership__organization__name").asc(nulls_last=True),
            F("party_membership__status").asc(nulls_last=True),
            "name",
            "pk",
        )
    )


def villager_groups_counted(*, village: Region) -> QuerySet[VillagerGroup]:
    """The village's groups in their order, each with `household_total`: its households with a
    member on the register (the groups' totals add up to the village's households)."""
    return (
        VillagerGroup.objects.filter(village=village)
        .annotate(
            household_total=Count(
                "households",
                filter=Q(households__members__status=RegisterStatus.ACTIVE),
                distinct=True,
            )
        )
        .order_by("id")
    )


def is_party_member(person: Person) -> bool:
    """The module's definition for one person read with `party_membership` selected."""
    return person.status == RegisterStatus.ACTIVE and party_category(person) != ""


def party_category(person: Person) -> str:
    """正式党员 or 预备党员 (the roll's category first, else the register's 政治面貌), or ""."""
    try:
        return str(person.party_membership.get_status_display())
    except PartyMembership.DoesNotExist:
        pass
    if person.political_status in PARTY_STATUSES:
        return str(person.get_political_status_display())
    return ""
