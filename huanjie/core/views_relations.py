"""添加近亲属 from a person's page: the form is on that page, and comes back to it with its
errors (a bad entry changes nothing). Confirming and rejecting links are `people`'s views."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from huanjie.core.views import person_page
from huanjie.people.relation_access import person_for_change
from huanjie.people.relation_cards import RelationDeclareForm
from huanjie.people.services.relations import KIND_LABELS, relation_declare

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.accounts.models import User


@login_required
@require_POST
def person_relation_add(request: HttpRequest, person_id: int) -> HttpResponse:
    someone = person_for_change(request.user, person_id)
    form = RelationDeclareForm(request.POST, person=someone)
    if form.is_valid():
        a, b = form.people()
        try:
            relation_declare(
                person_a=a,
                person_b=b,
                kind=form.cleaned_data["kind"],
                basis=form.cleaned_data["basis"],
                acting_user=cast("User", request.user),  # login_required
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            other = form.cleaned_data["other"]
            kind = KIND_LABELS[form.cleaned_data["kind"]]
            flash.success(
                request,
                f"已登记{someone.name}与{other.name}的“{kind}”关系，任职回避审查将采用这条关系。",
            )
            return redirect(reverse("core:person", args=[someone.pk]) + "#relatives")
    return person_page(request, someone, relation_form=form)
