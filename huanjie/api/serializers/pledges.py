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


class StageCountsSerializer(serializers.Serializer[object]):
    body = serializers.CharField(help_text="机构代码，如 villagers_committee")
    body_name = serializers.CharField(help_text="机构，如 村民委员会")
    applicants = serializers.IntegerField(help_text="报名（未退出）")
    recommended = serializers.IntegerField(help_text="确定为候选人")
    reviewed = serializers.IntegerField(help_text="联审完成（各部门都已出结论）")
    formal = serializers.IntegerField(help_text="正式候选人（各部门都通过，QUAL-3）")


class PathCountSerializer(serializers.Serializer[object]):
    path = serializers.CharField(allow_blank=True, help_text="去向代码；未登记为空")
    path_name = serializers.CharField(help_text="去向，如 光荣让贤")
    holders = serializers.IntegerField(help_text="现任干部人数（按任职计）")


class VillagePipelineSerializer(serializers.Serializer[object]):
    village = serializers.IntegerField(help_text="村编号")
    village_name = serializers.CharField()
    bodies = StageCountsSerializer(many=True)
    reserve = serializers.IntegerField(help_text="后备干部人数")
    paths = PathCountSerializer(many=True)


class TownshipPipelineSerializer(serializers.Serializer[object]):
    township = serializers.IntegerField(help_text="乡镇编号")
    villages = VillagePipelineSerializer(many=True, help_text="您负责范围内本乡镇的各村")
    totals = StageCountsSerializer(many=True)
    reserve = serializers.IntegerField(help_text="后备干部合计")
    paths = PathCountSerializer(many=True)
