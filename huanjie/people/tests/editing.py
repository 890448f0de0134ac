"""Helpers of the register-editing tests: the rows a refusal must leave as they were."""

from __future__ import annotations

from typing import Any

from huanjie.audit.models import AuditEntry
from huanjie.people.models import CloseRelative, Household, Person, PersonTag


def rows() -> tuple[Any, ...]:
    """Every row an edit of the register could touch, in a comparable form."""
    return (
        list(Household.objects.order_by("pk").values()),
        list(Person.objects.order_by("pk").values()),
        list(PersonTag.objects.order_by("pk").values_list("person_id", "tag")),
        list(CloseRelative.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def last_entry() -> AuditEntry:
    return AuditEntry.objects.latest("id")
