"""A village's audit trail, the holiday table and the tally engine."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.accounts.policy import FULL_ID_NUMBERS_IN_SCOPE, role_of
from huanjie.api import messages as msg
from huanjie.api import params
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.reference import (
    AuditRowSerializer,
    HolidayYearSerializer,
    OutcomeSerializer,
)
from huanjie.api.views.base import ApiView, ListView
from huanjie.audit.selectors import village_audit
from huanjie.calendar.selectors import holiday_year
from huanjie.documents.audit_rows import audit_rows
from huanjie.rules.tally import ContestError
from huanjie.rules.tally.text import recount

BODY = "request_body"  # the field a body that is not one JSON object is reported under


@extend_schema(
    tags=["操作记录"],
    summary="一个村（社区）的操作记录，新的在前",
    description="与网页“操作记录”相同：身份证号和电话按您的权限显示或隐去。",
    responses={200: AuditRowSerializer(many=True), **errors(400, 404)},
)
class AuditLog(ListView):
    serializer_class = AuditRowSerializer

    def get_queryset(self) -> Any:
        village = access_village(self.request.user, self.kwargs["village_id"])
        self.audit_region = village
        return village_audit(village)

    def paginate_queryset(self, queryset: Any) -> Any:
        entries = super().paginate_queryset(queryset)
        # As the page: the trail mixes members and non-members, so a village party
        # organization (which sees only its members' numbers) reads it masked.
        full_ids = role_of(self.request.user) in FULL_ID_NUMBERS_IN_SCOPE
        return audit_rows(entries or [], full_ids=full_ids)


@extend_schema(
    tags=["节假日"],
    summary="一年的节假日安排（放假和调休上班）",
    description="期限按此表顺延；该年未完整录入时只按周末顺延。",
    parameters=[params.YEAR],
    responses={200: HolidayYearSerializer, **errors(400)},
)
class Holidays(ApiView):
    def get(self, request: Request) -> Response:
        year = params.year(request, timezone.localdate().year)
        entry, days = holiday_year(year)
        data = {
            "year": year,
            "entered": entry is not None,
            "complete": entry is not None and entry.complete,
            "source": entry.source if entry is not None else "",
            "days": days,
        }
        return Response(HolidayYearSerializer(data).data)


class RawBodyParser(BaseParser):
    """Leaves the body as it came: the contest is decoded by the tally contract itself."""

    media_type = "*/*"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return stream.read() if stream is not None else b""


H4 = {
    "profile": "ZJ_2020",
    "body": "villagers_committee",
    "round": "first",
    "registered": 900,
    "participants": 800,
    "ballots_collected": 800,
    "invalid_ballots": 0,
    "seats": {"member": 2},
    "votes": {"member": {"A": 500, "B": 430, "C": 430, "D": 200}},
}


@extend_schema(
    tags=["计票"],
    summary="计票：一场投票的计票数据进，结果出",
    description=(
        "与命令 `huanjie tally` 相同（计票合同 tally-io.md）：结果与命令输出的 JSON 一致；"
        "无法计算的数据返回 400，code 为 contest_invalid，message 即命令的那一行"
        "“字段 …: … (规则)”，details 给出 field 和 rule。不读写数据库。"
    ),
    request={"application/json": OpenApiTypes.OBJECT},
    examples=[OpenApiExample("rules.md H-4：最后一个席位得票相等", value=H4, request_only=True)],
    responses={200: OutcomeSerializer, **errors(400)},
)
class Tally(ApiView):
    parser_classes = [RawBodyParser]

    def post(self, request: Request) -> Response:
        raw = request.data if isinstance(request.data, bytes) else b""
        try:
            _, outcome = recount(raw, BODY)
        except ContestError as error:
            raise ApiError(
                400,
                "contest_invalid",
                msg.CONTEST_INVALID.format(line=error.line),
                {"field": error.field, "rule": error.rule, "line": error.line},
            ) from error
        # The command's own serialisation (Outcome.to_dict), so the two can never differ.
        return Response(outcome.to_dict())
