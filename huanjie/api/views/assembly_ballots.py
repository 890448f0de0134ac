"""The meeting that elects a supervision committee (村民会议 / 村民代表会议, REP-2/REP-5) or a
cooperative body (成员大会 / 成员代表大会, CEO-2/CEO-3) through the API: what is recorded, who
may not be elected (SUP-1/KIN-2, CEO-5) and what still blocks the sheets; the committee's
record (the same service as the page and `tally_meeting_record`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.assembly_ballots import MeetingInputSerializer, MeetingSerializer
from huanjie.api.views.ballots import REFUSALS, _election
from huanjie.api.views.base import ApiView, refusal, validated
from huanjie.ballots.access import clerk
from huanjie.ballots.assemblies import (
    assembly_label,
    assembly_size,
    barred_people,
    body_title,
    is_assembly_body,
    meeting_of,
    meeting_record,
)

if TYPE_CHECKING:
    from rest_framework.request import Request

    from huanjie.elections.models import Election
    from huanjie.regions.models import Region

TAG = "投票日：计票单、选举结果和确认"
STATE_CODES = frozenset({"counted", "scope"})
NOT_ASSEMBLY = "这场选举不由会议选举（只有村务监督委员会和集体经济组织理事会、监事会有选举会议）。"


def _state(election: Election) -> dict[str, Any]:
    meeting = meeting_of(election)
    blocked = ""
    try:
        assembly_size(election)
    except ValidationError as exc:
        blocked = "".join(exc.messages)
    return {
        "election": election.pk,
        "body_name": body_title(election.body),
        "assembly": meeting.assembly if meeting else None,
        "assembly_name": assembly_label(election.body, meeting.assembly) if meeting else None,
        "assembly_size": meeting.assembly_size if meeting else None,
        "from_round": meeting.election_id if meeting else None,
        "barred": [
            {"name": b.name, "reason": b.reason, "rule": b.rule} for b in barred_people(election)
        ],
        "blocked": blocked,
    }


def _assembly_election(request: Request, election_id: int) -> tuple[Election, Region]:
    election, village = _election(request, election_id)
    if not is_assembly_body(election):
        raise ApiError(404, "not_found", NOT_ASSEMBLY)
    return election, village


class TallyMeeting(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="村务监督委员会、理事会、监事会选举的会议、应到人数和不得当选的人员",
        responses={200: MeetingSerializer, **errors(404)},
    )
    def get(self, request: Request, election_id: int) -> Response:
        election, _ = _assembly_election(request, election_id)
        return Response(MeetingSerializer(_state(election)).data)

    @extend_schema(
        tags=[TAG],
        summary="登记（或在计票前更正）选举会议及其应到人数",
        description="到会人数以各票箱发出的选票合计。409：counted（本轮已计出结果）。" + REFUSALS,
        request=MeetingInputSerializer,
        responses={200: MeetingSerializer, **errors(400, 403, 404, 409)},
    )
    def put(self, request: Request, election_id: int) -> Response:
        election, village = _assembly_election(request, election_id)
        user = clerk(request.user, village)  # 403 saying who may
        data = validated(MeetingInputSerializer, request)
        try:
            meeting_record(
                election=election,
                assembly=data["assembly"],
                assembly_size=data["assembly_size"],
                acting_user=user,
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return Response(MeetingSerializer(_state(election)).data)
