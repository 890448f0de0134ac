"""The joint review (联审, QUAL-3) and kinship recusal (KIN-*): a village's candidates with each
department's result and its kinship conflicts (read through `access_village`, as the web page);
a reviewer's queue; and a reviewer recording their department's result for one candidate of
their county."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from huanjie.accounts.gates import access_one, access_village
from huanjie.api.errors import ApiError
from huanjie.api.schema import errors
from huanjie.api.serializers.vetting import (
    CandidateReviewSerializer,
    ReviewQueueSerializer,
    ReviewResultWriteSerializer,
    VillageVettingSerializer,
)
from huanjie.api.views.base import ApiView
from huanjie.nominations.models import Application
from huanjie.regions.models import Region
from huanjie.vetting import access
from huanjie.vetting.models import NegativeListItem, ReviewRound
from huanjie.vetting.recusal import village_recusal
from huanjie.vetting.selectors import (
    CandidateReview,
    QueueRow,
    candidate_review,
    candidates_in,
    department_queue,
    reviews,
)
from huanjie.vetting.services import result_record

if TYPE_CHECKING:
    from rest_framework.request import Request

TAG = "联审与任职回避"
STATE_CODES = frozenset({"final", "published", "closed"})


def _person(person: Any) -> dict[str, Any]:
    return {"id": person.pk, "name": person.name}


def review_data(review: CandidateReview) -> dict[str, Any]:
    a = review.application
    slots = []
    for s in review.slots:
        r = s.result
        item = r.item if r is not None else None
        slots.append(
            {
                "round": s.round.pk,
                "round_number": s.round.number,
                "round_title": s.round.title,
                "due_on": s.round.due_on,
                "department": s.department.name,
                "verdict": r.verdict if r else None,
                "item": {
                    "code": item.code,
                    "no": item.no,
                    "text": item.text,
                    "rule_id": item.rule_id,
                }
                if item
                else None,
                "event_date": r.event_date if r else None,
                "note": r.note if r else "",
                "has_attachment": bool(r and r.attachment),
                "recorded_on": r.recorded_on if r else None,
            }
        )
    return {
        "application": a.pk,
        "person": _person(a.person),
        "post": a.recruitment.post,
        "post_name": a.recruitment.get_post_display(),
        "status": review.status.value,
        "uncleared": review.uncleared,
        "slots": slots,
    }


@extend_schema(
    tags=[TAG],
    summary="一个村候选人的联审情况和任职回避核查",
    description="每名候选人每轮每个联审部门的结论（全部通过才是正式候选人，QUAL-3），"
    "以及报名人、候选人与选委会、村党组织、监委会、经济合作社成员之间的亲属关系（含关系链和规则）。",
    responses={200: VillageVettingSerializer, **errors(404)},
)
class VillageVetting(ApiView):
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        found = reviews(candidates_in(Region.objects.filter(pk=village.pk)))
        recusal = village_recusal(village, timezone.localdate())
        data = {
            "village": village.pk,
            "candidates": [review_data(r) for r in found.values()],
            "yjt_holder": recusal.yjt_holder,
            "conflicts": [
                {
                    "rule_id": c.rule_id,
                    "what": c.what,
                    "chain": c.chain,
                    "a": {"id": c.person_ids[0], "name": c.a},
                    "a_roles": c.a_roles,
                    "b": {"id": c.person_ids[1], "name": c.b},
                    "b_roles": c.b_roles,
                    "blocking": c.blocking,
                    "consequence": c.consequence,
                }
                for c in recusal.conflicts
            ],
            "not_checked": recusal.not_checked,
        }
        return Response(VillageVettingSerializer(data).data)


def _entry(row: QueueRow) -> dict[str, Any]:
    a = row.application
    return {
        "round": row.slot.round.pk,
        "application": a.pk,
        "person": _person(a.person),
        "village": a.recruitment.election.plan.village.name,
        "post_name": a.recruitment.get_post_display(),
        "due_on": row.slot.round.due_on,
        "overdue": row.overdue,
        "verdict": row.slot.result.verdict if row.slot.result else None,
    }


@extend_schema(
    tags=[TAG],
    summary="联审人员：本部门待审查和已审查的候选人（本县范围）",
    responses={200: ReviewQueueSerializer, **errors(403)},
)
class ReviewQueue(ApiView):
    def get(self, request: Request) -> Response:
        department = access.reviewer_department(request.user)
        todo, done = department_queue(
            access.reviewer_prefix(request.user), department, today=timezone.localdate()
        )
        data = {
            "department": department.name,
            "todo": [_entry(r) for r in todo],
            "done": [_entry(r) for r in done],
        }
        return Response(ReviewQueueSerializer(data).data)


@extend_schema(
    tags=[TAG],
    summary="联审人员：登记本部门对一名候选人的结论",
    description="item 为空表示通过；给出负面清单情形代码时按其“不能/不宜”和影响期得出结论。"
    "已认定“不能”的不能再改（409 final）；候选人名单已公布的不能再改（409 published）。",
    request=ReviewResultWriteSerializer,
    responses={200: CandidateReviewSerializer, **errors(400, 403, 404, 409)},
)
class ReviewResultRecord(ApiView):
    def post(self, request: Request, round_id: int, application_id: int) -> Response:
        department = access.reviewer_department(request.user)
        prefix = access.reviewer_prefix(request.user)
        qs = Application.objects.filter(
            recruitment__election__plan__village__code__startswith=prefix
        ).select_related("person", "recruitment__election__plan__village")
        application = access_one(
            qs if prefix else qs.none(), application_id, "没有找到这名候选人，或不在您负责的县。"
        )
        campaign_id = application.recruitment.election.plan.campaign_id
        rounds = ReviewRound.objects.filter(campaign_id=campaign_id, departments=department)
        review_round = access_one(rounds, round_id, "没有找到这一轮联审，或本部门不参加。")
        body = ReviewResultWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        item = None
        if data.get("item"):
            item = NegativeListItem.objects.filter(
                campaign_id=campaign_id, code=data["item"]
            ).first()
            if item is None:
                raise ApiError(400, "invalid_input", f"负面清单中没有情形代码“{data['item']}”。")
        try:
            result_record(
                review_round=review_round,
                application=application,
                department=department,
                on=data["on"],
                item=item,
                event_date=data.get("event_date"),
                note=data.get("note", ""),
                attachment=data.get("attachment"),
                acting_user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            codes = [e.code for e in exc.error_list if e.code in STATE_CODES]
            message = "未登记：" + "".join(exc.messages)
            if codes:
                raise ApiError(409, str(codes[0]), message) from exc
            raise ApiError(400, "invalid_input", message, {"messages": exc.messages}) from exc
        return Response(CandidateReviewSerializer(review_data(candidate_review(application))).data)
