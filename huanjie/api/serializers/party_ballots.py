"""A party election's approval by the higher-level party committee (PB-WIN-4) through the API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from huanjie.api.serializers.editing import Text


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
