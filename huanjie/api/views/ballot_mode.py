"""Voting day's other writes through the API: a box counted ballot by ballot (a CSV/Excel
upload or the table's rows as JSON), the day of a round the system created, and the pick of a
winner whose name several voters bear. The same services as the round page
(huanjie.ballots.ballot_mode, entry_day, homonyms): refused whole, nothing written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.ballot_mode import (
    TallyBallotsFileSerializer,
    TallyBallotsJsonSerializer,
    TallyBallotsResultSerializer,
    TallyRoundDayInputSerializer,
    TallyRoundDaySerializer,
    TallyWinnerPickInputSerializer,
    TallyWinnerPickSerializer,
)
from huanjie.api.views.ballots import BOX_NOT_FOUND, REFUSALS, STATE_CODES, TAG, _election
from huanjie.api.views.base import ApiView, refusal, validated
from huanjie.ballots.access import clerk
from huanjie.ballots.ballot_mode import box_ballots_import, parse_ballots, read_table
from huanjie.ballots.ballot_views import MAX_UPLOAD
from huanjie.ballots.contest import seats_of
from huanjie.ballots.entry_day import RULE as DAY_RULE
from huanjie.ballots.entry_day import round_day_set
from huanjie.ballots.homonyms import elected_homonym_pick, homonyms
from huanjie.ballots.models import Box

if TYPE_CHECKING:
    from rest_framework.request import Request

# Refusals about the round's state (409): not its day yet (VC-VOTE-6), not a round whose day is
# set here, already counted, the winner already recorded or no result yet.
CODES = STATE_CODES | {DAY_RULE, "round", "recorded", "result"}
TOO_BIG = "文件超过 5 MB，请检查是否选错了文件。"


class TallyBallots(ApiView):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        tags=[TAG],
        summary="逐张导入一个票箱的选票（CSV/Excel 文件或表格行），计入本票箱的计票单",
        description=(
            "系统逐张判定每张选票（有效、空白、多选、重复等），本票箱的合计作为已采用的计票单；"
            "各票箱都计入后即计出结果。表格有误时返回 400，说明第几行第几列，未写入任何选票。"
            "409：VC-VOTE-6（未到本轮选举日或选举日未定）、counted、certified、scope、register。"
            + REFUSALS
        ),
        request={
            "application/json": TallyBallotsJsonSerializer,
            "multipart/form-data": TallyBallotsFileSerializer,
        },
        responses={201: TallyBallotsResultSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int, box_id: int) -> Response:
        election, village = _election(request, election_id)
        user = clerk(request.user, village)
        box = Box.objects.filter(pk=box_id, village=village).first()
        if box is None:
            raise ApiError(404, "not_found", BOX_NOT_FOUND)
        try:
            if request.content_type.startswith("multipart/"):
                data = validated(TallyBallotsFileSerializer, request)
                upload = data["table"]
                if upload.size > MAX_UPLOAD:
                    raise ApiError(400, "invalid_input", TOO_BIG)
                rows = read_table(upload.name, upload.read())
            else:
                data = validated(TallyBallotsJsonSerializer, request)
                rows = [[cell.strip() for cell in row] for row in data["rows"]]
            ballots = parse_ballots(rows, seats_of(election))
            done = box_ballots_import(
                election=election,
                box=box,
                ballots_issued=data["ballots_issued"],
                ballots_collected=data["ballots_collected"],
                ballots=ballots,
                acting_user=user,
            )
        except ValidationError as exc:
            raise refusal(exc, CODES) from exc
        n = done.numbers
        answer = {
            "box": box.pk,
            "ballots_issued": n.ballots_issued,
            "ballots_collected": n.ballots_collected,
            "invalid_ballots": n.invalid_ballots,
            "blank_ballots": n.blank_ballots,
            "invalid_by_rule": done.invalid_by_rule,
            "votes": n.votes,
            "counted": done.result is not None,
        }
        return Response(TallyBallotsResultSerializer(answer).data, status=201)


class TallyRoundDay(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="确定系统建立的下一轮（等票重选、另行选举、重新选举）的选举日",
        description=(
            "不早于上一轮的选举日，不晚于系统定的期限（VC-TALLY-7，400）。409：round（不是系统"
            "建立的一轮，选举日在选举安排中确定）、counted（本轮已计出结果）。" + REFUSALS
        ),
        request=TallyRoundDayInputSerializer,
        responses={200: TallyRoundDaySerializer, **errors(400, 403, 404, 409)},
    )
    def put(self, request: Request, election_id: int) -> Response:
        election, village = _election(request, election_id)
        user = clerk(request.user, village)
        data = validated(TallyRoundDayInputSerializer, request)
        try:
            election = round_day_set(election=election, day=data["election_day"], acting_user=user)
        except ValidationError as exc:
            raise refusal(exc, CODES) from exc
        answer = {
            "election": election.pk,
            "election_day": election.election_day,
            "status": election.status,
        }
        return Response(TallyRoundDaySerializer(answer).data)


class TallyWinnerPick(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="认定同名当选人：从选民名单上同名的选民中选定一人，登记任职",
        description=(
            "计票只按姓名，选民名单上有多人同名的当选人不自动登记，由村选委会按村民小组和出生"
            "日期选定。400：name（不是本轮当选人）、voter（所选的人不是该同名选民）。409：result"
            "（未计出结果）、recorded（已登记）。" + REFUSALS
        ),
        request=TallyWinnerPickInputSerializer,
        responses={201: TallyWinnerPickSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int) -> Response:
        election, village = _election(request, election_id)
        user = clerk(request.user, village)
        data = validated(TallyWinnerPickInputSerializer, request)
        try:
            holder = elected_homonym_pick(
                election=election,
                name=data["name"].strip(),
                voter_id=data["voter"],
                acting_user=user,
            )
        except ValidationError as exc:
            raise refusal(exc, CODES) from exc
        answer: dict[str, Any] = {
            "holder": {
                "person": holder.person_id,
                "name": holder.person.name,
                "post": holder.post,
                "term_start": holder.term_start,
                "term_end": holder.term_end,
            },
            "homonyms": [
                {
                    "name": h.name,
                    "post": h.post,
                    "post_name": h.post_label,
                    "options": [{"voter": o.voter_id, "description": o.label} for o in h.options],
                }
                for h in homonyms(election)
            ],
        }
        return Response(TallyWinnerPickSerializer(answer).data, status=201)
