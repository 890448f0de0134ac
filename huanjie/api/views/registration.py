"""The voter register through the API: read by everyone who opens the village (ID numbers as on
the web), changed by its election committee through the web's gates, capability and services.

A refusal changes nothing: 400 `invalid_input` for an entry to correct, 409 with a stable code
when the register's state or a rule does not allow it (the rule ID is in the message).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_region, access_village
from huanjie.accounts.messages import REGION_NOT_FOUND
from huanjie.accounts.policy import village_scope
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers import registration as shapes
from huanjie.api.views.base import ApiView, ListView, validated
from huanjie.people.display import PersonMasker
from huanjie.people.models import Person
from huanjie.people.services import field_errors
from huanjie.regions.models import Region, VillagerGroup
from huanjie.registration import messages as msg
from huanjie.registration.access import (
    require_objection_handler,
    require_registrar,
)
from huanjie.registration.changes import register_changes
from huanjie.registration.gates import access_card, access_conflict, access_objection
from huanjie.registration.models import (
    Category,
    LeftOffKind,
    Objection,
    ObjectionStatus,
    VoterCard,
    VoterRegister,
)
from huanjie.registration.selectors import (
    active_voters,
    conflict_views,
    current_election,
    left_off_reasons,
    left_off_rows,
    objections_of,
    register_of,
    summary,
    township_status,
)
from huanjie.registration.services import (
    application_record,
    card_reissue,
    cards_issue,
    conflict_resolve,
    decisions_publish,
    objection_decide,
    objection_file,
    register_build,
    register_open,
    register_publish,
    wish_record,
)
from huanjie.registration.services.objections import decision_due, late_finding
from huanjie.registration.services.publish import last_publication_day
from huanjie.rules.eligibility.identity import mask_id_number, normalize_id_number

TAG = "选民登记"
REGISTRARS = "仅本村村民选举委员会可用；其他角色得到 403，不在管辖范围内得到 404。"
REFUSED = (
    "有误时返回 400 invalid_input；名单的状态或法律规定不允许时返回 409 及其代码"
    "（如 published、too_late、conflicts、late、overdue、not_eligible），message 说明原因和"
    "依据的规则，未作任何修改。"
)
# The services' refusals that are about the register's state or a rule (409), not an entry.
CONFLICTS = frozenset(
    {
        "published",
        "not_built",
        "no_election_day",
        "day_changed",
        "too_late",
        "conflicts",
        "empty",
        "not_published",
        "overdue",
        "decided",
        "late",
        "not_eligible",
        "elsewhere",
        "listed",
        "not_listed",
        "resolved",
        "holder_published",
        "holder_only",
        "void",
        "removed",
        "none",
        "nothing",
        "exists",
        "resides",
        "hukou_here",
        "not_here",
        "not_on_register",
        "deceased",
        "not_vc",
        "not_first_round",
        "closed",
        "race",
        "election_day",
    }
)
KIND = OpenApiParameter(
    "kind",
    {"type": "string", "enum": list(LeftOffKind.values)},
    description="只列出一种情形",
)
CATEGORY = OpenApiParameter(
    "category",
    {"type": "string", "enum": list(Category.values)},
    description="只列出一种登记类别",
)


def _refused(exc: ValidationError) -> ApiError:
    fields = field_errors(exc)
    codes = (
        [e.code for es in exc.error_dict.values() for e in es]
        if hasattr(exc, "error_dict")
        else [e.code for e in exc.error_list]
    )
    message = "".join(m for ms in fields.values() for m in ms)
    if codes and codes[0] in CONFLICTS:
        return ApiError(409, str(codes[0]), message, fields)
    return ApiError(400, "invalid_input", message, fields)


def _election_register(village: Region) -> tuple[Any, VoterRegister | None]:
    election = current_election(village)
    return election, register_of(election)


def _register(village: Region) -> VoterRegister:
    register = _election_register(village)[1]
    if register is None or register.built_on is None:
        raise ApiError(409, "not_built", msg.NOT_BUILT)
    return register


def _ref(region: Region) -> dict[str, Any]:
    return {"id": region.pk, "code": region.code, "name": region.name, "level": region.level}


def register_data(village: Region) -> dict[str, Any]:
    election, register = _election_register(village)
    found = summary(register) if register is not None else None
    day = election.election_day if election is not None else None
    return {
        "id": register.pk if register else None,
        "village": _ref(village),
        "election_day": day,
        "status": register.status if register and register.built_on else "none",
        "status_label": (
            register.get_status_display() if register and register.built_on else "未生成"
        ),
        "built_on": register.built_on if register else None,
        "built_for_day": register.election_day if register else None,
        "last_publication_day": last_publication_day(register) if register else None,
        "published_on": register.published_on if register else None,
        "objection_deadline": register.objection_deadline if register else None,
        "deadline_warning": register.deadline_warning if register else "",
        "voters": found.voters if found else 0,
        "women": found.women if found else 0,
        "categories": [{"key": k, "name": label, "count": n} for k, label, n in found.by_category]
        if found
        else [],
        "left_off": [{"key": k, "name": label, "count": n} for k, label, n in found.left_off]
        if found
        else [],
        "open_conflicts": found.conflicts if found else 0,
        "open_objections": found.open_objections if found else 0,
        "unpublished_decisions": found.unpublished_decisions if found else 0,
        "cards": found.cards if found else 0,
    }


def _person(request: Request, register: VoterRegister, number: str) -> Person:
    person = Person.objects.filter(id_number=normalize_id_number(number)).first()
    if person is None:
        text = f"找不到身份证号为 {mask_id_number(number)} 的人员，请核对号码。"
        raise ApiError(400, "invalid_input", text, {"id_number": [text]})
    return person


def _group(village: Region, group_id: int | None, field: str) -> VillagerGroup | None:
    if group_id is None:
        return None
    group = VillagerGroup.objects.filter(village=village, pk=group_id).first()
    if group is None:
        raise ApiError(400, "invalid_input", msg.GROUP_NOT_HERE, {field: [msg.GROUP_NOT_HERE]})
    return group


class VoterRegisterDetail(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="本村选民名单的状态和人数",
        description=(
            "本届村民委员会选举的选民名单：状态、最晚公布日期（VC-REG-5）、异议截止日"
            "（VC-REG-6）、按登记类别的人数、未列入人数、待协调的重复登记和待处理的异议。"
        ),
        responses={200: shapes.VoterRegisterSerializer, **errors(404)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        return Response(register_data(village))


class VoterRegisterBuild(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="生成（或重新生成）选民名单草稿",
        description=(
            "按户籍登记和登记事项逐人依法判断（VC-REG-1、-2、-4，年龄计算到选举日），"
            "已在其他村登记的列为重复登记（VC-REG-3）。返回名单状态。" + REFUSED + REGISTRARS
        ),
        request=None,
        responses={200: shapes.VoterRegisterSerializer, **errors(404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = require_registrar(request.user, village)
        election = current_election(village)
        if election is None:
            raise ApiError(409, "no_election", msg.NO_ELECTION.format(village=village.name))
        try:
            register_build(election=election, acting_user=user)
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response(register_data(village))


class VoterRegisterPublish(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="登记选民名单的公布日期",
        description=(
            "不晚于最晚公布日期（选举日前20日，VC-REG-5，否则 409 too_late 并说明最晚日期），"
            "没有待协调的重复登记（409 conflicts）。公布后名单不再重新生成。" + REFUSED + REGISTRARS
        ),
        request=shapes.PublishInput,
        responses={200: shapes.VoterRegisterSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = require_registrar(request.user, village)
        data = validated(shapes.PublishInput, request)
        try:
            register_publish(
                register=_register(village), published_on=data["published_on"], acting_user=user
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response(register_data(village))


class VoterList(ListView):
    serializer_class = shapes.VoterSerializer

    @extend_schema(
        tags=[TAG],
        summary="选民名单",
        description="按村民小组、户排列；身份证号按您的权限显示（读取完整号码记入审计日志）。",
        parameters=[CATEGORY],
        responses={200: shapes.VoterSerializer(many=True), **errors(400, 404, 409)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        village = access_village(self.request.user, self.kwargs["village_id"])
        self.audit_region = village
        qs = active_voters(_register(village)).select_related(
            "person__village", "person__party_membership__organization__village"
        )
        category = self.request.query_params.get("category")
        if category is not None:
            if category not in Category.values:
                text = "登记类别无法识别，可选：" + "、".join(Category.values)
                raise ApiError(400, "invalid_input", text, {"category": [text]})
            qs = qs.filter(category=category)
        return qs

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        masker = PersonMasker(request.user)
        rows = [
            {
                "id": v.pk,
                "person": v.person_id,
                "name": v.name,
                "sex": v.sex,
                "villager_group": v.group_name,
                "household_number": v.household_number,
                "id_number": masker.id_number(v.person),
                "category": v.category,
                "category_label": v.get_category_display(),
                "added_by_objection": v.added_by_id,
            }
            for v in page or []
        ]
        return self.get_paginated_response(rows)


class LeftOffList(ListView):
    serializer_class = shapes.LeftOffSerializer

    @extend_schema(
        tags=[TAG],
        summary="未列入选民名单的人员及原因",
        description="每人写明依据的规则和原因；在其他村登记的，只对能打开该村的用户写村名。",
        parameters=[KIND],
        responses={200: shapes.LeftOffSerializer(many=True), **errors(400, 404, 409)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        village = access_village(self.request.user, self.kwargs["village_id"])
        self.audit_region = village
        self.register = _register(village)
        kind = self.request.query_params.get("kind", "")
        if kind and kind not in LeftOffKind.values:
            text = "情形无法识别，可选：" + "、".join(LeftOffKind.values)
            raise ApiError(400, "invalid_input", text, {"kind": [text]})
        return left_off_rows(self.register, kind).select_related(
            "person__village", "person__party_membership__organization__village"
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        masker = PersonMasker(request.user)
        rows = [
            {
                "person": row.person_id,
                "name": row.person.name,
                "id_number": masker.id_number(row.person),
                "kind": row.kind,
                "kind_label": row.get_kind_display(),
                "rule_ids": row.rule_ids.split(","),
                "reasons": left_off_reasons(row, self.register, request.user),
            }
            for row in page or []
        ]
        return self.get_paginated_response(rows)


class WishCreate(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="登记外出人员的参选意愿",
        description=(
            "户籍在本村、不在本村居住的人表示参加选举（何时、何种方式）；重新生成名单后列入"
            "（VC-REG-2 第二类）。返回 201。" + REFUSED + REGISTRARS
        ),
        request=shapes.WishInput,
        responses={201: shapes.VoterRegisterSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = require_registrar(request.user, village)
        data = validated(shapes.WishInput, request)
        register = self._register(village, user)
        try:
            wish_record(
                register=register,
                person=_person(request, register, data["id_number"]),
                expressed_on=data["expressed_on"],
                means=data["means"],
                note=data.get("note", ""),
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response(register_data(village), status=201)

    @staticmethod
    def _register(village: Region, user: Any) -> VoterRegister:
        election = current_election(village)
        if election is None:
            raise ApiError(409, "no_election", msg.NO_ELECTION.format(village=village.name))
        try:
            return register_open(election=election, acting_user=user)
        except ValidationError as exc:
            raise _refused(exc) from exc


class ApplicationCreate(WishCreate):
    @extend_schema(
        tags=[TAG],
        summary="登记户籍不在本村人员的登记申请",
        description=(
            "在本村居住满规定年限（或本省办法规定的从事村务工作）、本人申请、经村民会议或"
            "村民代表会议同意（VC-REG-2 第三类）；本系统中没有此人的，按身份证号和姓名登记为本村"
            "无户籍人员。返回 201。" + REFUSED + REGISTRARS
        ),
        request=shapes.ApplicationInput,
        responses={201: shapes.VoterRegisterSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = require_registrar(request.user, village)
        data = validated(shapes.ApplicationInput, request)
        group = _group(village, data.get("villager_group"), "villager_group")
        register = self._register(village, user)
        try:
            application_record(
                register=register,
                id_number=data["id_number"],
                name=data.get("name", ""),
                basis=data.get("basis") or "resident",
                since=data["since"],
                applied_on=data["applied_on"],
                approved_on=data.get("approved_on"),
                meeting=data.get("meeting", ""),
                villager_group=group,
                note=data.get("note", ""),
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response(register_data(village), status=201)


def _conflict_rows(register: VoterRegister, request: Request) -> list[dict[str, Any]]:
    scope = village_scope(request.user)
    rows = []
    for resolved in (False, True):
        for view in conflict_views(register, request.user, resolved=resolved):
            conflict = view.conflict
            other = view.other_register.village
            rows.append(
                {
                    "id": conflict.pk,
                    "person": conflict.person_id,
                    "name": conflict.person.name,
                    "this_village_claims": view.this_claims,
                    "other_village": view.other_name,
                    "other_village_id": other.pk if scope.contains(other) else None,
                    "contact": view.contact,
                    "other_lists": view.other_lists,
                    "resolved": resolved,
                    "kept_here": (conflict.kept_id == register.pk) if resolved else None,
                    "note": conflict.note,
                }
            )
    return rows


class ConflictList(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="重复登记（VC-REG-3）",
        description=(
            "同一届选举同一人被两个村列入：待协调的在前，已确定的在后。待协调的不处理，"
            "两村名单都不能公布。"
        ),
        responses={200: shapes.ConflictSerializer(many=True), **errors(404, 409)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        return Response(_conflict_rows(_register(village), request))


class ConflictResolve(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="确定重复登记的人在哪个村登记",
        description=(
            "keep_village 为两个村之一。本村可以放弃登记；把此人从另一村的名单上取消只能由"
            "该村选委会确定（409 holder_only），已公布的须经该村异议处理（409 holder_published）。"
            "两村的操作记录都记下。" + REGISTRARS
        ),
        request=shapes.ResolveInput,
        responses={200: shapes.ConflictSerializer(many=True), **errors(400, 404, 409)},
    )
    def post(self, request: Request, conflict_id: int) -> Response:
        conflict = access_conflict(request.user, conflict_id)
        sides = [conflict.claimant, conflict.holder]
        ours = [r for r in sides if village_scope(request.user).contains(r.village)]
        if not ours:
            raise Http404(msg.CONFLICT_NOT_FOUND)
        user = require_registrar(request.user, ours[0].village)
        data = validated(shapes.ResolveInput, request)
        keep = next((r for r in sides if r.village_id == data["keep_village"]), None)
        if keep is None:
            raise ApiError(
                400,
                "invalid_input",
                msg.CONFLICT_NOT_A_SIDE,
                {"keep_village": [msg.CONFLICT_NOT_A_SIDE]},
            )
        try:
            conflict_resolve(
                conflict=conflict, keep=keep, note=data.get("note", ""), acting_user=user
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response(_conflict_rows(ours[0], request))


def _objection_row(objection: Objection) -> dict[str, Any]:
    late = late_finding(objection) if objection.status == ObjectionStatus.LATE else None
    return {
        "id": objection.pk,
        "received_on": objection.received_on,
        "filed_by": objection.filed_by,
        "kind": objection.kind,
        "kind_label": objection.get_kind_display(),
        "person": objection.person_id,
        "name": objection.person.name,
        "claim": objection.claim,
        "status": objection.status,
        "status_label": objection.get_status_display(),
        "decision_due": (
            decision_due(objection) if objection.status == ObjectionStatus.OPEN else None
        ),
        "period_closed_on": objection.period_closed_on,
        "refusal": f"{late.message}（{late.rule_id}）" if late else "",
        "decided_on": objection.decided_on,
        "reasons": objection.reasons,
        "notice": objection.notice.number if objection.notice else None,
    }


class ObjectionListCreate(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="选民名单的异议",
        description="收到日期倒序；待处理的给出最晚决定日期，逾期不予受理的给出依据和说明。",
        responses={200: shapes.ObjectionSerializer(many=True), **errors(404, 409)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        return Response([_objection_row(o) for o in objections_of(_register(village))])

    @extend_schema(
        tags=[TAG],
        summary="登记收到的异议",
        description=(
            "名单公布后（409 not_published）。异议期内的受理，返回 201 和这件异议；异议期届满后"
            "收到的也登记，但不予受理：返回 201，status 为 late，refusal 说明依据（VC-REG-6）。"
            + REFUSED
            + "仅本村村民选举委员会可用。"
        ),
        request=shapes.ObjectionInput,
        responses={201: shapes.ObjectionSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = require_objection_handler(request.user, village)
        data = validated(shapes.ObjectionInput, request)
        register = _register(village)
        person = _person(request, register, data["id_number"])
        group = _group(village, data.get("new_group"), "new_group")
        try:
            objection = objection_file(
                register=register,
                received_on=data["received_on"],
                filed_by=data["filed_by"],
                kind=data["kind"],
                person=person,
                claim=data["claim"],
                new_name=data.get("new_name", ""),
                new_sex=data.get("new_sex", ""),
                new_group=group,
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response(_objection_row(objection), status=201)


class ObjectionDecide(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="作出异议处理决定",
        description=(
            "收到之日起3日内、选举日前（409 overdue，说明最晚日期，VC-REG-6），写明理由；"
            "异议成立的选民名单随之更正（新增的须符合登记条件：409 not_eligible）。"
            + REFUSED
            + "仅本村村民选举委员会可用。"
        ),
        request=shapes.DecideInput,
        responses={200: shapes.ObjectionSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, objection_id: int) -> Response:
        objection = access_objection(request.user, objection_id)
        user = require_objection_handler(request.user, objection.register.village)
        data = validated(shapes.DecideInput, request)
        try:
            objection = objection_decide(
                objection=objection,
                upheld=data["upheld"],
                reasons=data["reasons"],
                decided_on=data["decided_on"],
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response(_objection_row(objection))


class NoticePublish(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="公布异议处理结果（补充公告）",
        description=(
            "把已作出、未公布的决定编入下一号补充公告（409 nothing：没有待公布的决定），"
            "须在选举日前公布。返回 201。" + REFUSED + "仅本村村民选举委员会可用。"
        ),
        request=shapes.NoticeInput,
        responses={201: shapes.NoticeSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = require_objection_handler(request.user, village)
        data = validated(shapes.NoticeInput, request)
        try:
            notice = decisions_publish(
                register=_register(village), published_on=data["published_on"], acting_user=user
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        body = {
            "id": notice.pk,
            "number": notice.number,
            "published_on": notice.published_on,
            "objections": sorted(notice.objections.values_list("pk", flat=True)),
        }
        return Response(body, status=201)


def _card_row(card: VoterCard) -> dict[str, Any]:
    return {
        "id": card.pk,
        "number": card.number,
        "voter": card.voter_id,
        "name": card.voter.name,
        "voided": card.voided_at is not None,
        "void_reason": card.void_reason,
        "replaces": card.replaces.number if card.replaces_id and card.replaces else None,
    }


class CardsIssue(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="发放选民证（编号）",
        description=(
            "为已公布名单上还没有选民证的选民按名单顺序编号（409 not_published、none）。"
            "返回 201 和新发的选民证；PDF 在网页“选民证”页按编号下载。" + REGISTRARS
        ),
        request=None,
        responses={201: shapes.CardSerializer(many=True), **errors(404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = require_registrar(request.user, village)
        try:
            cards = cards_issue(register=_register(village), acting_user=user)
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response([_card_row(c) for c in cards], status=201)


class CardReissue(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="补发选民证",
        description=(
            "原编号作废并记录原因，补发的用新编号（409 void：已作废的不能再补发）。返回 201。"
            + REGISTRARS
        ),
        request=shapes.ReissueInput,
        responses={201: shapes.CardSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, card_id: int) -> Response:
        card = access_card(request.user, card_id)
        user = require_registrar(request.user, card.register.village)
        data = validated(shapes.ReissueInput, request)
        try:
            new = card_reissue(card=card, reason=data["reason"], acting_user=user)
        except ValidationError as exc:
            raise _refused(exc) from exc
        new = VoterCard.objects.select_related("voter", "replaces").get(pk=new.pk)
        return Response(_card_row(new), status=201)


class Changes(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="选民四增四减",
        description=(
            "本届选民名单与上届比较（本系统中的上届名单，或网页上导入的上届名单）：各类人数、"
            "小项，以及上届 + 四增 − 四减 = 本届 的核对。没有上届名单时 409 no_previous。"
        ),
        responses={200: shapes.ChangesSerializer, **errors(404, 409)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        report = register_changes(_register(village))
        if report is None:
            raise ApiError(
                409,
                "no_previous",
                "没有上届选民名单，无法计算四增四减。请先在网页上导入上届选民名单。",
            )

        def classes(items: Any) -> list[dict[str, Any]]:
            return [
                {"key": c.key, "name": c.label, "count": c.count, "subs": c.subs} for c in items
            ]

        return Response(
            {
                "previous_source": report.source,
                "previous_list": report.source_label,
                "previous_day": report.previous_day,
                "old_total": report.old_total,
                "increase_total": report.increase_total,
                "decrease_total": report.decrease_total,
                "new_total": report.new_total,
                "balanced": report.balanced,
                "increases": classes(report.increases),
                "decreases": classes(report.decreases),
            }
        )


class RegionRegisters(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一个乡镇（或县）各村的选民登记情况",
        description=(
            "您管辖的该区划内每个村：名单状态、选民数、待协调的重复登记、待处理的异议和期限。"
            "只对能打开该区划全部村页面的用户开放（乡镇组织委员、县换届办、管理员）。"
        ),
        responses={200: shapes.VillageStatusSerializer(many=True), **errors(404)},
    )
    def get(self, request: Request, region_id: int) -> Response:
        region = access_region(request.user, region_id)
        if region.is_village or not village_scope(request.user).contains(region):
            raise Http404(REGION_NOT_FOUND)
        rows = [
            {
                "village": _ref(row.village),
                "state": row.state,
                "election_day": row.election.election_day if row.election else None,
                "last_publication_day": row.last_day,
                "published_on": row.register.published_on if row.register else None,
                "objection_deadline": row.register.objection_deadline if row.register else None,
                "voters": row.voters,
                "open_conflicts": row.conflicts,
                "open_objections": row.open_objections,
            }
            for row in township_status(request.user, region)
        ]
        return Response(rows)
