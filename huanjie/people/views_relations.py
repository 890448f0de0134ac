"""The committee's decisions on close-relative links, and a village's list of them.

Thin views: a link comes through `relation_access` (404 outside the user's scope, 403 for a
role that does not keep relations), the change is a service of `people.services.relations`,
and the answer is the page the button was on, with what happened (or why not) on top.
Adding a link is on the person page (core), where the form shows its errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, cast

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_village
from huanjie.people.models import CloseRelative, Household
from huanjie.people.relation_access import (
    household_for_change,
    may_keep_relations,
    relation_for_change,
)
from huanjie.people.relation_cards import RelationRow, row_of
from huanjie.people.relation_status import RelationStatus
from huanjie.people.selectors import (
    openable_people,
    village_relation_counts,
    village_relation_list,
)
from huanjie.people.services.relations import (
    KIND_LABELS,
    relation_confirm,
    relation_reject,
    relation_remove,
    relation_reopen,
    relations_confirm_household,
)

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

PAGE_SIZE = 50
ALL = "all"


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """To the page the form was on (`next`, this site only), else `fallback`."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return HttpResponseRedirect(target)


def _page_of(relation: CloseRelative) -> str:
    household = relation.person_a.household_id
    if household is not None:
        return reverse("core:household", args=[household]) + "#relatives"
    return reverse("core:person", args=[relation.person_a_id]) + "#relatives"


def _named(relation: CloseRelative) -> str:
    return f"{relation.person_a.name}与{relation.person_b.name}的“{KIND_LABELS[relation.kind]}”关系"


def _acting(request: HttpRequest) -> User:
    return cast("User", request.user)  # login_required


@login_required
@require_POST
def relation_confirm_view(request: HttpRequest, relation_id: int) -> HttpResponse:
    relation = relation_for_change(request.user, relation_id)
    try:
        relation_confirm(relation=relation, acting_user=_acting(request))
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, f"已确认{_named(relation)}，任职回避审查将采用这条关系。")
    return _back(request, _page_of(relation))


@login_required
@require_POST
def relation_reject_view(request: HttpRequest, relation_id: int) -> HttpResponse:
    relation = relation_for_change(request.user, relation_id)
    try:
        relation_reject(
            relation=relation, reason=request.POST.get("reason", ""), acting_user=_acting(request)
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(
            request, f"已否定{_named(relation)}。这条记录和理由会保留，户籍再次推导时不会恢复。"
        )
    return _back(request, _page_of(relation))


@login_required
@require_POST
def relation_reopen_view(request: HttpRequest, relation_id: int) -> HttpResponse:
    relation = relation_for_change(request.user, relation_id)
    try:
        relation_reopen(relation=relation, acting_user=_acting(request))
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, f"{_named(relation)}已恢复为待确认，请重新核对。")
    return _back(request, _page_of(relation))


@login_required
@require_POST
def relation_remove_view(request: HttpRequest, relation_id: int) -> HttpResponse:
    relation = relation_for_change(request.user, relation_id)
    named, page = _named(relation), _page_of(relation)
    try:
        relation_remove(relation=relation, acting_user=_acting(request))
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, f"已删除{named}的登记，操作记录中保留了删除前的内容。")
    return _back(request, page)


@login_required
@require_POST
def household_relations_confirm_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = household_for_change(request.user, household_id)
    try:
        count = relations_confirm_household(household=household, acting_user=_acting(request))
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, f"已确认本户{count}条近亲属关系，任职回避审查将采用这些关系。")
    return _back(request, reverse("core:household", args=[household.pk]) + "#relatives")


STATUS_TABS = [
    (RelationStatus.PENDING.value, "待确认"),
    (RelationStatus.CONFIRMED.value, "已确认"),
    (RelationStatus.DECLARED.value, "登记"),
    (RelationStatus.REJECTED.value, "已否定"),
    (ALL, "全部"),
]


@dataclass(frozen=True)
class HouseholdGroup:
    """The links of one household on the page, with how many of its links are still pending
    (for 本户全部确认: derived links never leave their household)."""

    household: Household | None
    pending: int
    rows: list[RelationRow]


def _groups(village: Region, rows: list[RelationRow], *, counted: bool) -> list[HouseholdGroup]:
    """The page's rows by household; `counted`: with each household's pending links (one
    query), for the committee's 本户全部确认."""
    pending: dict[int, int] = {}
    homes = {r.link.person_a.household_id for r in rows} - {None}
    if counted and homes:
        pending = dict(
            CloseRelative.objects.pending()
            .filter(person_a__household__in=homes, person_a__household__village=village)
            .values_list("person_a__household")
            .annotate(n=Count("pk"))
            .order_by()
        )
    groups = []
    for key, items in groupby(rows, key=lambda r: r.link.person_a.household_id):
        part = list(items)
        home = part[0].link.person_a.household
        groups.append(HouseholdGroup(household=home, pending=pending.get(key or 0, 0), rows=part))
    return groups


@login_required
@require_GET
def village_relations_view(request: HttpRequest, village_id: int) -> HttpResponse:
    """A village's links by status, a page at a time, by household: the committee works
    through the pending ones here; everyone who opens the village reads them."""
    village = access_village(request.user, village_id)
    wanted = request.GET.get("status", RelationStatus.PENDING.value)
    if wanted not in {key for key, _ in STATUS_TABS}:
        wanted = RelationStatus.PENDING.value
    status = None if wanted == ALL else RelationStatus(wanted)
    qs = village_relation_list(village=village, status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [row_of(link) for link in page.object_list]
    others = {r.link.person_a_id for r in rows} | {r.link.person_b_id for r in rows}
    counts = village_relation_counts(village=village)
    tabs = [
        (key, label, sum(counts.values()) if key == ALL else counts[RelationStatus(key)])
        for key, label in STATUS_TABS
    ]
    keeper = may_keep_relations(request.user, village)
    context = {
        "village": village,
        "page": page,
        "relation_rows": rows,
        "groups": _groups(village, rows, counted=keeper),
        "status": wanted,
        "tabs": tabs,
        "pending": counts[RelationStatus.PENDING],
        "relation_keeper": keeper,
        "openable": openable_people(request.user, others),
    }
    return render(request, "people/relations.html", context)
