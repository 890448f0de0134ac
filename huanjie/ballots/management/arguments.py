"""What the tally commands share with the voting commands above them: the election by its
number (the number in its pages' addresses), refused in one Chinese line when there is none."""

from __future__ import annotations

from huanjie.elections.models import Election
from huanjie.people.management.arguments import refuse


def election(number: int) -> Election:
    found = (
        Election.objects.select_related("plan__village", "plan__campaign").filter(pk=number).first()
    )
    if found is None:
        raise refuse(f"找不到选举 {number}。")
    return found
