"""The voting announcements (practice.md §2) in the red-header style, one PDF each:

- arrangements: 第10号 关于选举投票时间和地点的公告, 第11号 关于选举工作人员名单的公告 and
  第12号 关于流动票箱投票人员名单的公告, each on its own page (all due by the same day, §C.7);
- proxies: 第13号 关于委托投票名单的公告 — holder / principal pairs.

Public documents: names only, never an ID number. Lists within a group are in surname-stroke
order. The caller has passed `access_village` for the election's village.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.documents.committee_notices import law_names
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.rules.ordering.strokes import load_stroke_table, sort_by_surname_strokes
from huanjie.voting.models import StaffMember
from huanjie.voting.selectors import arrangements_view, proxies_view

if TYPE_CHECKING:
    from django.http import HttpRequest

    from huanjie.elections.models import Election

TEMPLATE = "voting/notices.html"
ARRANGEMENTS_TITLE = "投票时间地点、工作人员和流动票箱投票人员公告"
PROXIES_TITLE = "关于委托投票名单的公告"


@dataclass
class Notice:
    number: str
    title: str
    paragraphs: list[str]
    head: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


def _day(day: date | None) -> str:
    return "" if day is None else f"{day.year}年{day.month}月{day.day}日"


def _names(members: list[StaffMember]) -> str:
    ordered = sort_by_surname_strokes(
        members, load_stroke_table(), key=lambda m: m.person.name
    ).items
    return "、".join(m.person.name for m in ordered) or "（未确定）"


def arrangements_context(election: Election) -> dict[str, Any]:
    view = arrangements_view(election)
    village = election.plan.village
    law = law_names(view.profile.title)
    day = _day(election.election_day)
    stations = [
        [
            s.station.box.get_kind_display(),
            s.station.box.name,
            s.station.place,
            s.station.hours,
            s.station.route or "—",
        ]
        for s in view.stations
    ]
    central = view.central
    where = central.station.place if central else "（中心会场未确定）"
    ten = Notice(
        "第10号",
        "关于选举投票时间和地点的公告",
        [
            f"根据{law}的有关规定，经村民选举委员会研究，{village.name}"
            f"{election.plan.campaign.term_start_year}年村民委员会换届选举定于{day}举行。"
            "现将投票时间、地点公告如下：",
        ],
        ["类别", "名称", "地点", "投票时间", "流动路线"],
        stations,
        [
            "投票设秘密写票处，选民凭选民证领取选票。流动票箱按公布的路线和时间流动，"
            "只接受已公布名单上的选民投票。",
            f"投票结束后，所有票箱当天集中到中心会场（{where}）统一开箱，公开唱票、计票，"
            "当场公布选举结果。",
        ],
    )
    scrutineer_rows = [
        [s.station.box.name, _names(s.scrutineers)] for s in view.stations if s.scrutineers
    ]
    eleven = Notice(
        "第11号",
        "关于选举工作人员名单的公告",
        [
            f"根据{law}的有关规定，经村民选举委员会研究，确定本次选举的工作人员如下"
            f"（候选人及其{view.relation_label}不担任唱票、计票、监票人员）：",
            f"唱票人：{_names(view.callers)}",
            f"计票人：{_names(view.counters)}",
            "监票人（按票箱）：",
        ],
        ["票箱", "监票人"],
        scrutineer_rows,
        ["选民对上述人员有意见的，可在选举日前向村民选举委员会反映。"],
    )
    mobile_rows = [
        [s.station.box.name, mv.voter.name, mv.voter.group_name or "—", mv.reason]
        for s in view.stations
        if s.mobile
        for mv in s.voters
    ]
    approved = [
        f"{s.station.box.name}经乡镇选举工作指导机构于{_day(timezone.localdate(s.station.approved_at))}批准设立"
        for s in view.stations
        if s.mobile and s.station.approved_at is not None
    ]
    twelve = Notice(
        "第12号",
        "关于流动票箱投票人员名单的公告",
        [
            "根据有关规定，对因年老体弱、残疾、卧病等原因不能到中心会场或投票站投票的选民，"
            "设立流动票箱。"
            + ("；".join(approved) + "。" if approved else "")
            + "现将使用流动票箱投票的选民名单公告如下：",
        ],
        ["流动票箱", "选民", "村民小组", "原因"],
        mobile_rows,
        ["名单以外的选民请到中心会场或投票站投票。"],
    )
    notices = [ten, eleven] + ([twelve] if mobile_rows else [])
    return _context(election, ARRANGEMENTS_TITLE, notices, view.published)


def proxies_context(election: Election) -> dict[str, Any]:
    view = proxies_view(election)
    law = law_names(view.profile.title)
    rows = [
        [r.request.holder.name, r.request.principal.name, r.chain.split("（")[0] or "—"]
        for r in view.rows
        if r.request.published_on is not None and r.decision is not None and r.decision.valid
    ]
    cap = "" if view.cap is None else f"每名受托人接受委托不超过{view.cap}人，"
    notice = Notice(
        "第13号",
        PROXIES_TITLE,
        [
            f"根据{law}的有关规定，选举期间外出不能参加投票的选民，可以书面委托本村有选举权的"
            f"近亲属代为投票。{cap}受托人不得再委托他人。经村民选举委员会审核，"
            f"现将委托投票名单公告如下（共{len(rows)}人）：",
        ],
        ["受托人", "委托人", "关系"],
        rows,
        [
            "受托人应按委托人的意愿投票，并凭委托书领取选票。未经公告的委托无效，"
            "选举日当天不办理委托。",
        ],
    )
    return _context(election, PROXIES_TITLE, [notice], view.published)


def _context(
    election: Election, title: str, notices: list[Notice], published: Any
) -> dict[str, Any]:
    village = election.plan.village
    return {
        "title": title,
        "issuer": f"{village.name}村民选举委员会",
        "issued_on": published.published_on if published else timezone.localdate(),
        "draft": published is None,
        "author": village.name,
        "notices": notices,
    }


def arrangements_document(
    election: Election, *, request: HttpRequest | None = None, extra: dict[str, Any] | None = None
) -> PrintedDocument:
    context = {**arrangements_context(election), **(extra or {})}
    return render_document(TEMPLATE, context, request=request)


def proxies_document(
    election: Election, *, request: HttpRequest | None = None, extra: dict[str, Any] | None = None
) -> PrintedDocument:
    context = {**proxies_context(election), **(extra or {})}
    return render_document(TEMPLATE, context, request=request)
