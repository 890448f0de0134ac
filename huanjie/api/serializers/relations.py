"""Close-relative links as the API gives them, and the bodies of the committee's decisions.

A link names its two people by id only when the reader may open them (as the web links them);
the name is always given. `counts_for_recusal` is the one flag kinship checks rely on: only
confirmed or committee-registered links, never a pending or rejected one.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from huanjie.people.display import display_name
from huanjie.people.models import RELATION_KIND_CHOICES, CloseRelative, RelationSource
from huanjie.people.relation_cards import ELDER_OTHER, ELDER_SELF
from huanjie.people.relation_status import RelationStatus, counts_for_recusal, relation_status

TEXT_MAX = CloseRelative._meta.get_field("basis").max_length or 200
# Something to read: not only spaces (the service would refuse it), no NUL characters.
NOT_EMPTY = RegexValidator(r"^[^\x00]*\S[^\x00]*$", "不能为空，也不能只有空格。")
PERSON_REF = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": {
            "type": "integer",
            "nullable": True,
            "description": "编号；不在您管辖范围内时为 null",
        },
        "name": {"type": "string"},
    },
}


def _user(user: Any) -> str | None:
    return None if user is None else display_name(user)


class RelationStatusFields(serializers.Serializer[object]):
    """The status of a link, shared by the link itself and a person's list of relatives."""

    status = serializers.SerializerMethodField(
        help_text="pending 待确认（由户籍推导，尚未核对）/ confirmed 已确认 / rejected 已否定 / "
        "declared 村选委会登记"
    )
    status_label = serializers.SerializerMethodField(help_text="状态的中文名")
    basis = serializers.SerializerMethodField(
        help_text="依据：登记的关系凭什么认定（结婚证、村民证实…）；已否定的关系为否定理由"
    )
    counts_for_recusal = serializers.SerializerMethodField(
        help_text="任职回避审查是否采用：只有已确认或村选委会登记的关系为 true"
    )
    confirmed_at = serializers.SerializerMethodField(help_text="确认（或登记）时间")
    confirmed_by = serializers.SerializerMethodField(help_text="确认（或登记）人")
    rejected_at = serializers.SerializerMethodField(help_text="否定时间")
    rejected_by = serializers.SerializerMethodField(help_text="否定人")

    def _link(self, value: Any) -> CloseRelative:
        link: CloseRelative = getattr(value, "link", value)
        return link

    @extend_schema_field({"type": "string", "enum": [s.value for s in RelationStatus]})
    def get_status(self, value: Any) -> str:
        return relation_status(self._link(value)).value

    @extend_schema_field(OpenApiTypes.STR)
    def get_status_label(self, value: Any) -> str:
        return str(relation_status(self._link(value)).label)

    @extend_schema_field(OpenApiTypes.STR)
    def get_basis(self, value: Any) -> str:
        return self._link(value).basis

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_counts_for_recusal(self, value: Any) -> bool:
        return counts_for_recusal(self._link(value))

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_confirmed_at(self, value: Any) -> str | None:
        moment = self._link(value).confirmed_at
        return None if moment is None else serializers.DateTimeField().to_representation(moment)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_confirmed_by(self, value: Any) -> str | None:
        return _user(self._link(value).confirmed_by)

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_rejected_at(self, value: Any) -> str | None:
        moment = self._link(value).rejected_at
        return None if moment is None else serializers.DateTimeField().to_representation(moment)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_rejected_by(self, value: Any) -> str | None:
        return _user(self._link(value).rejected_by)


class RelationLinkSerializer(RelationStatusFields):
    """One link: for `parent_child` / `grandparent_grandchild`, person_a is the parent /
    grandparent; spouse and sibling are stored once, either way round."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=RELATION_KIND_CHOICES)
    kind_label = serializers.CharField(source="get_kind_display")
    source = serializers.ChoiceField(choices=RelationSource.choices)  # type: ignore[assignment]
    person_a = serializers.SerializerMethodField()
    person_b = serializers.SerializerMethodField()

    def _ref(self, person: Any) -> dict[str, Any]:
        openable = self.context.get("openable", set())
        return {"id": person.pk if person.pk in openable else None, "name": person.name}

    @extend_schema_field(PERSON_REF)
    def get_person_a(self, link: Any) -> dict[str, Any]:
        return self._ref(link.person_a)

    @extend_schema_field(PERSON_REF)
    def get_person_b(self, link: Any) -> dict[str, Any]:
        return self._ref(link.person_b)


class RejectSerializer(serializers.Serializer[object]):
    reason = serializers.CharField(
        max_length=TEXT_MAX,
        validators=[NOT_EMPTY],
        help_text="否定的理由（必填），如“实为继子女”；保存在记录中",
    )


class DeclareSerializer(serializers.Serializer[object]):
    other_person = serializers.IntegerField(
        min_value=1, help_text="亲属的人员编号（与此人同村登记的人员）"
    )
    kind = serializers.ChoiceField(
        choices=RELATION_KIND_CHOICES, help_text="spouse 配偶 / parent_child 父母子女 / "
        "sibling 兄弟姐妹 / grandparent_grandchild 祖孙"
    )  # fmt: skip
    elder = serializers.ChoiceField(
        choices=[(ELDER_SELF, "此人是长辈"), (ELDER_OTHER, "亲属是长辈")],
        help_text="谁是父母或祖父母一方：self 此人 / other 亲属；配偶、兄弟姐妹时不起作用",
    )
    basis = serializers.CharField(
        max_length=TEXT_MAX,
        validators=[NOT_EMPTY],
        help_text="依据（必填）：如结婚证、出生医学证明、户口簿、村民证实",
    )


class HouseholdConfirmedSerializer(serializers.Serializer[object]):
    confirmed = serializers.IntegerField(help_text="本次确认的关系条数")
