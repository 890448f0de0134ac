"""The region tree: 12-digit statistical codes from province down to village (domain.md §7)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

# Digits of the 12-digit code that belong to each level (GB/T 2260 + the statistical extension).
PREFIX_LENGTH = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}


class Level(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县"
    TOWNSHIP = "township", "乡镇"
    VILLAGE = "village", "村（社区）"


class VillageKind(models.TextChoices):
    VILLAGE = "village", "村"
    COMMUNITY = "community", "社区"


class Region(models.Model):
    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Village facts (village level only).
    kind = models.CharField("村/社区", max_length=16, choices=VillageKind.choices, blank=True)
    population = models.PositiveIntegerField("户籍人口", null=True, blank=True)
    household_count = models.PositiveIntegerField("户数", null=True, blank=True)
    merged_village = models.BooleanField("合并村", default=False)
    minority_village = models.BooleanField("少数民族村", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{12}$"), name="region_code_12_digits"
            ),
            models.CheckConstraint(condition=Q(level__in=Level.values), name="region_level_known"),
            models.CheckConstraint(
                condition=(Q(level=Level.PROVINCE) & Q(parent__isnull=True))
                | (~Q(level=Level.PROVINCE) & Q(parent__isnull=False)),
                name="region_parent_iff_not_province",
            ),
            models.CheckConstraint(
                condition=(Q(level=Level.VILLAGE) & Q(kind__in=VillageKind.values))
                | (~Q(level=Level.VILLAGE) & Q(kind="")),
                name="region_kind_iff_village",
            ),
        ]
        indexes = [models.Index(fields=["level", "code"], name="region_level_code_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def prefix(self) -> str:
        """The code digits every region below this one starts with."""
        return self.code[: PREFIX_LENGTH[self.level]]

    @property
    def is_village(self) -> bool:
        return self.level == Level.VILLAGE


class VillagerGroup(models.Model):
    """村民小组: a unit of a village; households belong to one."""

    village = models.ForeignKey(
        Region, verbose_name="村", on_delete=models.PROTECT, related_name="villager_groups"
    )
    name = models.CharField("村民小组", max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "村民小组"
        verbose_name_plural = "村民小组"
        ordering = ["village_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["village", "name"], name="villager_group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
