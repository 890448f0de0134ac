"""The progress dashboard's pages: thin views over the scope gates and `progress`.

A region outside the user's figures (or a village, which has no dashboard) gives the same 404 as
a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from huanjie.accounts import messages as account_messages
from huanjie.accounts.gates import access_one
from huanjie.accounts.models import Role, User
from huanjie.accounts.policy import role_of
from huanjie.campaigns.previous_models import PreviousTermFigures
from huanjie.dashboards import messages, previous, progress, structure
from huanjie.dashboards.figures import region_trail
from huanjie.dashboards.report import report_filename, report_workbook
from huanjie.elections.models import Body
from huanjie.regions.models import Region
from huanjie.rules.structure import summary

if TYPE_CHECKING:
    from django.http import HttpRequest


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
    term = _term(request, terms)
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
    if place is not None and term is not None and regions:
        context.update(_structure(user, place, regions, rows, term))
    return render(request, "dashboards/progress.html", context)


def _term(request: HttpRequest, terms: list[int]) -> int | None:
    wanted = request.GET.get("term", "")
    return next((t for t in terms if str(t) == wanted), terms[0] if terms else None)


def _structure(
    user: User | Any,
    place: Region,
    regions: list[Region],
    rows: list[progress.ProgressRow],
    term: int,
) -> dict[str, Any]:
    """The new 两委's figures of the region, its regions' and the summary sentences."""
    by_village = structure.area_figures(structure.area_villages(user, place), term)
    whole = structure.total(by_village)
    by_region = structure.rolled_up(by_village, regions)
    figures = [
        {
            "figure": f,
            "now": f.value(whole),
            "before": f.before(whole),
            "change": _change(f, f.value(whole), f.before(whole)),
            "link": reverse("dashboards:figure", args=[place.pk, f.key]) + f"?term={term}",
        }
        for f in structure.FIGURES
    ]

    def links(key: str) -> list[str]:
        return [
            row.link
            if row.region.is_village
            else reverse("dashboards:figure", args=[row.region.pk, key]) + f"?term={term}"
            for row in rows
        ]

    chart = {
        "names": [r.name for r in regions],
        "series": [
            {
                "key": key,
                "name": structure.FIGURE_BY_KEY[key].label,
                "values": [structure.FIGURE_BY_KEY[key].value(by_region[r.pk]) for r in regions],
                "links": links(key),
            }
            for key in CHART_FIGURES
        ],
    }
    return {
        "structure": figures,
        "structure_known": whole.now.members > 0,
        "structure_whole": whole,
        "sentences": summary(whole.now, whole.before if whole.before.members else None),
        "structure_chart": chart,
        "report_url": reverse("dashboards:report", args=[place.pk]) + f"?term={term}",
        "previous_url": reverse("dashboards:previous", args=[place.pk])
        if role_of(user) in IMPORT_ROLES
        else "",
    }


def _change(figure: structure.Figure, now: float | int | None, before: float | int | None) -> str:
    """This term against the previous, in the figure's unit ("" when either is unknown)."""
    if now is None or before is None or figure.previous is None:
        return ""
    delta = now - before
    if round(delta, 1) == 0:
        return "持平"
    unit = "个百分点" if figure.unit == "%" else figure.unit
    if isinstance(delta, int):
        return f"{delta:+d}{unit}"
    return f"{delta:+.1f}{unit}"


# The shares drawn per region on the structure chart (the rest are in the table).
CHART_FIGURES = ("college", "up_to_35", "women", "one_person", "one_time")


@login_required
@require_GET
def figure_villages(request: HttpRequest, region_id: int, key: str) -> HttpResponse:
    """A figure drilled down to the villages of the region: each village's value, this term's
    and the previous, the highest first (villages without one last), each opening the village."""
    user = request.user
    place = access_one(
        progress.dashboard_regions(user), region_id, account_messages.REGION_NOT_FOUND
    )
    # Without script the chooser sends ?figure=: it wins over the path's.
    figure = structure.FIGURE_BY_KEY.get(request.GET.get("figure", key))
    if figure is None:
        raise Http404(messages.FIGURE_NOT_FOUND)
    terms = progress.terms(user, place)
    term = _term(request, terms)
    villages = structure.area_villages(user, place)
    by_village = structure.area_figures(villages, term) if term is not None else {}
    listed = list(villages.select_related("parent").order_by("code"))
    openable = progress.openable_villages(user, listed)
    empty = structure.Figures()
    rows = [
        VillageRow(
            v, found, figure.value(found), figure.before(found), _link(v, v.pk in openable, term)
        )
        for v in listed
        for found in [by_village.get(v.code, empty)]
    ]
    rows.sort(key=lambda r: (r.value is None, -(r.value or 0), r.village.code))
    page = Paginator(rows, VILLAGES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "region": place,
        "trail": [*region_trail(user, place), place],
        "figure": figure,
        "figures": structure.FIGURES,
        "term": term,
        "terms": terms,
        "page": page,
        "whole": figure.value(structure.total(by_village)),
        "whole_before": figure.before(structure.total(by_village)),
        "counted": sum(1 for r in rows if r.value is not None),
    }
    return render(request, "dashboards/figure_villages.html", context)


