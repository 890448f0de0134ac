"""Keeping the register through the API: a new household, a household's 户号 and group, a
member added, the head changed, a person's entry changed, moved within the village, marked
moved out or deceased, and back on the register.

The web's gates, capability and services: the object comes through its gate (404 outside the
caller's villages), only the village election committee goes on (403 saying who keeps the
register), one audited service does the change. A refusal changes nothing: 400
`invalid_input` when an entry is wrong, 409 with the refusal's own code when the register's
state does not allow it (a 户号 in use, a second head …); `details` has the messages by field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_one, access_village
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.editing import (
    HeadChangeSerializer,
    HouseholdCreateSerializer,
    HouseholdUpdateSerializer,
    LeaveSerializer,
    MemberWriteSerializer,
    MoveSerializer,
    PersonUpdateSerializer,
)
from huanjie.api.serializers.people import (
    HouseholdDetailSerializer,
    PersonDetailSerializer,
    PersonSerializer,
)
from huanjie.api.views.base import ApiView, person_context, validated
from huanjie.api.views.people import HouseholdDetail, HouseholdList, PersonDetail
from huanjie.people import messages as people_msg
from huanjie.people.gates import access_household, access_person
from huanjie.people.models import Household, Person, PoliticalStatus
from huanjie.people.register.inputs import DEFAULT_ETHNICITY, MemberInput
from huanjie.people.services import (
    field_errors,
    household_head_change,
    household_register,
    household_update,
    person_add,
    person_leave,
    person_move,
    person_return,
    person_update,
)
from huanjie.people.views_import import may_keep_register
from huanjie.regions.models import VillagerGroup

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

TAG = "户籍维护"
KEEPERS = "仅本村村民选举委员会（户籍的维护者）可用；其他角色得到 403，不在管辖范围内得到 404。"
REFUSALS = (
    "有误时返回 400 invalid_input，户籍现状不允许时返回 409 及其代码（如 "
    "household_number_taken、head_exists、household_needs_head、head_must_stay、"
    "person_on_register、person_left_here、person_deceased、person_left、id_number_taken、"
    "already_head）；details 按字段列出说明，未作任何修改。"
)
# The services' refusals that say the register's state does not allow the change (409); any
# other is an entry to correct (400).
CONFLICTS = frozenset(
    {
        "household_number_taken",
        "head_exists",
        "household_needs_head",
        "head_must_stay",
        "person_on_register",
        "person_left_here",
        "person_deceased",
        "person_left",
        "id_number_taken",
        "already_head",
    }
)
GROUP_NOT_FOUND = "找不到该村民小组，或它不属于这个村（社区）。请用本村村民小组的编号。"
HOUSEHOLD_NOT_FOUND = "找不到该户，或它不在您管辖的村（社区）。请用本村另一户的编号。"


def _refused(exc: ValidationError) -> ApiError:
    fields = field_errors(exc)
    codes = (
        [e.code for es in exc.error_dict.values() for e in es]
        if hasattr(exc, "error_dict")
        else [e.code for e in exc.error_list]
    )
    message = "未修改户籍登记：" + "".join(m for ms in fields.values() for m in ms)
    if codes and all(code in CONFLICTS for code in codes):
        return ApiError(409, str(codes[0]), message, fields)
    return ApiError(400, "invalid_input", message, fields)


def _keeper(request: Request, village: Region) -> User:
    # domain.md §1: the register is the village election committee's to change.
    if not may_keep_register(request.user, village):
        raise PermissionDenied(people_msg.NOT_A_KEEPER)
    user: User = request.user  # type: ignore[assignment]  # authenticated, a keeper
    return user


def _member(data: dict[str, Any]) -> MemberInput:
    return MemberInput(
        name=data["name"],
        id_number=data["id_number"],
        relation=data["relation_to_head"],
        sex=data.get("sex", ""),
        ethnicity=data.get("ethnicity") or DEFAULT_ETHNICITY,
        education=data.get("education", ""),
        political_status=data.get("political_status") or PoliticalStatus.MASSES,
        phone=data.get("phone", ""),
        hukou_in_village=data.get("hukou_in_village", True),
        resides_in_village=data.get("resides_in_village", True),
        tags=tuple(dict.fromkeys(data.get("tags", []))),
    )


def _created(response: Response, request: Request, name: str, pk: int) -> Response:
    response.status_code = 201
    response["Location"] = request.build_absolute_uri(reverse(name, args=[pk]))
    return response


def _person(request: Request, person: Person, status: int = 200) -> Response:
    person = (
        Person.objects.select_related("village", "household__villager_group")
        .prefetch_related("tags")
        .get(pk=person.pk)
    )
    response = Response(PersonSerializer(person, context=person_context(request)).data)
    if status == 201:
        return _created(response, request, "api:person_detail", person.pk)
    return response


class HouseholdListCreate(HouseholdList):
    """GET: the village's households (api.views.people); POST: a new one."""

    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="新增一户：户号、村民小组和成员",
        description=(
            "户主在内的成员一次登记，检查与户籍导入相同（身份证号、性别、每户一名户主、"
            "已在别处登记的人）。返回 201 和这一户（Location 为其地址）。" + REFUSALS + KEEPERS
        ),
        request=HouseholdCreateSerializer,
        responses={201: HouseholdDetailSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = _keeper(request, village)
        data = validated(HouseholdCreateSerializer, request)
        groups = VillagerGroup.objects.filter(village=village)
        group = groups.filter(pk=data["villager_group"]).first()
        if group is None:
            details = {"villager_group": [GROUP_NOT_FOUND]}
            raise ApiError(400, "invalid_input", GROUP_NOT_FOUND, details)
        try:
            household = household_register(
                village=village,
                villager_group=group,
                number=data["number"],
                members=[_member(m) for m in data["members"]],
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        answer = HouseholdDetail().retrieve(request, household_id=household.pk)
        return _created(answer, request, "api:household_detail", household.pk)


class HouseholdDetailEdit(HouseholdDetail):
    """GET: the household (api.views.people); PATCH: its 户号 and group."""

    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="修改本户：户号、村民小组",
        description="只修改给出的项；换村民小组时全户随之调整。返回这一户。" + REFUSALS + KEEPERS,
        request=HouseholdUpdateSerializer,
        responses={200: HouseholdDetailSerializer, **errors(400, 404, 409)},
    )
    def patch(self, request: Request, household_id: int) -> Response:
        household = access_household(request.user, household_id)
        user = _keeper(request, household.village)
        data = validated(HouseholdUpdateSerializer, request)
        group = None
        if "villager_group" in data:
            group = VillagerGroup.objects.filter(
                village=household.village, pk=data["villager_group"]
            ).first()
            if group is None:
                details = {"villager_group": [GROUP_NOT_FOUND]}
                raise ApiError(400, "invalid_input", GROUP_NOT_FOUND, details)
        try:
            household_update(
                household=household,
                number=data.get("number"),
                villager_group=group,
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return self.retrieve(request, household_id=household.pk)


class HouseholdMembers(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="添加户成员（新出生、婚入、从外村迁入）",
        description=(
            "检查与户籍导入相同。身份证号属于已从外村登记迁出的人时，此人迁入本户（原有记录"
            "按这里填写的更新，记为“迁入本村”）。返回 201 和此人。" + REFUSALS + KEEPERS
        ),
        request=MemberWriteSerializer,
        responses={201: PersonSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, household_id: int) -> Response:
        household = access_household(request.user, household_id)
        user = _keeper(request, household.village)
        data = validated(MemberWriteSerializer, request)
        try:
            person = person_add(household=household, member=_member(data), acting_user=user)
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _person(request, person, 201)


class HouseholdHead(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="更换户主",
        description=(
            "新户主从本户在册成员中选定，原户主改为 former_head_relation；other_relations 同时"
            "改正其他成员与新户主的关系，近亲属关系随之重新推导。返回这一户。" + REFUSALS + KEEPERS
        ),
        request=HeadChangeSerializer,
        responses={200: HouseholdDetailSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, household_id: int) -> Response:
        household = access_household(request.user, household_id)
        user = _keeper(request, household.village)
        data = validated(HeadChangeSerializer, request)
        members = Person.objects.filter(household=household)
        new_head = members.filter(pk=data["new_head"]).first()
        others = {o["person"]: o["relation_to_head"] for o in data.get("other_relations", [])}
        try:
            if new_head is None:
                message = people_msg.NEW_HEAD_NOT_MEMBER.format(name=f"编号{data['new_head']}")
                raise ValidationError({"new_head": ValidationError(message, code="not_a_member")})
            household_head_change(
                household=household,
                new_head=new_head,
                former_head_relation=data.get("former_head_relation", ""),
                other_relations=others,
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return HouseholdDetail().retrieve(request, household_id=household.pk)


class PersonDetailEdit(PersonDetail):
    """GET: the person (api.views.people); PATCH: their entry."""

    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="修改人员信息（含与户主关系、标签）",
        description=(
            "只修改给出的项。改正身份证号时性别和出生日期随之更正；户主不能在这里改为其他"
            "关系（请用“更换户主”）。返回此人。" + REFUSALS + KEEPERS
        ),
        request=PersonUpdateSerializer,
        responses={200: PersonDetailSerializer, **errors(400, 404, 409)},
    )
    def patch(self, request: Request, person_id: int) -> Response:
        person = access_person(request.user, person_id)
        user = _keeper(request, person.village)
        data = validated(PersonUpdateSerializer, request)
        try:
            person_update(person=person, changes=data, acting_user=user)
        except ValidationError as exc:
            raise _refused(exc) from exc
        return self.retrieve(request, person_id=person.pk)


class PersonMove(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="迁到本村其他户",
        description=(
            "此人的村民小组随迁入的户。户内还有其他在册成员的户主须先更换户主。返回此人。"
            + REFUSALS
            + KEEPERS
        ),
        request=MoveSerializer,
        responses={200: PersonSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, person_id: int) -> Response:
        person = access_person(request.user, person_id)
        user = _keeper(request, person.village)
        data = validated(MoveSerializer, request)
        households = Household.objects.filter(village=person.village)
        target = access_one(households, data["household"], HOUSEHOLD_NOT_FOUND)
        try:
            person = person_move(
                person=person,
                household=target,
                relation_to_head=data["relation_to_head"],
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _person(request, person)


class PersonLeave(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="登记迁出或死亡",
        description=(
            "此人不再计入在册人员，户和与户主关系作为记录保留。户内还有其他在册成员的户主须"
            "先更换户主。返回此人（status、status_on）。" + REFUSALS + KEEPERS
        ),
        request=LeaveSerializer,
        responses={200: PersonSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, person_id: int) -> Response:
        person = access_person(request.user, person_id)
        user = _keeper(request, person.village)
        data = validated(LeaveSerializer, request)
        try:
            person = person_leave(
                person=person,
                status=data["status"],
                on=data["on"],
                note=data.get("note", ""),
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _person(request, person)


class PersonReturn(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="恢复在册（迁出或死亡登记有误时）",
        description=(
            "此人回到原来的户和与户主关系。原是户主而本户已有新户主时返回 409 head_exists："
            "先修改此人的与户主关系。" + REFUSALS + KEEPERS
        ),
        request=None,
        responses={200: PersonSerializer, **errors(404, 409)},
    )
    def post(self, request: Request, person_id: int) -> Response:
        person = access_person(request.user, person_id)
        user = _keeper(request, person.village)
        try:
            person = person_return(person=person, acting_user=user)
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _person(request, person)
