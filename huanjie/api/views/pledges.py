"""The township pipeline (every village of a township in the reader's scope, per body applicants
→ recommended → reviewed → formal, reserve cadres and outgoing paths, as its web page) and the
candidates' pledges (三项承诺 and 纪律承诺书, rules.md E.4): each candidate of a village's
villagers' committee election with every pledge signed or not (read through `access_village`,
as the nominations page), and recording one signed pledge (the election committee or the
township officer, as on the page)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from huanjie.accounts.gates import access_one, access_region, access_village, scoped_villages
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.pledges import (
    PledgeWriteSerializer,
    TownshipPipelineSerializer,
    VillagePledgesSerializer,
)
from huanjie.api.views.base import ApiView
from huanjie.nominations.access import runner
from huanjie.nominations.models import Application, PledgeKind
from huanjie.nominations.pipeline import STAGES, Counts, township_pipeline
from huanjie.nominations.selectors import village_nominations
from huanjie.nominations.services import pledge_record
from huanjie.regions.models import Level, Region

if TYPE_CHECKING:
    from rest_framework.request import Request


TAG = "招贤榜、报名和候选人名单"
STATE_CODES = frozenset({"closed", "no_election", "no_day"})
NOT_FOUND = "没有找到这名候选人，或不是本村的报名。"
NOT_TOWNSHIP = "这里只列乡镇的各村报名和候选人情况，请给出乡镇的编号。"


def candidate_pledges(application: Application) -> dict[str, Any]:
    rows = []
    for kind, (label, pledge) in zip(PledgeKind.values, application.pledge_rows(), strict=True):
        who = pledge.recorded_by if pledge else None
        rows.append(
            {
                "kind": kind,
                "kind_name": label,
                "signed_on": pledge.signed_on if pledge else None,
                "recorded_by": (who.get_full_name() or who.username) if who else "",
            }
        )
    return {
        "application": application.pk,
        "person": {"id": application.person.pk, "name": application.person.name},
        "post": application.recruitment.post,
        "post_name": application.recruitment.get_post_display(),
        "complete": all(r["signed_on"] is not None for r in rows),
        "pledges": rows,
    }


def pledges_data(village: Region) -> dict[str, Any]:
    view = village_nominations(village)
    return {
        "village": village.pk,
        "candidates": [candidate_pledges(a) for p in view.posts for a in p.candidates],
    }


class VillagePledges(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一个村候选人的三项承诺和纪律承诺书签订情况",
        description="每名候选人（按职位、姓氏笔画）每项承诺一行；未签的 signed_on 为 null。",
        responses={200: VillagePledgesSerializer, **errors(404)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        return Response(VillagePledgesSerializer(pledges_data(village)).data)

    @extend_schema(
        tags=[TAG],
        summary="登记一名候选人签订的一项承诺",
        description="每项承诺只登记一次，日期在报名之后、选举日之前；只登记已确定的候选人。"
        "选举已结束或没有选举日时为 409。",
        request=PledgeWriteSerializer,
        responses={201: VillagePledgesSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = runner(request.user, village)
        body = PledgeWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        qs = Application.objects.filter(recruitment__election__plan__village=village)
        application = access_one(
            qs.select_related("person", "recruitment"), data["application"], NOT_FOUND
        )
        try:
            pledge_record(
                application=application, kind=data["kind"], on=data["on"], acting_user=user
            )
        except ValidationError as exc:
            codes = [e.code for e in exc.error_list if e.code in STATE_CODES]
            message = "未登记：" + "".join(exc.messages)
            if codes:
                raise ApiError(409, str(codes[0]), message) from exc
            raise ApiError(400, "invalid_input", message, {"messages": exc.messages}) from exc
        return Response(VillagePledgesSerializer(pledges_data(village)).data, status=201)


def _stages(bodies: list[tuple[str, str]], counts: dict[str, Counts]) -> list[dict[str, Any]]:
    return [
        {"body": code, "body_name": label, **dict(zip(STAGES, counts[code].row, strict=True))}
        for code, label in bodies
    ]


def _paths(labels: list[tuple[str, str]], counts: dict[str, int]) -> list[dict[str, Any]]:
    return [{"path": code, "path_name": label, "holders": counts[code]} for code, label in labels]


class TownshipPipeline(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一个乡镇各村的报名、确定候选人、联审完成和正式候选人人数，后备干部和现任干部去向",
        description="只列您负责范围内的村；不是乡镇或不在范围内为 404。",
        responses={200: TownshipPipelineSerializer, **errors(404)},
    )
    def get(self, request: Request, township_id: int) -> Response:
        place = access_region(request.user, township_id)
        if place.level != Level.TOWNSHIP:
            raise Http404(NOT_TOWNSHIP)
        villages = scoped_villages(request.user, Region.objects.filter(parent=place))
        found = township_pipeline(villages, timezone.localdate())
        data = {
            "township": place.pk,
            "villages": [
                {
                    "village": row.village.pk,
                    "village_name": row.village.name,
                    "bodies": _stages(found.bodies, row.bodies),
                    "reserve": row.reserve,
                    "paths": _paths(found.path_labels, row.paths),
                }
                for row in found.villages
            ],
            "totals": _stages(found.bodies, found.totals),
            "reserve": found.reserve,
            "paths": _paths(found.path_labels, found.paths),
        }
        return Response(TownshipPipelineSerializer(data).data)
