"""What the register's write endpoints read: JSON of the right types, nothing more.

Whether a value is right for the register (an ID number's check digit, one head per household,
a 户号 in use …) is the services' to say, in the same words as on the web. These fields only
refuse a value of the wrong JSON type (a number for a name, "yes" for true), so that nothing
is silently converted.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from huanjie.accounts.gates import MAX_ID
from huanjie.people.models import (
    Education,
    HeadRelation,
    PersonTagKind,
    PoliticalStatus,
    RegisterStatus,
    Sex,
)

WRONG_TYPE = "应为{kind}，请按接口文档（/api/docs/）填写。"


class Text(serializers.CharField):
    """A JSON string only (DRF's CharField would take 12 as "12")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("trim_whitespace", False)  # the services strip, as for the web
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            raise serializers.ValidationError(WRONG_TYPE.format(kind="文字（字符串）"))
        return str(super().to_internal_value(data))


class Flag(serializers.BooleanField):
    """true or false only (DRF's BooleanField would take "yes" and 1)."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            raise serializers.ValidationError(WRONG_TYPE.format(kind="true 或 false"))
        return data


class Id(serializers.IntegerField):
    """A JSON integer only (DRF's IntegerField would take "12"), within the ids a row can have
    (a larger one overflows the database's integer instead of being merely unknown)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        if not isinstance(data, int) or isinstance(data, bool):
            raise serializers.ValidationError(WRONG_TYPE.format(kind="整数编号"))
        return int(super().to_internal_value(data))


class Choice(serializers.ChoiceField):
    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            raise serializers.ValidationError(WRONG_TYPE.format(kind="文字（字符串）"))
        return super().to_internal_value(data)


class Tags(serializers.ListField):
    child = Choice(choices=PersonTagKind.choices)


def _choice(choices: Any, help_text: str, **kwargs: Any) -> Choice:
    return Choice(choices=choices, help_text=help_text, **kwargs)


class MemberWriteSerializer(serializers.Serializer[object]):
    """One member as the import template has them; sex and birth date follow the ID number."""

    name = Text(help_text="姓名")
    id_number = Text(help_text="18位居民身份证号，末位可以是X")
    relation_to_head = _choice(HeadRelation.choices, "与户主关系（GB/T 4761），每户一名户主")
    sex = _choice(Sex.choices, "性别；不填时由身份证号得出，填了须与号码一致", required=False)
    ethnicity = Text(help_text="民族，不填按汉族", required=False)
    education = _choice(Education.choices, "文化程度", required=False, allow_blank=True)
    political_status = _choice(PoliticalStatus.choices, "政治面貌，不填按群众", required=False)
    phone = Text(help_text="联系电话，只含数字、空格和“-”", required=False)
    hukou_in_village = Flag(help_text="户籍在本村，默认 true", required=False)
    resides_in_village = Flag(help_text="在本村居住，默认 true", required=False)
    tags = Tags(help_text="标签", required=False)


class HouseholdCreateSerializer(serializers.Serializer[object]):
    number = Text(help_text="户号，在本村内不能重复")
    villager_group = Id(help_text="本村一个村民小组的编号")
    members = serializers.ListField(
        child=MemberWriteSerializer(), min_length=1, help_text="成员，户主在内"
    )


class HouseholdUpdateSerializer(serializers.Serializer[object]):
    number = Text(help_text="新户号，在本村内不能重复", required=False)
    villager_group = Id(help_text="本村另一个村民小组的编号（全户随之调整）", required=False)


class OtherRelationSerializer(serializers.Serializer[object]):
    person = Id(help_text="本户在册成员的编号")
    relation_to_head = _choice(HeadRelation.choices, "与新户主的关系（不能是户主）")


class HeadChangeSerializer(serializers.Serializer[object]):
    new_head = Id(help_text="新户主（本户在册成员）的编号")
    former_head_relation = _choice(
        HeadRelation.choices, "原户主与新户主的关系（没有在册户主时可不填）", required=False
    )
    other_relations = serializers.ListField(
        child=OtherRelationSerializer(),
        required=False,
        help_text="其他成员与新户主的关系；不列出的成员保持原关系",
    )


class PersonUpdateSerializer(serializers.Serializer[object]):
    """Only the fields given are changed."""

    name = Text(help_text="姓名", required=False)
    id_number = Text(help_text="身份证号；性别和出生日期随之更正", required=False)
    sex = _choice(Sex.choices, "性别，须与身份证号一致", required=False)
    ethnicity = Text(help_text="民族", required=False)
    education = _choice(
        Education.choices, "文化程度（空字符串为未填写）", required=False, allow_blank=True
    )
    political_status = _choice(PoliticalStatus.choices, "政治面貌", required=False)
    phone = Text(help_text="联系电话", required=False)
    relation_to_head = _choice(
        HeadRelation.choices, "与户主关系；户主请用“更换户主”更换", required=False
    )
    hukou_in_village = Flag(help_text="户籍在本村", required=False)
    resides_in_village = Flag(help_text="在本村居住", required=False)
    deprived_of_political_rights = Flag(help_text="被剥夺政治权利", required=False)
    tags = Tags(help_text="标签（全部列出，替换原有的）", required=False)


class MoveSerializer(serializers.Serializer[object]):
    household = Id(help_text="本村另一户的编号")
    relation_to_head = _choice(HeadRelation.choices, "与该户户主的关系")


LEAVE_STATUSES = [(RegisterStatus.MOVED_OUT, "已迁出"), (RegisterStatus.DECEASED, "已死亡")]


class LeaveSerializer(serializers.Serializer[object]):
    status = _choice(LEAVE_STATUSES, "moved_out 已迁出 / deceased 已死亡")
    on = serializers.DateField(help_text="迁出或死亡的日期（不晚于今天，不早于出生日期）")
    note = Text(help_text="说明，最多200字", required=False)
