"""What each role may see and change: domain.md §1, the permission matrix, in one place.

Two reaches per user, both over the region tree:
- *figures*: region pages (statistics, published documents);
- *villages*: village working pages and the people, households and audit trail in them.
Gates (`huanjie.accounts.gates`) and list selectors apply them as one query filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from huanjie.accounts.models import Role, User
from huanjie.regions.models import PREFIX_LENGTH, Level

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.regions.models import Region

M = TypeVar("M", bound=models.Model)


class Capability(StrEnum):
    """The changes of the matrix's "changes" column, one per kind of action."""

    MANAGE_USERS = "manage_users"
    MANAGE_REGIONS = "manage_regions"
    MANAGE_PROFILES = "manage_profiles"
    MANAGE_HOLIDAYS = "manage_holidays"
    MANAGE_CAMPAIGNS = "manage_campaigns"
    DERIVE_PROFILES = "derive_profiles"
    APPROVE = "approve"
    PUBLISH_REPORTS = "publish_reports"
    PLAN_VILLAGES = "plan_villages"
    RATE_RISK = "rate_risk"
    RUN_NOMINATIONS = "run_nominations"
    APPROVE_VILLAGE_STEPS = "approve_village_steps"
    REGISTER_VOTERS = "register_voters"
    HANDLE_OBJECTIONS = "handle_objections"
    ARRANGE_VOTING = "arrange_voting"
    ENTER_TALLY = "enter_tally"
    ANNOUNCE = "announce"
    RECORD_REVIEW = "record_review"
    GUIDE_VILLAGES = "guide_villages"
    KEEP_PARTY_ROLL = "keep_party_roll"
    EXCLUDE_MEMBERS = "exclude_members"
    ARRANGE_PARTY_ELECTION = "arrange_party_election"
    ENTER_PARTY_TALLY = "enter_party_tally"


C = Capability
CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.ADMINISTRATOR: frozenset(
        {C.MANAGE_USERS, C.MANAGE_REGIONS, C.MANAGE_PROFILES, C.MANAGE_HOLIDAYS}
    ),
    Role.ELECTION_OFFICE: frozenset(
        {C.MANAGE_CAMPAIGNS, C.DERIVE_PROFILES, C.APPROVE, C.PUBLISH_REPORTS}
    ),
    Role.TOWNSHIP_OFFICER: frozenset(
        {C.PLAN_VILLAGES, C.RATE_RISK, C.RUN_NOMINATIONS, C.APPROVE_VILLAGE_STEPS}
    ),
    Role.ELECTION_COMMITTEE: frozenset(
        {C.REGISTER_VOTERS, C.HANDLE_OBJECTIONS, C.ARRANGE_VOTING, C.ENTER_TALLY, C.ANNOUNCE}
    ),
    Role.REVIEWER: frozenset({C.RECORD_REVIEW}),
    Role.VILLAGE_CADRE: frozenset({C.GUIDE_VILLAGES}),
    Role.VILLAGE_PARTY: frozenset(
        {C.KEEP_PARTY_ROLL, C.EXCLUDE_MEMBERS, C.ARRANGE_PARTY_ELECTION, C.ENTER_PARTY_TALLY}
    ),
    Role.OBSERVER: frozenset(),
}

# Roles whose scope_code names a region of a fixed level; the others (election office,
# observer) may sit at any level from province to county.
SCOPE_LEVEL: dict[Role, Level] = {
    Role.TOWNSHIP_OFFICER: Level.TOWNSHIP,
    Role.ELECTION_COMMITTEE: Level.VILLAGE,
    Role.VILLAGE_PARTY: Level.VILLAGE,
}
# Reviewers see only candidates sent to their department (not village pages); observers see
# figures and published documents, never a village's working pages or a person.
NO_VILLAGE_PAGES = frozenset({Role.REVIEWER, Role.OBSERVER})
FULL_ID_NUMBERS_IN_SCOPE = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.ELECTION_OFFICE,
        Role.TOWNSHIP_OFFICER,
        Role.ELECTION_COMMITTEE,
        Role.VILLAGE_CADRE,
    }
)


class Reach(StrEnum):
    EVERYTHING = "everything"
    PREFIX = "prefix"  # every region whose code starts with `prefix`
    ASSIGNED = "assigned"  # the villages assigned to the user (包村干部)
    NOTHING = "nothing"


