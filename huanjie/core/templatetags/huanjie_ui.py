"""Template helpers of the web shell: the top bar's who-and-where, names, small marks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse

from huanjie.accounts.models import Role, User
from huanjie.accounts.policy import NO_VILLAGE_PAGES, role_of
from huanjie.people.display import display_name
from huanjie.regions.models import Region

register = template.Library()


@dataclass(frozen=True)
class Shell:
    """What the top bar and the navigation show for the signed-in user."""

    name: str
    role: str
    scope: str
    region_url: str
    audit_url: str
    admin: bool


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
    region_url = ""
    if root is not None:
        region_url = reverse("core:region", args=[root.pk])
    audit_url = ""
    current = context.get("village")
    if village_pages and isinstance(current, Region) and current.is_village:
        audit_url = reverse("core:village_audit", args=[current.pk])
    elif village_pages and root is not None and root.is_village:
        audit_url = reverse("core:village_audit", args=[root.pk])
    return Shell(
        name=display_name(user),
        role=str(role.label),
        scope=scope,
        region_url=region_url,
        audit_url=audit_url,
        admin=bool(user.is_staff),
    )
