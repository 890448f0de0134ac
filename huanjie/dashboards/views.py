"""The progress dashboard's pages: thin views over the scope gates and `progress`.

A region outside the user's figures (or a village, which has no dashboard) gives the same 404 as
a missing one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from huanjie.accounts import messages as account_messages
from huanjie.accounts.gates import access_one
from huanjie.accounts.models import Role
from huanjie.accounts.policy import role_of
from huanjie.dashboards import progress
from huanjie.dashboards.figures import region_trail
from huanjie.elections.models import Body

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

# Who may follow the township's villages onto the campaign board (the board's own roles).
BOARD_ROLES = frozenset({Role.ADMINISTRATOR, Role.ELECTION_OFFICE, Role.TOWNSHIP_OFFICER})


@login_required
@require_GET
def dashboard_home(request: HttpRequest) -> HttpResponse:
    """The user's own dashboard: its region's, or one row per region when it has several."""
    user = request.user
    roots = progress.dashboard_roots(user)
    if len(roots) == 1:
        url = reverse("dashboards:region", args=[roots[0].pk])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    return _render(request, user, None, roots)


@login_required
@require_GET
def dashboard(request: HttpRequest, region_id: int) -> HttpResponse:
    user = request.user
    place = access_one(
        progress.dashboard_regions(user), region_id, account_messages.REGION_NOT_FOUND
    )
    return _render(request, user, place, progress.dashboard_children(user, place))


def _render(
    request: HttpRequest, user: User | Any, place: Region | None, regions: list[Region]
) -> HttpResponse:
    today = timezone.localdate()
    terms = progress.terms(user, place) if regions else []
    wanted = request.GET.get("term", "")
    term = next((t for t in terms if str(t) == wanted), terms[0] if terms else None)
    found = progress.progress_by_region(user, regions, term, today)
    openable = progress.openable_villages(user, regions)
    rows = [progress.ProgressRow(r, found[r.pk], _link(r, r.pk in openable, term)) for r in regions]
    totals = progress.total([row.progress for row in rows])
    context: dict[str, Any] = {
        "region": place,
        "trail": region_trail(user, place) if place is not None else [],
        "rows": rows,
        "totals": totals,
        "terms": terms,
        "term": term,
        "today": today,
        "bodies": [(b, Body(b).label) for b in progress.BODIES],
        "child_level": regions[0].get_level_display() if regions else "",
        "villages_listed": bool(regions) and regions[0].is_village,
        "board": place is not None and place.level == "township" and role_of(user) in BOARD_ROLES,
        "chart": _chart(rows) if rows and term is not None else None,
    }
    return render(request, "dashboards/progress.html", context)


def _link(region: Region, openable: bool, term: int | None) -> str:
    if not region.is_village:
        url = reverse("dashboards:region", args=[region.pk])
        return f"{url}?term={term}" if term is not None else url
    if openable:
        return reverse("core:village", args=[region.pk]) + "?tab=tasks"
    return reverse("core:region", args=[region.pk])


def _chart(rows: list[progress.ProgressRow]) -> dict[str, Any]:
    """The numbers of the table, column by column, for the charts (json_script)."""
    return {
        "names": [r.region.name for r in rows],
        "links": [r.link for r in rows],
        "red": [r.progress.red for r in rows],
        "orange": [r.progress.orange for r in rows],
        "green": [r.progress.green for r in rows],
        "unplanned": [r.progress.villages - r.progress.planned for r in rows],
        "overdue": [r.progress.overdue for r in rows],
        "ready": [r.progress.ready for r in rows],
        "published": [r.progress.published for r in rows],
        "bodies": [
            {
                "name": Body(b).label,
                "percent": [r.progress.bodies[b].percent for r in rows],
                "complete": [r.progress.bodies[b].complete for r in rows],
                "planned": [r.progress.bodies[b].planned for r in rows],
            }
            for b in progress.BODIES
        ],
    }
