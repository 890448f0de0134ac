"""What the pledges endpoint answers and takes: each candidate's 三项承诺 and 纪律承诺书."""

from __future__ import annotations

from rest_framework import serializers

from huanjie.api.serializers.committees import PersonRefSerializer
from huanjie.nominations.models import PledgeKind


class PledgeSerializer(serializers.Serializer[object]):
    kind = serializers.ChoiceField(choices=PledgeKind.choices, help_text="承诺")
    kind_name = serializers.CharField(help_text="承诺名称，如 竞职承诺")
    signed_on = serializers.DateField(allow_null=True, help_text="签订日期；未签为 null")
    recorded_by = serializers.CharField(allow_blank=True, help_text="登记人")


class CandidatePledgesSerializer(serializers.Serializer[object]):
    application = serializers.IntegerField(help_text="报名编号")
    person = PersonRefSerializer()
    post = serializers.CharField(help_text="职位代码")
    post_name = serializers.CharField(help_text="职位")
    complete = serializers.BooleanField(help_text="各项承诺都已签订")
    pledges = PledgeSerializer(many=True, help_text="每项承诺一行，未签的 signed_on 为 null")


class VillagePledgesSerializer(serializers.Serializer[object]):
    village = serializers.IntegerField(help_text="村编号")
    candidates = CandidatePledgesSerializer(many=True, help_text="候选人，按职位和姓氏笔画")


class PledgeWriteSerializer(serializers.Serializer[object]):
    application = serializers.IntegerField(help_text="候选人的报名编号")
    kind = serializers.ChoiceField(choices=PledgeKind.choices, help_text="签订的承诺")
    on = serializers.DateField(help_text="签订日期")
