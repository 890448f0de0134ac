"""A village's plan tasks as the API gives them, and the body that records one as done."""

from __future__ import annotations

from rest_framework import serializers

from huanjie.api.serializers.committees import Day
from huanjie.api.serializers.editing import Text


class BasisSerializer(serializers.Serializer):  # type: ignore[type-arg]
    rule_id = serializers.CharField()
    words = serializers.CharField(help_text="条文原意（rules.md）")


class PlanTaskSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    key = serializers.CharField(help_text="步骤代码")
    body = serializers.CharField(help_text="选举机构")
    stage = serializers.CharField(help_text="选举机构的中文名")
    position = serializers.IntegerField()
    title = serializers.CharField()
    due = serializers.DateField(allow_null=True, help_text="日期；选举日未定时为 null")
    date_kind = serializers.CharField(help_text="legal 法定最晚日，planned 计划日期")
    legal_due = serializers.DateField(allow_null=True, help_text="法定最晚日（如有）")
    date_warning = serializers.CharField(help_text="节假日安排未录入时的提示")
    basis = BasisSerializer(many=True)
    how_to = serializers.CharField()
    owner_role = serializers.CharField()
    owner = serializers.CharField(help_text="负责角色的中文名")
    ritual = serializers.BooleanField(help_text="固定仪式")
    status = serializers.CharField(
        help_text="pending 待办，done 已完成，overdue 逾期（按今天计算）"
    )
    status_label = serializers.CharField()
    done_on = serializers.DateField(allow_null=True)
    evidence = serializers.CharField()
    may_complete = serializers.BooleanField(help_text="当前用户能否登记完成")


class PlanFindingSerializer(serializers.Serializer):  # type: ignore[type-arg]
    rule_id = serializers.CharField()
    severity = serializers.CharField()
    message = serializers.CharField()


class PlanTasksSerializer(serializers.Serializer):  # type: ignore[type-arg]
    village = serializers.IntegerField()
    campaign = serializers.IntegerField(allow_null=True)
    campaign_name = serializers.CharField(allow_null=True)
    today = serializers.DateField()
    tasks = PlanTaskSerializer(many=True)
    readiness = PlanFindingSerializer(many=True, help_text="村民委员会选举的法定核对（阻断项在前）")


class TaskDoneWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    done_on = Day(help_text="完成日期，不能晚于今天")
    evidence = Text(max_length=2000, help_text="完成情况或凭证（500字以内）")
