"""Persons and households, masked per role exactly as the web pages show them.

The serializer context carries the request's `PersonMasker` (key "masker") and `today` (for
ages): the ID number and phone are the masker's, never the model's fields.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from huanjie.api.serializers.relations import RelationStatusFields
from huanjie.people.display import PersonMasker
from huanjie.people.models import (
    Education,
    HeadRelation,
    MembershipStatus,
    PoliticalStatus,
    RegisterStatus,
    Sex,
)
from huanjie.rules.timeline.periods import age_on


class HouseholdRefSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text="户号")


class VillageRefSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class PersonSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    id_number = serializers.SerializerMethodField(
        help_text="身份证号：按您的权限显示完整号码，或隐去中间部分（330…1234）"
    )
    id_number_full = serializers.SerializerMethodField(help_text="id_number 是否为完整号码")
    phone = serializers.SerializerMethodField(help_text="联系电话：按权限显示或隐去中间四位")
    sex = serializers.ChoiceField(choices=Sex.choices)
    sex_label = serializers.CharField(source="get_sex_display")
    birth_date = serializers.DateField()
    age = serializers.SerializerMethodField()
    ethnicity = serializers.CharField()
    education = serializers.ChoiceField(choices=Education.choices, allow_blank=True)
    political_status = serializers.ChoiceField(choices=PoliticalStatus.choices)
    political_status_label = serializers.CharField(source="get_political_status_display")
    village = VillageRefSerializer()
    household = HouseholdRefSerializer(allow_null=True)
    villager_group = serializers.SerializerMethodField(help_text="村民小组名称（未编入户为 null）")
    relation_to_head = serializers.ChoiceField(choices=HeadRelation.choices, allow_blank=True)
    hukou_in_village = serializers.BooleanField()
    resides_in_village = serializers.BooleanField()
    tags = serializers.SerializerMethodField(help_text="标签（中文）")
    status = serializers.ChoiceField(
        choices=RegisterStatus.choices,
        help_text="登记状态：active 在册 / moved_out 已迁出 / deceased 已死亡",
    )
    status_label = serializers.CharField(source="get_status_display")
    status_on = serializers.DateField(allow_null=True, help_text="迁出或死亡的日期（在册为 null）")

    def _masker(self) -> PersonMasker:
        masker: PersonMasker = self.context["masker"]
        return masker

    @extend_schema_field(OpenApiTypes.STR)
    def get_id_number(self, person: Any) -> str:
        return self._masker().id_number(person)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_id_number_full(self, person: Any) -> bool:
        return self._masker().sees_full(person)

    @extend_schema_field(OpenApiTypes.STR)
    def get_phone(self, person: Any) -> str:
        return self._masker().phone(person)

    @extend_schema_field(OpenApiTypes.INT)
    def get_age(self, person: Any) -> int:
        return age_on(person.birth_date, self.context["today"])

    @extend_schema_field({"type": "string", "nullable": True})
    def get_villager_group(self, person: Any) -> str | None:
        household = person.household
        return household.villager_group.name if household is not None else None

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_tags(self, person: Any) -> list[str]:
        return [str(tag.get_tag_display()) for tag in person.tags.all()]


class MembershipSerializer(serializers.Serializer[object]):
    organization = serializers.CharField(source="organization.name")
    status = serializers.ChoiceField(choices=MembershipStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    joined_on = serializers.DateField(allow_null=True)
    suspended = serializers.BooleanField()
    floating = serializers.BooleanField()


class RelationSerializer(RelationStatusFields):
    """A close relative as the person page lists them: the other may be outside your scope, then
    only the name is given (as the page shows it without a link). With the link's status:
    only links with `counts_for_recusal` are used by kinship checks."""

    id = serializers.IntegerField(source="link.pk", help_text="关系编号（/relations/{id}/）")
    person_id = serializers.SerializerMethodField(help_text="对方编号；不在您管辖范围内时为 null")
    name = serializers.CharField(source="other.name")
    # DRF moves declared fields off the class: these names do not shadow Field.label/.source.
    label = serializers.CharField(help_text="对方是此人的什么人，如 配偶、父母、子女")  # type: ignore[assignment]
    kind = serializers.CharField(source="link.kind")
    source = serializers.CharField(source="link.source")  # type: ignore[assignment]
    confirmed = serializers.SerializerMethodField(
        help_text="已确认或登记（status 为 confirmed 或 declared）"
    )

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_person_id(self, view: Any) -> int | None:
        other_id: int = view.other.pk
        return other_id if other_id in self.context["openable"] else None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_confirmed(self, view: Any) -> bool:
        return view.link.confirmed_at is not None


class PersonDetailSerializer(PersonSerializer):
    party_membership = serializers.SerializerMethodField(help_text="党员信息（非党员为 null）")
    relations = serializers.SerializerMethodField()

    @extend_schema_field(MembershipSerializer(allow_null=True))
    def get_party_membership(self, person: Any) -> dict[str, Any] | None:
        membership = self.context.get("membership")
        return None if membership is None else dict(MembershipSerializer(membership).data)

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, person: Any) -> list[Any]:
        rows = self.context.get("relations", [])
        return list(RelationSerializer(rows, many=True, context=self.context).data)


class HouseholdSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text="户号")
    village_id = serializers.IntegerField()
    villager_group = serializers.CharField(source="villager_group.name")
    head = serializers.SerializerMethodField(help_text="在册的户主（没有时为 null）")
    members = serializers.SerializerMethodField(help_text="户内在册人数（不计已迁出、已死亡）")

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "required": ["id", "name"],
            "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
        }
    )
    def get_head(self, household: Any) -> dict[str, Any] | None:
        head = next(
            (m for m in _on_register(household) if m.relation_to_head == HeadRelation.HEAD), None
        )
        return None if head is None else {"id": head.pk, "name": head.name}

    @extend_schema_field(OpenApiTypes.INT)
    def get_members(self, household: Any) -> int:
        return len(_on_register(household))


def _on_register(household: Any) -> list[Any]:
    # From the prefetched members: the list is read in three queries whatever its length.
    return [m for m in household.members.all() if m.status == RegisterStatus.ACTIVE]


class HouseholdDetailSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text="户号")
    village = VillageRefSerializer()
    villager_group = serializers.CharField(source="villager_group.name")
    members = serializers.SerializerMethodField(
        help_text="户内成员，按登记先后；已迁出、已死亡的也列出（见 status）"
    )

    @extend_schema_field(PersonSerializer(many=True))
    def get_members(self, household: Any) -> list[Any]:
        people = self.context["members"]
        return list(PersonSerializer(people, many=True, context=self.context).data)
