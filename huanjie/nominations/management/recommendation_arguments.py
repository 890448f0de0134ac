"""What the recommendation commands share: a post's round by its Chinese name or code (the post of
either body as every nomination command takes it, `arguments.body_post`), and a person of the
round by name or 身份证号."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.management.base import CommandParser

from huanjie.nominations import recommendation as svc
from huanjie.nominations.management import arguments as args
from huanjie.nominations.models import Application, RecommendationRound, RoundKind

if TYPE_CHECKING:
    from huanjie.regions.models import Region


def add_round(parser: CommandParser) -> None:
    parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
    args.add_post(parser)
    parser.add_argument(
        "--round", required=True, help="推荐轮次：" + "、".join(RoundKind.labels) + "（或其代码）"
    )
    args.add_by(parser)


def kind(value: str) -> str:
    return args.choice(value, {label: code for code, label in RoundKind.choices}, "推荐轮次")


def find_round(place: Region, post: str, round_kind: str) -> RecommendationRound:
    found = (
        args.recruitment(place, post).recommendation_rounds.filter(kind=kind(round_kind)).first()
    )
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
