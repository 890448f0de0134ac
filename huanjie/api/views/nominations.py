"""A village's nominations: each post's 招贤榜, applications and candidates (in surname stroke
order), with the engine's last lawful days. Read through `access_village` (404 outside the
reader's scope), as the web page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from huanjie.accounts.gates import access_village
from huanjie.api.schema import errors
from huanjie.api.serializers.nominations import NominationsSerializer
from huanjie.api.views.base import ApiView
from huanjie.nominations.selectors import village_nominations

if TYPE_CHECKING:
    from rest_framework.request import Request

    from huanjie.nominations.models import Application
    from huanjie.regions.models import Region

TAG = "招贤榜、报名和候选人名单"


def _ref(application: Application) -> dict[str, Any]:
    return {"id": application.person.pk, "name": application.person.name}


def nominations_data(village: Region) -> dict[str, Any]:
    view = village_nominations(village)
    dates = view.dates
    posts = []
    for p in view.posts:
        r = p.recruitment
        posts.append(
            {
                "post": p.post,
                "post_name": p.label,
                "seats": p.seats,
                "recruitment": r.pk if r else None,
                "requirements": r.requirements if r else "",
                "published_on": r.published_on if r else None,
                "list_published_on": r.list_published_on if r else None,
                "applications": [
                    {
                        "id": a.pk,
                        "person": _ref(a),
                        "kind": a.kind,
                        "signatures": a.signatures,
                        "nominated_by": a.nominated_by,
                        "filed_on": a.filed_on,
                        "status": a.status,
                        "accepted_on": a.accepted_on,
                        "withdrawn_on": a.withdrawn_on,
                    }
                    for a in p.applications
                ],
                "candidates": [_ref(a) for a in p.candidates],
            }
        )
    return {
        "village": village.pk,
        "election": view.election.pk if view.election else None,
        "election_day": view.election.election_day if view.election else None,
        "self_registration_deadline": dates.self_registration if dates else None,
        "candidate_list_deadline": dates.candidate_list if dates else None,
        "withdrawal_deadline": dates.withdrawal if dates else None,
        "posts": posts,
    }


class VillageNominations(ApiView):
    @extend_schema(
        tags=[TAG],
        summary="一个村本届村民委员会选举各职位的招贤榜、报名和候选人（按姓氏笔画）",
        description="本村还没有本届村民委员会选举时 election 为 null、posts 为空。",
        responses={200: NominationsSerializer, **errors(404)},
    )
    def get(self, request: Request, village_id: int) -> Response:
        village = access_village(request.user, village_id)
        return Response(NominationsSerializer(nominations_data(village)).data)
