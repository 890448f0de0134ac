"""Close-relative links: read them, and — for the village election committee — confirm,
reject, reopen, remove a wrongly declared one, confirm a household's at once, declare one.

The same gates, capability and services as the web: a link comes through `relation_access`
(404 outside the reader's scope, 403 for a role that does not keep relations), the change is
a service of `people.services.relations`, audited in its transaction. A refusal of the service
(the link is not pending, already registered …) is a 409 with a stable code and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.relations import (
    DeclareSerializer,
    HouseholdConfirmedSerializer,
    RejectSerializer,
    RelationLinkSerializer,
)
from huanjie.api.views.base import ApiView, ListView
from huanjie.people import messages as people_msg
from huanjie.people.gates import access_relation
from huanjie.people.models import SYMMETRIC_KINDS, CloseRelative, Person
from huanjie.people.relation_access import (
    household_for_change,
    person_for_change,
    relation_for_change,
)
from huanjie.people.relation_cards import ELDER_OTHER
from huanjie.people.relation_status import RelationStatus
from huanjie.people.selectors import openable_people, village_relation_list
from huanjie.people.services.relations import (
    relation_confirm,
    relation_declare,
    relation_reject,
    relation_remove,
    relation_reopen,
    relations_confirm_household,
)

TAG = "近亲属关系"
KEEPERS = "仅本村村民选举委员会可用（近亲属关系由村选委会核对、确认和登记）；其他角色得到 403。"
RECUSAL = "任职回避审查只采用已确认或村选委会登记的关系（counts_for_recusal 为 true）。"
STATUS = OpenApiParameter(
    "status",
    {"type": "string", "enum": [s.value for s in RelationStatus]},
    description="只列出一种状态：pending 待确认 / confirmed 已确认 / rejected 已否定 / "
    "declared 登记；不给出时列出全部",
)
# What a refusal of each service is called (ValidationError.code → the API's stable code).
REFUSALS = {
    "confirmed": "relation_not_pending",
    "rejected": "relation_not_pending",
    "declared": "relation_declared",
    "pending": "relation_pending",
    "derived": "relation_derived",
    "none_pending": "no_pending_relations",
    "exists": "relation_exists",
    "self": "relation_self",
}


def _refused(exc: ValidationError) -> ApiError:
    code = getattr(exc, "code", None) or "invalid_input"
    message = "".join(exc.messages)
    if code in REFUSALS:
        return ApiError(409, REFUSALS[code], message)
    return ApiError(400, "invalid_input", message, None)


def _answer(request: Request, relation: CloseRelative, status: int = 200) -> Response:
    relation = CloseRelative.objects.select_related(
        "person_a", "person_b", "confirmed_by", "rejected_by"
    ).get(pk=relation.pk)
    openable = openable_people(request.user, [relation.person_a_id, relation.person_b_id])
    data = RelationLinkSerializer(relation, context={"openable": openable}).data
    response = Response(data, status=status)
    if status == 201:
        response["Location"] = request.build_absolute_uri(
            reverse("api:relation_detail", args=[relation.pk])
        )
    return response


class RelationDetail(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一条近亲属关系及其状态",
        description="两人中至少一人在您管辖范围内时可读。" + RECUSAL,
        responses={200: RelationLinkSerializer, **errors(404)},
    )
    def get(self, request: Request, relation_id: int) -> Response:
        return _answer(request, access_relation(request.user, relation_id))

    @extend_schema(
        tags=[TAG],
        summary="删除一条登记错了的关系",
        description=(
            "只能删除村选委会登记的关系，删除前的内容保留在操作记录中；由户籍推导的关系请"
            "“否定”（409 relation_derived）。返回 204。" + KEEPERS
        ),
        responses={204: None, **errors(404, 409)},
    )
    def delete(self, request: Request, relation_id: int) -> Response:
        relation = relation_for_change(request.user, relation_id)
        try:
            relation_remove(relation=relation, acting_user=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response(status=204)


@extend_schema(
    tags=[TAG],
    summary="确认一条由户籍推导的关系",
    description="确认后任职回避审查采用这条关系；已确认或已否定的得到 409 relation_not_pending。"
    + KEEPERS,
    request=None,
    responses={200: RelationLinkSerializer, **errors(404, 409)},
)
class RelationConfirm(ApiView):
    def post(self, request: Request, relation_id: int) -> Response:
        relation = relation_for_change(request.user, relation_id)
        try:
            relation_confirm(relation=relation, acting_user=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _answer(request, relation)


@extend_schema(
    tags=[TAG],
    summary="否定一条由户籍推导的关系（写明理由）",
    description=(
        "关系与理由保留，户籍再次推导时不会恢复，任职回避审查不采用。已确认的先“撤销”；"
        "村选委会登记的请删除（409）。" + KEEPERS
    ),
    request=RejectSerializer,
    responses={200: RelationLinkSerializer, **errors(400, 404, 409)},
)
class RelationReject(ApiView):
    def post(self, request: Request, relation_id: int) -> Response:
        relation = relation_for_change(request.user, relation_id)
        body = RejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            relation_reject(
                relation=relation,
                reason=body.validated_data["reason"],
                acting_user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _answer(request, relation)


@extend_schema(
    tags=[TAG],
    summary="撤销对一条推导关系的确认或否定",
    description="关系恢复为待确认，可重新核对；待确认的和村选委会登记的得到 409。" + KEEPERS,
    request=None,
    responses={200: RelationLinkSerializer, **errors(404, 409)},
)
class RelationReopen(ApiView):
    def post(self, request: Request, relation_id: int) -> Response:
        relation = relation_for_change(request.user, relation_id)
        try:
            relation_reopen(relation=relation, acting_user=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _answer(request, relation)


@extend_schema(
    tags=[TAG],
    summary="确认一户全部待确认的关系",
    description="一次确认本户成员所有待确认的推导关系（每条记一条操作记录）；没有待确认的得到 "
    "409 no_pending_relations。" + KEEPERS,
    request=None,
    responses={200: HouseholdConfirmedSerializer, **errors(404, 409)},
)
class HouseholdRelationsConfirm(ApiView):
    def post(self, request: Request, household_id: int) -> Response:
        household = household_for_change(request.user, household_id)
        try:
            count = relations_confirm_household(
                household=household,
                acting_user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response({"confirmed": count})


@extend_schema(
    tags=[TAG],
    summary="为一个人登记一条近亲属关系（户籍看不出的）",
    description=(
        "亲属须是同村登记的人员（否则 404 relative_not_found）；登记即确认，任职回避审查采用。"
        "已有同样的关系时 409 relation_exists（待确认的请确认，已否定的先撤销）。返回 201，"
        "Location 为这条关系的地址。" + KEEPERS
    ),
    request=DeclareSerializer,
    responses={201: RelationLinkSerializer, **errors(400, 404, 409)},
)
class PersonRelationDeclare(ApiView):
    def post(self, request: Request, person_id: int) -> Response:
        person = person_for_change(request.user, person_id)
        body = DeclareSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        other = Person.objects.filter(pk=data["other_person"], village=person.village).first()
        if other is None:
            raise ApiError(404, "relative_not_found", people_msg.RELATION_OTHER_UNKNOWN)
        elder, younger = (other, person) if data["elder"] == ELDER_OTHER else (person, other)
        if data["kind"] in SYMMETRIC_KINDS:
            elder, younger = person, other
        try:
            relation = relation_declare(
                person_a=elder,
                person_b=younger,
                kind=data["kind"],
                basis=data["basis"],
                acting_user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _answer(request, relation, 201)


@extend_schema(
    tags=[TAG],
    summary="一个村（社区）的近亲属关系，按户排列",
    description="两人中至少一人在本村登记的关系，可按状态筛选（村选委会逐页核对待确认的）。"
    + RECUSAL,
    parameters=[STATUS],
    responses={200: RelationLinkSerializer(many=True), **errors(400, 404)},
)
class VillageRelationList(ListView):
    serializer_class = RelationLinkSerializer

    def get_queryset(self) -> Any:
        village = access_village(self.request.user, self.kwargs["village_id"])
        raw = self.request.query_params.get("status")
        if raw is not None and raw not in RelationStatus.values:
            allowed = "、".join(RelationStatus.values)
            message = f"状态“{raw}”无法识别，可选：{allowed}；不给出时列出全部。"
            raise ApiError(400, "invalid_input", message, {"status": [message]})
        self.audit_region = village
        return village_relation_list(
            village=village, status=RelationStatus(raw) if raw is not None else None
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "openable": self._openable}

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        ids = {p for r in page or [] for p in (r.person_a_id, r.person_b_id)}
        self._openable = openable_people(self.request.user, ids)
        return page
