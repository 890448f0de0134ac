"""`{{ post|post_name:election.body }}`: a post's Chinese name on its body (主任/委员 on a
villagers' or supervision committee, 书记 on a party body, 理事长/理事 and 监事长/监事 on the
cooperative's boards)."""

from __future__ import annotations

from django import template

from huanjie.ballots.assemblies import post_label

register = template.Library()


@register.filter
def post_name(post: str, body: str) -> str:
    try:
        return post_label(body, post)
    except ValueError:  # not a post of the contract: shown as stored
        return post
