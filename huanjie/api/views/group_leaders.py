"""The villager group leaders of a village: read them, and — for the village election committee
— set announcement 5 (day, hours, place) and record or cancel a villager group's selection of
its leader and deputies. The same gate, permission and services as the web (`committees`);
refusals as the committee's endpoints give them (`committees._refused`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.committees import CancelWriteSerializer
from huanjie.api.serializers.group_leaders import (
    GroupLeadersSerializer,
    GroupNoticeWriteSerializer,
    GroupSelectionWriteSerializer,
)
from huanjie.api.views.base import ApiView, validated
from huanjie.api.views.committees import KEEPERS, _ref, _refused, _selection_votes
from huanjie.committees.access import keeper
from huanjie.committees.group_selectors import group_leaders_view
from huanjie.committees.services import (
    group_election_notice_set,
    group_leaders_cancel,
    group_leaders_record,
)
from huanjie.regions.models import Region, VillagerGroup

TAG = "村民小组长"


def group_leaders_data(village: Region) -> dict[str, Any]:
    view = group_leaders_view(village=village)
    return {
        "village": village.pk,
        "election": view.election.pk if view.election else None,
        "notice": view.notice,
        "selected": view.selected,
        "leaders": view.leaders,
        "deputies": view.deputies,
        "groups": [
            {
                "villager_group": line.group.pk,
                "name": line.group.name,
                "households": line.households,
                "leader": _ref(line.leader),
                "deputies": [_ref(p) for p in line.deputies],
                "selection": None
                if line.selection is None
                else {
                    "held_on": line.selection.held_on,
                    "adults_eligible": line.selection.adults_eligible,
                    "adults_present": line.selection.adults_present,
                    "households_eligible": line.selection.households_eligible,
                    "households_present": line.selection.households_present,
                    "deputy_seats": line.selection.deputy_seats,
                    "votes": [
                        {
                            "post": v.post,
                            "person": _ref(v.person),
                            "votes": v.votes,
                            "elected": v.elected,
                        }
                        for v in line.votes
                    ],
                },
            }
            for line in view.lines
        ],
    }


def _response(village: Region, status: int = 200) -> Response:
    return Response(GroupLeadersSerializer(group_leaders_data(village)).data, status=status)


class GroupLeaders(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一个村的村民小组长：选举公告、各小组的推选结果、组长和副组长",
        responses={200: GroupLeadersSerializer, **errors(404)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        return _response(access_village(request.user, village_id))


@extend_schema(
    tags=[TAG],
    summary="登记（或修改）关于村民代表和小组长选举的公告",
    description="推选的日期、时间和地点；结束时间须晚于开始时间，公告日期不晚于推选日期，推选日期"
    "不晚于选举日，否则为 400。" + KEEPERS,
    request=GroupNoticeWriteSerializer,
    responses={200: GroupLeadersSerializer, **errors(400, 404, 409)},
)
class GroupLeadersNotice(ApiView):
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = keeper(request.user, village)
        data = validated(GroupNoticeWriteSerializer, request)
        try:
            group_election_notice_set(village=village, acting_user=user, **data)
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _response(village)


def _group(village: Region, group_id: int) -> VillagerGroup:
    found = VillagerGroup.objects.filter(village=village, pk=group_id).first()
    if found is None:
        message = f"{village.name}没有编号为{group_id}的村民小组，请核对编号。"
        raise ApiError(404, "not_found", message)
    return found


@extend_schema(
    tags=[TAG],
    summary="登记一个村民小组推选组长、副组长的结果",
    description=(
        "到会村民或到会户代表须达本组的三分之二（REP-6）；得票最多且超过到会人员半数者当选"
        "（REP-6）；一人只能担任一个职务。不符合为 400；已登记过为 409 selection_recorded。"
        "返回 201。" + KEEPERS
    ),
    request=GroupSelectionWriteSerializer,
    responses={201: GroupLeadersSerializer, **errors(400, 404, 409)},
)
class GroupLeaderSelection(ApiView):
    def post(self, request: Request, village_id: int, group_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = keeper(request.user, village)
        group = _group(village, group_id)
        data = validated(GroupSelectionWriteSerializer, request)
        leader_votes, deputy_votes = _selection_votes(
            village, data["leader_votes"], data["deputy_votes"]
        )
        try:
            group_leaders_record(
                group=group,
                held_on=data["held_on"],
                adults_present=data["adults_present"],
                households_present=data["households_present"],
                deputy_seats=data["deputy_seats"],
                leader_votes=leader_votes,
                deputy_votes=deputy_votes,
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc, "selection_recorded") from exc
        return _response(village, 201)


@extend_schema(
    tags=[TAG],
    summary="撤销一个村民小组的组长推选结果（写明原因）",
    description="原结果和原因保留在操作记录中；尚未推选为 409 no_selection。" + KEEPERS,
    request=CancelWriteSerializer,
    responses={200: GroupLeadersSerializer, **errors(400, 404, 409)},
)
class GroupLeaderSelectionCancel(ApiView):
    def post(self, request: Request, village_id: int, group_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = keeper(request.user, village)
        group = _group(village, group_id)
        reason = validated(CancelWriteSerializer, request)["reason"]
        try:
            group_leaders_cancel(group=group, reason=reason, acting_user=user)
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _response(village)
