"""The voter register's pages for the village election committee (build, records, conflicts,
publish, cards, 四增四减) and what every other role of the village may read.

Thin views: the village through `access_village` (the same 404 for missing and out of scope),
writes only for the committee (403 saying who does it), one service per change; a refusal comes
back on its form beside its field with what was typed, and nothing changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from huanjie.accounts.gates import access_village
from huanjie.people.display import PersonMasker
from huanjie.people.forms_edit import EditForm
from huanjie.people.services import field_errors
from huanjie.registration import messages as msg
from huanjie.registration.access import (
    may_handle_objections,
    may_register,
    require_registrar,
)
from huanjie.registration.changes import register_changes
from huanjie.registration.forms import (
    ApplicationForm,
    ApproveForm,
    ExclusionForm,
    PreviousListForm,
    PublishForm,
    ReissueForm,
    ResolveForm,
    WishForm,
    errors_text,
)
from huanjie.registration.gates import access_card, access_conflict
from huanjie.registration.models import (
    AwayWish,
    Category,
    Exclusion,
    LeftOffKind,
    ListStatus,
    ResidentApplication,
    VoterCard,
    VoterRegister,
)
from huanjie.registration.selectors import (
    CARD_RANGE,
    active_voters,
    conflict_views,
    current_election,
    left_off_reasons,
    left_off_rows,
    region_trail,
    register_of,
    summary,
)
from huanjie.registration.services import (
    application_approve,
    application_record,
    application_remove,
    card_reissue,
    cards_issue,
    conflict_resolve,
    exclusion_record,
    exclusion_remove,
    previous_list_record,
    register_build,
    register_open,
    register_publish,
    wish_record,
    wish_remove,
)
from huanjie.registration.services.facts import exclusions_allowed
from huanjie.registration.services.previous import previous_register, read_id_numbers
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.timeline.periods import deadline_before

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.regions.models import Region

PAGE_SIZE = 100
SEARCH_MAX = 32
GET_POST = require_http_methods(["GET", "POST"])


def register_context(request: HttpRequest, village: Region) -> dict[str, Any]:
    """What every page of the register shows: the election, the register (or None), its
    figures, and what the user may do."""
    election = current_election(village)
    register = register_of(election)
    context: dict[str, Any] = {
        "village": village,
        "trail": region_trail(request.user, village),
        "election": election,
        "register": register,
        "may_register": may_register(request.user, village),
        "may_object": may_handle_objections(request.user, village),
        "today": timezone.localdate(),
    }
    if register is not None:
        context["summary"] = summary(register)
        context["day_changed"] = (
            register.built_on is not None
            and register.status == ListStatus.DRAFT
            and register.election_day != register.election.election_day
        )
    if election is not None and election.election_day is not None:
        profile = load_profile(election.plan.campaign.profile_id)
        last = deadline_before(election.election_day, profile.get_int("reg.list_days_before"))
        context["last_day"] = last
        context["days_left"] = (last - context["today"]).days
    return context


def _register(request: HttpRequest, village: Region, *, create: bool = False) -> VoterRegister:
    """The village's register for a write: the committee's, created on first use."""
    user = require_registrar(request.user, village)
    election = current_election(village)
    if election is None:
        raise Http404(msg.NO_ELECTION.format(village=village.name))
    register = register_of(election)
    if register is None:
        if not create:
            raise Http404(msg.REGISTER_NOT_FOUND)
        register = register_open(election=election, acting_user=user)
    return register


def _refusal(request: HttpRequest, exc: ValidationError) -> None:
    flash.error(request, "".join(m for ms in field_errors(exc).values() for m in ms))


def _marked(*forms_: EditForm) -> None:
    for form in forms_:
        form.mark_invalid()


@login_required
@require_GET
def register_home(request: HttpRequest, village_id: int) -> HttpResponse:
    """选民登记: where the register stands, its figures, and the next step."""
    village = access_village(request.user, village_id)
    context = register_context(request, village)
    register = context["register"]
    if register is not None:
        context["conflicts"] = conflict_views(register, request.user)
        context["previous"] = previous_register(register)
    return render(request, "voters/home.html", context)


@login_required
@require_POST
def build(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = require_registrar(request.user, village)
    election = current_election(village)
    if election is None:
        flash.error(request, msg.NO_ELECTION.format(village=village.name))
        return redirect("registration:home", village.pk)
    try:
        register = register_build(election=election, acting_user=user)
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        found = summary(register)
        text = f"已生成选民名单：{found.voters}人列入，{found.left_total}人未列入（原因见“未列入人员”）。"
        if found.conflicts:
            text += f"另有{found.conflicts}人已在其他村登记，须先协调（见“重复登记”）。"
        flash.success(request, text)
    return redirect("registration:home", village.pk)


@login_required
@require_GET
def voter_list(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    context = register_context(request, village)
    register = context["register"]
    if register is None:
        return redirect("registration:home", village.pk)
    qs = active_voters(register).select_related("person__village", "villager_group")
    search = request.GET.get("q", "").strip()[:SEARCH_MAX]
    category = request.GET.get("category", "")
    if search:
        qs = qs.filter(name__contains=search)
    if category in Category.values:
        qs = qs.filter(category=category)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    masker = PersonMasker(request.user)
    rows = [(v, masker.id_number(v.person)) for v in page.object_list]
    context.update(
        page=page,
        rows=rows,
        q=search,
        category=category,
        categories=Category.choices,
        first_number=(page.number - 1) * PAGE_SIZE,
    )
    return render(request, "voters/voters.html", context)


@login_required
@require_GET
def left_off(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    context = register_context(request, village)
    register = context["register"]
    if register is None:
        return redirect("registration:home", village.pk)
    kind = request.GET.get("kind", "")
    if kind not in LeftOffKind.values:
        kind = ""
    page = Paginator(left_off_rows(register, kind), PAGE_SIZE).get_page(request.GET.get("page"))
    masker = PersonMasker(request.user)
    rows = [
        (row, masker.id_number(row.person), left_off_reasons(row, register, request.user))
        for row in page.object_list
    ]
    context.update(page=page, rows=rows, kind=kind, kinds=LeftOffKind.choices)
    return render(request, "voters/left_off.html", context)


@login_required
@GET_POST
def facts(request: HttpRequest, village_id: int) -> HttpResponse:
    """登记事项: wishes to vote from away, applications by residence, the profile's exclusions."""
    village = access_village(request.user, village_id)
    context = register_context(request, village)
    register = context["register"]
    which = request.POST.get("form", "") if request.method == "POST" else ""
    allowed = register is not None and exclusions_allowed(register)
    affairs = _affairs(context)
    wish = WishForm(request.POST if which == "wish" else None, prefix="wish")
    application = ApplicationForm(
        request.POST if which == "application" else None,
        prefix="app",
        village=village,
        affairs=affairs,
    )
    exclusion = ExclusionForm(request.POST if which == "exclusion" else None, prefix="exc")
    if which:
        register = _register(request, village, create=True)
        user = require_registrar(request.user, village)
        done = _record(request, register, which, wish, application, exclusion, user)
        if done:
            flash.success(request, done)
            return redirect("registration:facts", village.pk)
    _marked(wish, application, exclusion)
    context.update(
        wish_form=wish,
        application_form=application,
        exclusion_form=exclusion,
        exclusions_allowed=allowed,
        affairs=affairs,
        open_form=which,
        approve_form=ApproveForm(prefix="approve"),
    )
    if register is not None:
        context.update(
            wishes=AwayWish.objects.filter(register=register).select_related("person"),
            applications=ResidentApplication.objects.filter(register=register).select_related(
                "person__village", "villager_group"
            ),
            exclusions=Exclusion.objects.filter(register=register).select_related("person"),
        )
    return render(request, "voters/facts.html", context)


