"""The party roll of a village's party election: read it (every role that opens the village),
and — for the village party organization — propose and withdraw exclusions from "should attend"
and record the members' meeting's approval, register members, enter on the roll a member known
by 政治面貌 only; the higher Party organization's consent also by the township officer.

The web's gates, capabilities and services (huanjie.elections.party): 404 outside the caller's
villages, 403 saying who may, one audited service. A refusal changes nothing: 400
`invalid_input` for an entry to correct, 409 with the refusal's code when the state does not
allow it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village, scoped_villages
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.party import (
    PartyConsentSerializer,
    PartyEnterRollSerializer,
    PartyExclusionCreateSerializer,
    PartyExclusionSerializer,
    PartyMeetingSerializer,
    PartyRegistrationCreateSerializer,
    PartyRollSerializer,
    PartyWithdrawSerializer,
)
from huanjie.api.views.base import ApiView, refusal, validated
from huanjie.elections.models import AttendanceExclusion
from huanjie.elections.party import access
from huanjie.elections.party.roll import party_roll
from huanjie.elections.party.services import (
    STATE_CODES,
    exclusion_consent_record,
    exclusion_meeting_record,
    exclusion_propose,
    exclusion_withdraw,
    member_enter_roll,
    member_register,
    member_registration_cancel,
)
from huanjie.people.models import PartyOrganization, Person

TAG = "党员名册"
PARTY = "仅本村党组织可用；其他角色得到 403，不在管辖范围内得到 404。"
CONSENT = "本村党组织（须写明文号）或乡镇组织委员可用；其他角色得到 403，不在管辖范围内得到 404。"
REFUSALS = "有误时返回 400 invalid_input；现状不允许时返回 409 及其代码，未作任何修改。"
NO_ELECTION = "本村本届换届还没有建立村党组织选举，请乡镇先在换届计划中建立选举。"
PERSON_NOT_FOUND = "找不到该人员，或他（她）不是本村的党员。请用本村党员的编号。"
ORG_NOT_FOUND = "找不到该党组织，或它不是本村的党组织。"
EXCLUSION_NOT_FOUND = "找不到这条不列入应到会人数的记录，或它不在您管辖的村（社区）。"
ON = OpenApiParameter(
    "on", {"type": "string", "format": "date"}, description="按哪一天计算表决权；不给出时按选举日"
)


def _person(village: Any, pk: int) -> Person:
    found = Person.objects.filter(pk=pk, village=village).first()
    if found is None:
        raise ApiError(400, "invalid_input", PERSON_NOT_FOUND, {"person": [PERSON_NOT_FOUND]})
    return found


def _exclusion(request: Request, exclusion_id: int) -> AttendanceExclusion:
    found = (
        AttendanceExclusion.objects.select_related(
            "person", "election__plan__village", "higher_recorded_by", "meeting_recorded_by"
        )
        .filter(pk=exclusion_id, election__plan__village__in=scoped_villages(request.user))
        .first()
    )
    if found is None:
        raise Http404(EXCLUSION_NOT_FOUND)
    return found


def _answer(
    exclusion: AttendanceExclusion, status: int = 200, request: Request | None = None
) -> Response:
    exclusion = _exclusion_fresh(exclusion.pk)
    response = Response(PartyExclusionSerializer(exclusion).data, status=status)
    if status == 201 and request is not None:
        response["Location"] = request.build_absolute_uri(
            reverse("api:party_exclusion", args=[exclusion.pk])
        )
    return response


def _exclusion_fresh(pk: int) -> AttendanceExclusion:
    return AttendanceExclusion.objects.select_related(
        "person", "higher_recorded_by", "meeting_recorded_by"
    ).get(pk=pk)


def _roll(request: Request, village: Any, status: int = 200) -> Response:
    return Response(PartyRollSerializer(party_roll(village=village)).data, status=status)


class PartyRoll(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="本村村党组织选举的党员名册和应到会人数",
        description=(
            "每名党员在选举日有无表决权（PB-RIGHTS-1/2）、不列入应到会人数的党员及其两项批准"
            "（PB-QUORUM-2）、选举登记（SEED-PB-REG），应到会人数逐行算出并注明依据，"
            "以及到会的有表决权党员至少多少名（PB-QUORUM-1）。只有姓名，不含身份证号。"
        ),
        parameters=[ON],
        responses={200: PartyRollSerializer, **errors(400, 404)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        on = None
        if "on" in request.query_params:
            form = PartyMeetingSerializer(data={"on": request.query_params["on"]})
            form.is_valid(raise_exception=True)
            on = form.validated_data["on"]
        return Response(PartyRollSerializer(party_roll(village=village, on=on)).data)


class PartyExclusionCreate(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="提出一名有表决权的党员不列入应到会人数",
        description=(
            "经上级党组织同意并经党员大会通过后才不计入应到会人数。409：no_election（未建立选举）、"
            "closed（选举已结束）、not_on_roll（不在名册）、no_rights（选举日没有表决权）、"
            "exists（已提出）。" + REFUSALS + PARTY
        ),
        request=PartyExclusionCreateSerializer,
        responses={201: PartyExclusionSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = access.excluder(request.user, village)
        data = validated(PartyExclusionCreateSerializer, request)
        roll = party_roll(village=village)
        if roll.election is None:
            raise ApiError(409, "no_election", NO_ELECTION)
        try:
            exclusion = exclusion_propose(
                election=roll.election,
                person=_person(village, data["person"]),
                ground=data["ground"],
                detail=data["detail"],
                acting_user=user,
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _answer(exclusion, 201, request)


class PartyExclusionDetail(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一条不列入应到会人数的记录及其两项批准",
        responses={200: PartyExclusionSerializer, **errors(404)},
    )
    def get(self, request: Request, exclusion_id: int) -> Response:
        return _answer(_exclusion(request, exclusion_id))


@extend_schema(
    tags=[TAG],
    summary="登记上级党组织同意",
    description="日期不晚于今天和选举日；已同意的得到 409 consented，已撤回的 409 withdrawn。"
    + REFUSALS
    + CONSENT,
    request=PartyConsentSerializer,
    responses={200: PartyExclusionSerializer, **errors(400, 404, 409)},
)
class PartyExclusionConsent(ApiView):
    parser_classes = [JSONParser]

    def post(self, request: Request, exclusion_id: int) -> Response:
        exclusion = _exclusion(request, exclusion_id)
        user = access.consent_recorder(request.user, exclusion.election.plan.village)
        data = validated(PartyConsentSerializer, request)
        try:
            exclusion_consent_record(
                exclusion=exclusion,
                on=data["on"],
                approver=data["approver"],
                document=data.get("document", ""),
                acting_user=user,
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _answer(exclusion)


@extend_schema(
    tags=[TAG],
    summary="登记党员大会通过",
    description="日期不晚于今天和选举日；已通过的得到 409 passed，已撤回的 409 withdrawn。"
    + REFUSALS
    + PARTY,
    request=PartyMeetingSerializer,
    responses={200: PartyExclusionSerializer, **errors(400, 404, 409)},
)
class PartyExclusionMeeting(ApiView):
    parser_classes = [JSONParser]

    def post(self, request: Request, exclusion_id: int) -> Response:
        exclusion = _exclusion(request, exclusion_id)
        user = access.excluder(request.user, exclusion.election.plan.village)
        data = validated(PartyMeetingSerializer, request)
        try:
            exclusion_meeting_record(exclusion=exclusion, on=data["on"], acting_user=user)
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _answer(exclusion)


@extend_schema(
    tags=[TAG],
    summary="撤回不列入应到会人数（此人重新计入）",
    description="记录保留，注明撤回理由；已撤回的得到 409 withdrawn。" + REFUSALS + PARTY,
    request=PartyWithdrawSerializer,
    responses={200: PartyExclusionSerializer, **errors(400, 404, 409)},
)
class PartyExclusionWithdraw(ApiView):
    parser_classes = [JSONParser]

    def post(self, request: Request, exclusion_id: int) -> Response:
        exclusion = _exclusion(request, exclusion_id)
        user = access.excluder(request.user, exclusion.election.plan.village)
        data = validated(PartyWithdrawSerializer, request)
        try:
            exclusion_withdraw(exclusion=exclusion, reason=data["reason"], acting_user=user)
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _answer(exclusion)


class PartyRegistrationCreate(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="党员选举登记",
        description=(
            "规则方案以登记确定应到会人数时（SEED-PB-REG），未登记的党员不计入；否则仅供了解。"
            "已登记的得到 409 registered。返回 201 和名册。" + REFUSALS + PARTY
        ),
        request=PartyRegistrationCreateSerializer,
        responses={201: PartyRollSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = access.registrar(request.user, village)
        data = validated(PartyRegistrationCreateSerializer, request)
        roll = party_roll(village=village)
        if roll.election is None:
            raise ApiError(409, "no_election", NO_ELECTION)
        try:
            member_register(
                election=roll.election,
                person=_person(village, data["person"]),
                on=data["on"],
                method=data["method"],
                note=data.get("note", ""),
                acting_user=user,
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _roll(request, village, 201)


class PartyRegistrationDelete(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="撤销一名党员的选举登记",
        description="没有登记的得到 409 not_registered。返回 204。" + PARTY,
        responses={204: None, **errors(404, 409)},
    )
    def delete(self, request: Request, village_id: int, person_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = access.registrar(request.user, village)
        roll = party_roll(village=village)
        if roll.election is None:
            raise ApiError(409, "no_election", NO_ELECTION)
        person = Person.objects.filter(pk=person_id, village=village).first()
        if person is None:
            raise Http404(PERSON_NOT_FOUND)
        try:
            member_registration_cancel(election=roll.election, person=person, acting_user=user)
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return Response(status=204)


class PartyMemberEnter(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="把户籍登记为党员的村民登记入党员名册",
        description=(
            "党员类别按户籍登记的政治面貌；已在名册的得到 409 on_roll，不是党员的 409 "
            "not_a_member。返回 201 和名册。" + REFUSALS + PARTY
        ),
        request=PartyEnterRollSerializer,
        responses={201: PartyRollSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = access.roll_keeper(request.user, village)
        data = validated(PartyEnterRollSerializer, request)
        organization = PartyOrganization.objects.filter(
            pk=data["organization"], village=village
        ).first()
        if organization is None:
            raise ApiError(400, "invalid_input", ORG_NOT_FOUND, {"organization": [ORG_NOT_FOUND]})
        try:
            member_enter_roll(
                village=village,
                person=_person(village, data["person"]),
                organization=organization,
                joined_on=data.get("joined_on"),
                floating=data.get("floating", False),
                acting_user=user,
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _roll(request, village, 201)
