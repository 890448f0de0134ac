"""Links to the print documents from the web shell's pages, shown only to who may follow them."""

from __future__ import annotations

from typing import Any

from django import template

from huanjie.documents.jobs import may_print_batch

register = template.Library()


@register.simple_tag(takes_context=True)
def may_print_township(context: template.Context, region: Any) -> bool:
    """Whether the signed-in user may print the township's registers in one batch."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return user is not None and may_print_batch(user, region)