def _affairs(context: dict[str, Any]) -> bool:
    election = context["election"]
    if election is None:
        return False
    profile = load_profile(election.plan.campaign.profile_id)
    return profile.get_optional_int("reg.cat4_village_affairs_years") is not None


def _record(
    request: HttpRequest,
    register: VoterRegister,
    which: str,
    wish: WishForm,
    application: ApplicationForm,
    exclusion: ExclusionForm,
    user: Any,
) -> str:
    """One of the three records from its form; the success message, or "" (the form's errors)."""
    try:
        if which == "wish" and wish.is_valid():
            person = wish.person()
            if person is None:
                return ""
            wish_record(
                register=register,
                person=person,
                expressed_on=wish.cleaned_data["expressed_on"],
                means=wish.cleaned_data["means"],
                note=wish.cleaned_data["note"],
                acting_user=user,
            )
            return f"已登记{person.name}的参选意愿；重新生成选民名单后列入。"
        if which == "application" and application.is_valid():
            data = application.cleaned_data
            made = application_record(
                register=register,
                id_number=data["id_number"],
                name=data["name"],
                basis=data["basis"],
                since=data["since"],
                applied_on=data["applied_on"],
                approved_on=data["approved_on"],
                meeting=data["meeting"],
                villager_group=data["villager_group"],
                note=data["note"],
                acting_user=user,
            )
            then = "重新生成选民名单后列入" if made.approved_on else "会议同意后登记同意日期"
            return f"已登记{made.person.name}的申请；{then}。"
        if which == "exclusion" and exclusion.is_valid():
            person = exclusion.person()
            if person is None:
                return ""
            exclusion_record(
                register=register,
                person=person,
                reason=exclusion.cleaned_data["reason"],
                until=exclusion.cleaned_data["until"],
                note=exclusion.cleaned_data["note"],
                acting_user=user,
            )
            return f"已登记{person.name}的不列入情形；重新生成选民名单后生效。"
    except ValidationError as exc:
        form: EditForm = {"wish": wish, "application": application}.get(which, exclusion)
        form.refused(exc, {"person": "id_number"})
    return ""


