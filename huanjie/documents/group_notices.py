"""The announcements about the villager group leaders (practice.md §2), in the red-header style,
issued by the villagers' election committee:

- 5   关于村民代表和小组长选举的公告 — the day, hours and place of the groups' meetings;
- 6-1 关于村民小组长、副组长名单的公告 — per villager group: its leader and deputies.

Public documents: names only. Deputies are listed in surname-stroke order. The caller has passed
`access_village` for the village."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from huanjie.committees.group_selectors import group_leaders_view
from huanjie.committees.services.common import profile_of
from huanjie.documents.committee_notices import _context, _day, law_names
from huanjie.documents.rendering import PrintedDocument, render_document

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

TEMPLATE = "documents/group_leaders_notice.html"
MEETING_TITLE = "关于村民代表和小组长选举的公告"
LEADERS_TITLE = "关于村民小组长、副组长名单的公告"
NO_NOTICE = "{village}还没有登记村民代表和小组长选举的时间和地点，没有可以公告的内容。"
NO_LEADERS = "{village}还没有推选产生村民小组长，没有可以公告的内容。"


def meeting_context(village: Region) -> dict[str, Any]:
    """Announcement 5: when and where the groups meet, who takes part, and REP-6's quorum."""
    view = group_leaders_view(village=village)
    context = _context(village, MEETING_TITLE, f"{village.name}村民选举委员会", None)
    notice = view.notice
    if notice is None or view.election is None:
        context["empty"] = NO_NOTICE.format(village=village.name)
        return context
    laws = law_names(profile_of(view.election).title)
    context["issued_on"] = notice.issued_on
    hours = f"{notice.starts_at:%H:%M}至{notice.ends_at:%H:%M}"
    context["paragraphs"] = [
        f"根据{laws}的有关规定，经村民选举委员会研究决定，召开各村民小组会议，推选产生"
        f"{village.name}本届村民代表和村民小组组长、副组长。现将有关事项公告如下：",
        f"一、推选时间：{_day(notice.held_on)}{hours}。",
        f"二、推选地点：{notice.place}。",
        "三、参加人员：本组年满十八周岁的村民，或每户派一名代表参加。",
        "四、村民小组会议须有本组三分之二以上年满十八周岁的村民，或者本组三分之二以上的户的"
        "代表参加；村民小组组长、副组长须得到到会人员过半数的票才能当选。",
    ]
    if notice.note:
        context["paragraphs"].append(f"五、{notice.note}")
    context["paragraphs"].append("请本村村民按时参加。")
    return context


def leaders_context(village: Region) -> dict[str, Any]:
    """Announcement 6-1: per villager group, its leader and deputies."""
    view = group_leaders_view(village=village)
    context = _context(village, LEADERS_TITLE, f"{village.name}村民选举委员会", None)
    last = view.last_held
    if view.election is None or last is None or not view.leaders:
        context["empty"] = NO_LEADERS.format(village=village.name)
        return context
    laws = law_names(profile_of(view.election).title)
    context["issued_on"] = last.held_on
    context["paragraphs"] = [
        f"根据{laws}的有关规定，经各村民小组会议推选，{village.name}共产生村民小组组长"
        f"{view.leaders}名、副组长{view.deputies}名。现将名单公告如下（副组长按姓氏笔画为序）："
    ]
    context["leaders"] = [
        {
            "group": line.group.name,
            "leader": line.leader.name if line.leader else "",
            "deputies": "、".join(p.name for p in line.deputies),
        }
        for line in view.lines
        if line.leader is not None
    ]
    missing = len(view.lines) - view.selected
    after = ["村民小组组长、副组长任期与本届村民委员会相同，可以连选连任。"]
    if missing:
        after.insert(0, f"尚有{missing}个村民小组未推选，其组长、副组长推选产生后另行公告。")
    context["after"] = after
    return context


def _render(context: dict[str, Any], request: HttpRequest | None) -> PrintedDocument:
    return render_document(TEMPLATE, context, paper="A4", orientation="portrait", request=request)


def group_meeting_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    return _render({**meeting_context(village), **(extra or {})}, request)


def group_leaders_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    return _render({**leaders_context(village), **(extra or {})}, request)
