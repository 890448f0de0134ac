"""The tabs of the village page; only the open tab is read (a village has thousands of people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.utils import timezone

from huanjie.campaigns.prep_views import prep_tab_context
from huanjie.campaigns.task_views import tasks_tab_context
from huanjie.elections.models import Body, Post
from huanjie.elections.selectors import election_list, office_holders
from huanjie.nominations.selectors import village_nominations
from huanjie.people.display import PersonMasker, person_rows
from huanjie.people.figures import (
    households_on_register,
    party_member_list,
)
from huanjie.people.models import HeadRelation, Household, Person, RegisterStatus
from huanjie.people.selectors import person_list, village_households
from huanjie.registration.selectors import current_election, register_of, summary

if TYPE_CHECKING:
    from django.http import HttpRequest

    from huanjie.regions.models import Region, VillagerGroup

Groups = list["VillagerGroup"]  # the village's groups, read once for the facts and the filter
PAGE_SIZE = 50
SEARCH_MAX = 32
TABS = {
    "households": "户",
    "people": "人员",
    "party": "党员",
    "tasks": "换届任务",
    "elections": "选举",
    "voters": "选民登记",
    "officers": "班子成员",
    "prep": "选情与准备",
    "nominations": "招贤榜与候选人",
}


@dataclass(frozen=True)
class HouseholdRow:
    household: Household
    head: Person | None
    members: int


def tab_context(request: HttpRequest, village: Region, tab: str, groups: Groups) -> dict[str, Any]:
    return BUILDERS[tab](request, village, groups)


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _households(request: HttpRequest, village: Region, groups: Groups) -> dict[str, Any]:
    # The households counted on the page: those with a member on the register.
    qs = village_households(village=village).filter(pk__in=households_on_register())
    group = next((g for g in groups if str(g.pk) == request.GET.get("group")), None)
    if group is not None:
        qs = qs.filter(villager_group=group)
    page = _page(request, qs)
    rows = []
    for home in page.object_list:
        members = [m for m in home.members.all() if m.status == RegisterStatus.ACTIVE]
        head = next((m for m in members if m.relation_to_head == HeadRelation.HEAD), None)
        rows.append(HouseholdRow(household=home, head=head, members=len(members)))
    return {"page": page, "rows": rows, "group": group}


def _people(request: HttpRequest, village: Region, groups: Groups) -> dict[str, Any]:
    search = request.GET.get("q", "").strip()[:SEARCH_MAX]
    # 在册 by default; those who moved out or died are a filter away (the register's history).
    status = request.GET.get("status", "")
    if status not in RegisterStatus.values:
        status = RegisterStatus.ACTIVE
    qs = person_list(user=request.user, village=village).select_related("household__villager_group")
    qs = qs.filter(status=status)
    if search:
        # By name only: a role that sees masked numbers must not probe for a full one.
        qs = qs.filter(name__contains=search)
    page = _page(request, qs)
    rows = person_rows(page.object_list, PersonMasker(request.user), timezone.localdate())
    return {
        "page": page,
        "rows": rows,
        "q": search,
        "status": status,
        "statuses": RegisterStatus.choices,
    }


def _party(request: HttpRequest, village: Region, groups: Groups) -> dict[str, Any]:
    # The members as the page counts them: the roll, then those known only from the
    # register's 政治面貌 (marked, for the party organization to enter on its roll).
    return {
        "page": _page(request, party_member_list(village=village)),
        "today": timezone.localdate(),
    }


def _elections(request: HttpRequest, village: Region, groups: Groups) -> dict[str, Any]:
    elections = election_list(user=request.user, village=village).order_by(
        "plan__campaign__term_start_year", "election_day", "body", "round_number"
    )
    return {"elections": list(elections)}


def _officers(request: HttpRequest, village: Region, groups: Groups) -> dict[str, Any]:
    # The bodies in the order they are elected (domain.md §2), posts from the top down.
    bodies, posts = list(Body.values), list(Post.values)
    holders = sorted(
        office_holders(village=village),
        key=lambda h: (-h.term_end.toordinal(), bodies.index(h.body), posts.index(h.post)),
    )
    return {"holders": holders, "today": timezone.localdate()}


def _voters(request: HttpRequest, village: Region, groups: Groups) -> dict[str, Any]:
    # The register of the current VC election at a glance; its pages are registration's.
    register = register_of(current_election(village))
    return {"register": register, "summary": summary(register) if register else None}


Builder = Callable[["HttpRequest", "Region", Groups], dict[str, Any]]
BUILDERS: dict[str, Builder] = {
    "households": _households,
    "people": _people,
    "party": _party,
    "tasks": lambda request, village, groups: tasks_tab_context(request, village),
    "elections": _elections,
    "voters": _voters,
    "officers": _officers,
    "prep": lambda request, village, groups: prep_tab_context(request, village),
    "nominations": lambda request, village, groups: {"nominations": village_nominations(village)},
}
