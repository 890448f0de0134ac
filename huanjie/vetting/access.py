"""Who does what in the joint review.

- A reviewer (`Capability.RECORD_REVIEW`) records the results of their own department
  (`User.department`) for the candidates of their county (`scope_code`), never another's.
- The county election office (`Capability.MANAGE_CAMPAIGNS`) opens rounds and keeps the
  negative list of its campaigns.
- Whoever may open a village's pages (township officer, election committee …) reads the review
  status of its candidates; a reviewer reads the candidates sent to their department.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from huanjie.accounts.models import Role
from huanjie.accounts.policy import (
    Capability,
    can,
    can_change_in,
    role_of,
    scope_code_of,
    scope_prefix,
    village_scope,
)
from huanjie.vetting import messages as msg
from huanjie.vetting.models import Department

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.campaigns.models import Campaign
    from huanjie.regions.models import Region

    AnyUser = User | AnonymousUser


def is_reviewer(user: AnyUser) -> bool:
    return role_of(user) is Role.REVIEWER and can(user, Capability.RECORD_REVIEW)


def reviewer_prefix(user: AnyUser) -> str:
    """The region-code prefix of the county a reviewer serves ("" when none)."""
    return scope_prefix(scope_code_of(user)) if is_reviewer(user) else ""


def reviewer_department(user: AnyUser) -> Department:
    """The reviewer's department, or a 403 saying why there is none."""
    if not is_reviewer(user):
        raise PermissionDenied(msg.NOT_A_REVIEWER)
    name = getattr(user, "department", "")
    found = Department.objects.filter(name=name).first()
    if found is None:
        known = "、".join(Department.objects.values_list("name", flat=True)) or "无"
        raise PermissionDenied(msg.UNKNOWN_DEPARTMENT.format(department=name, known=known))
    return found


def may_review_in(user: AnyUser, village: Region) -> bool:
    return is_reviewer(user) and can_change_in(user, Capability.RECORD_REVIEW, village)


def may_organize(user: AnyUser, campaign: Campaign) -> bool:
    """The county election office of the campaign's region (or above it)."""
    return can(user, Capability.MANAGE_CAMPAIGNS) and village_scope(user).contains(campaign.region)


def organizer(user: AnyUser, campaign: Campaign) -> User:
    if not may_organize(user, campaign):
        raise PermissionDenied(msg.NOT_AN_ORGANIZER)
    return user  # type: ignore[return-value]  # authenticated: it holds a capability


def may_read_village(user: AnyUser, village: Region) -> bool:
    return village_scope(user).contains(village) or may_review_in(user, village)
