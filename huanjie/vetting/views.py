"""The joint review's pages.

- /vetting/ — a reviewer's queue: the candidates of their county sent to their department, to
  review (by deadline) and reviewed; for everyone with village pages (township officer, county
  election office, election committee) the review state of every candidate of their villages,
  and for the county election office the rounds and the negative list, with the form to open a
  round.
- /vetting/rounds/<round>/candidates/<application>/ — a reviewer records their department's
  result (cleared, or a negative-list item with its date, a note and an attachment).
- /vetting/results/<id>/attachment/ — the attachment, to whom may read the result.

Thin views: the object through a scoped queryset (the same 404 for missing and out of scope),
the change only for whom `vetting.access` allows (403 saying who may), then one service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from huanjie.accounts.gates import access_one, scoped_villages
from huanjie.accounts.policy import Reach, village_scope
from huanjie.campaigns.models import CampaignStatus
from huanjie.campaigns.selectors import campaign_list
from huanjie.nominations.models import Application
from huanjie.vetting import access
from huanjie.vetting.forms import ResultForm, RoundForm
from huanjie.vetting.models import Department, ReviewResult, ReviewRound
from huanjie.vetting.selectors import (
    campaign_rounds,
    candidate_review,
    department_queue,
    negative_list,
    village_reviews,
)
from huanjie.vetting.services import result_record, round_open

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

NOT_FOUND = "没有找到这名候选人，或不在您负责的范围内。"
NO_PAGES = "您的角色不查看联审。联审结果由各联审部门登记，乡镇组织委员和县换届办查看。"


def _queue(request: HttpRequest) -> HttpResponse:
    department = access.reviewer_department(request.user)
    todo, done = department_queue(
        access.reviewer_prefix(request.user), department, today=timezone.localdate()
    )
    return render(
        request,
        "vetting/queue.html",
        {"department": department, "todo": todo, "done": done},
    )


def _board(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = request.user
    campaigns = [c for c in campaign_list(user=user) if c.status != CampaignStatus.CLOSED]
    rounds = campaign_rounds(c.pk for c in campaigns)
    organized = [
        {
            "campaign": c,
            "rounds": rounds.get(c.pk, []),
            "items": negative_list(c.pk),
            "may_organize": access.may_organize(user, c),
        }
        for c in campaigns
    ]
    context: dict[str, Any] = {
        "campaigns": organized,
        "villages": village_reviews(scoped_villages(user)),
        "round_form": RoundForm(
            initial={
                "opens_on": timezone.localdate(),
                "departments": list(Department.objects.filter(active=True)),
            }
        ),
        "round_for": None,
    }
    context.update(extra)
    return context


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if access.is_reviewer(request.user):
        return _queue(request)
    if village_scope(request.user).reach is Reach.NOTHING:
        raise PermissionDenied(NO_PAGES)
    return render(request, "vetting/board.html", _board(request))


@login_required
@require_POST
def open_round(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access_one(campaign_list(user=request.user), campaign_id, "没有找到这次换届。")
    user = access.organizer(request.user, campaign)
    form = RoundForm(request.POST)
    if form.is_valid():
        try:
            review_round = round_open(
                campaign=campaign,
                title=form.cleaned_data["title"],
                opens_on=form.cleaned_data["opens_on"],
                due_on=form.cleaned_data["due_on"],
                departments=list(form.cleaned_data["departments"]),
                acting_user=user,
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"已开设{review_round}，截止{review_round.due_on:%Y-%m-%d}。")
            return redirect("vetting:index")
    form.mark_invalid()
    context = _board(request, round_form=form, round_for=campaign.pk)
    return render(request, "vetting/board.html", context, status=400)


def _reviewed(request: HttpRequest, application_id: int) -> Application:
    """A candidate of the reviewer's county (404 otherwise, as for a missing one)."""
    prefix = access.reviewer_prefix(request.user)
    qs = Application.objects.filter(
        recruitment__election__plan__village__code__startswith=prefix
    ).select_related("person", "recruitment__election__plan__village")
    if not prefix:
        qs = qs.none()
    return access_one(qs, application_id, NOT_FOUND)


@login_required
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, round_id: int, application_id: int) -> HttpResponse:
    department = access.reviewer_department(request.user)
    application = _reviewed(request, application_id)
    campaign_id = application.recruitment.election.plan.campaign_id
    rounds = ReviewRound.objects.filter(campaign_id=campaign_id, departments=department)
    review_round = access_one(rounds, round_id, "没有找到这一轮联审，或本部门不参加。")
    existing = ReviewResult.objects.filter(
        round=review_round, application=application, department=department
    ).first()
    status = 200
    if request.method == "POST":
        form = ResultForm(request.POST, request.FILES, campaign_id=campaign_id)
        if form.is_valid():
            try:
                result_record(
                    review_round=review_round,
                    application=application,
                    department=department,
                    on=form.cleaned_data["on"],
                    item=form.cleaned_data["item"],
                    event_date=form.cleaned_data["event_date"],
                    note=form.cleaned_data["note"],
                    attachment=form.cleaned_data["attachment"],
                    acting_user=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as exc:
                form.refused(exc)
            else:
                flash.success(
                    request, f"已登记{department.name}对{application.person.name}的联审结果。"
                )
                return redirect("vetting:index")
        form.mark_invalid()
        status = 400
    else:
        initial: dict[str, Any] = {"on": timezone.localdate()}
        if existing is not None:
            initial.update(
                conclusion="finding" if existing.item else "cleared",
                item=existing.item,
                event_date=existing.event_date,
                note=existing.note,
            )
        form = ResultForm(initial=initial, campaign_id=campaign_id)
    review = candidate_review(application)
    own = [s for s in review.slots if s.department.pk == department.pk]
    context = {
        "form": form,
        "department": department,
        "round": review_round,
        "application": application,
        "existing": existing,
        "own": own,
    }
    return render(request, "vetting/record.html", context, status=status)


@login_required
@require_GET
def attachment(request: HttpRequest, result_id: int) -> FileResponse:
    result = access_one(
        ReviewResult.objects.select_related("application__recruitment__election__plan__village"),
        result_id,
        "没有找到这份附件。",
    )
    village = result.application.recruitment.election.plan.village
    own = access.is_reviewer(request.user) and access.may_review_in(request.user, village)
    if own and getattr(request.user, "department", "") != result.department.name:
        own = False
    if not (own or village_scope(request.user).contains(village)) or not result.attachment:
        raise Http404("没有找到这份附件。")
    name = result.attachment.name.rsplit("/", 1)[-1]
    return FileResponse(result.attachment.open("rb"), as_attachment=True, filename=name)
