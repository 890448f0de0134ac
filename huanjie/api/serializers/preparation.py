"""A village's preparation before the election as the API gives it (risk rating with its
history, readiness items with what is missing), and the bodies of its writes."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from huanjie.api.serializers.editing import Choice, Id, Text
from huanjie.api.serializers.party import DateOnly
from huanjie.campaigns.models import RiskLevel
from huanjie.campaigns.prep_models import (
    ReadinessKind,
    ReadinessOutcome,
    RiskCategory,
    RiskChangeKind,
)
from huanjie.people.display import display_name


class ReasonSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="难点村原因")
    active = serializers.BooleanField(help_text="现行可选")


class RiskChangeSerializer(serializers.Serializer[Any]):
    at = serializers.DateTimeField(help_text="时间")
    kind = serializers.ChoiceField(choices=RiskChangeKind.choices, help_text="研判或销号")
    level_from = serializers.ChoiceField(choices=RiskLevel.choices, help_text="原等级")
    level_to = serializers.ChoiceField(choices=RiskLevel.choices, help_text="新等级")
    category_from = serializers.CharField(help_text="原类别（空：未分类）")
    category_to = serializers.CharField(help_text="新类别（空：未分类）")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="难点原因")
    note = serializers.CharField(help_text="说明或销号理由")
    actor = serializers.CharField(allow_null=True, help_text="操作人（null：系统）")


class RiskSerializer(serializers.Serializer[Any]):
    level = serializers.ChoiceField(choices=RiskLevel.choices, help_text="红、橙、绿")
    flagged = serializers.BooleanField(help_text="挂牌中（红或橙），须销号才能改为绿")
    flagged_at = serializers.DateTimeField(allow_null=True, help_text="挂牌时间")
    category = serializers.CharField(help_text="一类、二类、三类的代码（空：未分类）")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="难点原因")
    cadre = serializers.CharField(allow_null=True, help_text="包村干部")
    report = serializers.CharField(help_text="选情分析报告")


class ItemSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=ReadinessKind.choices, help_text="事项")
    recorded = serializers.BooleanField(help_text="已登记")
    done_on = serializers.DateField(allow_null=True, help_text="完成日期")
    published_on = serializers.DateField(allow_null=True, help_text="公开日期（审计）")
    outcome = serializers.CharField(allow_null=True, help_text="结果代码")
    result = serializers.CharField(help_text="结果说明")
    by = serializers.CharField(help_text="承办")
    participants = serializers.IntegerField(allow_null=True, help_text="参加人数")


class GapSerializer(serializers.Serializer[Any]):
    rule_id = serializers.CharField()
    blocking = serializers.BooleanField(help_text="true：未就绪的原因；false：提醒")
    message = serializers.CharField()


class ReadinessSerializer(serializers.Serializer[Any]):
    election_day = serializers.DateField(allow_null=True, help_text="村委会选举日")
    ready = serializers.BooleanField(help_text="准备就绪")
    items = ItemSerializer(many=True)
    gaps = GapSerializer(many=True)


class PreparationSerializer(serializers.Serializer[Any]):
    plan_id = serializers.IntegerField()
    campaign = serializers.CharField(help_text="换届")
    risk = RiskSerializer()
    history = RiskChangeSerializer(many=True, help_text="研判记录，新的在前")
    readiness = ReadinessSerializer()


def preparation_data(view: Any, readiness: Any) -> dict[str, Any]:
    """The answer from `prep_selectors.risk_view` and one `readiness_by_plan` entry."""
    plan, risk = view.plan, view.assessment
    cadre = risk.cadre if risk is not None else None
    return {
        "plan_id": plan.pk,
        "campaign": plan.campaign.name,
        "risk": {
            "level": plan.risk_level,
            "flagged": view.flagged,
            "flagged_at": risk.flagged_at if risk else None,
            "category": risk.category if risk else "",
            "reasons": [r.name for r in view.reasons],
            "cadre": display_name(cadre) if cadre is not None else None,
            "report": risk.report if risk else "",
        },
        "history": [
            {
                "at": c.at,
                "kind": c.kind,
                "level_from": c.level_from,
                "level_to": c.level_to,
                "category_from": c.category_from,
                "category_to": c.category_to,
                "reasons": c.reasons,
                "note": c.note,
                "actor": display_name(c.actor) if c.actor is not None else None,
            }
            for c in view.history
        ],
        "readiness": {
            "election_day": readiness.election_day,
            "ready": readiness.ready,
            "items": [_item(kind, readiness.items.get(kind.value)) for kind in ReadinessKind],
            "gaps": [
                {"rule_id": g.rule_id, "blocking": g.blocking, "message": g.message}
                for g in readiness.gaps
            ],
        },
    }


def _item(kind: ReadinessKind, item: Any) -> dict[str, Any]:
    if item is None:
        return {
            "kind": kind.value, "recorded": False, "done_on": None, "published_on": None,
            "outcome": None, "result": "", "by": "", "participants": None,
        }  # fmt: skip
    return {
        "kind": kind.value,
        "recorded": True,
        "done_on": item.done_on,
        "published_on": item.published_on,
        "outcome": item.outcome,
        "result": item.result,
        "by": item.by,
        "participants": item.participants,
    }


class RiskRateSerializer(serializers.Serializer[Any]):
    level = Choice(choices=RiskLevel.choices, help_text="red、orange 或 green")
    reasons = serializers.ListField(
        child=Text(max_length=32),
        required=False,
        default=list,
        max_length=20,
        help_text="难点原因的名称（见 /api/v1/risk-reasons/）；红、橙须至少一项",
    )
    category = Choice(
        choices=[("", "未分类"), *RiskCategory.choices],
        required=False,
        default="",
        help_text="first、second、third（一类、二类、三类），空为未分类",
    )
    report = Text(required=False, max_length=20000, help_text="选情分析报告；不给出时保持原样")
    cadre = Id(required=False, allow_null=True, default=None, help_text="包村干部的用户编号")
    note = Text(required=False, default="", max_length=2000, help_text="本次研判说明")


class RiskClearSerializer(serializers.Serializer[Any]):
    note = Text(max_length=2000, help_text="销号理由（必填）")


class ReadinessRecordSerializer(serializers.Serializer[Any]):
    kind = Choice(choices=ReadinessKind.choices, help_text="事项")
    done_on = DateOnly(help_text="完成日期")
    outcome = Choice(choices=ReadinessOutcome.choices, help_text="结果")
    published_on = DateOnly(
        required=False, allow_null=True, default=None, help_text="审计结果的公开日期"
    )
    result = Text(required=False, default="", max_length=2000, help_text="结果说明")
    by = Text(required=False, default="", max_length=64, help_text="承办")
    participants = Id(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=100000,
        help_text="参加（参训）人数",
    )
