"""The villagers' election committee and the villager representatives of a village: read them,
and — for the village election committee — record the 推选, a nominee (also the township
officer), a role, the apportionment and each constituency's selection.

The same gate, permission and services as the web: the village through `access_village` (404
outside the reader's scope), a write only for whom `committees.access` allows (403 saying who
may), then one service. A refusal for the state of things (no election, already recorded …)
is a 409 with a stable code; an entry to correct is a 400 with the messages in `details`.
Nothing changes on either.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.committees import (
    ApportionWriteSerializer,
    CancelWriteSerializer,
    CommitteeSerializer,
    CommitteeWriteSerializer,
    NomineeOutcomeSerializer,
    NomineeWriteSerializer,
    RepresentativesSerializer,
    RoleWriteSerializer,
    SelectionWriteSerializer,
)
from huanjie.api.views.base import ApiView, validated
from huanjie.committees import messages as msg
from huanjie.committees.access import keeper, nomination_keeper
from huanjie.committees.models import CommitteeMember, Constituency
from huanjie.committees.selectors import CommitteeView, committee_view, representatives_view
from huanjie.committees.services import (
    SelectionVoteInput,
    VoteInput,
    committee_member_role_set,
    committee_nominee_record,
    committee_record,
    representatives_apportion,
    representatives_selection_cancel,
    representatives_selection_record,
)
from huanjie.people.models import Person, Sex
from huanjie.regions.models import Region
from huanjie.rules.checks import Finding

TAG = "村民选举委员会和村民代表"
KEEPERS = "仅本村村民选举委员会可用；其他角色得到 403。"
# A refusal's ValidationError code → (HTTP status, the API's stable code).
STATE = {
    "no_election": "no_election",
    "closed": "election_closed",
    "not_sitting": "member_not_sitting",
    "unchanged": "role_unchanged",
    "selected": "selection_recorded",
    "not_selected": "no_selection",
}


def _refused(exc: ValidationError, exists: str = "already_recorded") -> ApiError:
    code = exc.error_list[0].code if exc.error_list else None
    messages = list(exc.messages)
    if code == "exists":
        return ApiError(409, exists, "".join(messages))
    if code in STATE:
        return ApiError(409, STATE[str(code)], "".join(messages))
    return ApiError(400, "invalid_input", "".join(messages), {"messages": messages})


def _people(village: Region, ids: list[int]) -> dict[int, Person]:
    found = {p.pk: p for p in Person.objects.filter(village=village, pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        message = (
            f"编号为{'、'.join(map(str, missing))}的人员不是{village.name}登记的人员，请核对编号。"
        )
        raise ApiError(400, "invalid_input", message, {"person": missing})
    return found


def _selection_votes(
    village: Region, *columns: list[dict[str, int]]
) -> list[list[SelectionVoteInput]]:
    """Each column of vote rows (person id, votes) as a selection's service takes them; all
    the columns' people are checked against the village's at once, so a 400 names them all."""
    people = _people(village, [v["person"] for rows in columns for v in rows])
    return [[SelectionVoteInput(people[v["person"]], v["votes"]) for v in rows] for rows in columns]


def _ref(person: Person | None) -> dict[str, Any] | None:
    return None if person is None else {"id": person.pk, "name": person.name}


def _findings(findings: list[Finding] | tuple[Finding, ...]) -> list[dict[str, str]]:
    return [
        {"rule_id": f.rule_id, "severity": str(f.severity), "message": f.message} for f in findings
    ]


def committee_data(view: CommitteeView) -> dict[str, Any]:
    c = view.committee
    size = view.size_range
    body = None
    if c is not None:
        body = {
            "chosen_by": c.chosen_by,
            "chosen_by_label": c.get_chosen_by_display(),
            "chosen_on": c.chosen_on,
            "should_attend": c.should_attend,
            "present": c.present,
            "seats": c.seats,
            "vacancy_note": c.vacancy_note,
            "members": [
                {
                    "person": _ref(m.person),
                    "role": m.role,
                    "role_label": m.get_role_display(),
                    "seating": m.seating,
                    "seated_on": m.seated_on,
                    "replaces": _ref(m.replaces.person) if m.replaces else None,
                }
                for m in view.sitting
            ],
            "left": [
                {
                    "person": _ref(m.person),
                    "role": m.role,
                    "left_on": m.left_on,
                    "rule_ids": m.leave_rule_ids.split(),
                    "reason": m.leave_reason,
                    "chain": m.leave_chain,
                    "because": _ref(m.leave_because),
                    "refilled_by": [_ref(r.person) for r in m.refilled_by.select_related("person")],
                }
                for m in view.left
            ],
            "votes": [
                {
                    "person": _ref(line.vote.person),
                    "votes": line.vote.votes,
                    "position": line.vote.position,
                    "outcome": line.outcome,
                }
                for line in view.votes
            ],
            "nominees": [
                {
                    "person": _ref(n.person),
                    "stage": n.stage,
                    "self_nominee": n.self_nominee,
                    "on": n.on,
                }
                for n in view.nominees
            ],
        }
    return {
        "village": view.village.pk,
        "election": view.election.pk if view.election else None,
        "election_day": view.election.election_day if view.election else None,
        "profile": view.profile.id if view.profile else None,
        "size_min": size[0] if size else None,
        "size_max": size[1] if size else None,
        "committee": body,
        "findings": _findings(view.findings),
    }


def representatives_data(village: Region) -> dict[str, Any]:
    view = representatives_view(village=village)
    constituencies = []
    for line in view.lines:
        unit, selection = line.constituency, line.selection
        constituencies.append(
            {
                "number": unit.number,
                "name": unit.name,
                "villager_group": unit.villager_group_id,
                "households": line.households,
                "seats": unit.seats,
                "women_seats": unit.women_seats,
                "selection": None
                if selection is None
                else {
                    "held_on": selection.held_on,
                    "voters_eligible": selection.voters_eligible,
                    "voters_present": selection.voters_present,
                    "households_eligible": selection.households_eligible,
                    "households_present": selection.households_present,
                    "votes": [
                        {
                            "person": _ref(v.person),
                            "votes": v.votes,
                            "woman": v.person.sex == Sex.FEMALE,
                            "elected": v.elected,
                        }
                        for v in line.votes
                    ],
                },
            }
        )
    return {
        "village": village.pk,
        "election": view.election.pk if view.election else None,
        "households": view.households,
        "population": view.population,
        "minimum": view.minimum,
        "minimum_reasons": view.minimum_reasons,
        "basis": view.plan.basis if view.plan else None,
        "decided_on": view.plan.decided_on if view.plan else None,
        "seats": view.seats,
        "vc_seats": view.vc_seats,
        "elected": len(view.elected),
        "women": view.women,
        "women_needed": view.women_needed if view.plan else 0,
        "constituencies": constituencies,
        "composition": [
            {
                "rule_id": line.threshold.rule_id,
                "subject": line.label,
                "count": line.threshold.count,
                "at_least": line.threshold.required,
                "base": line.threshold.base,
                "met": line.threshold.met,
                "sentence": line.sentence,
            }
            for line in view.composition
        ],
        "findings": _findings(view.findings),
    }


def _committee_response(village: Region, status: int = 200) -> Response:
    data = CommitteeSerializer(committee_data(committee_view(village=village))).data
    return Response(data, status=status)


def _representatives_response(village: Region, status: int = 200) -> Response:
    return Response(RepresentativesSerializer(representatives_data(village)).data, status=status)


def _committee_of(village: Region) -> Any:
    committee = committee_view(village=village).committee
    if committee is None:
        raise ApiError(409, "no_committee", msg.NO_COMMITTEE.format(village=village.name))
    return committee


class ElectionCommittee(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一个村本届村民选举委员会：成员、退出和递补、推选结果、参选人",
        description="本村还没有登记时 committee 为 null；findings 为现有人数的核对（VC-EC-1）。",
        responses={200: CommitteeSerializer, **errors(404)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        return _committee_response(access_village(request.user, village_id))

    @extend_schema(
        tags=[TAG],
        summary="登记村民选举委员会的推选结果",
        description=(
            "推选会议（方式、日期、应到和实到人数）和每个得票人：当选为成员的给出职务（主任一名），"
            "未当选的留空，其得票决定依次递补的顺序。到会人数不足、人数超出规则范围、未按得票多少"
            "产生成员等得到 400（details.messages 逐条说明）；本村没有本届村民委员会选举为 409 "
            "no_election，已登记过为 409 committee_exists。返回 201。" + KEEPERS
        ),
        request=CommitteeWriteSerializer,
        responses={201: CommitteeSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = keeper(request.user, village)
        data = validated(CommitteeWriteSerializer, request)
        people = _people(village, [v["person"] for v in data["votes"]])
        try:
            committee_record(
                village=village,
                chosen_by=data["chosen_by"],
                chosen_on=data["chosen_on"],
                should_attend=data["should_attend"],
                present=data["present"],
                votes=[
                    VoteInput(people[v["person"]], v["votes"], v.get("role") or None)
                    for v in data["votes"]
                ],
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc, "committee_exists") from exc
        return _committee_response(village, 201)


@extend_schema(
    tags=[TAG],
    summary="登记一名参选人，并核对村民选举委员会成员的退出和递补",
    description=(
        "参选人被提名、登记为自荐人或列入正式候选人名单后，本人或其近亲属（按本村规则，只采用"
        "已确认或村选委会登记的关系）在村民选举委员会的成员退出，按推选得票依次递补；得票相同"
        "不能确定递补人时 findings 说明须重新推选。同一人已登记为 409 nominee_exists，本村"
        "还没有登记村民选举委员会为 409 no_committee。本村村选委会和乡镇组织委员可用。"
    ),
    request=NomineeWriteSerializer,
    responses={200: NomineeOutcomeSerializer, **errors(400, 404, 409)},
)
class CommitteeNominees(ApiView):
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = nomination_keeper(request.user, village)
        data = validated(NomineeWriteSerializer, request)
        committee = _committee_of(village)
        person = _people(village, [data["person"]])[data["person"]]
        try:
            _, outcome = committee_nominee_record(
                committee=committee,
                person=person,
                stage=data["stage"],
                self_nominee=data.get("self_nominee", False),
                on=data["on"],
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc, "nominee_exists") from exc
        result = {
            "withdrawn": [_ref(m.person) for m in outcome.withdrawn],
            "filled": [_ref(m.person) for m in outcome.filled],
            "findings": _findings(outcome.findings),
            "committee": committee_data(committee_view(village=village)),
        }
        return Response(NomineeOutcomeSerializer(result).data)


@extend_schema(
    tags=[TAG],
    summary="调整村民选举委员会一名现任成员的职务",
    description="把某人改为主任时，原主任改为委员；已退出的为 409 member_not_sitting。" + KEEPERS,
    request=RoleWriteSerializer,
    responses={200: CommitteeSerializer, **errors(400, 404, 409)},
)
class CommitteeRoles(ApiView):
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = keeper(request.user, village)
        data = validated(RoleWriteSerializer, request)
        committee = _committee_of(village)
        member = CommitteeMember.objects.filter(
            committee=committee, person_id=data["person"]
        ).first()
        if member is None:
            message = f"编号为{data['person']}的人员不是本届村民选举委员会的成员。"
            raise ApiError(400, "invalid_input", message, {"person": [message]})
        try:
            committee_member_role_set(member=member, role=data["role"], acting_user=user)
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _committee_response(village)


class Representatives(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一个村的村民代表：名额、推选单元、推选结果、组成核对",
        description="composition 按已当选的代表和村委会成员即时计算（REP-3）；findings 为 REP-4、REP-7。",
        responses={200: RepresentativesSerializer, **errors(404)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        return _representatives_response(access_village(request.user, village_id))


@extend_schema(
    tags=[TAG],
    summary="分配村民代表名额、划分推选单元",
    description=(
        "按村民小组（每组推选所分名额）或按户（每组的户按户号分片，每片五至十五户推选一名）。"
        "少于本村最低名额（REP-7）或分片不合五至十五户（REP-4）为 400；已有推选结果为 409 "
        "selection_recorded；本村没有本届村民委员会选举为 409 no_election。返回 201。" + KEEPERS
    ),
    request=ApportionWriteSerializer,
    responses={201: RepresentativesSerializer, **errors(400, 404, 409)},
)
class RepresentativesApportion(ApiView):
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = keeper(request.user, village)
        data = validated(ApportionWriteSerializer, request)
        rows = data.get("seats")
        try:
            representatives_apportion(
                village=village,
                basis=data["basis"],
                seats=None if rows is None else {r["villager_group"]: r["seats"] for r in rows},
                women_seats={r["villager_group"]: r.get("women_seats", 0) for r in rows or []},
                decided_on=data["decided_on"],
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _representatives_response(village, 201)


def _unit(village: Region, number: int) -> Constituency:
    found = Constituency.objects.filter(plan__village=village, number=number).first()
    if found is None:
        message = f"{village.name}没有序号为{number}的推选单元，请先分配名额，或核对序号。"
        raise ApiError(404, "not_found", message)
    return found


@extend_schema(
    tags=[TAG],
    summary="登记一个推选单元推选村民代表的结果",
    description=(
        "到会选民须达本单元选民的半数，或到会户代表达三分之二（REP-7）；按得票多少当选，单列"
        "妇女名额由女性得票最多者当选；一户只能有一名村民代表（REP-7）。不符合为 400；已登记过为 "
        "409 selection_recorded。返回 201。" + KEEPERS
    ),
    request=SelectionWriteSerializer,
    responses={201: RepresentativesSerializer, **errors(400, 404, 409)},
)
class ConstituencySelection(ApiView):
    def post(self, request: Request, village_id: int, number: int) -> Response:
        village = access_village(request.user, village_id)
        user = keeper(request.user, village)
        unit = _unit(village, number)
        data = validated(SelectionWriteSerializer, request)
        (votes,) = _selection_votes(village, data["votes"])
        try:
            representatives_selection_record(
                constituency=unit,
                held_on=data["held_on"],
                voters_present=data["voters_present"],
                households_present=data["households_present"],
                votes=votes,
                acting_user=user,
            )
        except ValidationError as exc:
            raise _refused(exc, "selection_recorded") from exc
        return _representatives_response(village, 201)


@extend_schema(
    tags=[TAG],
    summary="撤销一个推选单元的推选结果（写明原因）",
    description="登记有误或重新推选时使用，原结果和原因保留在操作记录中；尚未推选为 409 no_selection。"
    + KEEPERS,
    request=CancelWriteSerializer,
    responses={200: RepresentativesSerializer, **errors(400, 404, 409)},
)
class ConstituencySelectionCancel(ApiView):
    def post(self, request: Request, village_id: int, number: int) -> Response:
        village = access_village(request.user, village_id)
        user = keeper(request.user, village)
        unit = _unit(village, number)
        reason = validated(CancelWriteSerializer, request)["reason"]
        try:
            representatives_selection_cancel(constituency=unit, reason=reason, acting_user=user)
        except ValidationError as exc:
            raise _refused(exc) from exc
        return _representatives_response(village)
