"""Where a close-relative link stands, in one word: the pages, the API and the lists share it.

待确认 a derived link nobody has checked (not counted for recusal); 已确认 a derived link the
committee confirmed; 已否定 a derived link the committee found wrong (kept, with the reason);
登记 a link the committee entered with its basis (confirmed when entered).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from huanjie.people.models import CloseRelative, CloseRelativeQuerySet, RelationSource


class RelationStatus(models.TextChoices):
    PENDING = "pending", "待确认"
    CONFIRMED = "confirmed", "已确认"
    REJECTED = "rejected", "已否定"
    DECLARED = "declared", "登记"


_WHERE: dict[RelationStatus, Q] = {
    RelationStatus.PENDING: Q(confirmed_at__isnull=True, rejected_at__isnull=True),
    RelationStatus.CONFIRMED: Q(source=RelationSource.DERIVED, confirmed_at__isnull=False),
    RelationStatus.REJECTED: Q(rejected_at__isnull=False),
    RelationStatus.DECLARED: Q(source=RelationSource.DECLARED, rejected_at__isnull=True),
}


def relation_status(link: CloseRelative) -> RelationStatus:
    if link.rejected_at is not None:
        return RelationStatus.REJECTED
    if link.source == RelationSource.DECLARED:
        return RelationStatus.DECLARED
    if link.confirmed_at is not None:
        return RelationStatus.CONFIRMED
    return RelationStatus.PENDING


def status_q(status: RelationStatus) -> Q:
    """The condition of one status, for a filter or a conditional count."""
    return _WHERE[status]


def with_status(qs: CloseRelativeQuerySet, status: RelationStatus) -> CloseRelativeQuerySet:
    return qs.filter(_WHERE[status])


def counts_for_recusal(link: CloseRelative) -> bool:
    """`CloseRelative.objects.for_recusal()` for one link already read."""
    return link.confirmed_at is not None and link.rejected_at is None
