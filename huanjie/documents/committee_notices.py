"""The announcements about the villagers' election committee and the representatives
(practice.md §2), in the red-header style:

- 2   关于村民选举委员会名单的公告 — issued by the outgoing villagers' committee;
- 2-1 关于村民选举委员会成员自动辞职和递补的公告 — by the election committee (VC-EC-2..4);
- 6   关于村民代表名单的公告 — by the election committee: by villager group, 其中妇女N名.

Public documents: names only, never an ID number. Names are listed in surname-stroke order
within a role or a group. The caller has passed `access_village` for the village.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.committees.models import CommitteeMember, CommitteeNominee, Stage
from huanjie.committees.selectors import (
    CommitteeView,
    committee_members_in_order,
    committee_view,
    in_stroke_order,
    representatives_by_group,
    representatives_view,
)
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.people.models import Sex

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

TEMPLATE = "documents/committee_notice.html"
LIST_TITLE = "关于村民选举委员会名单的公告"
CHANGES_TITLE = "关于村民选举委员会成员自动辞职和递补的公告"
REPRESENTATIVES_TITLE = "关于村民代表名单的公告"
NOT_YET = "{village}还没有登记本届村民选举委员会，没有可以公告的内容。"
NO_CHANGES = "{village}村民选举委员会没有成员退出，没有可以公告的内容。"
NO_REPRESENTATIVES = "{village}还没有推选产生村民代表，没有可以公告的内容。"
_YEAR = re.compile(r"（[^）]*）$")


def law_names(view_profile_title: str) -> str:
    """《中华人民共和国村民委员会组织法》 and the province's measures named by the profile."""
    national = "《中华人民共和国村民委员会组织法》"
    name = _YEAR.sub("", view_profile_title)
    if "组织法" in name or not name:
        return national
    return f"{national}和《{name}》"


def _day(day: date | None) -> str:
    return "" if day is None else f"{day.year}年{day.month}月{day.day}日"


def _names(people: list[Any]) -> str:
    return "、".join(p.name for p in people)


@dataclass(frozen=True)
class RoleLine:
    role: str
    names: str


def _composition(view: CommitteeView, *, as_chosen: bool = False) -> list[RoleLine]:
    """The committee by role, now or (`as_chosen`) as the 推选 seated it."""
    by_role = committee_members_in_order(view, as_chosen=as_chosen)
    lines = [
        RoleLine("主任", _names(by_role["chair"])),
        RoleLine("副主任", _names(by_role["vice_chair"])),
        RoleLine("委员", _names(by_role["member"])),
    ]
    return [line for line in lines if line.names]


def _context(village: Region, title: str, issuer: str, issued_on: date | None) -> dict[str, Any]:
    return {
        "title": title,
        "village": village,
        "issuer": issuer,
        "issued_on": issued_on or timezone.localdate(),
        "author": village.name,
        "paragraphs": [],
        "composition": [],
        "groups": [],
        "empty": "",
    }


def committee_list_context(village: Region) -> dict[str, Any]:
    """Announcement 2: how and when the committee was chosen, its members by role."""
    view = committee_view(village=village)
    context = _context(village, LIST_TITLE, f"{village.name}村民委员会", None)
    c = view.committee
    if c is None or view.profile is None:
        context["empty"] = NOT_YET.format(village=village.name)
        return context
    context["issued_on"] = c.chosen_on
    context["paragraphs"] = [
        f"根据{law_names(view.profile.title)}的有关规定，{_day(c.chosen_on)}"
        f"召开{c.get_chosen_by_display()}（应到{c.should_attend}人，实到"
        f"{c.present}人），推选产生了{village.name}村民选举委员会，由{c.seats}人组成。"
        "名单如下（委员按姓氏笔画为序）：",
    ]
    context["composition"] = _composition(view, as_chosen=True)
    context["after"] = [
        "村民选举委员会主持本届村民委员会选举工作，任期至新一届村民委员会工作交接完毕时止。"
        f"村民选举委员会成员{view.trigger}的，应当自动退出村民选举委员会"
        + (f"；其{view.relatives}{view.trigger}的，也应当退出" if view.relatives else "")
        + "，所缺名额按原推选结果依次递补。",
    ]
    return context


def _standing(nominee: CommitteeNominee | None) -> str:
    if nominee is None:
        return "已参加村民委员会成员选举"
    if nominee.stage == Stage.CONFIRMED:
        return "已列入村民委员会成员正式候选人名单"
    if nominee.self_nominee:
        return "已登记为村民委员会成员自荐人"
    return "已被提名为村民委员会成员候选人"


