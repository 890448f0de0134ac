"""A party election's approval by the higher-level party committee (PB-WIN-4), and the members'
meeting's reduction of the committee's seats instead of the 另行选举 (PB-WIN-3), through the API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from huanjie.api.serializers.editing import Text
from huanjie.ballots.models import ReductionBasis


class PartyApprovalInputSerializer(serializers.Serializer[Any]):
    approver = Text(help_text="批准机关，如“中共某某镇委员会”")
    approved_on = serializers.DateField(help_text="批复日期")
    document_number = Text(help_text="批复文号")


class PartySeatSerializer(serializers.Serializer[Any]):
    person = serializers.CharField(help_text="当选人姓名")
    post = serializers.CharField(help_text="职位代码：secretary、deputy_secretary、member")


class PartyApprovalRecordSerializer(serializers.Serializer[Any]):
    approver = serializers.CharField()
    approved_on = serializers.DateField()
    document_number = serializers.CharField()
    recorded_by = serializers.CharField(help_text="录入人")
    recorded_at = serializers.DateTimeField()


class PartyApprovalStateSerializer(serializers.Serializer[Any]):
    election = serializers.IntegerField()
    state = serializers.CharField(
        help_text="in_progress（尚无最终结果）、elected_pending_approval（待上级党委审批）、approved"
    )
    state_name = serializers.CharField(help_text="状态的中文")
    elected = PartySeatSerializer(many=True, help_text="待批（或已批）的当选人")
    approval = PartyApprovalRecordSerializer(allow_null=True)
    not_recorded = serializers.ListField(
        child=serializers.CharField(),
        help_text="批复后未能对应到本村党员名册中唯一一人、未登记任职的当选人",
    )


class PartyReduceSeatsInputSerializer(serializers.Serializer[Any]):
    basis = serializers.ChoiceField(
        choices=ReductionBasis.choices,
        help_text="决定方式：members_most（多数党员同意）、voters_majority（超过半数的选举人同意）、"
        "presidium（大会主席团决定）",
    )
    decided_on = serializers.DateField(help_text="党员大会作出决定的日期")


class PartyReductionRecordSerializer(serializers.Serializer[Any]):
    basis = serializers.CharField(help_text="决定方式代码")
    basis_name = serializers.CharField(help_text="决定方式的中文")
    decided_on = serializers.DateField()
    seats_before = serializers.IntegerField(help_text="原应选名额")
    seats_after = serializers.IntegerField(help_text="减少后的名额（当选人数）")
    recorded_by = serializers.CharField(help_text="录入人")
    recorded_at = serializers.DateTimeField()


class PartyShortfallSerializer(serializers.Serializer[Any]):
    election = serializers.IntegerField()
    shortfall = serializers.BooleanField(help_text="本轮是否有待另行选举的委员名额（或已减少名额）")
    seats = serializers.IntegerField(allow_null=True, help_text="应选名额（当选加空缺）")
    elected = serializers.ListField(child=serializers.CharField(), help_text="已当选的委员")
    supplementary_round = serializers.IntegerField(
        allow_null=True, help_text="系统建立的另行选举的选举编号"
    )
    may_reduce = serializers.BooleanField(help_text="能否减少名额、不再另行选举（PB-WIN-3）")
    reason = serializers.CharField(help_text="不能减少名额的原因和应怎么办")
    reduction = PartyReductionRecordSerializer(allow_null=True)
