"""An audit entry as a readable "field: before → after" table, masked for the reader.

The trail stores what was written (`huanjie.audit.snapshots`); masking happens here, when a
reader without a need for ID numbers and phones looks at it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from huanjie.accounts.models import Role
from huanjie.audit.models import AuditEntry
from huanjie.core.display import display_name, mask_ids_in, mask_phone
from huanjie.elections.models import Post
from huanjie.people.models import HeadRelation

EMPTY = "—"
_MISSING = object()
# Keys of summaries written by services (not model fields), with the words people use.
SUMMARY_LABELS = {
    "households": "户数",
    "people": "人数",
    "relations": "推导的近亲属关系",
    "villager_groups_created": "新建村民小组",
    "members": "家庭成员",
    "villager_group": "村民小组",
    "number": "户号",
    "name": "姓名",
    "id_number": "身份证号",
    "relation": "与户主关系",
    "phone": "联系电话",
    "seats": "应选职数",
    **{value: str(label) for value, label in Post.choices},
}
SUMMARY_CHOICES = {"relation": dict(HeadRelation.choices)}
PHONE_KEYS = frozenset({"phone"})


@dataclass(frozen=True)
class Change:
    field: str
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    actor: str
    role: str
    target: str
    kind: str  # "created" (only after), "removed" (only before) or "changed"
    changes: tuple[Change, ...]


def audit_rows(entries: Iterable[AuditEntry], *, full_ids: bool) -> list[AuditRow]:
    """The entries of a page (fetched with `actor` and `target_type`) ready to show."""
    return [_row(entry, full_ids) for entry in entries]


def _row(entry: AuditEntry, full_ids: bool) -> AuditRow:
    model = entry.target_type.model_class()
    if entry.actor is None:
        name, role = "系统自动", ""
    else:
        name = display_name(entry.actor)
        role = str(Role(entry.actor_role).label) if entry.actor_role in Role.values else ""
    target = entry.target_repr if full_ids else mask_ids_in(entry.target_repr)
    if entry.before is None and entry.after is not None:
        kind = "created"
    elif entry.after is None and entry.before is not None:
        kind = "removed"
    else:
        kind = "changed"
    return AuditRow(entry, name, role, target, kind, _changes(entry, model, full_ids))


def _changes(
    entry: AuditEntry, model: type[models.Model] | None, full_ids: bool
) -> tuple[Change, ...]:
    before, after = entry.before, entry.after
    if (before is None or isinstance(before, dict)) and (after is None or isinstance(after, dict)):
        old: dict[str, Any] = before or {}
        new: dict[str, Any] = after or {}
        # The row's own id says nothing to a reader (the target column names the object).
        pk = model._meta.pk.name if model is not None and model._meta.pk is not None else "id"
        keys = [k for k in [*new, *(k for k in old if k not in new)] if k != pk]
        return tuple(
            Change(
                _label(model, key),
                _lines(key, old.get(key, _MISSING), model, full_ids),
                _lines(key, new.get(key, _MISSING), model, full_ids),
            )
            for key in keys
            if old.get(key, _MISSING) != new.get(key, _MISSING)
        )
    return (
        Change("内容", _lines("", before, model, full_ids), _lines("", after, model, full_ids)),
    )


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    if field is not None:
        return str(field.verbose_name)
    return SUMMARY_LABELS.get(key, key)


def _lines(
    key: str, value: Any, model: type[models.Model] | None, full_ids: bool
) -> tuple[str, ...]:
    """One line per list item (a household's members), one line for anything else."""
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return tuple(_text(key, v, model, full_ids) for v in value) or (EMPTY,)
    return (_text(key, value, model, full_ids),)


def _text(key: str, value: Any, model: type[models.Model] | None, full_ids: bool) -> str:
    if value is _MISSING or value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "；".join(
            f"{_label(None, k)}：{_text(k, v, None, full_ids)}" for k, v in value.items()
        )
    if isinstance(value, list):
        return "、".join(_text(key, v, model, full_ids) for v in value) or EMPTY
    field = _field(model, key)
    if field is not None and field.choices:
        text = str(dict(field.flatchoices).get(value, value))
    elif field is not None and field.is_relation:
        text = f"编号{value}"
    else:
        text = str(SUMMARY_CHOICES.get(key, {}).get(value, value))
    if full_ids:
        return text
    return mask_phone(text) if key in PHONE_KEYS else mask_ids_in(text)
