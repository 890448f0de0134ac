"""The party roll of a village's party election as the API gives it, and the bodies of the party
organization's writes (exclusions and their approvals, registration, entering on the roll).

Names only, never an ID number: the roll is read by every role that opens the village, and the
persons endpoint already gives numbers as each role may see them.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from huanjie.api.serializers.editing import Choice, Flag, Id, Text
from huanjie.elections.models import AttendanceExclusion, Ground, RegistrationMethod
from huanjie.people.display import display_name


class DateOnly(serializers.DateField):
    """A "YYYY-MM-DD" string only."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            raise serializers.ValidationError("应为“年-月-日”格式的日期文字，如 2026-03-20。")
        return super().to_internal_value(data)


def _user(user: Any) -> str | None:
    return None if user is None else display_name(user)


class PartyExclusionSerializer(serializers.Serializer[AttendanceExclusion]):
    id = serializers.IntegerField()
    person = serializers.SerializerMethodField(help_text="党员：编号和姓名")
    ground = serializers.ChoiceField(choices=Ground.choices, help_text="情形")
    ground_label = serializers.CharField(source="get_ground_display", help_text="情形的中文")
    detail = serializers.CharField(help_text="具体情况")
    higher_approved_on = serializers.DateField(allow_null=True, help_text="上级党组织同意日期")
    higher_approver = serializers.CharField(help_text="同意的上级党组织")
    higher_document = serializers.CharField(help_text="同意文件或文号")
    higher_recorded_by = serializers.SerializerMethodField(help_text="上级同意的登记人")
    meeting_approved_on = serializers.DateField(allow_null=True, help_text="党员大会通过日期")
    meeting_recorded_by = serializers.SerializerMethodField(help_text="党员大会通过的登记人")
    approved = serializers.BooleanField(
        help_text="两项都已登记且未撤回：此人不计入应到会人数（PB-QUORUM-2）"
    )
    withdrawn_at = serializers.DateTimeField(allow_null=True, help_text="撤回时间")
    withdrawal_reason = serializers.CharField(help_text="撤回理由")

    def get_person(self, value: AttendanceExclusion) -> dict[str, Any]:
        return {"id": value.person_id, "name": value.person.name}

    def get_higher_recorded_by(self, value: AttendanceExclusion) -> str | None:
        return _user(value.higher_recorded_by)

    def get_meeting_recorded_by(self, value: AttendanceExclusion) -> str | None:
        return _user(value.meeting_recorded_by)


class PartyLineSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(
        help_text="members 党员名册 / full 正式党员 / probation 留党察看期间 / suspended 权利暂停 / "
        "voting 有表决权 / excluded 不列入 / unregistered 未登记 / should_attend 应到会"
    )
    name = serializers.CharField(source="label", help_text="项目，如“有表决权的党员”")
    count = serializers.IntegerField()
    rule_id = serializers.CharField(help_text="依据的规则编号")
    note = serializers.CharField()
    total = serializers.BooleanField(help_text="结果行（有表决权、应到会），否则为减去的人数")


class PartyQuorumSerializer(serializers.Serializer[Any]):
    rule_id = serializers.SerializerMethodField()
    base_label = serializers.CharField()
    base = serializers.IntegerField(
        help_text="比较的基数：应到会人数（或按规则方案为全部有表决权的党员）"
    )
    fraction = serializers.SerializerMethodField(help_text="比例，如 4/5")
    cmp = serializers.SerializerMethodField(help_text=">= 以上 / > 超过")
    least_present = serializers.IntegerField(
        source="required", help_text="到会的有表决权党员至少多少名，选举方为有效"
    )
    sentence = serializers.CharField()

    def get_rule_id(self, value: Any) -> str:
        return "PB-QUORUM-1"

    def get_fraction(self, value: Any) -> str:
        return f"{value.fraction.numerator}/{value.fraction.denominator}"

    def get_cmp(self, value: Any) -> str:
        return str(value.cmp.value)


class PartyIssueSerializer(serializers.Serializer[Any]):
    rule_id = serializers.CharField()
    severity = serializers.CharField(help_text="warning 提醒 / block 不能进行")
    message = serializers.CharField()


