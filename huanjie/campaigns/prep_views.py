"""Before the election on the web: the village page's 选情与准备 tab (its context built here),
and the pages that rate the risk, clear a flagged village and record a readiness item.

Thin views: the plan only within the user's villages (404 otherwise, as for a missing one),
the change only for whom `prep_services` allows (403 saying who may), then one service; a
refusal comes back above the form with what was typed still there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from huanjie.accounts.gates import scoped_villages
from huanjie.campaigns import prep_messages as msg
from huanjie.campaigns.models import RiskLevel, VillagePlan
from huanjie.campaigns.prep_forms import ClearForm, ReadinessForm, RiskForm
from huanjie.campaigns.prep_models import ReadinessKind, ReadinessOutcome
from huanjie.campaigns.prep_selectors import (
    current_plan,
    readiness_by_plan,
    risk_view,
)
from huanjie.campaigns.prep_services import (
    may_rate_risk,
    may_record_readiness,
    readiness_record,
    risk_clear,
    risk_rate,
    vc_election_day,
)

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

PLAN_NOT_FOUND = "找不到该村换届计划，或它不在您管辖的村（社区）。"


def prep_tab_context(request: HttpRequest, village: Region) -> dict[str, Any]:
    """The tab's context: the current plan's risk with its history, and its readiness."""
    plan = current_plan(village)
    if plan is None:
        return {"prep_plan": None, "plan_missing": msg.PLAN_MISSING}
    user = request.user
    risk = risk_view(plan)
    readiness = readiness_by_plan([plan])[plan.pk]
    may_rate = user.is_authenticated and may_rate_risk(user, village)
    may_record = user.is_authenticated and may_record_readiness(user, village)
    return {
        "prep_plan": plan,
        "risk": risk,
        "readiness": readiness,
        "readiness_rows": [(kind, readiness.items.get(kind.value)) for kind in ReadinessKind],
        "may_rate": may_rate,
        "may_record": may_record,
    }


def _plan(request: HttpRequest, plan_id: int) -> VillagePlan:
    plan = (
        VillagePlan.objects.select_related("campaign", "village")
        .filter(pk=plan_id, village__in=scoped_villages(request.user))
        .first()
    )
    if plan is None:
        raise Http404(PLAN_NOT_FOUND)
    return plan


def _rater(request: HttpRequest, plan: VillagePlan) -> User:
    user = request.user
    if not may_rate_risk(user, plan.village):  # type: ignore[arg-type]
        raise PermissionDenied(msg.NOT_A_RATER)
    return user  # type: ignore[return-value]


def _planner(request: HttpRequest, plan: VillagePlan) -> User:
    user = request.user
    if not may_record_readiness(user, plan.village):  # type: ignore[arg-type]
        raise PermissionDenied(msg.NOT_A_PLANNER)
    return user  # type: ignore[return-value]


def _risk_form(plan: VillagePlan, data: Any = None) -> RiskForm:
    risk = risk_view(plan)
    initial: dict[str, Any] = {"level": plan.risk_level}
    if risk.assessment is not None:
        initial |= {
            "reasons": risk.reasons,
            "category": risk.assessment.category,
            "cadre": risk.assessment.cadre_id,
            "report": risk.assessment.report,
        }
    return RiskForm(data, initial=initial, village=plan.village)


def _refused(form: Any, exc: ValidationError) -> None:
    """A service's refusal beside the field its code names (the services' codes are the forms'
    field names), else above the form."""
    code = getattr(exc, "code", None)
    field = code if code in form.fields else None
    for message in exc.messages:
        form.add_error(field, message)


def _back(plan: VillagePlan) -> str:
    return reverse("core:village", args=[plan.village_id]) + "?tab=prep"


def _page(
    request: HttpRequest, plan: VillagePlan, form: Any, action: str, status: int
) -> HttpResponse:
    context = {
        "plan": plan,
        "village": plan.village,
        "form": form,
        "action": action,
        "election_day": vc_election_day(plan) if action == "readiness" else None,
    }
    return render(request, "campaigns/prep_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def risk_rate_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    user = _rater(request, plan)
    if request.method == "GET":
        return _page(request, plan, _risk_form(plan), "rate", 200)
    form = _risk_form(plan, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            change = risk_rate(
                plan=plan,
                level=data["level"],
                reasons=data["reasons"],
                category=data["category"],
                report=data["report"],
                cadre=data["cadre"],
                note=data["note"],
                acting_user=user,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            flash.success(
                request,
                f"已将{plan.village.name}研判为{RiskLevel(change.level_to).label}。",
            )
            return redirect(_back(plan))
    return _page(request, plan, form, "rate", 400)


@login_required
@require_http_methods(["GET", "POST"])
def risk_clear_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    user = _rater(request, plan)
    if request.method == "GET":
        return _page(request, plan, ClearForm(), "clear", 200)
    form = ClearForm(request.POST)
    if form.is_valid():
        try:
            risk_clear(plan=plan, note=form.cleaned_data["note"], acting_user=user)
        except ValidationError as exc:
            _refused(form, exc)
        else:
            flash.success(request, f"{plan.village.name}已销号，现为绿。")
            return redirect(_back(plan))
    return _page(request, plan, form, "clear", 400)


@login_required
@require_http_methods(["GET", "POST"])
def readiness_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    user = _planner(request, plan)
    if request.method == "GET":
        kind = request.GET.get("kind", "")
        initial: dict[str, Any] = {"done_on": timezone.localdate()}
        found = plan.readiness_items.filter(kind=kind).first()
        if found is not None:
            initial = {
                f: getattr(found, f)
                for f in ("kind", "done_on", "outcome", "published_on", "by", "participants")
            } | {"result": found.result}
        elif kind in ReadinessKind.values:
            initial["kind"] = kind
        return _page(request, plan, ReadinessForm(initial=initial), "readiness", 200)
    form = ReadinessForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            item = readiness_record(
                plan=plan,
                kind=data["kind"],
                done_on=data["done_on"],
                outcome=data["outcome"],
                published_on=data["published_on"],
                result=data["result"],
                by=data["by"],
                participants=data["participants"],
                today=timezone.localdate(),
                acting_user=user,
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            flash.success(
                request,
                f"已登记{plan.village.name}的{item.get_kind_display()}，"
                f"结果：{ReadinessOutcome(item.outcome).label}。",
            )
            return redirect(_back(plan))
    return _page(request, plan, form, "readiness", 400)
