"""The register export pages: a small village's register downloads at once, a large one is
built in the background (progress bar, then a download link). Every download is audited.

Whoever may read the village's full register may export it (full ID numbers: the roles of
FULL_ID_NUMBERS_IN_SCOPE, the committee and the township and county officers among them):
`access_village` answers 404 outside the user's scope, `may_read_full_register` 403 to a role
that reads it masked; an export is its requester's alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_village
from huanjie.accounts.policy import may_read_full_register
from huanjie.people import messages as msg
from huanjie.people.models import RegisterExport, RegisterExportStatus
from huanjie.people.register.downloads import record_export_download
from huanjie.people.register.exporting import (
    UNFINISHED,
    export_filename,
    exportable_people,
    file_available,
    register_export_direct,
    register_export_expire,
    register_export_request,
)
from huanjie.people.register.tasks import build_register_export
from huanjie.people.selectors import register_exports
from huanjie.people.views_import import XLSX

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

RECENT_SHOWN = 5


def _exporter_village(request: HttpRequest, village_id: int) -> Region:
    village = access_village(request.user, village_id)
    if not may_read_full_register(request.user, village):
        raise PermissionDenied(msg.EXPORT_REFUSED)
    return village


def _acting_user(request: HttpRequest) -> User:
    return cast("User", request.user)  # login_required


def _attachment(response: HttpResponseBase, name: str) -> HttpResponseBase:
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    # Full ID numbers: in no cache, shared proxy's or browser's (NoStoreMiddleware adds the
    # same; said here too so that the download stays uncached wherever it is served from).
    patch_cache_control(response, no_store=True, private=True)
    return response


@login_required
@require_GET
def register_export(request: HttpRequest, village_id: int) -> HttpResponseBase:
    """The village's register as xlsx, at once up to HUANJIE_EXPORT_SYNC_MAX_PEOPLE people;
    above it, the page that builds the file in the background."""
    village = _exporter_village(request, village_id)
    people = exportable_people(village)
    if people <= settings.HUANJIE_EXPORT_SYNC_MAX_PEOPLE:
        _, data = register_export_direct(village=village, acting_user=_acting_user(request))
        return _attachment(HttpResponse(data, content_type=XLSX), export_filename(village))
    recent = list(register_exports(village=village, user=request.user)[:RECENT_SHOWN])
    for export in recent:
        register_export_expire(export)
    context = {
        "village": village,
        "people": people,
        "threshold": settings.HUANJIE_EXPORT_SYNC_MAX_PEOPLE,
        "recent": recent,
        "retention_days": settings.HUANJIE_UPLOAD_RETENTION_DAYS,
    }
    return render(request, "people/export_start.html", context)


@login_required
@require_POST
def register_export_start(request: HttpRequest, village_id: int) -> HttpResponse:
    village = _exporter_village(request, village_id)
    export = register_export_request(village=village, acting_user=_acting_user(request))
    build_register_export.enqueue(export.pk)
    return redirect("people:register_export_detail", village_id=village.pk, export_id=export.pk)


def _export(request: HttpRequest, village_id: int, export_id: int) -> RegisterExport:
    village = _exporter_village(request, village_id)
    # Another village's export, or another user's, is as missing as an unknown one.
    export: RegisterExport = get_object_or_404(
        register_exports(village=village, user=request.user), pk=export_id
    )
    register_export_expire(export)  # its worker died: failed, say so
    return export


def _context(export: RegisterExport) -> dict[str, object]:
    return {
        "village": export.village,
        "export": export,
        "running": export.status in UNFINISHED,
        "available": export.status == RegisterExportStatus.READY and file_available(export),
        "retention_days": settings.HUANJIE_UPLOAD_RETENTION_DAYS,
    }


@login_required
@require_GET
def register_export_detail(request: HttpRequest, village_id: int, export_id: int) -> HttpResponse:
    export = _export(request, village_id, export_id)
    return render(request, "people/export_detail.html", _context(export))


@login_required
@require_GET
def register_export_progress(request: HttpRequest, village_id: int, export_id: int) -> HttpResponse:
    """The progress fragment htmx polls every second; once the build ends, the page reloads."""
    export = _export(request, village_id, export_id)
    response = render(request, "people/export_progress.html", _context(export))
    if export.status not in UNFINISHED:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def register_export_download(
    request: HttpRequest, village_id: int, export_id: int
) -> HttpResponseBase:
    export = _export(request, village_id, export_id)
    if export.status != RegisterExportStatus.READY:
        flash.error(request, msg.EXPORT_NOT_READY)
        return redirect("people:register_export_detail", village_id=village_id, export_id=export_id)
    if not file_available(export):
        flash.error(
            request, msg.EXPORT_FILE_PURGED.format(days=settings.HUANJIE_UPLOAD_RETENTION_DAYS)
        )
        return redirect("people:register_export_detail", village_id=village_id, export_id=export_id)
    record_export_download(export=export, acting_user=_acting_user(request))
    response = FileResponse(export.file.open("rb"), content_type=XLSX)
    return _attachment(response, export_filename(export.village))
