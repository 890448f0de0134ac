"""JSON-safe pictures of a model instance for an audit entry's `before` and `after`.

Nothing is masked here: the trail keeps what was stored, and the viewer masks per role.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The named fields of `instance` (default: every concrete field but the timestamps).

    Foreign keys are stored as the related id, many-to-many fields (only when named) as the
    sorted list of related ids, dates and decimals as strings.
    """
    opts = instance._meta
    chosen: list[Any]
    if fields is None:
        chosen = [f for f in opts.concrete_fields if not _is_timestamp(f)]
    else:
        chosen = [opts.get_field(name) for name in fields]
    raw: dict[str, Any] = {}
    for field in chosen:
        if field.many_to_many:
            raw[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        elif field.concrete:
            raw[field.name] = field.value_from_object(instance)
        else:
            raise ValueError(f"{opts.label}.{field.name} is not a stored field.")
    safe: dict[str, Any] = json_safe(raw)
    return safe


def json_safe(value: Any) -> Any:
    """`value` as plain JSON types (what the JSONField will give back when read)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def _is_timestamp(field: Any) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
