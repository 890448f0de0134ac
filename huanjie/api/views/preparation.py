"""A village's preparation before the election: read it (every role that opens the village),
rate its risk and clear a flagged village (the township officer, the county's election office),
record a readiness item (the same two).

The web's gates and services (huanjie.campaigns.prep_*): 404 outside the caller's villages,
403 saying who may, one audited service. A refusal changes nothing: 400 `invalid_input` for
an entry to correct, 409 with the refusal's code when the state does not allow it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.preparation import (
    PreparationSerializer,
    ReadinessRecordSerializer,
    ReasonSerializer,
    RiskClearSerializer,
    RiskRateSerializer,
    preparation_data,
)
from huanjie.api.views.base import ApiView, refusal, validated
from huanjie.campaigns import prep_messages as msg
from huanjie.campaigns.models import VillagePlan
from huanjie.campaigns.prep_models import RiskReason
from huanjie.campaigns.prep_selectors import current_plan, readiness_by_plan, risk_view
from huanjie.campaigns.prep_services import (
    may_rate_risk,
    may_record_readiness,
    readiness_record,
    risk_clear,
    risk_rate,
)
from huanjie.regions.models import Region

TAG = "选情与准备"
RATERS = "本乡镇组织委员或本县换届办可用；其他角色得到 403，不在管辖范围内得到 404。"
REFUSALS = "有误时返回 400 invalid_input；现状不允许时返回 409 及其代码，未作任何修改。"
STATE_CODES = frozenset({"flagged", "not_flagged", "same", "closed"})
NO_PLAN = "no_plan"


def _plan(village: Region) -> VillagePlan:
    plan = current_plan(village)
    if plan is None:
        raise ApiError(409, NO_PLAN, msg.PLAN_MISSING)
    return plan


def _answer(plan: VillagePlan) -> Response:
    plan = VillagePlan.objects.select_related("campaign", "village").get(pk=plan.pk)
    data = preparation_data(risk_view(plan), readiness_by_plan([plan])[plan.pk])
    return Response(PreparationSerializer(data).data)


def _village(request: Request, village_id: int, allowed: Any, refusal: str) -> Region:
    village = access_village(request.user, village_id)
    if not allowed(request.user, village):
        raise PermissionDenied(refusal)
    return village


class Preparation(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="本村的选情研判（等级、难点原因、类别、包村干部、研判记录）和换届前准备情况",
        description=(
            "本村当前换届计划的选情研判及全部研判记录；承诺述职评议、财务审计、离任审计、"
            "业务培训的登记和结果，是否准备就绪及还缺什么（审计须在村委会选举日之前公开，"
            "SUP-3）。本村还没有换届计划时得到 409 no_plan。"
        ),
        responses={200: PreparationSerializer, **errors(404, 409)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        return _answer(_plan(village))


class RiskRate(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="研判本村选情",
        description=(
            "红、橙须至少一项难点原因；已挂牌（红、橙）的村不能直接改为绿（409 flagged，"
            "请用销号）；没有任何变化时 409 same。每次研判记入研判记录。" + REFUSALS + RATERS
        ),
        request=RiskRateSerializer,
        responses={200: PreparationSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = _village(request, village_id, may_rate_risk, msg.NOT_A_RATER)
        data = validated(RiskRateSerializer, request)
        plan = _plan(village)
        known = {r.name: r for r in RiskReason.objects.filter(name__in=data["reasons"])}
        unknown = [n for n in data["reasons"] if n not in known]
        if unknown:
            text = (
                f"难点原因“{'、'.join(unknown)}”不在列表中，请用 /api/v1/risk-reasons/ 中的名称。"
            )
            raise ApiError(400, "invalid_input", text, {"reasons": [text]})
        cadre = None
        if data["cadre"] is not None:
            cadre = get_user_model().objects.filter(pk=data["cadre"]).first()
            if cadre is None:
                text = "找不到该包村干部，请用包该村的干部的用户编号。"
                raise ApiError(400, "invalid_input", text, {"cadre": [text]})
        try:
            risk_rate(
                plan=plan,
                level=data["level"],
                reasons=list(known.values()),
                category=data["category"],
                report=data.get("report"),
                cadre=cadre,
                note=data["note"],
                acting_user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _answer(plan)


class RiskClear(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="挂牌村销号（改为绿）",
        description="须写明销号理由；没有挂牌的村得到 409 not_flagged。" + REFUSALS + RATERS,
        request=RiskClearSerializer,
        responses={200: PreparationSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = _village(request, village_id, may_rate_risk, msg.NOT_A_RATER)
        data = validated(RiskClearSerializer, request)
        plan = _plan(village)
        try:
            risk_clear(plan=plan, note=data["note"], acting_user=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _answer(plan)


class ReadinessRecord(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="登记一项换届前准备事项及其结果",
        description=(
            "同一事项再次登记即修改原记录。日期不晚于今天；审计的公开日期不早于完成日期，"
            "且在村委会选举日之前（SUP-3）；培训须有参训人数；发现问题须写明结果说明。"
            + REFUSALS
            + RATERS
        ),
        request=ReadinessRecordSerializer,
        responses={200: PreparationSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = _village(request, village_id, may_record_readiness, msg.NOT_A_PLANNER)
        data = validated(ReadinessRecordSerializer, request)
        plan = _plan(village)
        try:
            readiness_record(
                plan=plan,
                kind=data["kind"],
                done_on=data["done_on"],
                outcome=data["outcome"],
                published_on=data["published_on"],
                result=data["result"],
                by=data["by"],
                participants=data["participants"],
                today=timezone.localdate(),
                acting_user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _answer(plan)


class Reasons(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="难点村原因的列表（研判选情时选用）",
        responses={200: ReasonSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(ReasonSerializer(RiskReason.objects.all(), many=True).data)
