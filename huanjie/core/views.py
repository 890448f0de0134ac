"""The web shell's pages: thin views over access gates, selectors and figures.

Every object comes through a gate of `huanjie.accounts.gates` (missing and out of scope give the
same 404); every list through a scoped selector. Nothing here decides who may see what.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from huanjie.accounts.gates import access_region, access_village, scoped_villages
from huanjie.accounts.policy import (
    FULL_ID_NUMBERS_IN_SCOPE,
    Capability,
    Reach,
    can,
    role_of,
    village_scope,
)
from huanjie.core.village_tabs import TABS, tab_context
from huanjie.dashboards import figures
from huanjie.dashboards.work import work_of
from huanjie.elections import selectors as election_selectors
from huanjie.people import relation_cards
from huanjie.people import selectors as people_selectors
from huanjie.people.display import PersonMasker, person_rows
from huanjie.people.figures import village_figures, villager_groups_counted
from huanjie.people.gates import access_household, access_person
from huanjie.people.models import RegisterStatus
from huanjie.people.selectors import person_relations
from huanjie.people.views_import import may_keep_register
from huanjie.rules.timeline.periods import age_on

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.people.models import Person


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    roots = figures.scope_roots(user)
    # One area (a county, a township): list what is in it; several (a cadre's villages, the
    # provinces of an administrator): list them.
    root = roots[0] if len(roots) == 1 and not roots[0].is_village else None
    rows = figures.region_rows(user, figures.children_of(user, root) if root else roots)
    chart = [{"name": name, "value": n} for name, n in figures.villages_per_township(user)]
    context: dict[str, Any] = {
        "root": root,
        "rows": rows,
        "totals": figures.total(rows),
        "has_scope": bool(roots),
        "show_townships": any(figures.above_township(r) for r in roots),
        "table_townships": any(figures.above_township(r.region) for r in rows),
        # A chart of one bar says nothing: it needs two townships or more.
        "chart": chart if len(chart) > 1 else [],
        "role": role_of(user),
    }
    if village_scope(user).reach is not Reach.NOTHING:
        # The work waiting in the user's villages; the table of the regions below stays on the
        # region page, except for a cadre's villages, which have no region page of their own.
        one_village = len(roots) == 1 and roots[0].is_village
        context["work"] = work_of(user, timezone.localdate(), one_village=one_village)
        context["one_village"], context["roots"] = one_village, roots
        context["may_keep_register"] = can(user, Capability.REGISTER_VOTERS)
        context["show_table"] = root is None and len(rows) > 1
    else:
        context["show_table"] = True
    return render(request, "core/home.html", context)


@login_required
@require_GET
def region(request: HttpRequest, region_id: int) -> HttpResponse:
    user = request.user
    place = access_region(user, region_id)
    if place.is_village:
        if scoped_villages(user).filter(pk=place.pk).exists():
            return redirect("core:village", village_id=place.pk)
        # Figures only (an observer): the village's own counts, no working page.
        rows = figures.region_rows(user, [place])
        children: list[figures.RegionRow] = []
    else:
        children = figures.region_rows(user, figures.children_of(user, place))
        rows = children
    context = {
        "region": place,
        "trail": figures.region_trail(user, place),
        "children": children,
        "totals": figures.total(rows),
        "card_townships": figures.above_township(place),
        "table_townships": any(figures.above_township(c.region) for c in children),
        "child_level": children[0].region.get_level_display() if children else "",
    }
    return render(request, "core/region.html", context)


@login_required
@require_GET
def village(request: HttpRequest, village_id: int) -> HttpResponse:
    user = request.user
    place = access_village(user, village_id)
    tab = request.GET.get("tab", "")
    if tab not in TABS:
        tab = next(iter(TABS))
    groups = list(villager_groups_counted(village=place))
    context: dict[str, Any] = {
        "village": place,
        "trail": figures.region_trail(user, place),
        "groups": groups,
        # Every figure of the page from one reading of the register (people.figures).
        "counts": village_figures(village=place),
        "may_import": may_keep_register(user, place),
        # Past access_village: within the user's villages, so the role decides (no query).
        "may_export": role_of(user) in FULL_ID_NUMBERS_IN_SCOPE,
        "tabs": TABS,
        "tab": tab,
    }
    context.update(tab_context(request, place, tab, groups))
    return render(request, "core/village.html", context)


@login_required
@require_GET
def household(request: HttpRequest, household_id: int) -> HttpResponse:
    user = request.user
    home_ = access_household(user, household_id)
    masker = PersonMasker(user)
    members = person_rows(
        people_selectors.household_members(household=home_), masker, timezone.localdate()
    )
    # Those on the register first; who moved out or died after them, greyed (the history).
    members.sort(key=lambda row: row.person.status != RegisterStatus.ACTIVE)
    context = {
        "household": home_,
        "village": home_.village,
        "trail": figures.region_trail(user, home_.village),
        "members": members,
        "on_register": sum(row.person.status == RegisterStatus.ACTIVE for row in members),
        "left": sum(row.person.status != RegisterStatus.ACTIVE for row in members),
        "may_edit": may_keep_register(user, home_.village),
        **relation_cards.household_card(user, home_),
    }
    return render(request, "core/household.html", context)


@login_required
@require_GET
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    return person_page(request, access_person(request.user, person_id))


def person_page(
    request: HttpRequest,
    someone: Person,
    *,
    relation_form: relation_cards.RelationDeclareForm | None = None,
) -> HttpResponse:
    """The person page; `relation_form` is a 添加近亲属 form sent back with its errors."""
    user = request.user
    masker = PersonMasker(user)
    relations = person_relations(person=someone)
    try:
        membership: Any = someone.party_membership
    except ObjectDoesNotExist:
        membership = None
    context = {
        "person": someone,
        "village": someone.village,
        "trail": figures.region_trail(user, someone.village),
        "id_number": masker.id_number(someone),
        "phone": masker.phone(someone),
        "age": age_on(someone.birth_date, timezone.localdate()),
        "group": someone.household.villager_group if someone.household else None,
        "tags": [t.get_tag_display() for t in someone.tags.all()],
        "membership": membership,
        **relation_cards.person_card(
            user,
            someone,
            search=request.GET.get("relative_q", "") or request.POST.get("relative_q", ""),
            form=relation_form,
            views=relations,
        ),
        "offices": list(election_selectors.person_offices(person=someone)),
        "may_edit": may_keep_register(user, someone.village),
    }
    return render(request, "core/person.html", context)
