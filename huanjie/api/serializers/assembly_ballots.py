"""The meeting that elects a supervision committee or a cooperative body, through the API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class MeetingInputSerializer(serializers.Serializer[Any]):
    assembly = serializers.ChoiceField(
        choices=["villagers", "representatives", "members"],
        help_text=(
            "村务监督委员会：villagers（村民会议）或 representatives（村民代表会议）；"
            "集体经济组织：members（成员大会）或 representatives（成员代表大会）"
        ),
    )
    assembly_size = serializers.IntegerField(
        min_value=1, help_text="会议应到人数（年满十八周岁的村民、代表会议组成人员或成员）"
    )


class BarredSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(help_text="姓名")
    reason = serializers.CharField(help_text="不得当选的原因")
    rule = serializers.CharField(help_text="规则编号：SUP-1、KIN-2 或 CEO-5")


class MeetingSerializer(serializers.Serializer[Any]):
    election = serializers.IntegerField()
    body_name = serializers.CharField(help_text="选举机构")
    assembly = serializers.CharField(allow_null=True, help_text="已登记的选举会议代码")
    assembly_name = serializers.CharField(allow_null=True, help_text="选举会议的中文名称")
    assembly_size = serializers.IntegerField(allow_null=True, help_text="应到人数")
    from_round = serializers.IntegerField(
        allow_null=True, help_text="登记所在的选举（另行选举等沿用上一轮登记时为上一轮）"
    )
    barred = BarredSerializer(many=True, help_text="不得当选的人员（当选的计票后宣布无效）")
    blocked = serializers.CharField(
        allow_blank=True, help_text="计票单暂不能录入的原因（空：可以录入）"
    )
