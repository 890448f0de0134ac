"""/api/v1/handovers/: the handovers of the caller's villages (overdue first), one handover, and
its changes — the same gates and services as the pages: 404 outside the caller's scope, 403
saying who may, 409 for a change the handover's state refuses, 400 for an entry to correct."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.views.base import ApiView, refusal, validated
from huanjie.handover.access import presiding, supervising
from huanjie.handover.models import Handover, ItemKind, Side
from huanjie.handover.selectors import HandoverView, handover_view, township_rows
from huanjie.handover.services import confirm, item_record, supervise

TAG = "工作移交"
NOT_FOUND = "找不到这次工作移交，或它不在您管辖的村（社区）。"
OVERDUE_WORDS = {"true": True, "1": True, "false": False, "0": False}
STATE_CODES = frozenset({"done", "items", "side", "order", "supervised"})


class HandoverItemOutSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    handed_on = serializers.DateField(allow_null=True, help_text="未移交时为 null")
    note = serializers.CharField()
    late = serializers.BooleanField(help_text="晚于期限移交，或未移交且已过期限")


class HandoverOutSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    village = serializers.IntegerField()
    village_name = serializers.CharField()
    election = serializers.IntegerField()
    formed_on = serializers.DateField(help_text="新一届村民委员会产生日期")
    due_on = serializers.DateField(help_text="移交期限（VC-POST-1）")
    seal_due_on = serializers.DateField(help_text="公章移交期限")
    days_left = serializers.IntegerField(help_text="距期限天数，逾期为负数")
    overdue = serializers.BooleanField()
    state = serializers.CharField()
    items = HandoverItemOutSerializer(many=True)
    outgoing_name = serializers.CharField()
    outgoing_confirmed_at = serializers.DateTimeField(allow_null=True)
    incoming_name = serializers.CharField()
    incoming_confirmed_at = serializers.DateTimeField(allow_null=True)
    completed_on = serializers.DateField(allow_null=True)
    supervised_at = serializers.DateTimeField(allow_null=True)


class HandoverItemInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    handed_on = serializers.DateField()
    note = serializers.CharField(max_length=2000)


class HandoverConfirmInSerializer(serializers.Serializer):  # type: ignore[type-arg]
    side = serializers.ChoiceField(choices=Side.choices)
    name = serializers.CharField(max_length=64)


def _out(view: HandoverView) -> dict[str, Any]:
    h = view.handover
    return {
        "id": h.pk,
        "village": h.village_id,
        "village_name": h.village.name,
        "election": h.election_id,
        "formed_on": h.formed_on,
        "due_on": h.due_on,
        "seal_due_on": h.seal_due_on,
        "days_left": view.days_left,
        "overdue": view.overdue,
        "state": view.state,
        "items": [
            {
                "kind": line.kind.value,
                "kind_label": str(line.kind.label),
                "handed_on": line.item.handed_on if line.item else None,
                "note": line.item.note if line.item else "",
                "late": line.late,
            }
            for line in view.lines
        ],
        "outgoing_name": h.outgoing_name,
        "outgoing_confirmed_at": h.outgoing_confirmed_at,
        "incoming_name": h.incoming_name,
        "incoming_confirmed_at": h.incoming_confirmed_at,
        "completed_on": h.completed_on,
        "supervised_at": h.supervised_at,
    }


def _overdue(request: Request) -> bool:
    """`?overdue=`: true or false (1 or 0); anything else is a 400 saying so."""
    values = request.query_params.getlist("overdue")
    if not values:
        return False
    if any(value not in OVERDUE_WORDS for value in values):
        message = "overdue 只能是 true 或 false（也可写 1 或 0）。"
        raise ApiError(400, "invalid_input", message, {"overdue": [message]})
    return OVERDUE_WORDS[values[-1]]


def _handover(request: Request, handover_id: int) -> Handover:
    handover = Handover.objects.select_related("village").filter(pk=handover_id).first()
    if handover is None:
        raise ApiError(404, "not_found", NOT_FOUND)
    try:
        access_village(request.user, handover.village_id)
    except Http404 as exc:
        raise ApiError(404, "not_found", NOT_FOUND) from exc
    return handover


def _answer(handover: Handover) -> Response:
    handover.refresh_from_db()
    return Response(HandoverOutSerializer(_out(handover_view(handover))).data)


class HandoverList(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="管辖范围内各村的村民委员会工作移交，未完成且逾期的在前",
        parameters=[OpenApiParameter("overdue", bool, description="为 true 时只列逾期的")],
        responses={200: HandoverOutSerializer(many=True), **errors(400)},
    )
    def get(self, request: Request) -> Response:
        only = _overdue(request)
        rows = township_rows(request.user, only_overdue=only)
        return Response(HandoverOutSerializer([_out(v) for v in rows], many=True).data)


class HandoverDetail(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一次工作移交：期限、清单、双方确认和乡镇监交",
        responses={200: HandoverOutSerializer, **errors(404)},
    )
    def get(self, request: Request, handover_id: int) -> Response:
        return _answer(_handover(request, handover_id))


class HandoverItemRecord(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="登记（或更正）一项移交",
        description=(
            "村选委会登记。移交日期早于新一届产生日或晚于今天、清单说明为空为 400；"
            "双方已确认完成后为 409 done。"
        ),
        request=HandoverItemInSerializer,
        responses={200: HandoverOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, handover_id: int) -> Response:
        handover = _handover(request, handover_id)
        presiding(request.user, handover.village)
        data = validated(HandoverItemInSerializer, request)
        try:
            item_record(handover=handover, acting_user=request.user, **data)  # type: ignore[arg-type]
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _answer(handover)


class HandoverConfirm(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="移交方或接收方确认（先移交方，后接收方；两方确认后移交完成）",
        description=(
            "清单有未登记的事项为 409 items，该方已确认为 409 side，接收方先于移交方为 409 order，"
            "已完成为 409 done。"
        ),
        request=HandoverConfirmInSerializer,
        responses={200: HandoverOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, handover_id: int) -> Response:
        handover = _handover(request, handover_id)
        presiding(request.user, handover.village)
        data = validated(HandoverConfirmInSerializer, request)
        try:
            confirm(handover=handover, acting_user=request.user, **data)  # type: ignore[arg-type]
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _answer(handover)


class HandoverSupervise(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="乡镇组织委员登记监交",
        description="双方尚未确认为 409 order，已登记为 409 supervised。",
        request=None,
        responses={200: HandoverOutSerializer, **errors(403, 404, 409)},
    )
    def post(self, request: Request, handover_id: int) -> Response:
        handover = _handover(request, handover_id)
        supervising(request.user, handover.village)
        try:
            supervise(handover=handover, acting_user=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _answer(handover)