@dataclass(frozen=True)
class Scope:
    reach: Reach
    prefix: str = ""
    user_id: int | None = None

    def filter(self, qs: QuerySet[M], region_path: str = "") -> QuerySet[M]:
        """`qs` narrowed to this scope, where `region_path` leads from its rows to a Region
        ("" for regions themselves, "village__" for people): one query, no per-row checks."""
        if self.reach is Reach.EVERYTHING:
            return qs
        if self.reach is Reach.PREFIX:
            return qs.filter(**{f"{region_path}code__startswith": self.prefix})
        if self.reach is Reach.ASSIGNED:
            return qs.filter(**{f"{region_path}assigned_cadres": self.user_id})
        return qs.none()

    def contains(self, region: Region) -> bool:
        if self.reach is Reach.EVERYTHING:
            return True
        if self.reach is Reach.PREFIX:
            return region.code.startswith(self.prefix)
        if self.reach is Reach.ASSIGNED:
            return (
                self.user_id is not None and region.assigned_cadres.filter(pk=self.user_id).exists()
            )
        return False


NOWHERE = Scope(Reach.NOTHING)


def role_of(user: User | AnonymousUser) -> Role | None:
    """The role the matrix applies to; None for anonymous or deactivated users.

    A Django superuser is an administrator whatever its role field says.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    return Role(user.role)


def figures_scope(user: User | AnonymousUser) -> Scope:
    """The regions whose figures and published documents the user sees."""
    role = role_of(user)
    if role is None or role is Role.REVIEWER:
        return NOWHERE
    if role is Role.ADMINISTRATOR:
        return Scope(Reach.EVERYTHING)
    if role is Role.VILLAGE_CADRE:
        return Scope(Reach.ASSIGNED, user_id=user.pk)
    prefix = scope_prefix(scope_code_of(user), SCOPE_LEVEL.get(role))
    return Scope(Reach.PREFIX, prefix) if prefix else NOWHERE


def village_scope(user: User | AnonymousUser) -> Scope:
    """The villages whose working pages, register and people the user may open."""
    role = role_of(user)
    if role is None or role in NO_VILLAGE_PAGES:
        return NOWHERE
    return figures_scope(user)


def may_read_full_register(user: User | AnonymousUser, village: Region) -> bool:
    """Whether the user may take the village's whole register with full ID numbers away (an
    export): a role whose matrix row reads full numbers, within its village pages."""
    return role_of(user) in FULL_ID_NUMBERS_IN_SCOPE and village_scope(user).contains(village)


def scope_prefix(code: str, level: Level | None = None) -> str:
    """The code prefix of the region `code` names ("" if `code` is not a region code).

    With `level` the prefix has that level's length; without it, trailing zero segments are
    dropped (330000000000 → "33", 331127000000 → "331127").
    """
    if len(code) != 12 or not code.isascii() or not code.isdigit():
        return ""
    if level is not None:
        return code[: PREFIX_LENGTH[level]]
    # The shortest level whose remaining digits are all zero (a village's remainder is empty).
    return next(code[:n] for n in sorted(PREFIX_LENGTH.values()) if set(code[n:]) <= {"0"})


def can(user: User | AnonymousUser, capability: Capability) -> bool:
    """Whether the user's role may make this kind of change at all."""
    role = role_of(user)
    return role is not None and capability in CAPABILITIES[role]


def can_change_in(user: User | AnonymousUser, capability: Capability, region: Region) -> bool:
    """Whether the user may make this kind of change in `region` (a capability and the reach)."""
    if not can(user, capability):
        return False
    if role_of(user) is Role.REVIEWER:
        # Reviewers act on the candidates of their county, not through village pages.
        prefix = scope_prefix(scope_code_of(user))
        return bool(prefix) and region.code.startswith(prefix)
    return village_scope(user).contains(region)


def scope_code_of(user: User | AnonymousUser) -> str:
    return user.scope_code if isinstance(user, User) else ""


def may_use_admin(request: HttpRequest) -> bool:
    """The Django admin (users, regions, holiday table) is the administrator's alone.

    Being `is_staff` is not enough: reference data is outside every other role's matrix row.
    """
    user = request.user
    return user.is_staff and role_of(user) is Role.ADMINISTRATOR
