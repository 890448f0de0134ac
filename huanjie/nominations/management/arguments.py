"""What the nominations' commands share: a post of either body by its Chinese label (村党组织委员 or
村民委员会委员: both bodies have 委员; a bare 委员 only where one body has it), the post's 招贤榜 in a
village, and a person's application for it; the rest is what every command shares
(huanjie.people.management.arguments)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from huanjie.elections.models import Body, Post
from huanjie.nominations import messages as msg
from huanjie.nominations import recommendation as svc
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
    "application_of",
    "body_post",
    "choice",
    "day",
    "names",
    "person_by_id",
    "post",
    "recruitment",
    "refuse",
    "refused",
    "village",
]

WHO = "招贤榜、报名和候选人名单由本村村选委会或乡镇组织委员办理。"

# A body's name before the post, the glossary's and the short one people say (村委会委员).
PREFIXES = {
    Body.PARTY_ORGANIZATION: ("村党组织", "党组织"),
    Body.VILLAGERS_COMMITTEE: ("村民委员会", "村委会"),
}


def add_post(parser: CommandParser) -> None:
    parser.add_argument(
        "--post",
        required=True,
        help="职位，前加组织名称：村党组织书记、村党组织委员、村民委员会主任、村民委员会委员等"
        "（只有一个组织有这一职位时可省去组织名称，如 主任）",
    )


def post(value: str) -> str:
    """A bare post (主任) by its Chinese label or code, whichever body's."""
    return choice(value, {label: code for code, label in Post.choices}, "职位")


def body_post(place: Region, value: str, *, published: bool = True) -> tuple[str, str]:
    """The body and the post of `--post` in the village's round: the post named with its body
    (村党组织委员, 党组织委员, 村民委员会委员, 村委会委员), or a bare post (委员) only where one body has
    it — a 招贤榜 for it (`published`: the commands acting on a published 招贤榜) or, with none
    yet or when publishing one, the post among its election's. A bare post no body has is the
    villagers' committee's, as before the party organization's 招贤榜 were reachable here."""
    value = value.strip()
    for body, prefixes in PREFIXES.items():
        for prefix in prefixes:
            if value.startswith(prefix) and len(value) > len(prefix):
                return body, post(value[len(prefix) :])
    code = post(value)
    bodies = svc.body_recruitments(place)
    held = []
    if published:
        held = [b.body for b in bodies if any(r.post == code for r in b.recruitments)]
    if not held:
        held = [b.body for b in bodies if code in b.posts]
    if len(held) > 1:
        both = "和".join(Body(b).label for b in held)
        labels = "或".join(f"“{svc.post_label(b, code)}”" for b in held)
        short = "或".join(f"“{PREFIXES[Body(b)][1]}{Post(code).label}”" for b in held)
        raise refuse(
            f"{both}都有{Post(code).label}职位，无法确定是哪一个；请写明{labels}（也可写{short}）。"
        )
    return (held[0] if held else Body.VILLAGERS_COMMITTEE), code


def names(place: Region) -> Callable[[str, str], str]:
    """How the commands name a post of the village: with its body's name (村党组织委员,
    村民委员会主任), except in a village whose round has the villagers' committee's election alone,
    where its posts keep their own names (主任), as before the party organization's 招贤榜 were
    reachable here."""
    alone = {b.body for b in svc.body_recruitments(place)} <= {Body.VILLAGERS_COMMITTEE}

    def name(body: str, post_code: str) -> str:
        if alone and body == Body.VILLAGERS_COMMITTEE:
            return Post(post_code).label
        return svc.post_label(body, post_code)

    return name


def acting(username: str | None, place: Region) -> User | None:
    return actor(username, place, may_run, WHO)


def recruitment(place: Region, value: str) -> Recruitment:
    """The 招贤榜 of `--post` (see `body_post`) in the village's round."""
    body, code = body_post(place, value)
    try:
        election = open_election(place, body)
    except ValidationError as exc:
        raise refused(exc, "") from exc
    found = Recruitment.objects.filter(election=election, post=code).first()
    if found is None:
        raise refuse(msg.NO_RECRUITMENT.format(post=names(place)(body, code)))
    return found


def application(person: Person, post_code: str, body: str | None = None) -> Application:
    """The person's latest application for the post (of the body, when given)."""
    found = Application.objects.filter(person=person, recruitment__post=post_code)
    if body is not None:
        found = found.filter(recruitment__election__body=body)
    latest = (
        found.select_related("recruitment__election__plan__village")
        .order_by("-recruitment__election__plan__campaign__term_start_year")
        .first()
    )
    if latest is None:
        label = Post(post_code).label if body is None else names(person.village)(body, post_code)
        raise refuse(f"{person.name}没有报名参选{label}。")
    return latest


def application_of(person: Person, value: str) -> Application:
    """The person's application for `--post` (see `body_post`, in the person's village)."""
    body, code = body_post(person.village, value)
    return application(person, code, body)
