"""关于村民委员会成员正式候选人名单的公告 (practice.md §2): each post whose candidate list is
published, its candidates in surname-stroke order (VC-NOM-6, PROV-ZJ-SELF-2), issued by the
village election committee in the red-header style. A party organization's list (关于村党组织委员会
委员候选人名单的公告) is issued by the party organization under the party's rules (PB-DIFF-1 has
let it be published).

A public document: names only, never an ID number. The caller has passed `access_village`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.committees.services.common import profile_of
from huanjie.documents.committee_notices import law_names
from huanjie.documents.party_results import LAW as PARTY_LAW
from huanjie.documents.party_results import organization_name
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.elections.models import Body
from huanjie.nominations.selectors import village_nominations

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

TEMPLATE = "documents/committee_notice.html"
TITLE = "关于村民委员会成员正式候选人名单的公告"
PARTY_TITLE = "关于村党组织委员会委员候选人名单的公告"
NOT_YET = "{village}还没有公布任何职位的候选人名单，没有可以公告的内容。"


@dataclass(frozen=True)
class PostLine:
    role: str
    names: str


def _day(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def candidate_list_context(village: Region, body: str = Body.VILLAGERS_COMMITTEE) -> dict[str, Any]:
    party = body == Body.PARTY_ORGANIZATION
    view = village_nominations(village, body)
    context: dict[str, Any] = {
        "title": PARTY_TITLE if party else TITLE,
        "village": village,
        "issuer": f"{village.name}村民选举委员会",
        "issued_on": timezone.localdate(),
        "author": village.name,
        "paragraphs": [],
        "composition": [],
        "groups": [],
        "empty": "",
    }
    published = [p for p in view.posts if p.recruitment and p.recruitment.list_published_on]
    days = [p.recruitment.list_published_on for p in published if p.recruitment]
    if view.election is None or view.election.election_day is None or not published:
        context["empty"] = NOT_YET.format(village=village.name)
        return context
    context["issued_on"] = max(d for d in days if d is not None)
    year = view.election.plan.campaign.term_start_year
    on = _day(view.election.election_day)
    if party:
        context["issuer"] = organization_name(view.election)
        context["paragraphs"] = [
            f"根据{PARTY_LAW}的有关规定，经党员推荐、上级党组织审查，{village.name}{year}年"
            f"村党组织换届选举（选举日{on}）委员会委员候选人名单公告如下（按姓氏笔画为序）：",
        ]
    else:
        profile = profile_of(view.election)
        context["paragraphs"] = [
            f"根据{law_names(profile.title)}的有关规定，经村民选举委员会审查，{village.name}"
            f"{year}年村民委员会换届选举（选举日{on}）各职位的正式候选人名单公告如下"
            "（按姓氏笔画为序）：",
        ]
    context["composition"] = [
        PostLine(f"{p.label}（应选{p.seats}名）", "、".join(a.person.name for a in p.candidates))
        for p in published
    ]
    # Each candidate's 竞选目标 as recorded before the list was published, in the list's order.
    after = [
        f"{a.person.name}（{p.label}候选人）竞选目标：{a.goals}"
        for p in published
        for a in p.candidates
        if a.goals
    ]
    who = "党组织" if party else "村民选举委员会"
    if view.dates is not None and view.dates.withdrawal is not None:
        after.append(
            f"候选人不愿接受提名的，应当最迟于{_day(view.dates.withdrawal)}书面向{who}提出。"
        )
    after.append(
        "党员对候选人名单有意见的，可以向党组织反映。"
        if party
        else "村民对候选人名单有意见的，可以向村民选举委员会反映。"
    )
    context["after"] = after
    return context


def candidate_list_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = {**candidate_list_context(village), **(extra or {})}
    return render_document(TEMPLATE, context, paper="A4", orientation="portrait", request=request)


def party_candidate_list_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = {**candidate_list_context(village, Body.PARTY_ORGANIZATION), **(extra or {})}
    return render_document(TEMPLATE, context, paper="A4", orientation="portrait", request=request)
