"""All of a township's villages' registers on one page (the township officer's, and the county's
election office's for a whole county), each row a link to the village's register; and the
register's spreadsheets."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from huanjie.accounts.gates import access_region, access_village
from huanjie.accounts.messages import REGION_NOT_FOUND
from huanjie.accounts.policy import village_scope
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.registration.changes import register_changes
from huanjie.registration.selectors import (
    current_election,
    region_trail,
    register_of,
    township_status,
)
from huanjie.registration.xlsx import changes_workbook, voter_list_workbook

if TYPE_CHECKING:
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.registration.models import VoterRegister

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_DOWNLOAD = AuditAction("registration.list_download", "下载选民名单（xlsx）")
CHANGES_DOWNLOAD = AuditAction("registration.changes_download", "下载四增四减情况表（xlsx）")


@login_required
@require_GET
def region_status(request: HttpRequest, region_id: int) -> HttpResponse:
    region = access_region(request.user, region_id)
    # The page is for whoever works in every village of the region (not a cadre of two of them).
    if region.is_village or not village_scope(request.user).contains(region):
        raise Http404(REGION_NOT_FOUND)
    rows = township_status(request.user, region)
    context = {
        "region": region,
        "trail": region_trail(request.user, region),
        "rows": rows,
        "today": timezone.localdate(),
        "counts": {
            "published": sum(1 for r in rows if r.state == "已公布"),
            "draft": sum(1 for r in rows if r.state == "草稿"),
            "conflicts": sum(1 for r in rows if r.conflicts),
            "objections": sum(r.open_objections for r in rows),
        },
    }
    return render(request, "voters/region.html", context)


def _register(request: HttpRequest, village_id: int) -> VoterRegister:
    village = access_village(request.user, village_id)
    register = register_of(current_election(village))
    if register is None or register.built_on is None:
        raise Http404("本村还没有生成选民名单。")
    return register


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    response["Cache-Control"] = "no-store, private"
    return response


def _audit(request: HttpRequest, register: VoterRegister, action: AuditAction) -> None:
    with transaction.atomic():
        record_audit(
            actor=cast("User", request.user),
            action=action,
            target=register,
            after={"format": "xlsx"},
            village=register.village,
        )


@login_required
@require_GET
def voter_list_xlsx(request: HttpRequest, village_id: int) -> HttpResponse:
    register = _register(request, village_id)
    data = voter_list_workbook(register)
    _audit(request, register, LIST_DOWNLOAD)
    return _xlsx(data, f"{register.village.name}选民名单.xlsx")


@login_required
@require_GET
def changes_xlsx(request: HttpRequest, village_id: int) -> HttpResponse:
    register = _register(request, village_id)
    report = register_changes(register)
    if report is None:
        raise Http404("没有上届选民名单，无法计算四增四减。请先导入上届选民名单。")
    data = changes_workbook(report)
    _audit(request, register, CHANGES_DOWNLOAD)
    return _xlsx(data, f"{register.village.name}选民四增四减情况表.xlsx")
