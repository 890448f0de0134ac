"""What the joint-review endpoints answer and accept: each candidate's review by department
(QUAL-3), a village's kinship conflicts with their chains (KIN-*), a reviewer's queue, and one
department's result."""

from __future__ import annotations

from rest_framework import serializers

from huanjie.api.serializers.committees import PersonRefSerializer
from huanjie.rules.eligibility.qualification import VettingStatus
from huanjie.vetting.models import Verdict

VETTING_STATUSES = [
    (s.value, label)
    for s, label in (
        (VettingStatus.PENDING, "联审中"),
        (VettingStatus.CLEARED, "联审通过"),
        (VettingStatus.REJECTED, "联审不通过"),
    )
]


class ReviewItemSerializer(serializers.Serializer[object]):
    code = serializers.CharField(help_text="负面清单情形代码，如 criminal_punishment")
    no = serializers.CharField(help_text="清单中的序号")
    text = serializers.CharField(help_text="情形")
    rule_id = serializers.CharField(help_text="依据，如 QUAL-6")


class ReviewSlotSerializer(serializers.Serializer[object]):
    round = serializers.IntegerField(help_text="联审轮次编号")
    round_number = serializers.IntegerField(help_text="第几轮")
    round_title = serializers.CharField(help_text="轮次名称")
    due_on = serializers.DateField(help_text="截止日期")
    department = serializers.CharField(help_text="联审部门")
    verdict = serializers.ChoiceField(
        choices=Verdict.choices, allow_null=True, help_text="结论；尚未登记为 null"
    )
    item = ReviewItemSerializer(allow_null=True, help_text="发现的负面清单情形")
    event_date = serializers.DateField(allow_null=True, help_text="情形结束日期")
    note = serializers.CharField(allow_blank=True, help_text="说明")
    has_attachment = serializers.BooleanField(help_text="是否有附件（网页下载）")
    recorded_on = serializers.DateField(allow_null=True, help_text="审查日期")


class CandidateReviewSerializer(serializers.Serializer[object]):
    application = serializers.IntegerField(help_text="报名编号")
    person = PersonRefSerializer()
    post = serializers.CharField(help_text="职位代码")
    post_name = serializers.CharField(help_text="职位")
    status = serializers.ChoiceField(choices=VETTING_STATUSES, help_text="联审状态（QUAL-3）")
    uncleared = serializers.ListField(
        child=serializers.CharField(), help_text="尚未通过的部门（含认定不能、不宜的）"
    )
    slots = ReviewSlotSerializer(many=True, help_text="每轮每个部门的结论")


class RecusalConflictSerializer(serializers.Serializer[object]):
    rule_id = serializers.CharField(help_text="依据，如 KIN-6、VC-EC-4")
    what = serializers.CharField(help_text="规则适用的范围")
    chain = serializers.CharField(help_text="亲属关系链，如“甲是乙的外孙（…）”")
    a = PersonRefSerializer()
    a_roles = serializers.CharField(help_text="甲方的身份")
    b = PersonRefSerializer()
    b_roles = serializers.CharField(help_text="乙方的身份")
    blocking = serializers.BooleanField(help_text="须回避（true）或仅提示（false）")
    consequence = serializers.CharField(help_text="处理办法")


class VillageVettingSerializer(serializers.Serializer[object]):
    village = serializers.IntegerField(help_text="村编号")
    candidates = CandidateReviewSerializer(many=True)
    yjt_holder = serializers.CharField(allow_blank=True, help_text="“一肩挑”人选；没有为空")
    conflicts = RecusalConflictSerializer(many=True, help_text="任职回避的亲属关系")
    not_checked = serializers.ListField(child=serializers.CharField(), help_text="未能核查的规则")


class QueueEntrySerializer(serializers.Serializer[object]):
    round = serializers.IntegerField(help_text="联审轮次编号")
    application = serializers.IntegerField(help_text="报名编号")
    person = PersonRefSerializer()
    village = serializers.CharField(help_text="村")
    post_name = serializers.CharField(help_text="职位")
    due_on = serializers.DateField(help_text="截止日期")
    overdue = serializers.BooleanField(help_text="已逾期未审")
    verdict = serializers.ChoiceField(
        choices=Verdict.choices, allow_null=True, help_text="本部门结论；未审为 null"
    )


class ReviewQueueSerializer(serializers.Serializer[object]):
    department = serializers.CharField(help_text="本部门")
    todo = QueueEntrySerializer(many=True, help_text="待审查，按截止日期")
    done = QueueEntrySerializer(many=True, help_text="已审查")


class ReviewResultWriteSerializer(serializers.Serializer[object]):
    on = serializers.DateField(help_text="审查日期")
    item = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="发现的负面清单情形代码；不给出或为 null 表示审查通过",
    )
    event_date = serializers.DateField(
        required=False, allow_null=True, help_text="情形结束日期（刑满、处理完毕）；未结束不填"
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    attachment = serializers.FileField(
        required=False, help_text="附件（PDF、JPG或PNG，10MB以内；multipart 提交时）"
    )
