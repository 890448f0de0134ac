"""Households and persons, through the register's gates and selectors, masked as on the web."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.api import params
from huanjie.api.auditing import region_covering
from huanjie.api.schema import errors
from huanjie.api.serializers.people import (
    HouseholdDetailSerializer,
    HouseholdSerializer,
    PersonDetailSerializer,
    PersonSerializer,
)
from huanjie.api.views.base import DetailView, ListView, person_context
from huanjie.people import selectors
from huanjie.people.gates import access_household, access_person

TAG = "户籍"
FULL_ID_NOTE = "返回完整身份证号时，本次读取记入审计日志（读取人、接口、区划、时间）。"


@extend_schema(
    tags=[TAG],
    summary="人员列表",
    description=(
        "您能打开的村（社区）中的人员，按村、户排序；身份证号和联系电话按您的权限显示，"
        "与网页相同。`search` 只按姓名查找（与网页相同，不能用身份证号试探）。" + FULL_ID_NOTE
    ),
    parameters=[params.VILLAGE, params.CODE, params.SEARCH],
    responses={200: PersonSerializer(many=True), **errors(400, 404)},
)
class PersonList(ListView):
    serializer_class = PersonSerializer

    def get_queryset(self) -> Any:
        request = self.request
        village_id = params.positive_id(request, "village")
        code = params.code_prefix(request)
        search = params.search_text(request)
        village = access_village(request.user, village_id) if village_id is not None else None
        qs = selectors.person_list(user=request.user, village=village)
        if code:
            qs = qs.filter(village__code__startswith=code)
        if search:
            # By name only, as the village page: a masked reader must not probe for a number.
            qs = qs.filter(name__contains=search)
        self.audit_region = village
        return qs.select_related("household__villager_group").prefetch_related("tags")

    def get_serializer_context(self) -> dict[str, Any]:
        return person_context(self.request)

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if self.audit_region is None and page:
            self.audit_region = region_covering(p.village.code for p in page)
        return page


@extend_schema(
    tags=[TAG],
    summary="一个人员：基本信息、党员信息和近亲属",
    description="身份证号和联系电话按您的权限显示，与网页相同。" + FULL_ID_NOTE,
    responses={200: PersonDetailSerializer, **errors(404)},
)
class PersonDetail(DetailView):
    serializer_class = PersonDetailSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = access_person(request.user, kwargs["person_id"])
        relations = selectors.person_relations(person=person)
        try:
            membership: Any = person.party_membership
        except ObjectDoesNotExist:
            membership = None
        context = {
            **person_context(request),
            "membership": membership,
            "relations": relations,
            "openable": selectors.openable_people(request.user, (r.other.pk for r in relations)),
        }
        self.audit_region = person.village
        return Response(PersonDetailSerializer(person, context=context).data)


@extend_schema(
    tags=[TAG],
    summary="一个村（社区）的户",
    description="按村民小组、户号排序；每户给出户主和人数，成员见“一户”。",
    responses={200: HouseholdSerializer(many=True), **errors(400, 404)},
)
class HouseholdList(ListView):
    serializer_class = HouseholdSerializer

    def get_queryset(self) -> Any:
        village = access_village(self.request.user, self.kwargs["village_id"])
        self.audit_region = village
        return selectors.village_households(village=village)


@extend_schema(
    tags=[TAG],
    summary="一户：户内成员",
    description="成员的身份证号和联系电话按您的权限显示，与网页相同。" + FULL_ID_NOTE,
    responses={200: HouseholdDetailSerializer, **errors(404)},
)
class HouseholdDetail(DetailView):
    serializer_class = HouseholdDetailSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        household = access_household(request.user, kwargs["household_id"])
        members = selectors.household_members(household=household).select_related(
            "household__villager_group"
        )
        context = {**person_context(request), "members": members}
        self.audit_region = household.village
        return Response(HouseholdDetailSerializer(household, context=context).data)