class PartyMemberRowSerializer(serializers.Serializer[Any]):
    person = serializers.SerializerMethodField(help_text="党员：编号和姓名")
    sex = serializers.CharField(source="person.sex")
    organization = serializers.CharField(source="membership.organization.name")
    category = serializers.CharField(help_text="正式党员 / 预备党员")
    floating = serializers.BooleanField(source="membership.floating")
    has_rights = serializers.BooleanField(source="rights.has_rights", help_text="选举日有无表决权")
    rights_rule_id = serializers.CharField(source="rights.rule_id")
    rights_reason = serializers.CharField(source="rights.reason")
    exclusion_id = serializers.SerializerMethodField(help_text="未撤回的不列入申请的编号")
    registered_on = serializers.SerializerMethodField(help_text="选举登记日期；未登记为 null")
    registration_method = serializers.SerializerMethodField()
    counted = serializers.BooleanField(help_text="是否计入应到会人数")
    state = serializers.CharField(help_text="对应到会人数的意义，一句话")

    def get_person(self, value: Any) -> dict[str, Any]:
        return {"id": value.person.pk, "name": value.person.name}

    def get_exclusion_id(self, value: Any) -> int | None:
        return None if value.exclusion is None else int(value.exclusion.pk)

    def get_registered_on(self, value: Any) -> str | None:
        reg = value.registration
        return None if reg is None else reg.registered_on.isoformat()

    def get_registration_method(self, value: Any) -> str | None:
        reg = value.registration
        return None if reg is None else str(reg.method)


class PartyOffRollSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    political_status = serializers.CharField()


class PartyRollSerializer(serializers.Serializer[Any]):
    village = serializers.SerializerMethodField()
    election = serializers.SerializerMethodField(help_text="本届村党组织选举；尚未建立为 null")
    on = serializers.DateField(help_text="按哪一天计算表决权")
    on_election_day = serializers.BooleanField(help_text="是否为选举日")
    profile = serializers.SerializerMethodField(help_text="适用的党组织选举规则方案")
    registration_defines_should_attend = serializers.BooleanField(
        source="registration_defines", help_text="SEED-PB-REG：是否以选举登记确定应到会人数"
    )
    lines = PartyLineSerializer(many=True, help_text="应到会人数的计算过程，每行注明依据")
    should_attend = serializers.IntegerField(source="outcome.should_attend")
    voting_members = serializers.IntegerField(source="outcome.voting_members")
    quorum = PartyQuorumSerializer()
    summary = serializers.CharField(help_text="上报写法")
    women = serializers.IntegerField()
    minorities = serializers.IntegerField()
    registered = serializers.IntegerField()
    issues = PartyIssueSerializer(many=True)
    members = PartyMemberRowSerializer(source="rows", many=True)
    off_roll = PartyOffRollSerializer(many=True, help_text="户籍登记为党员、尚未列入党员名册的村民")
    exclusions = PartyExclusionSerializer(source="open_exclusions", many=True)

    def get_village(self, value: Any) -> dict[str, Any]:
        return {"id": value.village.pk, "code": value.village.code, "name": value.village.name}

    def get_election(self, value: Any) -> dict[str, Any] | None:
        e = value.election
        if e is None:
            return None
        day = e.election_day.isoformat() if e.election_day else None
        return {"id": e.pk, "method": e.method, "election_day": day, "status": e.status}

    def get_profile(self, value: Any) -> dict[str, str]:
        return {"id": value.profile.id, "title": value.profile.title}


class PartyExclusionCreateSerializer(serializers.Serializer[Any]):
    person = Id(help_text="有表决权的党员的编号")
    ground = Choice(choices=Ground.choices, help_text="情形")
    detail = Text(help_text="具体情况，党员大会表决时宣读")


class PartyConsentSerializer(serializers.Serializer[Any]):
    on = DateOnly(help_text="上级党组织同意的日期")
    approver = Text(help_text="同意的上级党组织")
    document = Text(required=False, help_text="同意文件或文号（村党组织登记时必填）")


class PartyMeetingSerializer(serializers.Serializer[Any]):
    on = DateOnly(help_text="党员大会通过的日期")


class PartyWithdrawSerializer(serializers.Serializer[Any]):
    reason = Text(help_text="撤回的理由")


class PartyRegistrationCreateSerializer(serializers.Serializer[Any]):
    person = Id(help_text="党员的编号")
    on = DateOnly(help_text="登记日期")
    method = Choice(choices=RegistrationMethod.choices, help_text="登记方式")
    note = Text(required=False, help_text="备注")


class PartyEnterRollSerializer(serializers.Serializer[Any]):
    person = Id(help_text="户籍登记为党员、尚未列入名册的村民的编号")
    organization = Id(help_text="所在党组织的编号")
    joined_on = DateOnly(required=False, allow_null=True, help_text="入党时间")
    floating = Flag(required=False, help_text="流动党员（外出）")
