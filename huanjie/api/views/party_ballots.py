"""A party election's higher-level approval (PB-WIN-4, 报上级党委审批) through the API: where
the election stands, and the township's record of the approval (the same service as the page
and `tally_party_approve`). Read through `access_village` (404 outside the reader's scope)."""

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
)
from huanjie.api.views.ballots import REFUSALS, _election
from huanjie.api.views.base import ApiView, refusal, validated
from huanjie.ballots import party

if TYPE_CHECKING:
    from rest_framework.request import Request

    from huanjie.elections.models import Election

TAG = "投票日：计票单、选举结果和确认"
STATE_CODES = frozenset({"approved", "PB-WIN-4", "PB-SEC-1"})


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
