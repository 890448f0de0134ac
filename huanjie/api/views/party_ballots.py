"""A party election's higher-level approval (PB-WIN-4, 报上级党委审批) through the API: where
the election stands, and the township's record of the approval (the same service as the page
and `tally_party_approve`); and the members' meeting's decision to reduce the committee's seats
instead of the 另行选举 (PB-WIN-3; the service of the page and `tally_party_reduce_seats`).
Read through `access_village` (404 outside the reader's scope)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from huanjie.api.schema import errors
from huanjie.api.serializers.party_ballots import (
    PartyApprovalInputSerializer,
    PartyApprovalStateSerializer,
    PartyReduceSeatsInputSerializer,
    PartyShortfallSerializer,
)
from huanjie.api.views.ballots import REFUSALS, _election
from huanjie.api.views.base import ApiView, refusal, validated
from huanjie.ballots import party, party_seats

if TYPE_CHECKING:
    from rest_framework.request import Request

    from huanjie.elections.models import Election

TAG = "投票日：计票单、选举结果和确认"
STATE_CODES = frozenset({"approved", "PB-WIN-4", "PB-SEC-1"})
REDUCE_CODES = frozenset(
    {
        "approved",
        "PB-WIN-3",
        "certified",
        "reduced",
        "no_shortfall",
        "not_counted",
        "supplementary_started",
    }
)


def _state(election: Election, not_recorded: list[str] | None = None) -> dict[str, Any]:
    state = party.approval_state(election)
    if state is None:
        code, name, elected, approval = "in_progress", "尚无最终结果", [], None
    else:
        approval = state.approval
        code = "approved" if approval is not None else "elected_pending_approval"
        name, elected = state.label, state.elected
    return {
        "election": election.pk,
        "state": code,
        "state_name": name,
        "elected": elected,
        "approval": None
        if approval is None
        else {
            "approver": approval.approver,
            "approved_on": approval.approved_on,
            "document_number": approval.document_number,
            "recorded_by": approval.recorded_by.get_full_name() or approval.recorded_by.username,
            "recorded_at": approval.recorded_at,
        },
        "not_recorded": not_recorded or [],
    }


class PartyApproval(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="党组织换届选举结果的上级党委审批状态",
        responses={200: PartyApprovalStateSerializer, **errors(404)},
    )
    def get(self, request: Request, election_id: int) -> Response:
        election, _ = _election(request, election_id)
        return Response(PartyApprovalStateSerializer(_state(election)).data)

    @extend_schema(
        tags=[TAG],
        summary="录入上级党委的批复（批复后当选的书记、副书记和委员登记任职）",
        description=(
            "在一届一次全委会（或没有委员会的支部的党员大会）计出最终结果的一轮录入。409："
            "approved（已批复）、PB-WIN-4（尚无最终结果）、PB-SEC-1（党员大会一轮：批复应在"
            "全委会一轮录入）。" + REFUSALS
        ),
        request=PartyApprovalInputSerializer,
        responses={201: PartyApprovalStateSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int) -> Response:
        election, _ = _election(request, election_id)
        data = validated(PartyApprovalInputSerializer, request)
        try:
            _, unmatched = party.approval_record(
                election=election,
                approver=data["approver"],
                approved_on=data["approved_on"],
                document_number=data["document_number"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return Response(PartyApprovalStateSerializer(_state(election, unmatched)).data, status=201)


def _shortfall(election: Election) -> dict[str, Any]:
    state = party_seats.shortfall(election)
    reduction = state.reduction if state is not None else None
    return {
        "election": election.pk,
        "shortfall": state is not None,
        "seats": state.seats if state is not None else None,
        "elected": state.elected if state is not None else [],
        "supplementary_round": state.following.pk
        if state is not None and state.following is not None
        else None,
        "may_reduce": state is not None and state.allowed,
        "reason": state.reason if state is not None else "",
        "reduction": None
        if reduction is None
        else {
            "basis": reduction.basis,
            "basis_name": reduction.get_basis_display(),
            "decided_on": reduction.decided_on,
            "seats_before": reduction.seats_before,
            "seats_after": reduction.seats_after,
            "recorded_by": reduction.recorded_by.get_full_name() or reduction.recorded_by.username,
            "recorded_at": reduction.recorded_at,
        },
    }


class PartyReduceSeats(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="党员大会委员名额未选足：能否减少名额、不再另行选举（PB-WIN-3）",
        responses={200: PartyShortfallSerializer, **errors(404)},
    )
    def get(self, request: Request, election_id: int) -> Response:
        election, _ = _election(request, election_id)
        return Response(PartyShortfallSerializer(_shortfall(election)).data)

    @extend_schema(
        tags=[TAG],
        summary="录入党员大会减少委员名额、不再另行选举的决定（PB-WIN-3）",
        description=(
            "在名额未选足的党员大会一轮录入；系统建立的另行选举随即撤销，本轮结果即为委员会的"
            "最终结果。409：PB-WIN-3（规则不允许：方案不允许减少名额、当选少于委员会最少人数、"
            "未选足的是书记或副书记、不是党组织选举）、no_shortfall（没有待另行选举的名额）、"
            "not_counted、reduced（已减少）、supplementary_started（另行选举已开始录入）、"
            "certified（结果已经乡镇确认，须先重新开启）、approved。" + REFUSALS
        ),
        request=PartyReduceSeatsInputSerializer,
        responses={201: PartyShortfallSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int) -> Response:
        election, _ = _election(request, election_id)
        data = validated(PartyReduceSeatsInputSerializer, request)
        try:
            party_seats.seats_reduce(
                election=election,
                basis=data["basis"],
                decided_on=data["decided_on"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            raise refusal(exc, REDUCE_CODES) from exc
        return Response(PartyShortfallSerializer(_shortfall(election)).data, status=201)
