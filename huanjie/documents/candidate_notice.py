"""关于村民委员会成员正式候选人名单的公告 (practice.md §2): each post whose candidate list is
published, its candidates in surname-stroke order (VC-NOM-6, PROV-ZJ-SELF-2), issued by the
village election committee in the red-header style.

A public document: names only, never an ID number. The caller has passed `access_village`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.committees.services.common import profile_of
from huanjie.documents.committee_notices import law_names
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.nominations.selectors import village_nominations

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

TEMPLATE = "documents/committee_notice.html"
TITLE = "关于村民委员会成员正式候选人名单的公告"
NOT_YET = "{village}还没有公布任何职位的候选人名单，没有可以公告的内容。"


@dataclass(frozen=True)
class PostLine:
    role: str
    names: str


def _day(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def candidate_list_context(village: Region) -> dict[str, Any]:
    view = village_nominations(village)
    context: dict[str, Any] = {
        "title": TITLE,
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
    profile = profile_of(view.election)
    context["issued_on"] = max(d for d in days if d is not None)
    context["paragraphs"] = [
        f"根据{law_names(profile.title)}的有关规定，经村民选举委员会审查，{village.name}"
        f"{view.election.plan.campaign.term_start_year}年村民委员会换届选举"
        f"（选举日{_day(view.election.election_day)}）各职位的正式候选人名单公告如下"
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
    if view.dates is not None and view.dates.withdrawal is not None:
        after.append(
            f"候选人不愿接受提名的，应当最迟于{_day(view.dates.withdrawal)}书面向村民选举委员会提出。"
        )
    after.append("村民对候选人名单有意见的，可以向村民选举委员会反映。")
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
