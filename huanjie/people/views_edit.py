"""Keeping the register by hand: the election committee's forms for households and people.

Thin views: the object comes through its gate (the same 404 for missing and out of scope),
then only a keeper of the village's register goes on (403 saying who keeps it), then one
service. A refusal comes back on the form, each message beside its field, with everything that
was typed still there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from huanjie.accounts.gates import access_village
from huanjie.people import messages as msg
from huanjie.people.forms_edit import (
    EditForm,
    HeadChangeForm,
    HouseholdForm,
    LeaveForm,
    MemberForm,
    MoveForm,
    PersonForm,
)
from huanjie.people.gates import access_household, access_person
from huanjie.people.models import HeadRelation, Household, Person, RegisterStatus
from huanjie.people.services import (
    field_errors,
    household_head_change,
    household_register,
    household_update,
    person_add,
    person_leave,
    person_move,
    person_return,
    person_update,
)
from huanjie.people.services.heads import head_among, names, on_register
from huanjie.people.views_import import may_keep_register

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

# A new household's form: the head and up to this many more members (more: 添加成员 later).
MORE_MEMBERS = 4
GET_POST = require_http_methods(["GET", "POST"])


def _keeper(request: HttpRequest, village: Region) -> User:
    # domain.md §1: the register is the village election committee's to change.
    if not may_keep_register(request.user, village):
        raise PermissionDenied(msg.NOT_A_KEEPER)
    return cast("User", request.user)  # login_required, and a keeper


def _household(request: HttpRequest, household_id: int) -> tuple[Household, User]:
    household = access_household(request.user, household_id)
    return household, _keeper(request, household.village)


def _person(request: HttpRequest, person_id: int) -> tuple[Person, User]:
    person = access_person(request.user, person_id)
    return person, _keeper(request, person.village)


def _head_first(person: Person, action: str) -> str:
    """Said before the form: a head with others on the register changes the head first."""
    if person.household is None or person.relation_to_head != HeadRelation.HEAD:
        return ""
    others = on_register(person.household, excluding=person)
    if not others or person.status != RegisterStatus.ACTIVE:
        return ""
    return msg.HEAD_MUST_STAY.format(name=person.name, others=names(others), action=action)


def _page(
    request: HttpRequest, template: str, village: Region, context: dict[str, Any]
) -> HttpResponse:
    for value in context.values():
        for form in value if isinstance(value, list) else [value]:
            if isinstance(form, EditForm):
                form.mark_invalid()
    context = {"village": village, **context}
    return render(request, template, context)


@login_required
@GET_POST
def household_add(request: HttpRequest, village_id: int) -> HttpResponse:
    """新增一户: 户号, 村民小组, the head and up to four more members."""
    village = access_village(request.user, village_id)
    user = _keeper(request, village)
    data = request.POST if request.method == "POST" else None
    form = HouseholdForm(data, village=village)
    members = [MemberForm(data, prefix=f"m{i}", head=i == 0) for i in range(MORE_MEMBERS + 1)]
    if data is not None and all([form.is_valid(), *(m.is_valid() for m in members)]):
        entered = [m for i, m in enumerate(members) if i == 0 or not m.is_blank()]
        try:
            household = household_register(
                village=village,
                villager_group=form.cleaned_data["villager_group"],
                number=form.cleaned_data["number"],
                members=[m.member() for m in entered],
                acting_user=user,
            )
        except ValidationError as exc:
            _household_refused(form, entered, exc)
        else:
            message = f"已登记第{household.number}户，共{len(entered)}人。"
            flash.success(request, message)
            return redirect("core:household", household.pk)
    has_groups = form.fields["villager_group"].queryset.exists()  # type: ignore[attr-defined]
    context = {
        "form": form,
        "members": members,
        "has_groups": has_groups,
        "has_errors": any(f.errors for f in [form, *members]),
    }
    return _page(request, "people/household_add.html", village, context)


def _household_refused(
    form: HouseholdForm, entered: list[MemberForm], exc: ValidationError
) -> None:
    """The register's refusal of a new household: 户号 and group on the household's part,
    "members.<n>.<field>" on the n-th member entered."""
    for key, messages in field_errors(exc).items():
        target: EditForm = form
        name = key
        if key.startswith("members."):
            _, index, name = key.split(".", 2)
            target = entered[int(index)]
        for message in messages:
            target.add_error(name if name in target.fields else None, message)


@login_required
@GET_POST
def household_edit(request: HttpRequest, household_id: int) -> HttpResponse:
    """修改本户: 户号 and 村民小组."""
    household, user = _household(request, household_id)
    initial = {"number": household.number, "villager_group": household.villager_group}
    data = request.POST if request.method == "POST" else None
    form = HouseholdForm(data, village=household.village, initial=initial)
    if data is not None and form.is_valid():
        try:
            household = household_update(
                household=household,
                number=form.cleaned_data["number"],
                villager_group=form.cleaned_data["villager_group"],
                acting_user=user,
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"已保存第{household.number}户的户号和村民小组。")
            return redirect("core:household", household.pk)
    context = {"household": household, "form": form}
    return _page(request, "people/household_edit.html", household.village, context)


@login_required
@GET_POST
def member_add(request: HttpRequest, household_id: int) -> HttpResponse:
    """添加成员: a new member of the household (or one who moved in from another village)."""
    household, user = _household(request, household_id)
    data = request.POST if request.method == "POST" else None
    form = MemberForm(data, initial={"relation_to_head": ""})
    if data is not None and form.is_valid():
        member = form.member()
        known = Person.objects.filter(id_number=member.id_number.strip().upper()).exists()
        try:
            person = person_add(household=household, member=member, acting_user=user)
        except ValidationError as exc:
            form.refused(exc)
        else:
            done = "从原登记村迁入本村，登记在" if known else "登记在"
            flash.success(request, f"{person.name}已{done}第{household.number}户。")
            return redirect("core:household", household.pk)
    context = {"household": household, "form": form}
    return _page(request, "people/member_add.html", household.village, context)


@login_required
@GET_POST
def head_change(request: HttpRequest, household_id: int) -> HttpResponse:
    """更换户主: the new head among the members on the register, the others' relations."""
    household, user = _household(request, household_id)
    members = on_register(household)
    head = head_among(members)
    data = request.POST if request.method == "POST" else None
    form = HeadChangeForm(data, members=members, head=head)
    if data is not None and form.is_valid():
        chosen = next((p for p in members if p.pk == form.cleaned_data["new_head"]), None)
        try:
            if chosen is None:
                raise ValidationError({"new_head": "请选择新户主。"})
            household_head_change(
                household=household,
                new_head=chosen,
                former_head_relation=form.cleaned_data.get("former_head_relation", ""),
                other_relations=form.other_relations(),
                acting_user=user,
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"第{household.number}户的户主已改为{chosen.name}。")
            return redirect("core:household", household.pk)
    context = {"household": household, "form": form, "head": head, "members": members}
    return _page(request, "people/head_change.html", household.village, context)


