"""The audit pages' list: filters (operator, action, place, dates), pages, readable rows.

One listing for a village's page and for the page of the user's regions (a township, a county):
the caller narrows the entries to what the reader may see (`scoped_audit`, or one village behind
its gate); this only filters within them. Bad filter values are said next to their field and
left out; the list keeps the others.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.paginator import Paginator
from django.utils import timezone

from huanjie.accounts.models import Role, User
from huanjie.accounts.policy import FULL_ID_NUMBERS_IN_SCOPE, role_of, village_scope
from huanjie.audit.chain import chain_status
from huanjie.audit.selectors import audit_actions, audit_actor_ids, audit_search
from huanjie.core import messages as msg
from huanjie.documents.audit_rows import audit_rows
from huanjie.people.display import display_name
from huanjie.regions.models import Level, Region

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from huanjie.audit.models import AuditEntry

PAGE_SIZE = 50
SYSTEM = "system"  # the operator choice of the changes the system made itself
# Above this many places the village level is left out of the place filter (a province).
MAX_PLACE_CHOICES = 1000
SELECT = {"class": "form-select form-select-sm"}


def _date_widget() -> forms.DateInput:
    attrs = {"type": "date", "class": "form-control form-control-sm"}
    return forms.DateInput(attrs=attrs, format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    place = forms.ChoiceField(
        label="村（社区）",
        required=False,
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": msg.AUDIT_PICK_PLACE},
    )
    actor = forms.ChoiceField(
        label="操作人",
        required=False,
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": msg.AUDIT_PICK_ACTOR},
    )
    action = forms.ChoiceField(
        label="操作",
        required=False,
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": msg.AUDIT_PICK_ACTION},
    )
    since = forms.DateField(
        label="起始日期",
        required=False,
        widget=_date_widget(),
        error_messages={"invalid": msg.AUDIT_BAD_DATE},
    )
    until = forms.DateField(
        label="截止日期",
        required=False,
        widget=_date_widget(),
        error_messages={"invalid": msg.AUDIT_BAD_DATE},
    )

    def __init__(
        self,
        data: Any,
        *,
        actors: list[User],
        actions: list[tuple[str, str]],
        places: list[Region],
    ) -> None:
        super().__init__(data)
        self._choices(
            "actor",
            [
                ("", "全部"),
                (SYSTEM, "系统自动"),
                *((str(u.pk), _actor_label(u)) for u in actors),
            ],
        )
        self._choices("action", [("", "全部"), *actions])
        if places:
            self._choices("place", [("", "全部"), *_place_choices(places)])
        else:
            del self.fields["place"]  # one village's page

    def _choices(self, name: str, choices: list[tuple[Any, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", msg.AUDIT_DATES_REVERSED)
        return cleaned


def audit_places(user: User) -> list[Region]:
    """The regions the place filter offers: the user's county, townships and villages (one
    query; two for a province's worth, which lists no villages)."""
    levels = [Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE]
    scope = village_scope(user)
    found = list(
        scope.filter(Region.objects.filter(level__in=levels)).order_by("code")[
            : MAX_PLACE_CHOICES + 1
        ]
    )
    if len(found) > MAX_PLACE_CHOICES:
        found = list(scope.filter(Region.objects.filter(level__in=levels[:2])).order_by("code"))
    return found


def audit_listing(
    request: HttpRequest, user: User, entries: QuerySet[AuditEntry], *, places: list[Region]
) -> dict[str, Any]:
    """The context of an audit page: the filter form, the page of rows, the chain's state."""
    actors = list(
        User.objects.filter(pk__in=audit_actor_ids(entries)).order_by("last_name", "first_name")
    )
    form = AuditFilterForm(
        request.GET or None, actors=actors, actions=audit_actions(entries), places=places
    )
    found = audit_search(entries, **_filters(form, places))
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    # The trail mixes members and non-members, so a village party organization (which sees
    # only its members' numbers) reads it masked, like every role without the need.
    full_ids = role_of(user) in FULL_ID_NUMBERS_IN_SCOPE
    by_prefix = {p.prefix: p for p in places}
    rows = audit_rows(page.object_list, full_ids=full_ids)
    return {
        "form": form,
        "filtered": form.is_bound and any(form.data.get(k) for k in form.fields),
        "page": page,
        "rows": [(row, by_prefix.get(row.entry.region_code)) for row in rows],
        "full_ids": full_ids,
        # After `rows`: the entries shown are fetched once and checked against their hashes.
        "chain": chain_status(shown=page.object_list),
    }


def _filters(form: AuditFilterForm, places: list[Region]) -> dict[str, Any]:
    if not form.is_bound:
        return {}
    form.is_valid()  # the valid fields filter; the others show their error
    data = form.cleaned_data
    actor = data.get("actor") or ""
    place = next((p for p in places if str(p.pk) == data.get("place")), None)
    return {
        "system": actor == SYSTEM,
        "actor_id": int(actor) if actor.isdigit() else None,
        "action": data.get("action") or "",
        "region_prefix": place.prefix if place is not None else "",
        "since": _start_of(data.get("since")),
        "before": _start_of(data["until"] + timedelta(days=1)) if data.get("until") else None,
    }


def _start_of(day: date | None) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.min))


def _actor_label(user: User) -> str:
    # A deactivated account still names the role it had (it acted, and stays on the trail).
    role = role_of(user) or (Role(user.role) if user.role in Role.values else None)
    name = display_name(user) or user.username
    return f"{name}（{role.label}）" if role is not None else name


def _place_choices(places: list[Region]) -> list[tuple[Any, Any]]:
    """A township with its villages under it; a county, or a cadre's villages, on their own."""
    townships = {p.pk for p in places if p.level == Level.TOWNSHIP}
    villages_of: dict[int | None, list[tuple[str, str]]] = defaultdict(list)
    for place in places:
        if place.level == Level.VILLAGE:
            villages_of[place.parent_id].append((str(place.pk), place.name))
    choices: list[tuple[Any, Any]] = []
    for place in places:
        if place.level == Level.TOWNSHIP:
            whole = (str(place.pk), f"{place.name}（全部）")
            choices.append((place.name, [whole, *villages_of[place.pk]]))
        elif place.level == Level.VILLAGE and place.parent_id in townships:
            continue  # under its township
        elif place.level == Level.VILLAGE:
            choices.append((str(place.pk), place.name))
        else:
            choices.append((str(place.pk), f"{place.name}（全部）"))
    return choices
