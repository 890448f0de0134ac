"""The reserve page of a village and the township's pipeline.

- /nominations/villages/<id>/reserve/ — the 后备干部 pool (who, since when, how found, training),
  each sitting office holder's path at the election, the party slate's margin (PB-DIFF-1) and the
  village facts the slate's structure check reads (former villages, smaller ethnic groups); the
  township officer and the village party organization change them, the village's readers read.
- /nominations/townships/<id>/ — every village of the township in the officer's scope with,
  per body, applicants → recommended → reviewed → formal, its reserve pool and outgoing paths.

Thin views: the place through the gates (the same 404 for missing and out of scope), the change
only for whom `reserve.may_keep` allows (403 saying who may), then one service; a refusal comes
back above the page's forms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_one, access_region, access_village, scoped_villages
from huanjie.elections.models import OfficeHolder
from huanjie.nominations.forms import DateForm
from huanjie.nominations.models import Recruitment, ReserveCadre
from huanjie.nominations.party_slate import village_party_slate
from huanjie.nominations.pipeline import STAGE_LABELS, township_pipeline
from huanjie.nominations.reserve import (
    former_village_record,
    keeper,
    may_keep,
    minority_group_record,
    outgoing_record,
    reserve_add,
    reserve_apply,
    reserve_leave,
    reserve_training,
    village_reserve,
)
from huanjie.nominations.reserve_forms import (
    FormerVillageForm,
    MinorityForm,
    OutgoingForm,
    ReserveApplyForm,
    ReserveForm,
    TrainingForm,
)
from huanjie.regions.models import Level, Region

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

PAGE = "nominations/reserve.html"
NOT_FOUND = "没有找到这名后备干部。"
NO_HOLDER = "没有找到这名现任干部。"
NO_RECRUITMENT = "没有找到这个职位的招贤榜，请先发布招贤榜。"
NOT_TOWNSHIP = "这里只列乡镇的各村报名和候选人情况，请从乡镇的页面进入。"


def _context(request: HttpRequest, village: Region, **extra: Any) -> dict[str, Any]:
    today = timezone.localdate()
    context: dict[str, Any] = {
        "village": village,
        "view": village_reserve(village, today),
        "party": village_party_slate(village),
        "recruitments": list(
            Recruitment.objects.filter(
                election__plan__village=village, list_published_on__isnull=True
            )
            .select_related("election")
            .order_by("election__body", "id")
        ),
        "may_keep": may_keep(request.user, village),
        "today": today,
        "reserve_form": ReserveForm(village=village, initial={"since": today}),
        "former_form": FormerVillageForm(village=village),
        "minority_form": MinorityForm(),
        "outgoing_form": OutgoingForm(),
        "refusals": [],
    }
    context.update(extra)
    return context


@login_required
@require_GET
def reserve_page(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    return render(request, PAGE, _context(request, village))


def _back(village: Region, anchor: str = "") -> HttpResponse:
    response = redirect("nominations:reserve", village.pk)
    response["Location"] += anchor
    return response


def _form_refusals(form: Any) -> list[str]:
    return [str(m) for errors in form.errors.values() for m in errors]


def _done(request: HttpRequest, village: Region, form: Any, act: Any, anchor: str) -> HttpResponse:
    """Run `act(cleaned_data)` for a valid form; the page with the refusals otherwise."""
    if form.is_valid():
        try:
            said = act(form.cleaned_data)
        except ValidationError as exc:
            refusals = exc.messages
        else:
            flash.success(request, said)
            return _back(village, anchor)
    else:
        refusals = _form_refusals(form)
    return render(request, PAGE, _context(request, village, refusals=refusals), status=400)


def _entry(village: Region, entry_id: int) -> ReserveCadre:
    qs = ReserveCadre.objects.filter(village=village).select_related("person", "village")
    return access_one(qs, entry_id, NOT_FOUND)


@login_required
@require_POST
def reserve_new(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    form = ReserveForm(request.POST, village=village)
    if form.is_valid() and form.found is not None:
        try:
            reserve_add(
                village=village,
                person=form.found,
                since=form.cleaned_data["since"],
                source=form.cleaned_data["source"],
                training=form.cleaned_data["training"],
                acting_user=user,
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"已将{form.found.name}列入后备干部。")
            return _back(village, "#reserve")
    form.mark_invalid()
    context = _context(request, village, reserve_form=form)
    return render(request, PAGE, context, status=400)


@login_required
@require_POST
def reserve_train(request: HttpRequest, village_id: int, entry_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    entry = _entry(village, entry_id)

    def act(data: dict[str, Any]) -> str:
        reserve_training(entry=entry, training=data["training"], acting_user=user)
        return f"已保存{entry.person.name}的培训情况。"

    return _done(request, village, TrainingForm(request.POST), act, "#reserve")


@login_required
@require_POST
def reserve_out(request: HttpRequest, village_id: int, entry_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    entry = _entry(village, entry_id)

    def act(data: dict[str, Any]) -> str:
        reserve_leave(entry=entry, on=data["on"], acting_user=user)
        return f"已将{entry.person.name}移出后备干部。"

    return _done(request, village, DateForm(request.POST), act, "#reserve")


@login_required
@require_POST
def reserve_recommend(request: HttpRequest, village_id: int, entry_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    entry = _entry(village, entry_id)

    def act(data: dict[str, Any]) -> str:
        qs = Recruitment.objects.filter(election__plan__village=village)
        recruitment = access_one(qs, data["recruitment"], NO_RECRUITMENT)
        reserve_apply(entry=entry, recruitment=recruitment, on=data["on"], acting_user=user)
        return f"已以组织推荐受理{entry.person.name}报名参选{recruitment.get_post_display()}。"

    return _done(request, village, ReserveApplyForm(request.POST), act, "#reserve")


@login_required
@require_POST
def outgoing(request: HttpRequest, village_id: int, holder_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)
    qs = OfficeHolder.objects.filter(village=village).select_related("person")
    holder = access_one(qs, holder_id, NO_HOLDER)

    def act(data: dict[str, Any]) -> str:
        choice = outgoing_record(
            holder=holder,
            path=data["path"],
            note=data["note"],
            on=timezone.localdate(),
            acting_user=user,
        )
        return f"已登记{holder.person.name}的去向：{choice.get_path_display()}。"

    return _done(request, village, OutgoingForm(request.POST), act, "#outgoing")


@login_required
@require_POST
def former_village(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)

    def act(data: dict[str, Any]) -> str:
        former = former_village_record(
            village=village, name=data["name"], groups=list(data["groups"]), acting_user=user
        )
        return f"已登记原{former.name}。"

    form = FormerVillageForm(request.POST, village=village)
    return _done(request, village, form, act, "#facts")


@login_required
@require_POST
def minority_group(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = keeper(request.user, village)

    def act(data: dict[str, Any]) -> str:
        group = minority_group_record(
            village=village, ethnicity=data["ethnicity"], acting_user=user
        )
        return f"已登记村内少数民族{group.ethnicity}。"

    return _done(request, village, MinorityForm(request.POST), act, "#facts")


@login_required
@require_GET
def township(request: HttpRequest, township_id: int) -> HttpResponse:
    place = access_region(request.user, township_id)
    if place.level != Level.TOWNSHIP:
        raise Http404(NOT_TOWNSHIP)
    villages = scoped_villages(request.user, Region.objects.filter(parent=place))
    pipeline = township_pipeline(villages, timezone.localdate())
    return render(
        request,
        "nominations/pipeline.html",
        {"township": place, "pipeline": pipeline, "stages": list(STAGE_LABELS.values())},
    )
