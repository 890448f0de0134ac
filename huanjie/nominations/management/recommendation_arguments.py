"""What the recommendation commands share: a post's 招贤榜 of either body (村党组织委员 or 村民委员会委员:
both bodies have 委员), a post's round by its Chinese name or code, and a person of the round by
name or 身份证号."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.management.base import CommandParser

from huanjie.elections.models import Body
from huanjie.nominations import messages as msg
from huanjie.nominations import recommendation as svc
from huanjie.nominations.management import arguments as args
from huanjie.nominations.models import Application, RecommendationRound, Recruitment, RoundKind
from huanjie.nominations.services import open_election

if TYPE_CHECKING:
    from huanjie.regions.models import Region


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
        "（只有一个组织有这一职位的招贤榜时可省去组织名称）",
    )


def _of_body(place: Region, body: str, post: str) -> Recruitment:
    try:
        election = open_election(place, body)
    except ValidationError as exc:
        raise args.refused(exc, "") from exc
    found = Recruitment.objects.filter(election=election, post=post).first()
    if found is None:
        raise args.refuse(msg.NO_RECRUITMENT.format(post=svc.post_label(body, post)))
    return found


def recruitment(place: Region, value: str) -> Recruitment:
    """The 招贤榜 of the post named with its body (村党组织委员); a bare post (委员) only when one
    body of the village has a 招贤榜 for it or, with none yet, the post itself."""
    for body, prefixes in PREFIXES.items():
        for prefix in prefixes:
            if value.startswith(prefix) and len(value) > len(prefix):
                return _of_body(place, body, args.post(value[len(prefix) :]))
    post = args.post(value)
    bodies = svc.body_recruitments(place)
    held = [b.body for b in bodies if any(r.post == post for r in b.recruitments)]
    if not held:
        held = [b.body for b in bodies if post in b.posts]
    if len(held) > 1:
        both = "或".join(f"“{svc.post_label(b, post)}”" for b in held)
        raise args.refuse(f"“{value}”两个组织都有；请写明{both}。")
    return _of_body(place, held[0] if held else Body.VILLAGERS_COMMITTEE, post)


def add_round(parser: CommandParser) -> None:
    parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
    add_post(parser)
    parser.add_argument(
        "--round", required=True, help="推荐轮次：" + "、".join(RoundKind.labels) + "（或其代码）"
    )
    args.add_by(parser)


def kind(value: str) -> str:
    return args.choice(value, {label: code for code, label in RoundKind.choices}, "推荐轮次")


def find_round(place: Region, post: str, round_kind: str) -> RecommendationRound:
    found = recruitment(place, post).recommendation_rounds.filter(kind=kind(round_kind)).first()
    if found is None:
        raise args.refuse(f"本职位还没有登记“{RoundKind(kind(round_kind)).label}”会议。")
    return found


def candidate(rnd: RecommendationRound, who: str) -> Application:
    """A person of the round by 身份证号 or, when it is unique in the round, by name."""
    people = svc.round_view(rnd).candidates
    matches = [a for a in people if who in (a.person.id_number, a.person.name)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        names = "、".join(a.person.name for a in people) or "（无）"
        raise args.refuse(f"“{who}”不是本轮人选；本轮人选：{names}。")
    raise args.refuse(f"本轮有{len(matches)}人叫{who}，请改用身份证号。")