@login_required
@GET_POST
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    """修改人员信息: every field of the register row, 与户主关系 and the tags."""
    person, user = _person(request, person_id)
    data = request.POST if request.method == "POST" else None
    form = PersonForm(data, person=person)
    if data is not None and form.is_valid():
        changes = form.changes()
        try:
            if changes:
                person = person_update(person=person, changes=changes, acting_user=user)
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(
                request, f"已保存{person.name}的信息。" if changes else "没有修改任何内容。"
            )
            return redirect("core:person", person.pk)
    context = {"person": person, "form": form}
    return _page(request, "people/person_edit.html", person.village, context)


@login_required
@GET_POST
def person_move_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """迁到本村其他户: the household by its 户号, the relation to its head."""
    person, user = _person(request, person_id)
    data = request.POST if request.method == "POST" else None
    form = MoveForm(data)
    if data is not None and form.is_valid():
        number = form.cleaned_data["household_number"]
        target = Household.objects.filter(village=person.village, number=number).first()
        try:
            if not number:
                raise ValidationError({"household": "请填写迁入户的户号。"})
            if target is None:
                raise ValidationError(
                    {
                        "household": f"本村没有户号为“{number}”的户，请核对户号（可在本村“户”页查看）。"
                    }
                )
            person = person_move(
                person=person,
                household=target,
                relation_to_head=form.cleaned_data["relation_to_head"],
                acting_user=user,
            )
        except ValidationError as exc:
            form.refused(exc, {"household": "household_number"})
        else:
            flash.success(request, f"{person.name}已迁到第{number}户。")
            return redirect("core:person", person.pk)
    context = {"person": person, "form": form, "head_first": _head_first(person, "迁到其他户")}
    return _page(request, "people/person_move.html", person.village, context)


@login_required
@GET_POST
def person_leave_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """登记迁出/死亡: the status, the day, a note."""
    person, user = _person(request, person_id)
    data = request.POST if request.method == "POST" else None
    form = LeaveForm(data)
    if data is not None and form.is_valid():
        try:
            person = person_leave(
                person=person,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
                acting_user=user,
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            flash.success(request, f"已登记{person.name}{person.get_status_display()}。")
            return redirect("core:person", person.pk)
    context = {"person": person, "form": form, "head_first": _head_first(person, "登记")}
    return _page(request, "people/person_leave.html", person.village, context)


@login_required
@GET_POST
def person_return_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """恢复在册: undo a leaving entered by mistake (asks first)."""
    person, user = _person(request, person_id)
    problems: list[str] = []
    if request.method == "POST":
        try:
            person = person_return(person=person, acting_user=user)
        except ValidationError as exc:
            problems = [m for ms in field_errors(exc).values() for m in ms]
        else:
            flash.success(request, f"{person.name}已恢复在册。")
            return redirect("core:person", person.pk)
    context = {
        "person": person,
        "problems": problems,
        "on_register": person.status == RegisterStatus.ACTIVE,
    }
    return _page(request, "people/person_return.html", person.village, context)
