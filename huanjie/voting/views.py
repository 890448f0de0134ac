"""The committee's pages for voting arrangements and proxies, and their announcements.

Thin views: the election's village through `access_village` (the same 404 for missing and out
of scope); changes for the village election committee (a mobile box's approval for the
township), each through one service whose refusal is shown as it says it, nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from huanjie.accounts.gates import access_village
from huanjie.documents.downloads import pdf_response, record_download
from huanjie.elections.models import Election
from huanjie.people.models import Person
from huanjie.voting import services
from huanjie.voting.access import may_announce, may_approve_mobile, may_arrange
from huanjie.voting.documents import (
    ARRANGEMENTS_TITLE,
    PROXIES_TITLE,
    arrangements_document,
    proxies_document,
)
from huanjie.voting.forms import MobileVoterForm, ProxyForm, PublishForm, StaffForm, StationForm
from huanjie.voting.models import MobileVoter, ProxyRequest, StaffMember, Station
from huanjie.voting.selectors import arrangements_view, proxies_view, voters

if TYPE_CHECKING:
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.documents.rendering import PrintedDocument
    from huanjie.regions.models import Region

NOTICES: dict[str, tuple[str, Callable[..., PrintedDocument], str]] = {
    "arrangements": (ARRANGEMENTS_TITLE, arrangements_document, "voting:arrangements"),
    "proxies": (PROXIES_TITLE, proxies_document, "voting:proxies"),
}


def _election(request: HttpRequest, election_id: int) -> tuple[Election, Region]:
    election = (
        Election.objects.select_related("plan__village", "plan__campaign")
        .filter(pk=election_id)
        .first()
    )
    if election is None:
        raise Http404("找不到这场选举。")
    return election, access_village(request.user, election.plan.village_id)


def _done(
    request: HttpRequest, change: Callable[[], Any], said: str, to: str, pk: int
) -> HttpResponse:
    try:
        change()
    except ValidationError as exc:
        flash.error(request, "未保存：" + "".join(exc.messages))
    else:
        flash.success(request, said)
    return redirect(to, pk)


def _person(village: Region, pk: int | None) -> Person:
    person = Person.objects.filter(pk=pk or 0, village=village).first()
    if person is None:
        raise Http404("本村没有这个人。")
    return person


def _voter_choices(election: Election) -> list[tuple[int, str]]:
    return [
        (v.person_id, f"{v.name}（{v.group_name}）" if v.group_name else v.name)
        for v in voters(election)
    ]


@login_required
@require_GET
def arrangements_page(request: HttpRequest, election_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    return render(
        request,
        "voting/arrangements.html",
        {
            "election": election,
            "village": village,
            "view": arrangements_view(election),
            "may_arrange": may_arrange(request.user, village),
            "may_announce": may_announce(request.user, village),
            "may_approve": may_approve_mobile(request.user, village),
            "station_form": StationForm(),
            "publish_form": PublishForm(),
            "voters": _voter_choices(election),
            "duties": StaffForm.base_fields["duty"].choices,  # type: ignore[attr-defined]
        },
    )


@login_required
@require_POST
def station_add_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election, _ = _election(request, election_id)
    form = StationForm(request.POST)
    if not form.is_valid():
        flash.error(request, "未保存：请填写类别、名称、地点和投票时间。")
        return redirect("voting:arrangements", election.pk)
    data = form.cleaned_data
    return _done(
        request,
        lambda: services.station_add(election=election, acting_user=request.user, **data),  # type: ignore[arg-type]
        f"已安排{data['name']}。",
        "voting:arrangements",
        election.pk,
    )


def _station(election: Election, station_id: int) -> Station:
    return get_object_or_404(
        Station.objects.select_related("box"), pk=station_id, election=election
    )


@login_required
@require_POST
def station_remove_view(request: HttpRequest, election_id: int, station_id: int) -> HttpResponse:
    election, _ = _election(request, election_id)
    station = _station(election, station_id)
    return _done(
        request,
        lambda: services.station_remove(station=station, acting_user=cast("User", request.user)),
        f"已取消{station.box.name}的安排。",
        "voting:arrangements",
        election.pk,
    )


@login_required
@require_POST
def mobile_approve_view(request: HttpRequest, election_id: int, station_id: int) -> HttpResponse:
    election, _ = _election(request, election_id)
    station = _station(election, station_id)
    return _done(
        request,
        lambda: services.mobile_approve(station=station, acting_user=cast("User", request.user)),
        f"已批准设立{station.box.name}。",
        "voting:arrangements",
        election.pk,
    )


@login_required
@require_POST
def mobile_voter_add_view(request: HttpRequest, election_id: int, station_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    station = _station(election, station_id)
    form = MobileVoterForm(request.POST)
    if not form.is_valid():
        flash.error(request, "未保存：请选择选民并写明原因。")
        return redirect("voting:arrangements", election.pk)
    person = _person(village, form.cleaned_data["voter"])
    return _done(
        request,
        lambda: services.mobile_voter_add(
            station=station,
            person=person,
            reason=form.cleaned_data["reason"],
            acting_user=cast("User", request.user),
        ),
        f"已将{person.name}列入{station.box.name}的投票人名单。",
        "voting:arrangements",
        election.pk,
    )


@login_required
@require_POST
def mobile_voter_remove_view(
    request: HttpRequest, election_id: int, listed_id: int
) -> HttpResponse:
    election, _ = _election(request, election_id)
    listed = get_object_or_404(
        MobileVoter.objects.select_related("station__box", "voter"),
        pk=listed_id,
        station__election=election,
    )
    return _done(
        request,
        lambda: services.mobile_voter_remove(listed=listed, acting_user=cast("User", request.user)),
        f"已将{listed.voter.name}移出{listed.station.box.name}的名单。",
        "voting:arrangements",
        election.pk,
    )


@login_required
@require_POST
def staff_add_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    form = StaffForm(request.POST)
    if not form.is_valid():
        flash.error(request, "未保存：请选择人员和职责。")
        return redirect("voting:arrangements", election.pk)
    person = _person(village, form.cleaned_data["person"])
    station_id = form.cleaned_data["station"]
    station = _station(election, station_id) if station_id else None
    duty = form.cleaned_data["duty"]
    return _done(
        request,
        lambda: services.staff_add(
            election=election,
            person=person,
            duty=duty,
            station=station,
            acting_user=cast("User", request.user),
        ),
        f"已确定{person.name}为工作人员。",
        "voting:arrangements",
        election.pk,
    )


@login_required
@require_POST
def staff_remove_view(request: HttpRequest, election_id: int, member_id: int) -> HttpResponse:
    election, _ = _election(request, election_id)
    member = get_object_or_404(
        StaffMember.objects.select_related("person"), pk=member_id, election=election
    )
    return _done(
        request,
        lambda: services.staff_remove(member=member, acting_user=cast("User", request.user)),
        f"已撤换{member.person.name}。",
        "voting:arrangements",
        election.pk,
    )


@login_required
@require_POST
def arrangements_publish_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election, _ = _election(request, election_id)
    form = PublishForm(request.POST)
    if not form.is_valid():
        flash.error(request, "未保存：请填写张贴日期（年-月-日）。")
        return redirect("voting:arrangements", election.pk)
    day = form.cleaned_data["day"]
    return _done(
        request,
        lambda: services.arrangements_publish(
            election=election, day=day, acting_user=cast("User", request.user)
        ),
        f"已登记{day:%Y-%m-%d}张贴第10—12号公告。",
        "voting:arrangements",
        election.pk,
    )


@login_required
@require_GET
def proxies_page(request: HttpRequest, election_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    return render(
        request,
        "voting/proxies.html",
        {
            "election": election,
            "village": village,
            "view": proxies_view(election),
            "may_arrange": may_arrange(request.user, village),
            "may_announce": may_announce(request.user, village),
            "form": ProxyForm(),
            "publish_form": PublishForm(),
            "voters": _voter_choices(election),
        },
    )


@login_required
@require_POST
def proxy_file_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election, village = _election(request, election_id)
    form = ProxyForm(request.POST)
    if not form.is_valid():
        flash.error(request, "未保存：请选择委托人和受托人，写明原因和提出日期。")
        return redirect("voting:proxies", election.pk)
    data = form.cleaned_data
    principal = _person(village, data["principal"])
    holder = _person(village, data["holder"])
    return _done(
        request,
        lambda: services.proxy_file(
            election=election,
            principal=principal,
            holder=holder,
            reason=data["reason"],
            filed_on=data["filed_on"],
            filed_by=data["filed_by"],
            via=data["via"],
            acting_user=cast("User", request.user),
        ),
        f"已登记{principal.name}委托{holder.name}投票，请审核。",
        "voting:proxies",
        election.pk,
    )


def _request(election: Election, request_id: int) -> ProxyRequest:
    return get_object_or_404(
        ProxyRequest.objects.select_related("principal", "holder"),
        pk=request_id,
        election=election,
    )


@login_required
@require_POST
def proxy_approve_view(request: HttpRequest, election_id: int, request_id: int) -> HttpResponse:
    election, _ = _election(request, election_id)
    proxy = _request(election, request_id)
    return _done(
        request,
        lambda: services.proxy_approve(request=proxy, acting_user=cast("User", request.user)),
        f"已审核同意{proxy}。",
        "voting:proxies",
        election.pk,
    )


@login_required
@require_POST
def proxy_withdraw_view(request: HttpRequest, election_id: int, request_id: int) -> HttpResponse:
    election, _ = _election(request, election_id)
    proxy = _request(election, request_id)
    return _done(
        request,
        lambda: services.proxy_withdraw(request=proxy, acting_user=cast("User", request.user)),
        f"已撤回{proxy}。",
        "voting:proxies",
        election.pk,
    )


@login_required
@require_POST
def proxies_publish_view(request: HttpRequest, election_id: int) -> HttpResponse:
    election, _ = _election(request, election_id)
    form = PublishForm(request.POST)
    if not form.is_valid():
        flash.error(request, "未保存：请填写张贴日期（年-月-日）。")
        return redirect("voting:proxies", election.pk)
    day = form.cleaned_data["day"]
    return _done(
        request,
        lambda: services.proxies_publish(
            election=election, day=day, acting_user=cast("User", request.user)
        ),
        f"已登记{day:%Y-%m-%d}张贴委托投票名单（第13号公告）。",
        "voting:proxies",
        election.pk,
    )


def _notice(name: str) -> tuple[str, Callable[..., PrintedDocument], str]:
    if name not in NOTICES:
        raise Http404("没有这份公告。")
    return NOTICES[name]


@login_required
@require_GET
def notice_preview(request: HttpRequest, election_id: int, name: str) -> HttpResponse:
    election, _ = _election(request, election_id)
    _, make, back = _notice(name)
    links = {
        "pdf_url": reverse("voting:notice_pdf", args=[election.pk, name]),
        "back_url": reverse(back, args=[election.pk]),
    }
    return HttpResponse(make(election, request=request, extra=links).html)


@login_required
@require_GET
def notice_pdf(request: HttpRequest, election_id: int, name: str) -> HttpResponse:
    election, village = _election(request, election_id)
    title, make, _ = _notice(name)
    data, pages = make(election, request=request).pdf_and_pages()
    record_download(
        user=cast("User", request.user), villages=[village], document=title, pages=pages
    )
    return pdf_response(data, f"{village.name}{title}.pdf")
