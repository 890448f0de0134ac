"""The work waiting in the user's villages, for the home page: the next elections and the
overdue ones, registers not yet imported, imports waiting for confirmation or failed, derived
relations not yet checked, villages rated red or orange.

Every read goes through `scoped_villages` (the villages whose pages the user may open) and is one
query, whatever the number of villages: the home page of a county costs what a township's does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef

from huanjie.accounts.gates import scoped_villages
from huanjie.campaigns.models import CampaignStatus, RiskLevel, VillagePlan
from huanjie.elections.models import Election
from huanjie.elections.progress import OPEN, days_left, is_overdue
from huanjie.people.models import CloseRelative, Person, RegisterImport, RegisterImportStatus
from huanjie.regions.models import Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

    AnyUser = User | AnonymousUser

WAITING_IMPORTS = (RegisterImportStatus.VALIDATED, RegisterImportStatus.FAILED)
RISKS = (RiskLevel.RED, RiskLevel.ORANGE)


@dataclass(frozen=True)
class NextElection:
    """A village's next open election (its earliest: an overdue one first)."""

    village: Region
    election: Election
    days: int | None  # until its day; negative once past; None without a day
    overdue: bool
    more_overdue: int  # the village's other open elections whose day has passed


@dataclass(frozen=True)
class RelationsToCheck:
    village_id: int
    village_name: str
    pending: int


@dataclass
class Work:
    elections: list[NextElection] = field(default_factory=list)
    empty_registers: list[Region] = field(default_factory=list)
    imports: list[RegisterImport] = field(default_factory=list)
    relations: list[RelationsToCheck] = field(default_factory=list)
    risks: list[VillagePlan] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for e in self.elections if e.overdue)

    @property
    def empty(self) -> bool:
        lists = (self.elections, self.empty_registers, self.imports, self.relations, self.risks)
        return not any(lists)


def work_of(user: AnyUser, today: date, *, one_village: bool = False) -> Work:
    """Everything waiting in the user's villages (five queries); for a user of one village,
    every election of it still open rather than the next one only."""
    return Work(
        elections=next_elections(user, today, every=one_village),
        empty_registers=empty_registers(user),
        imports=waiting_imports(user),
        relations=relations_to_check(user),
        risks=risk_villages(user),
    )


def next_elections(user: AnyUser, today: date, *, every: bool = False) -> list[NextElection]:
    """Per village, the earliest open election of a campaign not yet closed (`every`: all of
    them): the overdue first, then by day, those without a day last."""
    open_ones = (
        Election.objects.filter(plan__village__in=scoped_villages(user), status__in=OPEN)
        .exclude(plan__campaign__status=CampaignStatus.CLOSED)
        .select_related("plan__village__parent")
        .order_by("plan__village__code", "election_day", "id")
    )
    by_village: dict[int, list[Election]] = {}
    for election in open_ones:
        by_village.setdefault(election.plan.village_id, []).append(election)
    found = []
    for elections in by_village.values():
        dated = [e for e in elections if e.election_day is not None]
        ordered = dated + [e for e in elections if e.election_day is None]
        overdue = sum(1 for e in dated if is_overdue(e, today))
        for election in ordered if every else ordered[:1]:
            found.append(
                NextElection(
                    village=election.plan.village,
                    election=election,
                    days=days_left(election, today),
                    overdue=is_overdue(election, today),
                    more_overdue=0 if every else max(overdue - 1, 0),
                )
            )
    return sorted(found, key=lambda n: (n.days is None, n.days or 0, n.village.code, n.election.pk))


def empty_registers(user: AnyUser) -> list[Region]:
    """The user's villages with nobody on the register yet."""
    on_register = Person.objects.on_register().filter(village=OuterRef("pk"))
    return list(scoped_villages(user).filter(~Exists(on_register)).order_by("code"))


def waiting_imports(user: AnyUser) -> list[RegisterImport]:
    """Uploads waiting for the committee's confirmation, or failed, that no later import of the
    same village has overtaken and nobody has removed from the list; the newest first."""
    later = RegisterImport.objects.filter(
        village=OuterRef("village"),
        status=RegisterImportStatus.IMPORTED,
        created_at__gt=OuterRef("created_at"),
    )
    return list(
        RegisterImport.objects.filter(
            village__in=scoped_villages(user),
            status__in=WAITING_IMPORTS,
            dismissed_at__isnull=True,
        )
        .filter(~Exists(later))
        .select_related("village")
        .order_by("-created_at", "-id")
    )


def relations_to_check(user: AnyUser) -> list[RelationsToCheck]:
    """Per village, the derived close-relative links nobody has confirmed or rejected yet."""
    rows = (
        CloseRelative.objects.pending()
        .filter(person_a__village__in=scoped_villages(user))
        .order_by()
        .values("person_a__village_id", "person_a__village__name", "person_a__village__code")
        .annotate(n=Count("id"))
        .order_by("person_a__village__code")
    )
    return [
        RelationsToCheck(r["person_a__village_id"], r["person_a__village__name"], r["n"])
        for r in rows
    ]


def risk_villages(user: AnyUser) -> list[VillagePlan]:
    """The plans rated red or orange in campaigns not yet closed: red first."""
    plans = (
        VillagePlan.objects.filter(village__in=scoped_villages(user), risk_level__in=RISKS)
        .exclude(campaign__status=CampaignStatus.CLOSED)
        .select_related("village")
        .order_by("village__code")
    )
    return sorted(plans, key=lambda p: RISKS.index(RiskLevel(p.risk_level)))