@login_required
@require_POST
def fact_remove(request: HttpRequest, village_id: int, kind: str, pk: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    register = _register(request, village)
    user = require_registrar(request.user, village)
    if kind == "wish":
        wish = AwayWish.objects.filter(register=register, pk=pk).first()
        if wish is None:
            raise Http404(msg.REGISTER_NOT_FOUND)
        wish_remove(wish=wish, acting_user=user)
    elif kind == "application":
        item = ResidentApplication.objects.filter(register=register, pk=pk).first()
        if item is None:
            raise Http404(msg.REGISTER_NOT_FOUND)
        application_remove(application=item, acting_user=user)
    elif kind == "exclusion":
        row = Exclusion.objects.filter(register=register, pk=pk).first()
        if row is None:
            raise Http404(msg.REGISTER_NOT_FOUND)
        exclusion_remove(exclusion=row, acting_user=user)
    else:
        raise Http404(msg.REGISTER_NOT_FOUND)
    flash.success(request, "已删除；重新生成选民名单后生效。")
    return redirect("registration:facts", village.pk)


@login_required
@require_POST
def application_approve_view(request: HttpRequest, village_id: int, pk: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    register = _register(request, village)
    user = require_registrar(request.user, village)
    item = ResidentApplication.objects.filter(register=register, pk=pk).first()
    if item is None:
        raise Http404(msg.REGISTER_NOT_FOUND)
    form = ApproveForm(request.POST, prefix="approve")
    if not form.is_valid():
        flash.error(request, errors_text(form))
        return redirect("registration:facts", village.pk)
    try:
        application_approve(
            application=item,
            approved_on=form.cleaned_data["approved_on"],
            meeting=form.cleaned_data["meeting"],
            acting_user=user,
        )
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        flash.success(
            request, f"已登记{item.person.name}的申请经会议同意；重新生成选民名单后列入。"
        )
    return redirect("registration:facts", village.pk)


@login_required
@require_GET
def conflicts(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    context = register_context(request, village)
    register = context["register"]
    if register is None:
        return redirect("registration:home", village.pk)
    views = conflict_views(register, request.user)
    context.update(
        open_conflicts=[(view, _resolve_form(view, register)) for view in views],
        settled=conflict_views(register, request.user, resolved=True),
    )
    return render(request, "voters/conflicts.html", context)


def _resolve_form(view: Any, register: VoterRegister, data: Any = None) -> ResolveForm:
    choices = [
        (str(register.pk), f"在本村（{register.village.name}）登记"),
        (str(view.other_register.pk), f"在{view.other_name}登记"),
    ]
    return ResolveForm(data, choices=choices, prefix=f"c{view.conflict.pk}")


@login_required
@require_POST
def conflict_resolve_view(request: HttpRequest, village_id: int, conflict_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = require_registrar(request.user, village)
    conflict = access_conflict(request.user, conflict_id)
    register = register_of(current_election(village))
    if register is None or register.pk not in (conflict.claimant_id, conflict.holder_id):
        raise Http404(msg.CONFLICT_NOT_FOUND)
    view = next((v for v in conflict_views(register, user) if v.conflict.pk == conflict.pk), None)
    if view is None:
        flash.info(request, "这条重复登记已经处理。")
        return redirect("registration:conflicts", village.pk)
    form = _resolve_form(view, register, request.POST)
    if not form.is_valid():
        flash.error(request, errors_text(form))
        return redirect("registration:conflicts", village.pk)
    keep = register if form.cleaned_data["keep"] == str(register.pk) else view.other_register
    try:
        conflict_resolve(
            conflict=conflict, keep=keep, note=form.cleaned_data["note"], acting_user=user
        )
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        where = "本村" if keep.pk == register.pk else view.other_name
        flash.success(request, f"已记录：{conflict.person.name}在{where}登记。")
    return redirect("registration:conflicts", village.pk)


@login_required
@GET_POST
def publish(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    context = register_context(request, village)
    register = context["register"]
    if register is None or register.built_on is None:
        flash.info(request, msg.NOT_BUILT)
        return redirect("registration:home", village.pk)
    data = request.POST if request.method == "POST" else None
    form = PublishForm(data, initial={"published_on": context["today"]})
    if data is not None:
        user = require_registrar(request.user, village)
        if form.is_valid():
            try:
                register = register_publish(
                    register=register,
                    published_on=form.cleaned_data["published_on"],
                    acting_user=user,
                )
            except ValidationError as exc:
                form.refused(exc)
            else:
                flash.success(
                    request,
                    f"选民名单已于{register.published_on}公布，异议截止日为"
                    f"{register.objection_deadline}。请下载公告打印张贴。",
                )
                return redirect("registration:home", village.pk)
    _marked(form)
    context["form"] = form
    return render(request, "voters/publish.html", context)


@login_required
@GET_POST
def cards(request: HttpRequest, village_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    context = register_context(request, village)
    register = context["register"]
    if register is None:
        return redirect("registration:home", village.pk)
    if request.method == "POST":
        user = require_registrar(request.user, village)
        try:
            issued = cards_issue(register=register, acting_user=user)
        except ValidationError as exc:
            _refusal(request, exc)
        else:
            flash.success(
                request,
                f"已发放选民证{len(issued)}张（第{issued[0].number}至{issued[-1].number}号），"
                "请按编号分批下载打印。",
            )
        return redirect("registration:cards", village.pk)
    valid = VoterCard.objects.filter(register=register, voided_at__isnull=True)
    numbers = list(valid.order_by("number").values_list("number", flat=True))
    ranges = [
        (numbers[i], numbers[min(i + CARD_RANGE, len(numbers)) - 1])
        for i in range(0, len(numbers), CARD_RANGE)
    ]
    search = request.GET.get("q", "").strip()[:SEARCH_MAX]
    found = (
        VoterCard.objects.filter(register=register, voter__name__contains=search)
        .select_related("voter", "replaces")
        .order_by("number")[:50]
        if search
        else []
    )
    context.update(
        ranges=ranges,
        card_count=len(numbers),
        voided=VoterCard.objects.filter(register=register, voided_at__isnull=False)
        .select_related("voter", "replaced_by")
        .order_by("-voided_at")[:50],
        found=found,
        q=search,
        reissue_form=ReissueForm(),
        without=context["summary"].voters - len(numbers),
    )
    return render(request, "voters/cards.html", context)


@login_required
@require_POST
def card_reissue_view(request: HttpRequest, village_id: int, card_id: int) -> HttpResponse:
    village = access_village(request.user, village_id)
    user = require_registrar(request.user, village)
    card = access_card(request.user, card_id)
    if card.register.village_id != village.pk:
        raise Http404(msg.CARD_NOT_FOUND)
    form = ReissueForm(request.POST)
    if not form.is_valid():
        flash.error(request, errors_text(form))
        return redirect(f"{_cards_url(village)}?q={card.voter.name}")
    try:
        new = card_reissue(card=card, reason=form.cleaned_data["reason"], acting_user=user)
    except ValidationError as exc:
        _refusal(request, exc)
        return redirect(f"{_cards_url(village)}?q={card.voter.name}")
    flash.success(
        request,
        f"已补发{new.voter.name}的选民证，新编号{new.number:05d}，原编号{card.number:05d}作废。",
    )
    return redirect(f"{_cards_url(village)}?q={new.voter.name}&reissued={new.pk}")


def _cards_url(village: Region) -> str:
    return reverse("registration:cards", args=[village.pk])


@login_required
@GET_POST
def changes(request: HttpRequest, village_id: int) -> HttpResponse:
    """四增四减 against the previous term's list (the system's, or one imported here)."""
    village = access_village(request.user, village_id)
    context = register_context(request, village)
    register = context["register"]
    if register is None:
        return redirect("registration:home", village.pk)
    form = PreviousListForm(
        request.POST or None, request.FILES or None if request.method == "POST" else None
    )
    if request.method == "POST":
        user = require_registrar(request.user, village)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                numbers = read_id_numbers(upload.read())
                previous_list_record(
                    register=register,
                    id_numbers=numbers,
                    election_day=form.cleaned_data["election_day"],
                    source_name=upload.name,
                    acting_user=user,
                )
            except ValidationError as exc:
                form.refused(exc)
            else:
                flash.success(request, f"已导入上届选民名单，共{len(numbers)}人。")
                return redirect("registration:changes", village.pk)
    _marked(form)
    report = register_changes(register)
    context.update(
        report=report,
        sides=[("四增", report.increases), ("四减", report.decreases)] if report else [],
        form=form,
        in_system=previous_register(register),
        imported=getattr(register, "previous_list", None),
    )
    return render(request, "voters/changes.html", context)
