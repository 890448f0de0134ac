"""The villagers' election committee and the villager representatives as the API gives them, and
the bodies of their writes. People are named by id and name only (the committee's lists are
public; ID numbers are never in them)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from huanjie.api.serializers.editing import Choice, Flag, Id, Text
from huanjie.committees.models import Basis, ChosenBy, CommitteeRole, Stage

ROLE_CHOICES = [("", "未当选"), *CommitteeRole.choices]


class Count(serializers.IntegerField):
    """A JSON integer ≥ 0 only (DRF's IntegerField would take "12")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 1_000_000)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        if not isinstance(data, int) or isinstance(data, bool):
            raise serializers.ValidationError("应为整数，请按接口文档（/api/docs/）填写。")
        return int(super().to_internal_value(data))


class Day(serializers.DateField):
    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            raise serializers.ValidationError("应为日期字符串，如 2026-03-01。")
        return super().to_internal_value(data)


# --- reads ----------------------------------------------------------------------------------------


class PersonRefSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField(help_text="人员编号")
    name = serializers.CharField(help_text="姓名")


class FindingSerializer(serializers.Serializer[object]):
    rule_id = serializers.CharField(help_text="规则编号，如 VC-EC-1")
    severity = serializers.ChoiceField(
        choices=[("block", "不符合法定要求"), ("warning", "提示")], help_text="block 或 warning"
    )
    message = serializers.CharField(help_text="中文说明：哪里不符合、怎么办")


class MemberSerializer(serializers.Serializer[object]):
    person = PersonRefSerializer()
    role = serializers.ChoiceField(choices=CommitteeRole.choices, help_text="现任职务")
    role_label = serializers.CharField()
    seating = serializers.CharField(help_text="selected 推选产生 / refilled 依次递补")
    seated_on = serializers.DateField()
    replaces = PersonRefSerializer(allow_null=True, help_text="递补谁的空缺")


class LeftSerializer(serializers.Serializer[object]):
    person = PersonRefSerializer()
    role = serializers.ChoiceField(choices=CommitteeRole.choices, help_text="退出时的职务")
    left_on = serializers.DateField()
    rule_ids = serializers.ListField(child=serializers.CharField(), help_text="如 VC-EC-4、KIN-4")
    reason = serializers.CharField(help_text="退出原因（近亲属退出时含关系链）")
    chain = serializers.CharField(help_text="亲属关系链，本人参选时为空")
    because = PersonRefSerializer(allow_null=True, help_text="因谁参选")
    refilled_by = PersonRefSerializer(many=True, help_text="依次递补的人")


class VoteLineSerializer(serializers.Serializer[object]):
    person = PersonRefSerializer()
    votes = serializers.IntegerField()
    position = serializers.IntegerField(help_text="名次，即依次递补的顺序")
    outcome = serializers.CharField(help_text="推选为主任 / 依次递补 … / 未当选")


class NomineeSerializer(serializers.Serializer[object]):
    person = PersonRefSerializer()
    stage = serializers.ChoiceField(choices=Stage.choices)
    self_nominee = serializers.BooleanField()
    on = serializers.DateField()


class CommitteeBodySerializer(serializers.Serializer[object]):
    chosen_by = serializers.ChoiceField(choices=ChosenBy.choices)
    chosen_by_label = serializers.CharField()
    chosen_on = serializers.DateField()
    should_attend = serializers.IntegerField()
    present = serializers.IntegerField()
    seats = serializers.IntegerField(help_text="推选产生的成员人数")
    vacancy_note = serializers.CharField(help_text="原推选结果不能补足的空缺（VC-EC-3），或空")
    members = MemberSerializer(many=True, help_text="现任成员，主任、副主任、委员为序")
    left = LeftSerializer(many=True, help_text="已退出的成员")
    votes = VoteLineSerializer(many=True, help_text="推选结果，得票多者在前")
    nominees = NomineeSerializer(many=True, help_text="已登记的参选人")


class CommitteeSerializer(serializers.Serializer[object]):
    village = serializers.IntegerField(help_text="村编号")
    election = serializers.IntegerField(allow_null=True, help_text="本届村民委员会选举的编号")
    election_day = serializers.DateField(allow_null=True)
    profile = serializers.CharField(allow_null=True, help_text="适用的规则方案，如 ZJ_2025")
    size_min = serializers.IntegerField(allow_null=True, help_text="成员人数下限（ec.size_min）")
    size_max = serializers.IntegerField(allow_null=True, help_text="成员人数上限（ec.size_max）")
    committee = CommitteeBodySerializer(allow_null=True, help_text="尚未登记时为 null")
    findings = FindingSerializer(many=True, help_text="现有人数的核对（VC-EC-1）")


class NomineeOutcomeSerializer(serializers.Serializer[object]):
    withdrawn = PersonRefSerializer(many=True, help_text="这次应退出的成员")
    filled = PersonRefSerializer(many=True, help_text="这次依次递补的人")
    findings = FindingSerializer(many=True, help_text="不能补足时的说明（VC-EC-3）和人数核对")
    committee = CommitteeSerializer()


class ThresholdSerializer(serializers.Serializer[object]):
    rule_id = serializers.CharField()
    subject = serializers.CharField(help_text="村民代表 / 妇女代表")
    count = serializers.IntegerField()
    at_least = serializers.IntegerField(help_text="至少需要")
    base = serializers.IntegerField(help_text="村民代表会议组成人员（代表加村委会成员）")
    met = serializers.BooleanField()
    sentence = serializers.CharField()


class ElectedSerializer(serializers.Serializer[object]):
    person = PersonRefSerializer()
    votes = serializers.IntegerField()
    woman = serializers.BooleanField()
    elected = serializers.BooleanField()


class SelectionSerializer(serializers.Serializer[object]):
    held_on = serializers.DateField()
    voters_eligible = serializers.IntegerField()
    voters_present = serializers.IntegerField()
    households_eligible = serializers.IntegerField()
    households_present = serializers.IntegerField()
    votes = ElectedSerializer(many=True)


class ConstituencySerializer(serializers.Serializer[object]):
    number = serializers.IntegerField(help_text="序号（登记推选结果时用）")
    name = serializers.CharField()
    villager_group = serializers.IntegerField(help_text="村民小组编号")
    households = serializers.IntegerField()
    seats = serializers.IntegerField()
    women_seats = serializers.IntegerField(help_text="其中单列妇女名额")
    selection = SelectionSerializer(allow_null=True, help_text="尚未推选时为 null")


class RepresentativesSerializer(serializers.Serializer[object]):
    village = serializers.IntegerField()
    election = serializers.IntegerField(allow_null=True)
    households = serializers.IntegerField(help_text="在册户数")
    population = serializers.IntegerField(help_text="在册人数")
    minimum = serializers.IntegerField(help_text="本村村民代表的最低名额")
    minimum_reasons = serializers.ListField(child=serializers.CharField())
    basis = serializers.ChoiceField(choices=Basis.choices, allow_null=True)
    decided_on = serializers.DateField(allow_null=True)
    seats = serializers.IntegerField(help_text="已分配名额")
    vc_seats = serializers.IntegerField(help_text="村委会成员（本届选举应选职数）")
    elected = serializers.IntegerField()
    women = serializers.IntegerField()
    women_needed = serializers.IntegerField(help_text="全部代表选出后妇女代表至少需要")
    constituencies = ConstituencySerializer(many=True)
    composition = ThresholdSerializer(many=True, help_text="REP-3，按已当选的代表即时计算")
    findings = FindingSerializer(many=True, help_text="REP-4、REP-7 的核对")


# --- writes ---------------------------------------------------------------------------------------


class VoteWriteSerializer(serializers.Serializer[object]):
    person = Id(help_text="本村人员的编号")
    votes = Count(min_value=1, help_text="得票")
    role = Choice(
        choices=ROLE_CHOICES,
        required=False,
        allow_blank=True,
        help_text="当选为成员的职务：chair 主任 / vice_chair 副主任 / member 委员；未当选的留空",
    )


class CommitteeWriteSerializer(serializers.Serializer[object]):
    chosen_by = Choice(choices=ChosenBy.choices, help_text="推选方式")
    chosen_on = Day(help_text="推选日期")
    should_attend = Count(help_text="应到人数")
    present = Count(help_text="实到人数")
    votes = serializers.ListField(
        child=VoteWriteSerializer(), min_length=1, max_length=500, help_text="每个得票人"
    )


class NomineeWriteSerializer(serializers.Serializer[object]):
    person = Id(help_text="参选人（本村人员）的编号")
    stage = Choice(
        choices=Stage.choices, help_text="nominated 被提名或登记为自荐人 / confirmed 正式候选人"
    )
    self_nominee = Flag(required=False, help_text="自荐人，默认 false")
    on = Day(help_text="提名、登记或列入名单的日期")


class RoleWriteSerializer(serializers.Serializer[object]):
    person = Id(help_text="现任成员的人员编号")
    role = Choice(choices=CommitteeRole.choices, help_text="新职务")


class GroupSeatsSerializer(serializers.Serializer[object]):
    villager_group = Id(help_text="村民小组编号")
    seats = Count(min_value=1, help_text="代表名额")
    women_seats = Count(required=False, help_text="其中单列妇女名额，默认 0")


class ApportionWriteSerializer(serializers.Serializer[object]):
    basis = Choice(choices=Basis.choices, help_text="groups 按村民小组 / households 按户")
    decided_on = Day(help_text="确定日期")
    seats = serializers.ListField(
        child=GroupSeatsSerializer(),
        required=False,
        max_length=500,
        help_text="各组名额；不给出时按各组户数分配本村的最低名额",
    )


class SelectionVoteWriteSerializer(serializers.Serializer[object]):
    person = Id(help_text="本单元人员的编号")
    votes = Count(min_value=1, help_text="得票")


class SelectionWriteSerializer(serializers.Serializer[object]):
    held_on = Day(help_text="推选日期")
    voters_present = Count(help_text="到会选民")
    households_present = Count(help_text="到会户代表的户数（不按户计时为 0）")
    votes = serializers.ListField(
        child=SelectionVoteWriteSerializer(), min_length=1, max_length=500, help_text="每个得票人"
    )


class CancelWriteSerializer(serializers.Serializer[object]):
    reason = Text(help_text="撤销原因", max_length=200)
