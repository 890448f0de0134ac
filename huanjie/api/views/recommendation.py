"""Recommendation rounds (两推 / 三推, SEED-3T2S1X): read a village's rounds and 胜任指数, open a
round's meeting, enter its tally once, draw the speech order, record 两述 with questions and a
household representative's assessment.

The web's gates and services (huanjie.nominations.recommendation): 404 outside the caller's
villages, 403 for whom may not run nominations, one audited service; a refusal changes nothing:
400 `invalid_input` for an entry to correct, 409 with its code when the state does not allow it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_village, scoped_villages
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.recommendation import (
    AssessmentSerializer,
    CompetencyRowSerializer,
    DrawSerializer,
    RecommendationSerializer,
    RoundOpenSerializer,
    RoundSerializer,
    StatementCreateSerializer,
    TallySerializer,
)
from huanjie.api.views.base import ApiView, refusal, validated
from huanjie.nominations import recommendation as svc
from huanjie.nominations.access import runner
from huanjie.nominations.models import Application, RecommendationRound, Recruitment
from huanjie.regions.models import Region

if TYPE_CHECKING:
    from huanjie.accounts.models import User

TAG = "推荐（两推、三推）和胜任指数"
REFUSALS = (
    "仅本村选举委员会或乡镇组织委员可用，其他角色得到 403，不在管辖范围内得到 404。"
    "有误时返回 400 invalid_input；现状不允许时返回 409 及其代码，未作任何修改。"
)
STATE_CODES = frozenset(
    {
        "no_election",
        "closed",
        "no_day",
        "published",
        "procedure",
        "untallied",
        "tallied",
        "no_tally",
        "drawn",
        "township",
        "nobody",
        "duplicate",
        "withdrawn",
    }
)
ROUND_NOT_FOUND = "找不到这一轮推荐，或它不在您管辖的村（社区）。"
APPLICATION_NOT_FOUND = "找不到这项报名，或它不在您管辖的村（社区）。"


def _ref(app: Application) -> dict[str, Any]:
    return {"id": app.person.pk, "name": app.person.name}


def round_data(view: svc.RoundView) -> dict[str, Any]:
    rnd = view.round
    return {
        "id": rnd.pk,
        "recruitment": rnd.recruitment_id,
        "procedure": rnd.procedure,
        "kind": rnd.kind,
        "held_on": rnd.held_on,
        "place": rnd.place,
        "meeting": rnd.meeting,
        "eligible": rnd.eligible,
        "members_present": rnd.members_present,
        "nonmember_representatives": rnd.nonmember_representatives,
        "ballots": rnd.ballots,
        "void_ballots": rnd.void_ballots,
        "places": rnd.places,
        "needed": view.count.needed if view.count else None,
        "formal": view.formal,
        "standings": [
            {
                "application": s.application.pk,
                "person": _ref(s.application),
                "votes": s.votes,
                "share": s.percent,
                "supported": s.supported,
                "advances": s.advances,
            }
            for s in view.standings
        ],
        "findings": [
            {"rule_id": f.rule_id, "blocking": f.blocking, "message": f.message}
            for f in (view.count.findings if view.count else ())
        ],
        "draw_seed": rnd.draw_seed,
        "speech_order": [_ref(a) for a in view.speakers],
        "draw_replays": svc.replay_draw(rnd),
        "statements": [
            {
                "id": s.pk,
                "application": s.application_id,
                "person": _ref(s.application),
                "kind": s.kind,
                "summary": s.summary,
                "questions": [
                    {"asked_by": q.asked_by, "question": q.question, "answer": q.answer}
                    for q in s.questions.all()
                ],
            }
            for s in view.statements
        ],
    }


def competency_data(row: svc.CompetencyRow) -> dict[str, Any]:
    return {
        "application": row.application.pk,
        "person": _ref(row.application),
        "assessments": row.summary.assessments,
        "item_means": {k: f"{float(v):.1f}" for k, v in row.summary.item_means},
        "index": f"{float(row.summary.index):.1f}",
    }


def recommendation_data(village: Region) -> dict[str, Any]:
    """Both bodies' 招贤榜 (the party organization's first), each post named with its body."""
    recruitments = [
        (found.body, r) for found in svc.body_recruitments(village) for r in found.recruitments
    ]
    share = svc.nonmember_share(recruitments[0][1]) if recruitments else svc.DEFAULT_NONMEMBER_SHARE
    return {
        "village": village.pk,
        "nonmember_share": f"{share.numerator}/{share.denominator}",
        "items": [
            {"name": i.name, "weight": i.weight, "full_mark": i.full_mark}
            for i in svc.competency_items(village)
        ],
        "posts": [
            {
                "recruitment": r.pk,
                "body": body,
                "post": r.post,
                "post_name": r.get_post_display(),
                "post_label": svc.post_label(body, r.post),
                "rounds": [round_data(v) for v in svc.round_views(r)],
                "competency": [competency_data(row) for row in svc.competency_rows(r)],
            }
            for body, r in recruitments
        ],
    }


def _round(request: Request, round_id: int) -> tuple[RecommendationRound, Region]:
    found = (
        RecommendationRound.objects.select_related("recruitment__election__plan__village")
        .filter(pk=round_id, recruitment__election__plan__village__in=scoped_villages(request.user))
        .first()
    )
    if found is None:
        raise Http404(ROUND_NOT_FOUND)
    return found, found.recruitment.election.plan.village


def _run_round(request: Request, round_id: int) -> tuple[RecommendationRound, User]:
    """A round to write to: found in the caller's villages (404), run by whom may (403)."""
    rnd, village = _round(request, round_id)
    return rnd, runner(request.user, village)


