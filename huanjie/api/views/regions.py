"""Regions (with the tree's totals) and villages, through the region gates and selectors."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_region, access_village
from huanjie.api import params
from huanjie.api.schema import errors
from huanjie.api.serializers.regions import (
    RegionNodeSerializer,
    VillageDetailSerializer,
    VillageSerializer,
)
from huanjie.api.views.base import DetailView, ListView
from huanjie.people.figures import village_figures
from huanjie.people.selectors import RegionNode, region_tree, village_list
from huanjie.people.views_import import may_keep_register
from huanjie.regions.models import PREFIX_LENGTH, Region

TAG = "区划"


def _root_for(code: str) -> Region | None:
    """The deepest region whose digits `code` starts with (the tree is read under it only)."""
    candidates = {
        code[:length].ljust(12, "0"): level
        for level, length in PREFIX_LENGTH.items()
        if length <= len(code)
    }
    found = [
        r for r in Region.objects.filter(code__in=candidates) if candidates.get(r.code) == r.level
    ]
    return max(found, key=lambda r: PREFIX_LENGTH[r.level], default=None)


@extend_schema(
    tags=[TAG],
    summary="区划列表（含其下村、户、人、党员合计）",
    description="您能看到统计数字的区划，按区划代码排序；`code` 只列出代码以它开头的区划。",
    parameters=[params.CODE],
    responses={200: RegionNodeSerializer(many=True), **errors(400, 404)},
)
class RegionList(ListView):
    serializer_class = RegionNodeSerializer

    def get_queryset(self) -> Any:
        code = params.code_prefix(self.request)
        nodes = region_tree(user=self.request.user, root=_root_for(code) if code else None)  # type: ignore[arg-type]
        return [n for n in nodes if n.region.code.startswith(code)] if code else nodes


@extend_schema(
    tags=[TAG],
    summary="一个区划（含其下村、户、人、党员合计）",
    responses={200: RegionNodeSerializer, **errors(404)},
)
class RegionDetail(DetailView):
    serializer_class = RegionNodeSerializer

    def get_object(self) -> RegionNode:
        user = self.request.user
        place = access_region(user, self.kwargs["region_id"])
        return region_tree(user=user, root=place)[0]  # type: ignore[arg-type]


@extend_schema(
    tags=[TAG],
    summary="村（社区）列表",
    description="您能打开工作页面的村（社区），按区划代码排序；`code` 只列出代码以它开头的村。",
    parameters=[params.CODE],
    responses={200: VillageSerializer(many=True), **errors(400, 404)},
)
class VillageList(ListView):
    serializer_class = VillageSerializer

    def get_queryset(self) -> Any:
        code = params.code_prefix(self.request)
        villages = village_list(user=self.request.user)  # type: ignore[arg-type]
        return villages.filter(code__startswith=code) if code else villages


@extend_schema(
    tags=[TAG],
    summary="一个村（社区）：村情和户籍登记数",
    responses={200: VillageDetailSerializer, **errors(404)},
)
class VillageDetail(DetailView):
    serializer_class = VillageDetailSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request.user
        place = access_village(user, kwargs["village_id"])
        context = {
            "request": request,
            "registered": village_figures(village=place),
            "may_import": may_keep_register(user, place),
        }
        return Response(VillageDetailSerializer(place, context=context).data)