def _why(member: CommitteeMember, nominees: dict[int, CommitteeNominee]) -> str:
    because = member.leave_because
    standing = _standing(nominees.get(because.pk) if because else None)
    if because is None or because.pk == member.person_id:
        return f"{member.person.name}（原{member.get_role_display()}）{standing}"
    relation = member.leave_chain.split("（")[0]  # the kin term, without the chain's links
    return (
        f"{member.person.name}（原{member.get_role_display()}）的近亲属{because.name}{standing}"
        f"（{relation}）"
    )


def committee_changes_context(village: Region) -> dict[str, Any]:
    """Announcement 2-1: who left and why, who filled in, and the committee as it now is."""
    view = committee_view(village=village)
    c = view.committee
    context = _context(village, CHANGES_TITLE, f"{village.name}村民选举委员会", None)
    if c is None or view.profile is None or not view.left:
        context["empty"] = (NOT_YET if c is None else NO_CHANGES).format(village=village.name)
        return context
    nominees = {n.person_id: n for n in view.nominees}
    paragraphs = [
        f"根据{law_names(view.profile.title)}的有关规定，村民选举委员会成员{view.trigger}的，"
        "应当自动退出村民选举委员会"
        + (f"；其{view.relatives}{view.trigger}的，也应当退出" if view.relatives else "")
        + "，所缺名额按原推选结果依次递补。现将有关情况公告如下："
    ]
    for n, member in enumerate(view.left, start=1):
        refills = list(member.refilled_by.select_related("person"))
        said = f"{n}. {_why(member, nominees)}，于{_day(member.left_on)}自动退出村民选举委员会"
        if refills:
            said += f"，按原推选结果由{_names([r.person for r in refills])}依次递补为委员。"
        else:
            said += "，暂无依次递补的人员。"
        paragraphs.append(said)
    if c.vacancy_note:
        paragraphs.append(c.vacancy_note)
    paragraphs.append(
        f"调整后，{village.name}村民选举委员会由以下{len(view.sitting)}人组成（委员按姓氏笔画为序）："
    )
    context["paragraphs"] = paragraphs
    context["composition"] = _composition(view)
    context["issued_on"] = max(m.left_on for m in view.left if m.left_on is not None)
    return context


def representatives_context(village: Region) -> dict[str, Any]:
    """Announcement 6: the representatives by villager group, of whom women N."""
    view = representatives_view(village=village)
    context = _context(village, REPRESENTATIVES_TITLE, f"{village.name}村民选举委员会", None)
    if view.plan is None or not view.elected or view.profile is None:
        context["empty"] = NO_REPRESENTATIVES.format(village=village.name)
        return context
    held = [line.selection.held_on for line in view.lines if line.selection is not None]
    context["issued_on"] = max(held)
    how = "各推选单元（每五户至十五户）" if view.plan.basis == "households" else "各村民小组"
    context["paragraphs"] = [
        f"根据{law_names(view.profile.title)}的有关规定，经{how}推选，{village.name}共产生"
        f"村民代表{len(view.elected)}名，其中妇女{view.women}名。现将名单公告如下"
        "（各组按姓氏笔画为序，标“女”者为妇女代表）："
    ]
    context["groups"] = [
        {
            "name": name,
            "count": len(people),
            "names": "、".join(
                f"{p.name}（女）" if p.sex == Sex.FEMALE else p.name for p in people
            ),
        }
        for name, people in representatives_by_group(view)
        if people
    ]
    missing = len(view.lines) - view.selected
    after = ["村民代表任期与本届村民委员会相同，可以连选连任。"]
    if missing:
        after.insert(0, f"尚有{missing}个推选单元未推选，其代表推选产生后另行公告。")
    context["after"] = after
    return context


def _render(context: dict[str, Any], request: HttpRequest | None) -> PrintedDocument:
    return render_document(TEMPLATE, context, paper="A4", orientation="portrait", request=request)


def committee_list_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    return _render({**committee_list_context(village), **(extra or {})}, request)


def committee_changes_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    return _render({**committee_changes_context(village), **(extra or {})}, request)


def representatives_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    return _render({**representatives_context(village), **(extra or {})}, request)


__all__ = [
    "CHANGES_TITLE",
    "LIST_TITLE",
    "REPRESENTATIVES_TITLE",
    "committee_changes_document",
    "committee_list_document",
    "in_stroke_order",
    "representatives_document",
]
