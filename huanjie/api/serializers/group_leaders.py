"""The villager group leaders as the API gives them (announcement 5's meeting, each group with
its selection, leader and deputies), and the bodies of their writes. People by id and name."""

from __future__ import annotations

from rest_framework import serializers

from huanjie.api.serializers.committees import (
    Count,
    Day,
    PersonRefSerializer,
    SelectionVoteWriteSerializer,
)
from huanjie.api.serializers.editing import Text
from huanjie.committees.models import GroupPost


class GroupNoticeSerializer(serializers.Serializer[object]):
    issued_on = serializers.DateField(help_text="公告日期")
    held_on = serializers.DateField(help_text="推选日期")
    starts_at = serializers.TimeField(format="%H:%M", help_text="开始时间")
    ends_at = serializers.TimeField(format="%H:%M", help_text="结束时间")
    place = serializers.CharField()
    note = serializers.CharField(allow_blank=True)


class GroupVoteSerializer(serializers.Serializer[object]):
    post = serializers.ChoiceField(
        choices=GroupPost.choices, help_text="leader 组长 / deputy 副组长"
    )
    person = PersonRefSerializer()
    votes = serializers.IntegerField()
    elected = serializers.BooleanField()


class GroupSelectionSerializer(serializers.Serializer[object]):
    held_on = serializers.DateField()
    adults_eligible = serializers.IntegerField(help_text="本组年满十八周岁的村民")
    adults_present = serializers.IntegerField()
    households_eligible = serializers.IntegerField()
    households_present = serializers.IntegerField()
    deputy_seats = serializers.IntegerField()
    votes = GroupVoteSerializer(many=True)


class GroupLineSerializer(serializers.Serializer[object]):
    villager_group = serializers.IntegerField(help_text="村民小组编号（登记推选结果时用）")
    name = serializers.CharField()
    households = serializers.IntegerField(help_text="在册户数")
    leader = PersonRefSerializer(allow_null=True)
    deputies = PersonRefSerializer(many=True)
    selection = GroupSelectionSerializer(allow_null=True, help_text="尚未推选时为 null")


class GroupLeadersSerializer(serializers.Serializer[object]):
    village = serializers.IntegerField()
    election = serializers.IntegerField(allow_null=True)
    notice = GroupNoticeSerializer(allow_null=True, help_text="尚未公告时为 null")
    selected = serializers.IntegerField(help_text="已推选的小组数")
    leaders = serializers.IntegerField(help_text="当选组长人数")
    deputies = serializers.IntegerField(help_text="当选副组长人数")
    groups = GroupLineSerializer(many=True)


class GroupNoticeWriteSerializer(serializers.Serializer[object]):
    issued_on = Day(help_text="公告日期")
    held_on = Day(help_text="推选日期")
    starts_at = serializers.TimeField(help_text="开始时间，如 08:30")
    ends_at = serializers.TimeField(help_text="结束时间，如 11:30")
    place = Text(help_text="推选地点", max_length=200)
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=400, default="", help_text="其他事项"
    )


class GroupSelectionWriteSerializer(serializers.Serializer[object]):
    held_on = Day(help_text="推选日期")
    adults_present = Count(help_text="到会村民")
    households_present = Count(help_text="到会户代表的户数（不按户计时为 0）")
    deputy_seats = Count(max_value=3, default=1, help_text="副组长名额（0–3，默认 1）")
    leader_votes = serializers.ListField(
        child=SelectionVoteWriteSerializer(), min_length=1, max_length=100, help_text="组长的得票人"
    )
    deputy_votes = serializers.ListField(
        child=SelectionVoteWriteSerializer(),
        max_length=100,
        default=list,
        help_text="副组长的得票人",
    )
