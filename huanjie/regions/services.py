"""Writes to the region tree: regions, village facts, villager groups. Each one is audited."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.regions import messages as msg
from huanjie.regions.models import PREFIX_LENGTH, Level, Region, VillageKind, VillagerGroup

if TYPE_CHECKING:
    from huanjie.audit.parties import Actor

REGION_CREATE = AuditAction("region.create", "新建行政区划")
VILLAGE_FACTS_UPDATE = AuditAction("region.village_facts_update", "修改村情")
VILLAGER_GROUP_CREATE = AuditAction("region.villager_group_create", "新建村民小组")
VILLAGER_GROUPS_CREATE = AuditAction("region.villager_groups_create", "批量新建村民小组")

LEVEL_ORDER = [Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE]
_CODE = re.compile(r"^[0-9]{12}$")
VILLAGE_FACTS = {
    "kind": "村/社区",
    # The statistical yearbook's figures, entered by hand; the register's own counts are
    # huanjie.people.figures and never these.
    "population": "户籍人口（统计年报）",
    "household_count": "户数（统计年报）",
    "merged_village": "合并村",
    "minority_village": "少数民族村",
}
GROUP_NAME_LIMIT = VillagerGroup._meta.get_field("name").max_length or 32


def _label(level: str) -> str:
    return str(Level(level).label)


@transaction.atomic
def region_create(
    *,
    code: str,
    name: str,
    level: str,
    parent: Region | None = None,
    kind: str = "",
    acting_user: Actor | None,
) -> Region:
    """A new region under `parent` (none for a province); its code must lie under the parent's."""
    code, name = code.strip(), name.strip()
    if not _CODE.match(code):
        raise ValidationError(msg.CODE_NOT_12_DIGITS, code="code")
    if level not in Level.values:
        raise ValidationError(msg.LEVEL_UNKNOWN.format(level=level), code="level")
    if not name:
        raise ValidationError(msg.NAME_REQUIRED, code="name")
    # Scopes and rolled-up counts go by code prefix, so the digits below the level must be 0:
    # otherwise two townships (331127101000, 331127101001) would share one prefix.
    length = PREFIX_LENGTH[level]
    if code[length:].strip("0"):
        raise ValidationError(
            msg.CODE_NOT_OF_LEVEL.format(
                level=_label(level),
                start=length + 1,
                example=code[:length].ljust(len(code), "0"),
                code=code,
            ),
            code="code",
        )
    index = LEVEL_ORDER.index(Level(level))
    if index == 0 and parent is not None:
        raise ValidationError(msg.PROVINCE_HAS_NO_PARENT, code="parent")
    if index > 0:
        expected = LEVEL_ORDER[index - 1]
        if parent is None:
            raise ValidationError(
                msg.PARENT_REQUIRED.format(level=_label(level), parent_level=_label(expected)),
                code="parent",
            )
        if parent.level != expected:
            raise ValidationError(
                msg.PARENT_WRONG_LEVEL.format(
                    parent=parent.name,
                    actual=_label(parent.level),
                    level=_label(level),
                    expected=_label(expected),
                ),
                code="parent",
            )
        if not code.startswith(parent.prefix):
            raise ValidationError(
                msg.CODE_OUTSIDE_PARENT.format(code=code, parent=parent.name, prefix=parent.prefix),
                code="code",
            )
    if level == Level.VILLAGE and kind not in VillageKind.values:
        raise ValidationError(msg.KIND_REQUIRED, code="kind")
    if level != Level.VILLAGE and kind:
        raise ValidationError(msg.KIND_ONLY_FOR_VILLAGE, code="kind")
    taken = Region.objects.filter(code=code).first()
    if taken is not None:
        raise ValidationError(msg.CODE_TAKEN.format(code=code, name=taken.name), code="code")
    region = Region.objects.create(code=code, name=name, level=level, parent=parent, kind=kind)
    record_audit(
        actor=acting_user,
        action=REGION_CREATE,
        target=region,
        after=snapshot(region),
        village=region if region.is_village else None,
        region=None if region.is_village else region,
    )
    return region


@transaction.atomic
def village_facts_update(
    *, village: Region, facts: dict[str, Any], acting_user: Actor | None
) -> Region:
    """Change a village's facts (kind, population, households, merged, minority village)."""
    require_village(village)
    unknown = sorted(set(facts) - set(VILLAGE_FACTS))
    if unknown:
        raise ValidationError(
            msg.FACT_UNKNOWN.format(field="、".join(unknown), allowed="、".join(VILLAGE_FACTS)),
            code="facts",
        )
    if "kind" in facts and facts["kind"] not in VillageKind.values:
        raise ValidationError(msg.KIND_REQUIRED, code="kind")
    for field in ("population", "household_count"):
        value = facts.get(field)
        if value is not None and int(value) < 0:
            raise ValidationError(msg.COUNT_NEGATIVE.format(field=VILLAGE_FACTS[field]), code=field)
    village = Region.objects.select_for_update().get(pk=village.pk)
    before = snapshot(village, VILLAGE_FACTS)
    for field, value in facts.items():
        setattr(village, field, value)
    village.save(update_fields=[*facts, "updated_at"])
    record_audit(
        actor=acting_user,
        action=VILLAGE_FACTS_UPDATE,
        target=village,
        before=before,
        after=snapshot(village, VILLAGE_FACTS),
        village=village,
    )
    return village


@transaction.atomic
def villager_group_create(
    *, village: Region, name: str, acting_user: Actor | None
) -> VillagerGroup:
    """A new 村民小组 of `village`; its name is unique in the village."""
    require_village(village)
    name = _check_group_name(name)
    if VillagerGroup.objects.filter(village=village, name=name).exists():
        raise ValidationError(
            msg.GROUP_NAME_TAKEN.format(village=village.name, name=name), code="name"
        )
    group = VillagerGroup.objects.create(village=village, name=name)
    record_audit(
        actor=acting_user,
        action=VILLAGER_GROUP_CREATE,
        target=group,
        after=snapshot(group),
        village=village,
    )
    return group


@transaction.atomic
def villager_groups_ensure(
    *, village: Region, names: Iterable[str], acting_user: Actor | None, record: bool = True
) -> tuple[dict[str, VillagerGroup], list[str]]:
    """The groups of `village` by name, creating the missing ones in bulk; also the new names.

    `record=False` is for a caller that audits the whole change itself in one entry (the
    register import lists the groups it created in its own entry).
    """
    require_village(village)
    # In the order first named: pages list groups by id, and the register names them in its
    # own order (第二、第三……第十), which no string sort reproduces.
    wanted = list(dict.fromkeys(_check_group_name(n) for n in names))
    groups = {g.name: g for g in VillagerGroup.objects.filter(village=village, name__in=wanted)}
    missing = [name for name in wanted if name not in groups]
    if missing:
        VillagerGroup.objects.bulk_create([VillagerGroup(village=village, name=n) for n in missing])
        groups = {g.name: g for g in VillagerGroup.objects.filter(village=village, name__in=wanted)}
        if record:
            record_audit(
                actor=acting_user,
                action=VILLAGER_GROUPS_CREATE,
                target=village,
                after={"villager_groups": missing},
                village=village,
            )
    return groups, missing


def _check_group_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError(msg.NAME_REQUIRED, code="name")
    if len(name) > GROUP_NAME_LIMIT:
        raise ValidationError(msg.GROUP_NAME_TOO_LONG.format(limit=GROUP_NAME_LIMIT), code="name")
    return name


def require_village(region: Region) -> None:
    if not region.is_village:
        raise ValidationError(msg.NOT_A_VILLAGE.format(name=region.name), code="village")
