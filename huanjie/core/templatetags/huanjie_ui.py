"""Template helpers of the web shell: the top bar's who-and-where, names, small marks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone

from huanjie.accounts.models import Role, User
from huanjie.accounts.policy import NO_VILLAGE_PAGES, role_of
from huanjie.dashboards.figures import region_trail
from huanjie.elections.models import Election
from huanjie.elections.progress import is_overdue, state_label
from huanjie.people.display import display_name
from huanjie.regions.models import Region

register = template.Library()
BOARD_ROLES = frozenset(
    {Role.ADMINISTRATOR, Role.ELECTION_OFFICE, Role.TOWNSHIP_OFFICER, Role.VILLAGE_CADRE}
)
# The progress statistics by level: for who oversees a township or more (observers included).
DASHBOARD_ROLES = frozenset(
    {Role.ADMINISTRATOR, Role.ELECTION_OFFICE, Role.TOWNSHIP_OFFICER, Role.OBSERVER}
)
# The joint review (联审): a reviewer's queue, the township's and county's review state.
VETTING_ROLES = frozenset({Role.ELECTION_OFFICE, Role.TOWNSHIP_OFFICER, Role.REVIEWER})


@dataclass(frozen=True)
class Shell:
    """What the top bar and the navigation show for the signed-in user."""

    name: str
    role: str
    scope: str
    region_url: str
    region_label: str  # 区划, or 本村 for a user whose scope is one village
    audit_url: str
    admin: bool
    board_url: str = ""  # the campaign board, for roles over more than one village
    dashboard_url: str = ""  # the progress statistics by level
    vetting_url: str = ""  # the joint review


@register.simple_tag(takes_context=True)
def village_trail(context: template.Context, village: Region) -> list[Region]:
    """The regions above `village` the user may open, for the one breadcrumb of a village's pages:
    the view's `trail` when it gave one, else read here (one query)."""
    given = context.get("trail")
    if given is not None:
        return list(given)
    request = context.get("request")
    user = getattr(request, "user", None)
    return region_trail(user, village) if user is not None else []


@register.filter
def election_overdue(election: Election) -> bool:
    """Its day has passed and no result was entered: shown as 逾期未录入结果, not 筹备中."""
    return is_overdue(election, timezone.localdate())


@register.filter
def election_state(election: Election) -> str:
    return state_label(election, timezone.localdate())


@register.filter
def days_from_today(days: int | None) -> str:
    """还有 3 天 / 今天 / 已过 5 天: how far a day lies from today."""
    if days is None:
        return ""
    if days == 0:
        return "今天"
    return f"还有 {days} 天" if days > 0 else f"已过 {-days} 天"


@register.filter(name="display_name")
def display_name_filter(user: Any) -> str:
    return "系统自动" if user is None else display_name(user)


@register.simple_tag(takes_context=True)
def shell(context: template.Context) -> Shell | None:
    """The user's name, role, scope and the links the role may follow (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    role = role_of(user) if user is not None else None
    if role is None or not isinstance(user, User):
        return None
    village_pages = role not in NO_VILLAGE_PAGES
    places: list[Region] = []
    if role is Role.VILLAGE_CADRE:
        places = list(user.assigned_villages.order_by("code"))
        scope = "包村：" + "、".join(v.name for v in places) if places else "尚未分配包村"
    elif role is Role.ADMINISTRATOR and not user.scope_code:
        scope = "全部区划"
    else:
        places = list(Region.objects.filter(code=user.scope_code))
        scope = places[0].name if places else "管辖区划未设置"
        if role is Role.REVIEWER:
            places = []  # a reviewer works on candidates, not on region pages
    root = places[0] if len(places) == 1 else None
    region_url, region_label, audit_url = "", "区划", ""
    if root is not None and root.is_village and village_pages:
        # A village's one address is its working page (the region address only redirects).
        region_url, region_label = reverse("core:village", args=[root.pk]), "本村"
    elif root is not None:
        region_url = reverse("core:region", args=[root.pk])
    if village_pages:
        # The trail of the user's whole scope: one village's page, or all its regions'.
        audit_url = (
            reverse("core:village_audit", args=[root.pk])
            if root is not None and root.is_village
            else reverse("core:audit")
        )
    # The board of a campaign's villages: for who oversees several (township, county, cadre).
    board_url = reverse("plan_tasks:board") if role in BOARD_ROLES else ""
    return Shell(
        name=display_name(user),
        role=str(role.label),
        scope=scope,
        region_url=region_url,
        region_label=region_label,
        audit_url=audit_url,
        admin=bool(user.is_staff),
        board_url=board_url,
        dashboard_url=reverse("dashboards:home") if role in DASHBOARD_ROLES else "",
        vetting_url=reverse("vetting:index") if role in VETTING_ROLES else "",
    )
