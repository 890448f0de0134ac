"""The REST API of voting arrangements and proxies, under /api/v1/elections/<id>/voting/.

The same gate, permissions and services as the web: the election's village through
`access_village` (404 outside the reader's scope); a write only for the village election
committee (the township for a mobile box's approval; 403 saying who may), then one service. A
refusal is a 409 with the rule's plain message (nothing changes); a body that is not as
documented is a 400. People are named by id and name only (ID numbers are never given).
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.editing import Choice, Id, Text
from huanjie.api.views.base import ApiView, validated
from huanjie.ballots.models import BoxKind
from huanjie.elections.models import Election
from huanjie.people.models import Person
from huanjie.voting import services
from huanjie.voting.models import Duty, Notice, ProxyRequest, ProxyStatus, Station, Via
from huanjie.voting.selectors import arrangements_view, proxies_view

TAG = "投票安排和委托投票"
COMMITTEE = "仅本村村民选举委员会可用；其他角色得到 403。"
REFUSED = "规则不允许时得到 409，message 说明原因和条款编号，什么也没有改变。"


class VotingPersonSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    name = serializers.CharField()


class VotingFindingSerializer(serializers.Serializer):  # type: ignore[type-arg]
    rule_id = serializers.CharField()
    message = serializers.CharField()


class VotingStationSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    box = serializers.IntegerField(help_text="票箱编号（计票页的票箱）")
    name = serializers.CharField()
    box_kind = serializers.ChoiceField(choices=BoxKind.choices)
    place = serializers.CharField()
    hours = serializers.CharField()
    route = serializers.CharField()
    approved_at = serializers.DateTimeField(allow_null=True)
    approved_by = serializers.CharField(allow_null=True)
    scrutineers = VotingPersonSerializer(many=True)
    voters = VotingPersonSerializer(many=True, help_text="流动票箱的投票人名单")
    findings = VotingFindingSerializer(many=True, help_text="流动票箱尚不能使用的原因")


class VotingStaffProblemSerializer(serializers.Serializer):  # type: ignore[type-arg]
    staff = serializers.IntegerField()
    candidate = serializers.IntegerField()
    rule_id = serializers.CharField()
    chain = serializers.CharField()
    message = serializers.CharField()


class ArrangementsSerializer(serializers.Serializer):  # type: ignore[type-arg]
    election = serializers.IntegerField()
    election_day = serializers.DateField(allow_null=True)
    stations = VotingStationSerializer(many=True)
    callers = VotingPersonSerializer(many=True)
    counters = VotingPersonSerializer(many=True)
    problems = VotingStaffProblemSerializer(many=True)
    min_scrutineers = serializers.IntegerField()
    approval_required = serializers.BooleanField()
    notice_deadline = serializers.DateField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)


class ProxySerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    principal = VotingPersonSerializer()
    holder = VotingPersonSerializer()
    chain = serializers.CharField(help_text="受托人与委托人的关系，空为未登记亲属关系")
    reason = serializers.CharField()
    filed_on = serializers.DateField()
    filed_by = serializers.CharField()
    via = serializers.ChoiceField(choices=Via.choices)
    proxy_status = serializers.ChoiceField(choices=ProxyStatus.choices)
    approved_at = serializers.DateTimeField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    valid = serializers.BooleanField(help_text="按规则核查此刻是否有效（含是否已公布）")
    decision = serializers.CharField()
    rule_ids = serializers.ListField(child=serializers.CharField())


class ProxiesSerializer(serializers.Serializer):  # type: ignore[type-arg]
    election = serializers.IntegerField()
    request_deadline = serializers.DateField(allow_null=True)
    publish_deadline = serializers.DateField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    max_per_holder = serializers.IntegerField(allow_null=True)
    proxies = ProxySerializer(many=True)


class StationWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    box_kind = Choice(choices=BoxKind.choices)
    name = Text(max_length=64)
    place = Text(max_length=120)
    hours = Text(max_length=64)
    route = Text(max_length=200, required=False, default="")


class StaffWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    person = Id()
    duty = Choice(choices=Duty.choices)
    station = Id(required=False, allow_null=True, default=None, help_text="监票人所在投票点")


class MobileVoterWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    person = Id()
    reason = Text(max_length=64)


class ProxyWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    principal = Id()
    holder = Id()
    reason = Text(max_length=64)
    filed_on = serializers.DateField()
    filed_by = Text(max_length=64, required=False, default="")
    via = Choice(choices=Via.choices, required=False, default=Via.PAPER)


class PublishWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    notice = Choice(choices=Notice.choices)
    day = serializers.DateField()


def _ref(person: Person) -> dict[str, Any]:
    return {"id": person.pk, "name": person.name}


def _election(request: Request, election_id: int) -> Election:
    election = (
        Election.objects.select_related("plan__village", "plan__campaign")
        .filter(pk=election_id)
        .first()
    )
    if election is None:
        raise Http404("找不到这场选举。")
    access_village(request.user, election.plan.village_id)
    return election


def _person(election: Election, pk: int) -> Person:
    person = Person.objects.filter(pk=pk, village_id=election.plan.village_id).first()
    if person is None:
        raise ApiError(400, "invalid_input", f"未修改：本村没有编号为{pk}的人员。")
    return person


def _station(election: Election, pk: int) -> Station:
    station = Station.objects.select_related("box").filter(pk=pk, election=election).first()
    if station is None:
        raise Http404("本次选举没有这个投票点。")
    return station


def _run(change: Any) -> None:
    try:
        change()
    except PermissionDenied:
        raise
    except ValidationError as exc:
        raise ApiError(
            409, str(getattr(exc, "code", None) or "refused"), "未修改：" + "".join(exc.messages)
        ) from exc


def arrangements_data(election: Election) -> dict[str, Any]:
    view = arrangements_view(election)
    stations = []
    for s in view.stations:
        st = s.station
        stations.append(
            {
                "id": st.pk,
                "box": st.box_id,
                "name": st.box.name,
                "box_kind": st.box.kind,
                "place": st.place,
                "hours": st.hours,
                "route": st.route,
                "approved_at": st.approved_at,
                "approved_by": st.approved_by.get_full_name() if st.approved_by else None,
                "scrutineers": [_ref(m.person) for m in s.scrutineers],
                "voters": [{"id": mv.voter.person_id, "name": mv.voter.name} for mv in s.voters],
                "findings": [{"rule_id": f.rule_id, "message": f.message} for f in s.findings],
            }
        )
    return {
        "election": election.pk,
        "election_day": election.election_day,
        "stations": stations,
        "callers": [_ref(m.person) for m in view.callers],
        "counters": [_ref(m.person) for m in view.counters],
        "problems": [
            {
                "staff": int(p.staff),
                "candidate": int(p.candidate),
                "rule_id": p.rule_id,
                "chain": p.chain,
                "message": p.message,
            }
            for p in view.problems
        ],
        "min_scrutineers": view.min_scrutineers,
        "approval_required": view.approval_required,
        "notice_deadline": view.notice_deadline.day if view.notice_deadline else None,
        "published_on": view.published.published_on if view.published else None,
    }


def proxies_data(election: Election) -> dict[str, Any]:
    view = proxies_view(election)
    return {
        "election": election.pk,
        "request_deadline": view.request_deadline.day if view.request_deadline else None,
        "publish_deadline": view.publish_deadline.day if view.publish_deadline else None,
        "published_on": view.published.published_on if view.published else None,
        "max_per_holder": view.cap,
        "proxies": [
            {
                "id": r.request.pk,
                "principal": _ref(r.request.principal),
                "holder": _ref(r.request.holder),
                "chain": r.chain,
                "reason": r.request.reason,
                "filed_on": r.request.filed_on,
                "filed_by": r.request.filed_by,
                "via": r.request.via,
                "proxy_status": r.request.status,
                "approved_at": r.request.approved_at,
                "published_on": r.request.published_on,
                "valid": bool(r.decision and r.decision.valid),
                "decision": r.decision.reason if r.decision else "",
                "rule_ids": list(r.decision.rule_ids) if r.decision else [],
            }
            for r in view.rows
        ],
    }


def _arrangements(election: Election, status: int = 200) -> Response:
    return Response(ArrangementsSerializer(arrangements_data(election)).data, status=status)


def _proxies(election: Election, status: int = 200) -> Response:
    return Response(ProxiesSerializer(proxies_data(election)).data, status=status)


class Arrangements(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一场选举的投票安排：投票点、流动票箱、工作人员和规则核查",
        description="problems 为候选人及其近亲属担任工作人员的情况（VC-VOTE-5、KIN-3），含关系链。",
        responses={200: ArrangementsSerializer, **errors(404)},
    )
    def get(self, request: Request, election_id: int) -> Response:
        return _arrangements(_election(request, election_id))


class Stations(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="设立投票点（中心会场、投票站或流动票箱）",
        description="流动票箱须写路线。" + REFUSED + COMMITTEE,
        request=StationWriteSerializer,
        responses={201: ArrangementsSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int) -> Response:
        election = _election(request, election_id)
        data = validated(StationWriteSerializer, request)
        user = cast("Any", request.user)
        _run(
            lambda: services.station_add(
                election=election,
                kind=data["box_kind"],
                name=data["name"],
                place=data["place"],
                hours=data["hours"],
                route=data["route"],
                acting_user=user,
            )
        )
        return _arrangements(election, 201)


class StationApproval(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="乡镇批准设立流动票箱（MOBILE-1），记录批准人和时间",
        description="仅乡镇干部可用；其他角色得到 403。" + REFUSED,
        request=None,
        responses={200: ArrangementsSerializer, **errors(403, 404, 409)},
    )
    def post(self, request: Request, election_id: int, station_id: int) -> Response:
        election = _election(request, election_id)
        station = _station(election, station_id)
        user = cast("Any", request.user)
        _run(lambda: services.mobile_approve(station=station, acting_user=user))
        return _arrangements(election)


class MobileVoters(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="把选民列入流动票箱的投票人名单",
        description="只能是本村本届选民，一人只列一个流动票箱。" + REFUSED + COMMITTEE,
        request=MobileVoterWriteSerializer,
        responses={201: ArrangementsSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int, station_id: int) -> Response:
        election = _election(request, election_id)
        station = _station(election, station_id)
        data = validated(MobileVoterWriteSerializer, request)
        person = _person(election, data["person"])
        user = cast("Any", request.user)
        _run(
            lambda: services.mobile_voter_add(
                station=station, person=person, reason=data["reason"], acting_user=user
            )
        )
        return _arrangements(election, 201)


class Staff(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="确定唱票人、计票人或监票人",
        description=(
            "监票人须给出投票点。候选人（VC-VOTE-5）及候选人的近亲属（KIN-3，浙江为配偶、父母、"
            "子女、兄弟姐妹）得到 409，message 写明关系链。" + COMMITTEE
        ),
        request=StaffWriteSerializer,
        responses={201: ArrangementsSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int) -> Response:
        election = _election(request, election_id)
        data = validated(StaffWriteSerializer, request)
        person = _person(election, data["person"])
        station = _station(election, data["station"]) if data["station"] else None
        user = cast("Any", request.user)
        _run(
            lambda: services.staff_add(
                election=election,
                person=person,
                duty=data["duty"],
                station=station,
                acting_user=user,
            )
        )
        return _arrangements(election, 201)


class Publish(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="登记公告的张贴日期：投票安排（第10—12号）或委托投票名单（第13号）",
        description=(
            "晚于法定最晚日得到 409，message 写明条款和最晚日；投票安排不完整（流动票箱未批准、"
            "监票人不足、工作人员需回避）同样得到 409。" + COMMITTEE
        ),
        request=PublishWriteSerializer,
        responses={200: ArrangementsSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int) -> Response:
        election = _election(request, election_id)
        data = validated(PublishWriteSerializer, request)
        user = cast("Any", request.user)
        publish = (
            services.proxies_publish
            if data["notice"] == Notice.PROXIES
            else services.arrangements_publish
        )
        _run(lambda: publish(election=election, day=data["day"], acting_user=user))
        return _arrangements(election)


class Proxies(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一场选举的委托投票：每份委托和规则核查结果",
        responses={200: ProxiesSerializer, **errors(404)},
    )
    def get(self, request: Request, election_id: int) -> Response:
        return _proxies(_election(request, election_id))

    @extend_schema(
        tags=[TAG],
        summary="登记一份委托（本人或亲属代交的委托书，或网上提交）",
        description=(
            "按本省规定核查：受托人是否近亲属、是否本村选民、是否候选人、是否逾期、受托人数上限、"
            "不得转委托（PROXY-1..5）。" + REFUSED + COMMITTEE
        ),
        request=ProxyWriteSerializer,
        responses={201: ProxiesSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, election_id: int) -> Response:
        election = _election(request, election_id)
        data = validated(ProxyWriteSerializer, request)
        principal = _person(election, data["principal"])
        holder = _person(election, data["holder"])
        user = cast("Any", request.user)
        _run(
            lambda: services.proxy_file(
                election=election,
                principal=principal,
                holder=holder,
                reason=data["reason"],
                filed_on=data["filed_on"],
                filed_by=data["filed_by"],
                via=data["via"],
                acting_user=user,
            )
        )
        return _proxies(election, 201)


class ProxyApproval(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="审核同意一份委托（按审核先后计算受托人数上限）",
        description=REFUSED + COMMITTEE,
        request=None,
        responses={200: ProxiesSerializer, **errors(403, 404, 409)},
    )
    def post(self, request: Request, election_id: int, request_id: int) -> Response:
        election = _election(request, election_id)
        proxy = ProxyRequest.objects.filter(pk=request_id, election=election).first()
        if proxy is None:
            raise Http404("本次选举没有这份委托。")
        user = cast("Any", request.user)
        _run(lambda: services.proxy_approve(request=proxy, acting_user=user))
        return _proxies(election)
