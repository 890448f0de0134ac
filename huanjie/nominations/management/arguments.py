"""What the nominations' commands share: a post by its Chinese label or code, the post's 招贤榜
in a village, and a person's application for it; the rest is what every command shares
(huanjie.people.management.arguments)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from huanjie.elections.models import Post
from huanjie.nominations import messages as msg
from huanjie.nominations.access import may_run
from huanjie.nominations.models import Application, Recruitment
from huanjie.nominations.services import open_election
from huanjie.people.management.arguments import (
    BY_HELP,
    DATE_HELP,
    VILLAGE_HELP,
    actor,
    add_by,
    choice,
    day,
    refuse,
    refused,
    village,
)
from huanjie.people.management.relation_arguments import person as person_by_id

if TYPE_CHECKING:
    from django.core.management.base import CommandParser

    from huanjie.accounts.models import User
    from huanjie.people.models import Person
    from huanjie.regions.models import Region

__all__ = [
    "BY_HELP",
    "DATE_HELP",
    "VILLAGE_HELP",
    "acting",
    "add_by",
    "add_post",
    "application",
    "choice",
    "day",
    "person_by_id",
    "post",
    "recruitment",
    "refuse",
    "refused",
    "village",
]

WHO = "招贤榜、报名和候选人名单由本村村选委会或乡镇组织委员办理。"


def add_post(parser: CommandParser) -> None:
    parser.add_argument(
        "--post", required=True, help="职位：" + "、".join(Post.labels) + "（或其代码）"
    )


def post(value: str) -> str:
    return choice(value, {label: code for code, label in Post.choices}, "职位")


def acting(username: str | None, place: Region) -> User | None:
    return actor(username, place, may_run, WHO)


def recruitment(place: Region, post_code: str) -> Recruitment:
    try:
        election = open_election(place)
    except ValidationError as exc:
        raise refused(exc, "") from exc
    found = Recruitment.objects.filter(election=election, post=post_code).first()
    if found is None:
        raise refuse(msg.NO_RECRUITMENT.format(post=Post(post_code).label))
    return found


def application(person: Person, post_code: str) -> Application:
    found = (
        Application.objects.filter(person=person, recruitment__post=post_code)
        .select_related("recruitment__election__plan__village")
        .order_by("-recruitment__election__plan__campaign__term_start_year")
        .first()
    )
    if found is None:
        raise refuse(f"{person.name}没有报名参选{Post(post_code).label}。")
    return found
