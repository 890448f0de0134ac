"""Regions with their tree totals, and villages with their register counts."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from huanjie.api.serializers.common import RegionRefSerializer
from huanjie.regions.models import Level, VillageKind


class TotalsSerializer(serializers.Serializer[object]):
    """As the pages count (huanjie.people.figures): people on the register, households with one
    of them, party members among them."""

    villages = serializers.IntegerField(min_value=0)
    households = serializers.IntegerField(min_value=0, help_text="有在册人员的户数")
    people = serializers.IntegerField(min_value=0, help_text="在册人数（不含已迁出、已死亡）")
    party_members = serializers.IntegerField(
        min_value=0, help_text="在册党员数（政治面貌为正式、预备党员或列入党员名册）"
    )


class RegionNodeSerializer(serializers.Serializer[object]):
    """A `people.selectors.RegionNode`: a region and the totals of what lies below it."""

    id = serializers.IntegerField(source="region.pk")
    code = serializers.CharField(source="region.code")
    name = serializers.CharField(source="region.name")
    level = serializers.ChoiceField(source="region.level", choices=Level.choices)
    level_label = serializers.CharField(source="region.get_level_display")
    parent_id = serializers.IntegerField(source="region.parent_id", allow_null=True)
    depth = serializers.IntegerField(min_value=0, help_text="在所列区划树中的层次，0 为最上层")
    totals = TotalsSerializer(source="*", help_text="其下（含本级）的村数和在册的户、人、党员数")


class VillageSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=VillageKind.choices, allow_blank=True)
    kind_label = serializers.CharField(source="get_kind_display")
    township = RegionRefSerializer(source="parent", allow_null=True)


class RegisteredSerializer(serializers.Serializer[object]):
    """The village page's figures (huanjie.people.figures.VillageFigures)."""

    villager_groups = serializers.IntegerField(min_value=0)
    households = serializers.IntegerField(min_value=0, help_text="有在册人员的户数")
    people = serializers.IntegerField(min_value=0, help_text="在册人数（不含已迁出、已死亡）")
    hukou_in_village = serializers.IntegerField(min_value=0, help_text="在册人员中户籍在本村的")
    resides_in_village = serializers.IntegerField(min_value=0, help_text="在册人员中在本村居住的")
    party_members = serializers.IntegerField(
        min_value=0, help_text="在册党员数（政治面貌为正式、预备党员或列入党员名册）"
    )
    full_members = serializers.IntegerField(min_value=0)
    probationary_members = serializers.IntegerField(min_value=0)
    party_members_off_roll = serializers.IntegerField(
        min_value=0, source="off_roll", help_text="党员中尚未列入村党组织名册的"
    )
    moved_out = serializers.IntegerField(min_value=0, help_text="已迁出（不计入以上各数）")
    deceased = serializers.IntegerField(min_value=0, help_text="已死亡（不计入以上各数）")


class VillageDetailSerializer(VillageSerializer):
    population = serializers.IntegerField(
        allow_null=True,
        help_text="统计年报的户籍人口（手工填写的村情，不随户籍登记变化；未填为 null）。"
        "登记数见 registered",
    )
    household_count = serializers.IntegerField(
        allow_null=True,
        help_text="统计年报的户数（手工填写的村情，不随户籍登记变化；未填为 null）。"
        "登记数见 registered",
    )
    merged_village = serializers.BooleanField()
    minority_village = serializers.BooleanField()
    registered = serializers.SerializerMethodField(
        help_text="户籍登记中在册的户、人、党员数和村民小组数，与村页面一致"
    )
    may_import = serializers.SerializerMethodField(help_text="当前用户能否导入本村户籍")

    @extend_schema_field(RegisteredSerializer)
    def get_registered(self, village: Any) -> dict[str, Any]:
        return RegisteredSerializer(self.context["registered"]).data

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_may_import(self, village: Any) -> bool:
        return bool(self.context["may_import"])
