"""Region services."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.regions.models import Region, VillagerGroup
from huanjie.regions.services import (
    region_create,
    village_facts_update,
    villager_group_create,
    villager_groups_ensure,
)


def test_region_create_audits_a_village(tree: RegionTree) -> None:
    village = region_create(
        code="331127100203",
        name="新村",
        level="village",
        parent=tree.township_a,
        kind="village",
        acting_user=None,
    )
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.village, entry.region_code) == (
        "region.create",
        village,
        village.code,
    )


REFUSED = [
    (
        "code not 12 digits",
        dict(code="33112710020", level="village", parent="township_a", kind="village"),
        "12位数字",
    ),
    ("unknown level", dict(code="331127100203", level="hamlet", parent="township_a"), "无法识别"),
    (
        "parent of the wrong level",
        dict(code="331127100203", level="village", parent="county", kind="village"),
        "上级应是乡镇",
    ),
    (
        "no parent",
        dict(code="331127100203", level="village", parent=None, kind="village"),
        "请选择上级区划",
    ),
    (
        "code outside the parent",
        dict(code="331128100203", level="village", parent="township_a", kind="village"),
        "不在上级",
    ),
    (
        "village without kind",
        dict(code="331127100203", level="village", parent="township_a"),
        "村还是社区",
    ),
    (
        "kind on a township",
        dict(code="331127102000", level="township", parent="county", kind="village"),
        "只有村级",
    ),
    (
        # Scopes are code prefixes: a township 331127102001 would share its prefix with 331127102000.
        "township code not ending in zeros",
        dict(code="331127102001", level="township", parent="county"),
        "从第10位起应全部为0",
    ),
    (
        "code taken",
        dict(code="331127100201", level="village", parent="township_a", kind="village"),
        "已被“东坑村”使用",
    ),
    (
        "province with parent",
        dict(code="340000000000", level="province", parent="province"),
        "没有上级",
    ),
]


@pytest.mark.parametrize(
    ("args", "fragment"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_region_create_refusals_change_nothing(
    tree: RegionTree, args: dict[str, Any], fragment: str
) -> None:
    before = (Region.objects.count(), AuditEntry.objects.count())
    place = args.pop("parent")
    parent: Region | None = getattr(tree, place) if place else None
    with pytest.raises(ValidationError, match=fragment):
        region_create(name="新区划", parent=parent, acting_user=None, **args)
    assert (Region.objects.count(), AuditEntry.objects.count()) == before


def test_village_facts_update_records_before_and_after(tree: RegionTree) -> None:
    village_facts_update(
        village=tree.a1, facts={"population": 1200, "merged_village": True}, acting_user=None
    )
    entry = AuditEntry.objects.latest("id")
    assert entry.before is not None and entry.after is not None
    assert entry.before["population"] is None and entry.after["population"] == 1200
    with pytest.raises(ValidationError, match="不能为负数"):
        village_facts_update(village=tree.a1, facts={"household_count": -1}, acting_user=None)
    with pytest.raises(ValidationError, match="无法识别"):
        village_facts_update(village=tree.a1, facts={"code": "x"}, acting_user=None)
    with pytest.raises(ValidationError, match="不是村（社区）级"):
        village_facts_update(village=tree.county, facts={"population": 1}, acting_user=None)


def test_villager_groups(tree: RegionTree) -> None:
    group = villager_group_create(village=tree.a1, name=" 第二村民小组 ", acting_user=None)
    assert group.name == "第二村民小组"
    with pytest.raises(ValidationError, match="已有名为"):
        villager_group_create(village=tree.a1, name="第二村民小组", acting_user=None)
    audit = AuditEntry.objects.count()
    groups, created = villager_groups_ensure(
        village=tree.a1, names=["第二村民小组", "第三村民小组"], acting_user=None
    )
    assert created == ["第三村民小组"] and set(groups) == {"第二村民小组", "第三村民小组"}
    assert AuditEntry.objects.count() == audit + 1
    assert VillagerGroup.objects.filter(village=tree.a1).count() == 3
