"""The household-register import pages: upload → progress → preview → confirm → result.

Thin views: the village comes through `access_village` (404 outside the user's scope), only the
roles that keep the register may use them (403), and the work is done by `people.register`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from huanjie.accounts.gates import access_village
from huanjie.accounts.policy import (
    FULL_ID_NUMBERS_IN_SCOPE,
    Capability,
    can_change_in,
    role_of,
    village_scope,
)
from huanjie.people import messages as msg
from huanjie.people.import_preview import import_preview
from huanjie.people.models import RegisterCoverage, RegisterImport, RegisterImportStatus
from huanjie.people.register.checks import masked
from huanjie.people.register.downloads import record_report_download
from huanjie.people.register.importing import (
    MAX_UPLOAD_MB,
    can_retry,
    register_import_claim,
    register_import_create,
    register_import_dismiss,
    register_import_expire,
    register_import_recheck,
    register_import_retry,
    report_problems,
)
from huanjie.people.register.inputs import Problem
from huanjie.people.register.tasks import confirm_register_import, validate_register_import
from huanjie.people.register.workbook import report_workbook, template_workbook
from huanjie.people.selectors import register_imports

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUNNING = frozenset({RegisterImportStatus.UPLOADED, RegisterImportStatus.IMPORTING})
# A report longer than this is read in the downloaded workbook: 50,000 rows of HTML (a large
# file uploaded twice) would take a minute to render and freeze the browser.
REPORT_ROWS_SHOWN = 500
NOT_AWAITING_CONFIRMATION = (
    "这份文件已在导入中、已导入或未通过校验，不能再次确认。请查看本页的状态。"
)
IMPORT_DISMISSED = "已把“{name}”从最近的导入中移除（记录仍保留在操作记录中）。"
NOT_A_KEEPER = "您的角色不能修改户籍登记。户籍由本村村民选举委员会导入，请联系村选委会办理。"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="户籍登记表",
        help_text=f"Excel（.xlsx）或 CSV 文件，不超过{MAX_UPLOAD_MB}MB；请使用本页提供的模板。",
        error_messages={"required": msg.IMPORT_FILE_REQUIRED, "empty": msg.FILE_EMPTY},
    )
    coverage = forms.ChoiceField(
        label="文件包含",
        choices=RegisterCoverage.choices,
        initial=RegisterCoverage.HOUSEHOLDS,
        widget=forms.RadioSelect,
        required=False,  # a form or script that leaves it out means the households it lists
        help_text=(
            "本村第一次导入时两者相同。以后再导入时：选第一项，文件中没有列出的户保持不变；"
            "选第二项，本村在册但文件中没有的人员将登记为已迁出。导入前的预览会逐人列出。"
        ),
    )

    def clean_coverage(self) -> str:
        return self.cleaned_data.get("coverage") or RegisterCoverage.HOUSEHOLDS


class CoverageForm(forms.Form):
    coverage = forms.ChoiceField(choices=RegisterCoverage.choices)


def may_keep_register(user: User | AnonymousUser, village: Region) -> bool:
    return can_change_in(user, Capability.REGISTER_VOTERS, village)


def _keeper_village(request: HttpRequest, village_id: int) -> Region:
    village = access_village(request.user, village_id)
    # domain.md §1: the register is the village election committee's to change.
    if not may_keep_register(request.user, village):
        raise PermissionDenied(NOT_A_KEEPER)
    return village


def sees_full_ids(user: User | AnonymousUser, village: Region) -> bool:
    role = role_of(user)
    return role in FULL_ID_NUMBERS_IN_SCOPE and village_scope(user).contains(village)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, village_id: int) -> HttpResponse:
    village = _keeper_village(request, village_id)
    # Bound on every POST, an empty one included: it must say which file to choose.
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            register_import = register_import_create(
                village=village,
                name=upload.name,
                data=upload.read(),
                acting_user=cast("User", request.user),  # login_required
                coverage=form.cleaned_data["coverage"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            validate_register_import.enqueue(register_import.pk)
            return redirect(
                "people:import_detail", village_id=village.pk, import_id=register_import.pk
            )
    recent = list(register_imports(village=village)[:10])
    for item in recent:
        register_import_expire(item)  # a dead worker's import shows as failed, not running
    context = {"village": village, "form": form, "recent": recent}
    return render(request, "people/import_upload.html", context)


def _import(
    request: HttpRequest, village_id: int, import_id: int, *, with_report: bool = True
) -> RegisterImport:
    village = _keeper_village(request, village_id)
    imports = RegisterImport.objects.select_related("village", "created_by", "imported_by")
    if not with_report:
        imports = imports.defer("report")  # the progress poll runs every second
    found: RegisterImport = get_object_or_404(imports, pk=import_id, village=village)
    register_import_expire(found)  # its worker died: failed, with the way to run it again
    return found


def visible_problems(
    user: User | AnonymousUser, register_import: RegisterImport, limit: int | None = None
) -> list[Problem]:
    """The report's first `limit` problems as `user` may read them (the page, the workbook
    and the API): ID numbers masked for a reader without the need."""
    problems = report_problems(register_import, limit)
    if sees_full_ids(user, register_import.village):
        return problems
    return [masked(p) for p in problems]


def _problems(
    request: HttpRequest, register_import: RegisterImport, limit: int | None = None
) -> list[Problem]:
    return visible_problems(request.user, register_import, limit)


@login_required
@require_GET
def import_detail(request: HttpRequest, village_id: int, import_id: int) -> HttpResponse:
    register_import = _import(request, village_id, import_id)
    problems = _problems(request, register_import, REPORT_ROWS_SHOWN)
    problems_total = len(register_import.report.get("problems", []))
    context = {
        "village": register_import.village,
        "register_import": register_import,
        "running": register_import.status in RUNNING,
        "problems": problems,
        "problems_total": problems_total,
        "problems_cut": problems_total > len(problems),
        "file_error": register_import.report.get("file_error"),
        "changed_since_preview": register_import.report.get("changed_since_preview"),
        "new_groups": register_import.report.get("new_groups", []),
        "can_confirm": register_import.status == RegisterImportStatus.VALIDATED,
        "can_retry": can_retry(register_import),
        "can_dismiss": register_import.status
        in (RegisterImportStatus.FAILED, RegisterImportStatus.VALIDATED)
        and register_import.dismissed_at is None,
        "preview": import_preview(
            register_import, full_ids=sees_full_ids(request.user, register_import.village)
        ),
        "coverages": RegisterCoverage.choices,
    }
    return render(request, "people/import_detail.html", context)


@login_required
@require_POST
def import_recheck(request: HttpRequest, village_id: int, import_id: int) -> HttpResponse:
    """Preview the kept file again as covering the other extent (the preview page's switch)."""
    register_import = _import(request, village_id, import_id, with_report=False)
    form = CoverageForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(msg.IMPORT_COVERAGE_UNKNOWN)
        register_import_recheck(
            register_import=register_import, coverage=form.cleaned_data["coverage"]
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        validate_register_import.enqueue(register_import.pk)
    return redirect("people:import_detail", village_id=village_id, import_id=import_id)


@login_required
@require_POST
def import_dismiss(request: HttpRequest, village_id: int, import_id: int) -> HttpResponse:
    """Take a failed or unconfirmed upload off 最近的导入 (the record stays, audited)."""
    register_import = _import(request, village_id, import_id, with_report=False)
    try:
        register_import_dismiss(
            register_import=register_import,
            acting_user=cast("User", request.user),  # login_required
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
        return redirect("people:import_detail", village_id=village_id, import_id=import_id)
    flash.success(request, IMPORT_DISMISSED.format(name=register_import.original_name))
    return redirect("people:import_upload", village_id=village_id)


@login_required
@require_GET
def import_report(request: HttpRequest, village_id: int, import_id: int) -> HttpResponse:
    """The whole row report as xlsx (IDs masked as on the page); each download audited."""
    register_import = _import(request, village_id, import_id)
    response = HttpResponse(report_workbook(_problems(request, register_import)), content_type=XLSX)
    record_report_download(
        register_import=register_import,
        acting_user=cast("User", request.user),  # login_required
        full_ids=sees_full_ids(request.user, register_import.village),
    )
    name = f"校验报告-{register_import.original_name.rsplit('.', 1)[0]}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    patch_cache_control(response, no_store=True, private=True)  # names and ID numbers
    return response


@login_required
@require_GET
def import_progress(request: HttpRequest, village_id: int, import_id: int) -> HttpResponse:
    """The progress fragment htmx polls every second; once the step ends, the page reloads."""
    register_import = _import(request, village_id, import_id, with_report=False)
    response = render(
        request,
        "people/import_progress.html",
        {"village": register_import.village, "register_import": register_import},
    )
    if register_import.status not in RUNNING:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_confirm(request: HttpRequest, village_id: int, import_id: int) -> HttpResponse:
    register_import = _import(request, village_id, import_id, with_report=False)
    try:
        # Claimed before it is queued: the page shown next polls the progress at once.
        register_import_claim(register_import=register_import)
    except ValidationError:
        flash.error(request, NOT_AWAITING_CONFIRMATION)
    else:
        confirm_register_import.enqueue(register_import.pk, request.user.pk)
    return redirect("people:import_detail", village_id=village_id, import_id=import_id)


@login_required
@require_POST
def import_retry(request: HttpRequest, village_id: int, import_id: int) -> HttpResponse:
    """Run an interrupted step again from the kept file (重新导入)."""
    register_import = _import(request, village_id, import_id, with_report=False)
    try:
        step = register_import_retry(register_import=register_import)
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        if step == "validate":
            validate_register_import.enqueue(register_import.pk)
        else:
            confirm_register_import.enqueue(register_import.pk, request.user.pk)
    return redirect("people:import_detail", village_id=village_id, import_id=import_id)


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "户籍登记模板.xlsx") or ""
    return response