def _round_response(view: svc.RoundView, status: int = 200) -> Response:
    return Response(RoundSerializer(round_data(view)).data, status=status)


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(400, "invalid_input", message, {field: [message]})


class VillageRecommendation(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一个村各职位的推荐轮次（会议、计票、人选、抽签、两述）和胜任指数",
        responses={200: RecommendationSerializer, **errors(404)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        return Response(RecommendationSerializer(recommendation_data(village)).data)


class RecommendationRoundOpen(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="登记一轮推荐会议（日期、地点、会议、应到和实到、非党员代表）",
        description="按两推或三推的顺序，每轮一次；非党员代表不超过党员实到人数的上限"
        "（SEED-GTZX-1），乡镇党委一轮为 0。409：procedure、untallied、closed 等。" + REFUSALS,
        request=RoundOpenSerializer,
        responses={201: RoundSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        user = runner(request.user, village)
        data = validated(RoundOpenSerializer, request)
        recruitment = Recruitment.objects.filter(
            pk=data.pop("recruitment"), election__plan__village=village
        ).first()
        if recruitment is None:
            raise _invalid("recruitment", "找不到这个招贤榜，或它不是本村的招贤榜。")
        try:
            rnd = svc.round_open(recruitment=recruitment, acting_user=user, **data)
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _round_response(svc.round_view(rnd), 201)


class RecommendationRoundDetail(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一轮推荐：会议、计票结果和人选、抽签、两述",
        responses={200: RoundSerializer, **errors(404)},
    )
    def get(self, request: Request, round_id: int) -> Response:
        rnd, _ = _round(request, round_id)
        return _round_response(svc.round_view(rnd))


class RecommendationTally(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="登记一轮的计票结果（只登记一次），由系统计算初步人选或正式候选人",
        description="乡镇党委一轮入选者自动确定为本职位候选人（无阻止性提示时）。"
        "409：tallied（已登记）、no_tally（初始提名不计票）。" + REFUSALS,
        request=TallySerializer,
        responses={200: RoundSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, round_id: int) -> Response:
        rnd, user = _run_round(request, round_id)
        data = validated(TallySerializer, request)
        votes: dict[int, int] = {}
        for row in data["votes"]:
            if row["application"] in votes:
                raise _invalid("votes", "同一报名编号填了两次；每人只填一次得票。")
            votes[row["application"]] = row["votes"]
        try:
            view = svc.tally_record(
                rnd=rnd,
                ballots=data["ballots"],
                void_ballots=data["void_ballots"],
                places=data["places"],
                votes=votes,
                acting_user=user,
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _round_response(view)


class RecommendationDraw(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="抽签确定发言顺序，种子记录在案可重放",
        description="409：drawn（已抽签，不能重抽）、township、nobody。" + REFUSALS,
        request=DrawSerializer,
        responses={200: RoundSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, round_id: int) -> Response:
        rnd, user = _run_round(request, round_id)
        data = validated(DrawSerializer, request)
        try:
            rnd = svc.speech_draw(rnd=rnd, seed=data.get("seed"), acting_user=user)
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _round_response(svc.round_view(rnd))


class RecommendationStatement(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="登记一位人选在本轮会议上的陈述（述职或竞职陈述）及提问和回答",
        description="409：duplicate（已登记）、township。" + REFUSALS,
        request=StatementCreateSerializer,
        responses={201: RoundSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, round_id: int) -> Response:
        rnd, user = _run_round(request, round_id)
        data = validated(StatementCreateSerializer, request)
        application = Application.objects.filter(
            pk=data["application"], recruitment=rnd.recruitment
        ).first()
        if application is None:
            raise _invalid("application", "找不到这项报名，或它不是本职位的报名。")
        try:
            statement = svc.statement_record(
                rnd=rnd,
                application=application,
                kind=data["kind"],
                summary=data["summary"],
                acting_user=user,
            )
            for q in data["questions"]:
                svc.question_record(
                    statement=statement,
                    asked_by=q["asked_by"],
                    question=q["question"],
                    answer=q.get("answer", ""),
                    acting_user=user,
                )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        return _round_response(svc.round_view(rnd), 201)


class CompetencyAssess(ApiView):
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG],
        summary="登记一份户代表对一位报名人的胜任指数测评",
        description="每项都要打分，在 0 到满分之间；每户对同一人只测评一次（409 duplicate）。"
        + REFUSALS,
        request=AssessmentSerializer,
        responses={201: CompetencyRowSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, application_id: int) -> Response:
        application = (
            Application.objects.select_related("person", "recruitment__election__plan__village")
            .filter(
                pk=application_id,
                recruitment__election__plan__village__in=scoped_villages(request.user),
            )
            .first()
        )
        if application is None:
            raise Http404(APPLICATION_NOT_FOUND)
        user = runner(request.user, application.recruitment.election.plan.village)
        data = validated(AssessmentSerializer, request)
        try:
            svc.assessment_record(
                application=application,
                household=data["household"],
                assessed_on=data["assessed_on"],
                scores=data["scores"],
                acting_user=user,
            )
        except ValidationError as exc:
            raise refusal(exc, STATE_CODES) from exc
        row = next(
            r
            for r in svc.competency_rows(application.recruitment)
            if r.application.pk == application.pk
        )
        return Response(CompetencyRowSerializer(competency_data(row)).data, status=201)
