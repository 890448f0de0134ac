"""Voting day through the API (issue 10): a round's boxes and sheets, one clerk's entry of a
sheet (the same service as the page: refusals at entry with the rule, nothing written), the
round's result with its contest JSON, the township's certification and audited reopening.
Read through `access_village` (404 outside the reader's scope), as the web pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.ballots import (
    TallyEntryInputSerializer,
    TallyEntryResultSerializer,
    TallyReopeningSerializer,
    TallyReopenInputSerializer,
    TallyResultSerializer,
    TallyRoundSerializer,
)
from huanjie.api.views.base import ApiView, refusal, validated
from huanjie.ballots.access import clerk
from huanjie.ballots.certification import result_certify, result_reopen
from huanjie.ballots.contest import Numbers, seats_of
from huanjie.ballots.models import Box, Reopening, RoundLink, RoundResult
from huanjie.ballots.selectors import round_view
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.voters import registered_voters
from huanjie.elections.models import Election, OfficeHolder

if TYPE_CHECKING:
    from rest_framework.request import Request

    from huanjie.regions.models import Region

TAG = "投票日：计票单、选举结果和确认"
REFUSALS = "有误时返回 400 invalid_input（数字不可能成立时带规则编号）；现状不允许时返回 409 及其代码，未作任何修改。"
# A refusal about the round's state (409); any other is about the numbers sent (400).
STATE_CODES = frozenset(
    {
        "certified",
        "counted",
        "accepted",
        "full",
        "busy",
        "scope",
        "register",
        "not_counted",
        "recount",
        "later_round",
        "approved",
    }
)
NOT_FOUND = "找不到这场选举，或它不在您管辖的村（社区）。"
BOX_NOT_FOUND = "找不到这个票箱，或它不是本村的票箱。"
DUPLICATE = "“{name}”在同一职位中出现了两次，请合并为一项。"


def _election(request: Request, election_id: int) -> tuple[Election, Region]:
    election = (
        Election.objects.select_related("plan__village", "plan__campaign")
        .filter(pk=election_id)
        .first()
    )
    if election is None:
        raise ApiError(404, "not_found", NOT_FOUND)
    return election, access_village(request.user, election.plan.village_id)


def _mismatches(rows: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [{"field": what, "first": a, "second": b} for what, a, b in rows]


def result_data(result: RoundResult) -> dict[str, Any]:
    election = result.election
    link = RoundLink.objects.filter(previous=election).select_related("election").first()
    holders = OfficeHolder.objects.filter(election=election).select_related("person")
    recorded = {h.person.name for h in holders}
    return {
        "election": election.pk,
        "contest": result.contest,
        "outcome": result.outcome,
        "counted_at": result.counted_at,
        "certified": result.certified,
        "certified_at": result.certified_at,
        "certified_by": result.certified_by.get_full_name() if result.certified_by else None,
        "next_round": None
        if link is None
        else {
            "election": link.election_id,
            "round": link.election.round,
            "kind": link.kind,
            "kind_name": link.get_kind_display(),
            "candidates": link.candidates,
            "deadline": link.deadline,
        },
        "holders": [
            {
                "person": h.person_id,
                "name": h.person.name,
                "post": h.post,
                "term_start": h.term_start,
                "term_end": h.term_end,
            }
            for h in holders.order_by("id")
        ],
        "not_recorded": [
            e["person"] for e in result.outcome["elected"] if e["person"] not in recorded
        ],
    }


def _round_data(election: Election, village: Region) -> dict[str, Any]:
    view = round_view(election)
    return {
        "election": election.pk,
        "village": village.pk,
        "round": election.round,
        "round_number": election.round_number,
        "registered": registered_voters(election),
        "seats": seats_of(election),
        "boxes": [
            {
                "id": row.box.pk,
                "name": row.box.name,
                "kind": row.box.kind,
                "kind_name": row.box.get_kind_display(),
                "state": row.state,
                "clerks": [e.clerk.get_full_name() or e.clerk.username for e in row.entries],
                "mismatches": _mismatches(row.mismatches),
            }
            for row in view.rows
        ],
        "result": None if view.result is None else result_data(view.result.result),
    }


class TallyRound(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一轮选举的票箱、计票单录入状态和结果",
        responses={200: TallyRoundSerializer, **errors(404)},
    )
    def get(self, request: Request, election_id: int) -> Response:
        election, village = _election(request, election_id)
        return Response(TallyRoundSerializer(_round_data(election, village)).data)


class TallyEntry(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="录入（或更正）我对一个票箱计票单的录入",
        description=(
            "每个票箱由两名村选委会成员各录入一次，一致才采用；各票箱都采用后即计出结果，并由系统"
            "建立下一轮（等票重选、另行选举、重新选举）。400：数字不可能成立（如收回选票多于发出，"
            "VC-TALLY-2）。409：counted（已计出结果）、certified（已确认锁定）、accepted（本票箱"
            "已采用）、full（已有两人录入）、scope（本轮不在此录入）、register（没有选民名单）。"
            + REFUSALS
        ),
        request=TallyEntryInputSerializer,
        responses={201: TallyEntryResultSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int, box_id: int) -> Response:
        election, village = _election(request, election_id)
        user = clerk(request.user, village)
        box = Box.objects.filter(pk=box_id, village=village).first()
        if box is None:
            raise ApiError(404, "not_found", BOX_NOT_FOUND)
        data = validated(TallyEntryInputSerializer, request)
        votes: dict[str, dict[str, int]] = {}
        for row in data["votes"]:
            name = row["name"].strip()
            if name in votes.setdefault(row["post"], {}):
                raise ApiError(400, "invalid_input", DUPLICATE.format(name=name))
            votes[row["post"]][name] = row["votes"]
        numbers = Numbers(
            data["ballots_issued"],
            data["ballots_collected"],
            data["invalid_ballots"],
            data["blank_ballots"],
            votes,
            data.get("present"),
        )
        try:
            done = sheet_entry_record(election=election, box=box, numbers=numbers, acting_user=user)
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        answer = {
            "box": box.pk,
            "entries": done.sheet.entries.count(),
            "accepted": done.accepted,
            "mismatches": _mismatches(done.mismatches),
            "counted": done.result is not None,
        }
        return Response(TallyEntryResultSerializer(answer).data, status=201)


class TallyResult(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一轮选举的结果：计票数据（可用 huanjie tally 重新计票）、计票结果、确认状态、下一轮",
        responses={200: TallyResultSerializer, **errors(404)},
    )
    def get(self, request: Request, election_id: int) -> Response:
        election, _ = _election(request, election_id)
        result = RoundResult.objects.filter(election=election).first()
        if result is None:
            raise ApiError(404, "not_found", "这场选举还没有计出结果。")
        return Response(TallyResultSerializer(result_data(result)).data)


class TallyCertify(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="乡镇确认选举结果（确认后计票单和结果锁定）",
        description=(
            "确认前按保存的计票数据重新计票核对。409：not_counted（未计出结果）、certified（已确认）、"
            "recount（重新计票结果不一致）。" + REFUSALS
        ),
        request=None,
        responses={200: TallyResultSerializer, **errors(403, 404, 409)},
    )
    def post(self, request: Request, election_id: int) -> Response:
        election, _ = _election(request, election_id)
        try:
            result = result_certify(election=election, acting_user=request.user)
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return Response(TallyResultSerializer(result_data(result)).data)


class TallyReopen(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="重新开启选举结果（须写明理由），更正所列票箱的计票单",
        description=(
            "原结果留存在重新开启记录中；本轮产生的任职登记和尚未开始的下一轮一并撤回。409："
            "not_counted（未计出结果）、later_round（下一轮已开始）。" + REFUSALS
        ),
        request=TallyReopenInputSerializer,
        responses={201: TallyReopeningSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int) -> Response:
        election, _ = _election(request, election_id)
        data = validated(TallyReopenInputSerializer, request)
        try:
            reopening = result_reopen(
                election=election,
                reason=data["reason"],
                box_names=data["boxes"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return Response(TallyReopeningSerializer(_reopening(reopening)).data, status=201)


def _reopening(reopening: Reopening) -> dict[str, Any]:
    return {
        "id": reopening.pk,
        "election": reopening.election_id,
        "reason": reopening.reason,
        "reopened_by": reopening.reopened_by.get_full_name() or reopening.reopened_by.username,
        "reopened_at": reopening.reopened_at,
        "was_certified": reopening.was_certified,
        "boxes": reopening.boxes,
        "outcome": reopening.outcome,
    }
