"""An audit entry as a readable "field: before → after" table, masked for the reader.

The trail stores what was written (`huanjie.audit.snapshots`); masking happens here, when a
reader without a need for ID numbers and phones looks at it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from huanjie.accounts.models import Role
from huanjie.audit.models import AuditEntry
from huanjie.elections.models import Post
from huanjie.people.display import display_name, mask_ids_in, mask_phone
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
    # A person's entry kept by hand (people.services.editing).
    "tags": "标签",
    "moved_in_from": "迁入自",
    "seats": "应选职数",
    # A document's download (huanjie.documents.downloads).
    "document": "文件",
    "format": "格式",
    "pages": "页数",
    "batch": "批量打印任务",
    # The election committee and the representatives (huanjie.committees.services).
    "committee_members": "成员",
    "committee_votes": "推选得票",
    "committee_roles": "职务调整",
    "withdrawals": "退出",
    "refills": "递补",
    "constituencies": "推选单元",
    "selection_votes": "得票",
    "representatives": "当选村民代表",
    "held_on": "推选日期",
    "reason": "原因",
    # A login (huanjie.accounts.login_audit) and a read of full ID numbers (huanjie.api).
    "address": "登录地址",
    "failures": "连续失败次数",
    "username": "用户名",
    "method": "请求方式",
    "path": "访问地址",
    "query": "查询条件",
    "id_numbers": "含完整身份证号的人数",
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


@dataclass(frozen=True)
class _Reading:
    """How one reader sees one page: full or masked numbers, and the names of the objects the
    entries refer to by id (a township officer reads "村 东坑村", not "村 编号5")."""

    full_ids: bool
    names: dict[tuple[type[models.Model], str], str] = field(default_factory=dict)


def audit_rows(entries: Iterable[AuditEntry], *, full_ids: bool) -> list[AuditRow]:
    """The entries of a page (fetched with `actor` and `target_type`) ready to show."""
    entries = list(entries)
    reading = _Reading(full_ids, _referenced_names(entries))
    return [_row(entry, reading) for entry in entries]


def _referenced_names(entries: list[AuditEntry]) -> dict[tuple[type[models.Model], str], str]:
    """The current names of the objects the entries' fields point at: one query per kind of
    object on the page, whatever the number of entries. A removed object keeps its number."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        model = entry.target_type.model_class()
        for side in (entry.before, entry.after):
            for key, value in side.items() if isinstance(side, dict) else ():
                related = _related_model(model, key)
                if related is not None and value not in (None, ""):
                    values = value if isinstance(value, list) else [value]
                    wanted[related].update(str(v) for v in values if isinstance(v, int | str))
    names: dict[tuple[type[models.Model], str], str] = {}
    for related, pks in wanted.items():
        numbers = [int(pk) for pk in pks if pk.isdigit()]
        # select_related(): names such as "东坑村 · 2026年换届" read their own foreign keys.
        found = related._base_manager.select_related().in_bulk(numbers)
        names.update({(related, str(pk)): str(obj) for pk, obj in found.items()})
    return names


def _related_model(model: type[models.Model] | None, key: str) -> type[models.Model] | None:
    found = _field(model, key)
    related = found.related_model if found is not None and found.is_relation else None
    return related if isinstance(related, type) and issubclass(related, models.Model) else None


def _row(entry: AuditEntry, reading: _Reading) -> AuditRow:
    model = entry.target_type.model_class()
    if entry.actor is None:
        name, role = "系统自动", ""
    else:
        name = display_name(entry.actor)
        role = str(Role(entry.actor_role).label) if entry.actor_role in Role.values else ""
    target = entry.target_repr if reading.full_ids else mask_ids_in(entry.target_repr)
    if entry.before is None and entry.after is not None:
        kind = "created"
    elif entry.after is None and entry.before is not None:
        kind = "removed"
    else:
        kind = "changed"
    return AuditRow(entry, name, role, target, kind, _changes(entry, model, reading))


def _changes(
    entry: AuditEntry, model: type[models.Model] | None, reading: _Reading
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
                _lines(key, old.get(key, _MISSING), model, reading),
                _lines(key, new.get(key, _MISSING), model, reading),
            )
            for key in keys
            if old.get(key, _MISSING) != new.get(key, _MISSING)
        )
    return (Change("内容", _lines("", before, model, reading), _lines("", after, model, reading)),)


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
    key: str, value: Any, model: type[models.Model] | None, reading: _Reading
) -> tuple[str, ...]:
    """One line per list item (a household's members), one line for anything else."""
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return tuple(_text(key, v, model, reading) for v in value) or (EMPTY,)
    return (_text(key, value, model, reading),)


def _text(key: str, value: Any, model: type[models.Model] | None, reading: _Reading) -> str:
    if value is _MISSING or value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "；".join(
            f"{_label(None, k)}：{_text(k, v, None, reading)}" for k, v in value.items()
        )
    if isinstance(value, list):
        return "、".join(_text(key, v, model, reading) for v in value) or EMPTY
    found = _field(model, key)
    related = _related_model(model, key)
    if found is not None and found.choices:
        text = str(dict(found.flatchoices).get(value, value))
    elif related is not None:
        text = reading.names.get((related, str(value)), f"编号{value}")
    else:
        text = str(SUMMARY_CHOICES.get(key, {}).get(value, value))
    if reading.full_ids:
        return text
    return mask_phone(text) if key in PHONE_KEYS else mask_ids_in(text)
