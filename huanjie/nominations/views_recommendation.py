"""The recommendation pages of a village (两推 / 三推, 两述, 胜任指数): the overview of every
post's rounds and competency index, one round's page (meeting, tally, count, speech draw,
statements and questions) and the printable speech order.

Thin views: the village through `access_village`, changes only for whom `nominations.access`
allows, then one service; a refusal comes back above the form with what was typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_one, access_village
from huanjie.elections.models import Body
from huanjie.nominations import recommendation as svc
from huanjie.nominations.access import may_run, runner
from huanjie.nominations.models import RecommendationRound, Recruitment, Statement
from huanjie.nominations.recommendation_forms import (
    AssessmentForm,
    DrawForm,
    OpenRoundForm,
    QuestionForm,
    StatementForm,
    TallyForm,
)
from huanjie.rules.party.recommendation import nonmember_limit

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.regions.models import Region

OVERVIEW = "nominations/recommendation/overview.html"
ROUND = "nominations/recommendation/round.html"
ORDER = "nominations/recommendation/order.html"
NO_ROUND = "没有找到这一轮推荐。"


def _post_choices(bodies: list[svc.BodyRecruitments]) -> list[tuple[str, list[tuple[int, str]]]]:
    """The form's posts grouped by body, each labelled with its body's name (委员 is in both)."""
    return [
        (b.label, [(r.pk, svc.post_label(b.body, r.post)) for r in b.recruitments])
        for b in bodies
        if b.recruitments
    ]


def _overview(request: HttpRequest, village: Region, **extra: Any) -> dict[str, Any]:
    bodies = svc.body_recruitments(village)
    recruitments = [r for b in bodies for r in b.recruitments]
    items = svc.competency_items(village)
    today = timezone.localdate()
    sections = []
    for b in bodies:
        posts = []
        for r in b.recruitments:
            live = [a for a in r.applications.all() if a.status != "withdrawn"]
            posts.append(
                {
                    "recruitment": r,
                    "label": svc.post_label(b.body, r.post),
                    "rounds": svc.round_views(r),
                    "competency": svc.competency_rows(r),
                    "assess_form": extra.pop(f"assess_form_{r.pk}", None)
                    or AssessmentForm(
                        candidates=live,
                        items=items,
                        initial={"assessed_on": today},
                        prefix=f"a{r.pk}",
                    ),
                }
            )
        sections.append({"body": b.body, "label": b.label, "posts": posts})
    share = svc.nonmember_share(recruitments[0]) if recruitments else svc.DEFAULT_NONMEMBER_SHARE
    context: dict[str, Any] = {
        "village": village,
        "bodies": sections,
        "recruitments": recruitments,
        "items": items,
        "share": share,
        "may_run": may_run(request.user, village),
        "open_form": OpenRoundForm(
            posts=_post_choices(bodies),
            initial={"held_on": today, "nonmember_representatives": 0},
        ),
        "refusals": [],
    }
    context.update(extra)
    return context


@login_required
@require_GET
def overview(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    return render(request, OVERVIEW, _overview(request, village))


def _round(village: Region, round_id: int) -> RecommendationRound:
    qs = RecommendationRound.objects.filter(recruitment__election__plan__village=village)
    return access_one(qs.select_related("recruitment__election__plan"), round_id, NO_ROUND)


@login_required
@require_POST
def open_round(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    bodies = svc.body_recruitments(village)
    recruitments = [r for b in bodies for r in b.recruitments]
    form = OpenRoundForm(request.POST, posts=_post_choices(bodies))
    if form.is_valid():
        recruitment = next(r for r in recruitments if str(r.pk) == form.cleaned_data["post"])
        data = form.cleaned_data
        try:
            rnd = svc.round_open(
                recruitment=recruitment,
                procedure=data["procedure"],
                kind=data["kind"],
                held_on=data["held_on"],
                place=data["place"],
                meeting=data["meeting"],
                eligible=data["eligible"],
                members_present=data["members_present"],
                nonmember_representatives=data["nonmember_representatives"],
                acting_user=user,
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"已登记{rnd.get_kind_display()}会议。")
            return redirect("nominations:recommendation_round", village.pk, rnd.pk)
    form.mark_invalid()
    return render(request, OVERVIEW, _overview(request, village, open_form=form), status=400)


@login_required
@require_POST
def assess(request: HttpRequest, village_id: int, recruitment_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    qs = Recruitment.objects.filter(election__plan__village=village)
    recruitment = access_one(qs, recruitment_id, "没有找到这个职位的招贤榜。")
    live = list(recruitment.applications.exclude(status="withdrawn").select_related("person"))
    form = AssessmentForm(
        request.POST,
        candidates=live,
        items=svc.competency_items(village),
        prefix=f"a{recruitment.pk}",
    )
    if form.is_valid():
        application = next(a for a in live if str(a.pk) == form.cleaned_data["application"])
        try:
            svc.assessment_record(
                application=application,
                household=form.cleaned_data["household"],
                assessed_on=form.cleaned_data["assessed_on"],
                scores=form.scores(),
                acting_user=user,
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"已登记对{application.person.name}的户代表测评。")
            return redirect("nominations:recommendation", village.pk)
    form.mark_invalid()
    extra = {f"assess_form_{recruitment.pk}": form}
    return render(request, OVERVIEW, _overview(request, village, **extra), status=400)


def _round_context(
    request: HttpRequest, village: Region, rnd: RecommendationRound, **extra: Any
) -> dict[str, Any]:
    view = svc.round_view(rnd)
    share = svc.nonmember_share(rnd.recruitment)
    context: dict[str, Any] = {
        "village": village,
        "view": view,
        "rnd": view.round,
        "share": share,
        "nonmember_most": nonmember_limit(rnd.members_present, share),
        "replays": svc.replay_draw(view.round),
        "may_run": may_run(request.user, village),
        "tally_form": TallyForm(candidates=view.candidates),
        "draw_form": DrawForm(),
        "statement_form": StatementForm(candidates=view.candidates),
        "question_form": QuestionForm(),
        "post_label": svc.post_label(rnd.recruitment.election.body, rnd.recruitment.post),
        "township": rnd.kind in ("township_recommendation", "township_vote"),
        # Each side's speech-order notice is issued by its own body (documents.speech_order).
        "order_notice": (
            "party-speech-order"
            if rnd.recruitment.election.body == Body.PARTY_ORGANIZATION
            else "speech-order"
        ),
        "refusals": [],
    }
    context.update(extra)
    return context


@login_required
@require_GET
def round_page(request: HttpRequest, village_id: int, round_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    rnd = _round(village, round_id)
    return render(request, ROUND, _round_context(request, village, rnd))


@login_required
@require_GET
def speech_order(request: HttpRequest, village_id: int, round_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    rnd = _round(village, round_id)
    context = _round_context(request, village, rnd)
    return render(request, ORDER, context)


def _back(village: Region, rnd: RecommendationRound) -> HttpResponse:
    return redirect("nominations:recommendation_round", village.pk, rnd.pk)


@login_required
@require_POST
def tally(request: HttpRequest, village_id: int, round_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    rnd = _round(village, round_id)
    form = TallyForm(request.POST, candidates=svc.round_view(rnd).candidates)
    if form.is_valid():
        try:
            svc.tally_record(
                rnd=rnd,
                ballots=form.cleaned_data["ballots"],
                void_ballots=form.cleaned_data["void_ballots"],
                places=form.cleaned_data["places"],
                votes=form.votes(),
                acting_user=user,
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"已登记{rnd.get_kind_display()}计票结果。")
            return _back(village, rnd)
    form.mark_invalid()
    return render(
        request, ROUND, _round_context(request, village, rnd, tally_form=form), status=400
    )


@login_required
@require_POST
def draw(request: HttpRequest, village_id: int, round_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    rnd = _round(village, round_id)
    form = DrawForm(request.POST)
    if form.is_valid():
        try:
            rnd = svc.speech_draw(rnd=rnd, seed=form.cleaned_data["seed"], acting_user=user)
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"已抽签确定发言顺序（种子{rnd.draw_seed}）。")
            return _back(village, rnd)
    form.mark_invalid()
    return render(request, ROUND, _round_context(request, village, rnd, draw_form=form), status=400)


@login_required
@require_POST
def statement(request: HttpRequest, village_id: int, round_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    rnd = _round(village, round_id)
    candidates = svc.round_view(rnd).candidates
    form = StatementForm(request.POST, candidates=candidates)
    if form.is_valid():
        application = next(a for a in candidates if str(a.pk) == form.cleaned_data["application"])
        try:
            svc.statement_record(
                rnd=rnd,
                application=application,
                kind=form.cleaned_data["kind"],
                summary=form.cleaned_data["summary"],
                acting_user=user,
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"已登记{application.person.name}的陈述。")
            return _back(village, rnd)
    form.mark_invalid()
    context = _round_context(request, village, rnd, statement_form=form)
    return render(request, ROUND, context, status=400)


@login_required
@require_POST
def question(
    request: HttpRequest, village_id: int, round_id: int, statement_id: int
) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = runner(request.user, village)
    rnd = _round(village, round_id)
    found = access_one(
        Statement.objects.filter(round=rnd).select_related("application__person"),
        statement_id,
        "没有找到这项陈述。",
    )
    form = QuestionForm(request.POST, prefix=f"q{found.pk}")
    if form.is_valid():
        svc.question_record(
            statement=found,
            asked_by=form.cleaned_data["asked_by"],
            question=form.cleaned_data["question"],
            answer=form.cleaned_data["answer"],
            acting_user=user,
        )
        flash.success(request, f"已登记对{found.application.person.name}的提问。")
        return _back(village, rnd)
    refusals = [f"{form.fields[k].label}：{m}" for k, errs in form.errors.items() for m in errs]
    context = _round_context(request, village, rnd, refusals=refusals)
    return render(request, ROUND, context, status=400)
