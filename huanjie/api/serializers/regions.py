"""Regions with their tree totals, and villages with their register counts."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from huanjie.api.serializers.common import RegionRefSerializer
from huanjie.regions.models import Level, VillageKind


class TotalsSerializer(serializers.Serializer[object]):
    villages = serializers.IntegerField(min_value=0)
    households = serializers.IntegerField(min_value=0)
    people = serializers.IntegerField(min_value=0)


class RegionNodeSerializer(serializers.Serializer[object]):
    """A `people.selectors.RegionNode`: a region and the totals of what lies below it."""

    id = serializers.IntegerField(source="region.pk")
    code = serializers.CharField(source="region.code")
    name = serializers.CharField(source="region.name")
    level = serializers.ChoiceField(source="region.level", choices=Level.choices)
    level_label = serializers.CharField(source="region.get_level_display")
    parent_id = serializers.IntegerField(source="region.parent_id", allow_null=True)
    depth = serializers.IntegerField(min_value=0, help_text="在所列区划树中的层次，0 为最上层")
    totals = TotalsSerializer(source="*", help_text="其下（含本级）登记的村、户、人数")


class VillageSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=VillageKind.choices, allow_blank=True)
    kind_label = serializers.CharField(source="get_kind_display")
    township = RegionRefSerializer(source="parent", allow_null=True)


class RegisteredSerializer(serializers.Serializer[object]):
    households = serializers.IntegerField(min_value=0)
    people = serializers.IntegerField(min_value=0)
    party_members = serializers.IntegerField(min_value=0)
    villager_groups = serializers.IntegerField(min_value=0)


class VillageDetailSerializer(VillageSerializer):
    population = serializers.IntegerField(
        allow_null=True, help_text="户籍人口（村情，未填为 null）"
    )
    household_count = serializers.IntegerField(
        allow_null=True, help_text="户数（村情，未填为 null）"
    )
    merged_village = serializers.BooleanField()
    minority_village = serializers.BooleanField()
    registered = serializers.SerializerMethodField(
        help_text="户籍登记中的户、人、党员数和村民小组数"
    )
    may_import = serializers.SerializerMethodField(help_text="当前用户能否导入本村户籍")

    @extend_schema_field(RegisteredSerializer)
    def get_registered(self, village: Any) -> dict[str, int]:
        registered: dict[str, int] = self.context["registered"]
        return registered

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_may_import(self, village: Any) -> bool:
        return bool(self.context["may_import"])
