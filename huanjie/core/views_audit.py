"""The audit pages: one village's trail, and the trail of all the user's regions.

The entries come narrowed to what the reader may open (the village behind `access_village`, or
`scoped_audit`: a township officer's township and its villages, never the county above);
`audit_listing` filters within them and masks the rows as the village page does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from huanjie.accounts.gates import access_village, scoped_audit
from huanjie.accounts.policy import Reach, village_scope
from huanjie.audit.selectors import village_audit
from huanjie.core import messages as msg
from huanjie.core.audit_listing import audit_listing, audit_places
from huanjie.dashboards import figures

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from huanjie.accounts.models import User


@login_required
@require_GET
def audit_page(request: HttpRequest) -> HttpResponse:
    user = cast("User", request.user)  # login_required: never anonymous here
    reach = village_scope(user).reach
    if reach is Reach.NOTHING:
        raise PermissionDenied(msg.AUDIT_NOT_FOR_ROLE)
    places = audit_places(user)
    context = audit_listing(request, user, scoped_audit(user), places=places)
    roots = [] if reach is Reach.EVERYTHING else figures.scope_roots(user)
    names = "、".join(r.name for r in roots)
    context["scope_name"] = "全部区划" if reach is Reach.EVERYTHING else names or "管辖范围"
    return render(request, "core/audit.html", context)


@login_required
@require_GET
def village_audit_page(request: HttpRequest, village_id: int) -> HttpResponse:
    user = cast("User", request.user)
    place = access_village(user, village_id)
    context = audit_listing(request, user, village_audit(place), places=[])
    context.update(village=place, trail=figures.region_trail(user, place))
    return render(request, "core/village_audit.html", context)
