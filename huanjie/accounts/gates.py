"""Access gates (Zulip's `access_stream_by_id`): the only way a view gets a scoped object.

"Missing" and "outside your scope" raise the same `Http404` with the same message, so a user
cannot learn what exists outside the regions they cover. List views use the `scoped_*` filters,
which narrow a queryset in the database by region-code prefix (one query, no per-row checks).
The gates of the regions are here; each app above keeps the gates of its own objects
(`huanjie.people.gates` for persons and households), all built on `access_one`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.db.models import QuerySet
from django.http import Http404

from huanjie.accounts import messages
from huanjie.accounts.policy import Reach, figures_scope, village_scope
from huanjie.audit.models import AuditEntry
from huanjie.regions.models import Level, Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

    AnyUser = User | AnonymousUser

M = TypeVar("M", bound=models.Model)
MAX_ID = 2**63 - 1  # BigAutoField's range; larger ids cannot exist (and overflow SQLite)


def scoped_regions(user: AnyUser, qs: QuerySet[Region] | None = None) -> QuerySet[Region]:
    """Regions whose figures and published documents the user sees (observers included)."""
    return figures_scope(user).filter(Region.objects.all() if qs is None else qs)


def scoped_villages(user: AnyUser, qs: QuerySet[Region] | None = None) -> QuerySet[Region]:
    """Villages whose working pages the user may open."""
    base = Region.objects.all() if qs is None else qs
    return village_scope(user).filter(base.filter(level=Level.VILLAGE))


def scoped_audit(user: AnyUser) -> QuerySet[AuditEntry]:
    """The audit entries of the regions whose village pages the user may open: every entry
    whose region prefix lies within the user's (a township's own changes and its villages'),
    never one of the county above; a cadre's, those of its villages. Observers and reviewers,
    without village pages, read none."""
    scope = village_scope(user)
    entries = AuditEntry.objects.all()
    if scope.reach is Reach.EVERYTHING:
        return entries
    if scope.reach is Reach.PREFIX:
        return entries.filter(region_code__startswith=scope.prefix)
    if scope.reach is Reach.ASSIGNED:
        return entries.filter(village__assigned_cadres=scope.user_id)
    return entries.none()


def access_region(user: AnyUser, region_id: int | str) -> Region:
    return access_one(scoped_regions(user), region_id, messages.REGION_NOT_FOUND)


def access_village(user: AnyUser, village_id: int | str) -> Region:
    return access_one(scoped_villages(user), village_id, messages.VILLAGE_NOT_FOUND)


def access_one(qs: QuerySet[M], pk: int | str, message: str) -> M:
    try:
        number = int(pk)
    except (TypeError, ValueError):
        number = 0  # a malformed id is as missing as an unknown one
    found = qs.filter(pk=number).first() if 0 < number <= MAX_ID else None
    if found is None:
        raise Http404(message)
    return found
