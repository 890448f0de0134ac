"""Objections to the published list and their decisions (VC-REG-6): received and decided by the
village election committee within the periods of the holiday table, published in a 补充公告."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from huanjie.accounts.gates import access_village
from huanjie.registration import messages as msg
from huanjie.registration.access import require_objection_handler
from huanjie.registration.forms import DecideForm, NoticeForm, ObjectionForm, errors_text
from huanjie.registration.gates import access_objection
from huanjie.registration.models import ListStatus, ObjectionKind, ObjectionStatus
from huanjie.registration.selectors import objections_of
from huanjie.registration.services import decisions_publish, objection_decide, objection_file
from huanjie.registration.services.build import judge_one
from huanjie.registration.services.objections import decision_due, late_finding
from huanjie.registration.views import register_context

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

GET_POST = require_http_methods(["GET", "POST"])


@login_required
@GET_POST
def objections(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    context = register_context(request, village)
    register = context["register"]
    if register is None or register.status != ListStatus.PUBLISHED:
        flash.info(request, "选民名单公布后才能受理异议。")
        return redirect("registration:home", village.pk)
    data = request.POST if request.method == "POST" else None
    form = ObjectionForm(data, village=village)
    if data is not None:
        user = require_objection_handler(request.user, village)
        if form.is_valid() and (person := form.person()) is not None:
            try:
                objection = objection_file(
                    register=register,
                    received_on=form.cleaned_data["received_on"],
                    filed_by=form.cleaned_data["filed_by"],
                    kind=form.cleaned_data["kind"],
                    person=person,
                    claim=form.cleaned_data["claim"],
                    new_name=form.cleaned_data["new_name"],
                    new_sex=form.cleaned_data["new_sex"],
                    new_group=form.cleaned_data["new_group"],
                    acting_user=user,
                )
            except ValidationError as exc:
                form.refused(exc, {"person": "id_number"})
            else:
                late = late_finding(objection)
                if late is not None:
                    flash.warning(request, msg.OBJECTION_LATE.format(message=late.message))
                else:
                    flash.success(
                        request,
                        f"已受理异议，请于{decision_due(objection)}前作出处理决定并公布。",
                    )
                return redirect("registration:objection", objection.pk)
    form.mark_invalid()
    rows = [(o, decision_due(o) if o.status == ObjectionStatus.OPEN else None)
            for o in objections_of(register)]  # fmt: skip
    pending = [o for o, _ in rows if o.decided and o.notice_id is None]
    context.update(
        form=form,
        rows=rows,
        pending=pending,
        notice_form=NoticeForm(),
        notices=register.notices.order_by("-number"),
        period_open=context["today"] <= (register.objection_deadline or context["today"]),
    )
    return render(request, "voters/objections.html", context)


@login_required
@GET_POST
def objection_detail(request: HttpRequest, objection_id: int) -> HttpResponse:
    objection = access_objection(request.user, objection_id)
    register = objection.register
    village = register.village
    context: dict[str, Any] = register_context(request, village)
    data = request.POST if request.method == "POST" else None
    form = DecideForm(data)
    if data is not None:
        user = require_objection_handler(request.user, village)
        if form.is_valid():
            try:
                objection = objection_decide(
                    objection=objection,
                    upheld=form.cleaned_data["upheld"],
                    reasons=form.cleaned_data["reasons"],
                    decided_on=form.cleaned_data["decided_on"],
                    acting_user=user,
                )
            except ValidationError as exc:
                form.refused(exc)
            else:
                flash.success(
                    request,
                    f"已作出决定：{objection.get_status_display()}。"
                    "请在“异议”页公布处理结果（补充公告）。",
                )
                return redirect("registration:objection", objection.pk)
    form.mark_invalid()
    context.update(
        objection=objection,
        form=form,
        late=late_finding(objection) if objection.status == ObjectionStatus.LATE else None,
        due=decision_due(objection) if objection.status == ObjectionStatus.OPEN else None,
        # For an addition still open: what the rules say of the person today, to decide on.
        judged=(
            judge_one(register, objection.person)[1]
            if objection.status == ObjectionStatus.OPEN and objection.kind == ObjectionKind.ADD
            else None
        ),
    )
    return render(request, "voters/objection.html", context)


@login_required
@require_POST
def notice_publish(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = require_objection_handler(request.user, village)
    register = register_context(request, village)["register"]
    if register is None:
        return redirect("registration:home", village.pk)
    form = NoticeForm(request.POST)
    if not form.is_valid():
        flash.error(request, errors_text(form))
        return redirect("registration:objections", village.pk)
    try:
        notice = decisions_publish(
            register=register, published_on=form.cleaned_data["published_on"], acting_user=user
        )
    except ValidationError as exc:
        flash.error(request, "".join(exc.messages))
    else:
        flash.success(request, f"已公布{notice}，请下载打印张贴。")
    return redirect("registration:objections", village.pk)