VILLAGES_PER_PAGE = 100


@dataclass(frozen=True)
class VillageRow:
    village: Region
    figures: structure.Figures
    value: float | int | None
    before: float | int | None
    link: str


@login_required
@require_GET
def report(request: HttpRequest, region_id: int) -> HttpResponse:
    """The structure table of the region's regions (practice.md §4) as xlsx, in the user's
    scope: the rows are the regions below the one reported that the user sees."""
    user = request.user
    place = access_one(
        progress.dashboard_regions(user), region_id, account_messages.REGION_NOT_FOUND
    )
    term = _term(request, progress.terms(user, place))
    if term is None:
        raise Http404(messages.NO_TERM)
    regions = progress.dashboard_children(user, place)
    by_village = structure.area_figures(structure.area_villages(user, place), term)
    by_region = structure.rolled_up(by_village, regions)
    whole = structure.total(by_village)
    data = report_workbook(
        place,
        term,
        regions[0].get_level_display() if regions else "",
        [(r.name, by_region[r.pk]) for r in regions],
        whole,
        summary(whole.now, whole.before if whole.before.members else None),
        timezone.localdate(),
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = (
        content_disposition_header(True, report_filename(place, term)) or ""
    )
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


# Who imports the previous term's table: the county's election office (and the administrator).
IMPORT_ROLES = frozenset({Role.ADMINISTRATOR, Role.ELECTION_OFFICE})
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class PreviousForm(forms.Form):
    year = forms.IntegerField(
        label="上届换届年份", min_value=2000, max_value=2100, help_text="例如 2021"
    )
    file = forms.FileField(
        label="填好的上届班子结构表", help_text="Excel（.xlsx），请使用本页下载的模板，不超过5MB。"
    )


def _importable(request: HttpRequest, region_id: int) -> Region:
    user = request.user
    place = access_one(
        progress.dashboard_regions(user), region_id, account_messages.REGION_NOT_FOUND
    )
    if role_of(user) not in IMPORT_ROLES:
        raise PermissionDenied(messages.IMPORT_NOT_ALLOWED)
    return place


@login_required
@require_http_methods(["GET", "POST"])
def previous_figures(request: HttpRequest, region_id: int) -> HttpResponse:
    """Import the upper level's table of the previous term: every row checked first, a wrong
    row named with what to write, and nothing written unless every row is right."""
    place = _importable(request, region_id)
    villages = structure.area_villages(request.user, place)
    errors: list[previous.RowError] = []
    imported = None
    # The previous term began five years before this one (PB-TERM-1, VC-TERM-1).
    form = PreviousForm(
        request.POST or None,
        request.FILES or None,
        initial={"year": timezone.localdate().year - 5},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", messages.FILE_TOO_LARGE)
        else:
            reading = previous.read_table(upload.read(), villages)
            errors = reading.errors
            if not errors:
                assert isinstance(request.user, User)  # login_required
                imported = previous.previous_import(
                    rows=reading.rows, year=form.cleaned_data["year"], acting_user=request.user
                )
    listed = PreviousTermFigures.objects.filter(village__in=villages)
    context = {
        "region": place,
        "trail": [*region_trail(request.user, place), place],
        "form": form,
        "errors": errors,
        "imported": imported,
        "years": list(
            listed.order_by("-term_start_year").values("term_start_year").annotate(n=Count("id"))
        ),
        "villages": villages.count(),
    }
    return render(
        request, "dashboards/previous_figures.html", context, status=400 if errors else 200
    )


@login_required
@require_GET
def previous_template(request: HttpRequest, region_id: int) -> HttpResponse:
    place = _importable(request, region_id)
    villages = list(structure.area_villages(request.user, place).order_by("code"))
    year = timezone.localdate().year - 5
    response = HttpResponse(previous.template_workbook(villages, year), content_type=XLSX)
    name = f"{place.name}上届村两委班子结构（模板）.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response
