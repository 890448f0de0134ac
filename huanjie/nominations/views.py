"""The nominations page of a village: per post its 招贤榜, the applications and the candidates in
surname stroke order, with the engine's last lawful days. The village election committee and the
township officer act here; the village's other roles read.

Thin views: the village through `access_village` (the same 404 for missing and out of scope),
the change only for whom `nominations.access` allows (403 saying who may), then one service; a
refusal comes back above the form with everything typed still there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_one, access_village
from huanjie.elections.models import Body
from huanjie.nominations import messages as msg
from huanjie.nominations.access import may_run, runner
from huanjie.nominations.forms import ApplyForm, DateForm, GoalsForm, NoticeForm, PledgeForm
from huanjie.nominations.models import Application, PledgeKind, Recruitment
from huanjie.nominations.selectors import village_nominations
from huanjie.nominations.services import (
    application_accept,
    application_file,
    application_withdraw,
    candidates_publish,
    goals_record,
    pledge_record,
    recruitment_publish,
)
from huanjie.nominations.structure import slate_findings
from huanjie.vetting.recusal import village_recusal
from huanjie.vetting.selectors import reviews

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.regions.models import Region

NOT_FOUND = "没有找到这项报名。"
PAGE = "nominations/village.html"


def _body(value: str | None) -> str:
    """The body whose nominations the page shows: the party organization's when asked for,
    else the villagers' committee's."""
    return Body.PARTY_ORGANIZATION if value == Body.PARTY_ORGANIZATION else Body.VILLAGERS_COMMITTEE


def _context(
    request: HttpRequest, village: Region, body: str = Body.VILLAGERS_COMMITTEE, **extra: Any
) -> dict[str, Any]:
    view = village_nominations(village, body)
    posts = [(p.post, p.label) for p in view.posts]
    today = timezone.localdate()
    candidates = [a for p in view.posts for a in p.candidates]
    context: dict[str, Any] = {
        "village": village,
        "view": view,
        "body": body,
        "body_label": Body(body).label,
        "party": body == Body.PARTY_ORGANIZATION,
        "structure": slate_findings(view),
        # The joint review of each candidate (QUAL-3) and the village's kinship conflicts.
        "reviews": reviews(candidates),
        "recusal": village_recusal(village, today),
        "may_run": may_run(request.user, village),
        "today": today,
        "pledge_kinds": PledgeKind.choices,
        "notice_form": NoticeForm(posts=posts, initial={"on": today}),
        "apply_form": ApplyForm(village=village, posts=posts, initial={"on": today}),
        "refusals": [],
    }
    context.update(extra)
    return context


@login_required
@require_GET
def village_page(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    return render(request, PAGE, _context(request, village, _body(request.GET.get("body"))))


def _back(village: Region, body: str = Body.VILLAGERS_COMMITTEE) -> HttpResponse:
    url = reverse("nominations:village", args=[village.pk])
    return redirect(url + ("?body=party_organization" if body == Body.PARTY_ORGANIZATION else ""))


@login_required
@require_POST
def notice(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    body = _body(request.POST.get("body"))
    posts = [(p.post, p.label) for p in village_nominations(village, body).posts]
    form = NoticeForm(request.POST, posts=posts)
    if form.is_valid():
        try:
            recruitment = recruitment_publish(
                village=village,
                post=form.cleaned_data["post"],
                requirements=form.cleaned_data["requirements"],
                on=form.cleaned_data["on"],
                acting_user=user,
                body=body,
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"已发布{recruitment.get_post_display()}招贤榜。")
            return _back(village, body)
    form.mark_invalid()
    context = _context(request, village, body, notice_form=form)
    return render(request, PAGE, context, status=400)


@login_required
@require_POST
def apply(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    body = _body(request.POST.get("body"))
    view = village_nominations(village, body)
    form = ApplyForm(request.POST, village=village, posts=[(p.post, p.label) for p in view.posts])
    if form.is_valid() and form.found is not None:
        post = form.cleaned_data["post"]
        recruitment = next(p.recruitment for p in view.posts if p.post == post)
        if recruitment is None:
            label = next(p.label for p in view.posts if p.post == post)
            form.add_error("post", msg.NO_RECRUITMENT.format(post=label))
        else:
            try:
                application = application_file(
                    recruitment=recruitment,
                    person=form.found,
                    kind=form.cleaned_data["kind"],
                    signatures=form.cleaned_data["signatures"],
                    nominated_by=form.cleaned_data["nominated_by"],
                    filed_on=form.cleaned_data["on"],
                    acting_user=user,
                )
            except ValidationError as exc:
                form.refused(exc)
            else:
                flash.success(
                    request,
                    f"已受理{application.person.name}报名参选{recruitment.get_post_display()}。",
                )
                return _back(village, body)
    form.mark_invalid()
    return render(request, PAGE, _context(request, village, body, apply_form=form), status=400)


def _dated(
    request: HttpRequest, village: Region, action: Any, done: str, body: str
) -> HttpResponse:
    form = DateForm(request.POST)
    if form.is_valid():
        try:
            action(form.cleaned_data["on"])
        except ValidationError as exc:
            refusals = exc.messages
        else:
            flash.success(request, done)
            return _back(village, body)
    else:
        refusals = [str(m) for errors in form.errors.values() for m in errors]
    return render(request, PAGE, _context(request, village, body, refusals=refusals), status=400)


def _application(request: HttpRequest, village: Region, application_id: int) -> Application:
    qs = Application.objects.filter(recruitment__election__plan__village=village)
    related = qs.select_related("person", "recruitment__election")
    return access_one(related, application_id, NOT_FOUND)


@login_required
@require_POST
def accept(request: HttpRequest, village_id: int, application_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    application = _application(request, village, application_id)
    name, post = application.person.name, application.recruitment.get_post_display()
    return _dated(
        request,
        village,
        lambda on: application_accept(application=application, on=on, acting_user=user),
        f"已确定{name}为{post}候选人。",
        application.recruitment.election.body,
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, village_id: int, application_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    application = _application(request, village, application_id)
    return _dated(
        request,
        village,
        lambda on: application_withdraw(application=application, on=on, acting_user=user),
        f"已登记{application.person.name}退出。",
        application.recruitment.election.body,
    )


@login_required
@require_POST
def publish(request: HttpRequest, village_id: int, recruitment_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    qs = Recruitment.objects.filter(election__plan__village=village).select_related("election")
    recruitment = access_one(qs, recruitment_id, "没有找到这个职位的招贤榜。")
    return _dated(
        request,
        village,
        lambda on: candidates_publish(recruitment=recruitment, on=on, acting_user=user),
        f"已公布{recruitment.get_post_display()}候选人名单。",
        recruitment.election.body,
    )


def _refusals(form: PledgeForm | GoalsForm) -> list[str]:
    return [str(m) for errors in form.errors.values() for m in errors]


@login_required
@require_POST
def pledge(request: HttpRequest, village_id: int, application_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    application = _application(request, village, application_id)
    body = application.recruitment.election.body
    form = PledgeForm(request.POST)
    if form.is_valid():
        try:
            done = pledge_record(
                application=application,
                kind=form.cleaned_data["kind"],
                on=form.cleaned_data["on"],
                acting_user=user,
            )
        except ValidationError as exc:
            refusals = exc.messages
        else:
            flash.success(
                request, f"已登记{application.person.name}签订{done.get_kind_display()}。"
            )
            return _back(village, body)
    else:
        refusals = _refusals(form)
    return render(request, PAGE, _context(request, village, body, refusals=refusals), status=400)


@login_required
@require_POST
def goals(request: HttpRequest, village_id: int, application_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    application = _application(request, village, application_id)
    body = application.recruitment.election.body
    form = GoalsForm(request.POST)
    if form.is_valid():
        try:
            goals_record(
                application=application, goals=form.cleaned_data["goals"], acting_user=user
            )
        except ValidationError as exc:
            refusals = exc.messages
        else:
            flash.success(request, f"已保存{application.person.name}的竞选目标。")
            return _back(village, body)
    else:
        refusals = _refusals(form)
    return render(request, PAGE, _context(request, village, body, refusals=refusals), status=400)
