"""`huanjie recommendation_round 村代码 --post 村民委员会主任 --procedure 三推 --round 群众信任推荐 --on 日期
--place 地点 --meeting 会议 --eligible N --members N [--nonmembers N]`: record a round's meeting
(SEED-3T2S1X; non-member representatives within the share, SEED-GTZX-1)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations import recommendation as svc
from huanjie.nominations.management import arguments as args
from huanjie.nominations.management import recommendation_arguments as rec
from huanjie.nominations.models import RecommendationProcedure
from huanjie.people.management.arguments import count


class Command(BaseCommand):
    help = "登记一轮推荐会议：日期、地点、会议名称、应到和实到人数、非党员代表人数。"

    def add_arguments(self, parser: CommandParser) -> None:
        rec.add_round(parser)
        parser.add_argument("--procedure", required=True, help="推荐方式：两推、三推")
        parser.add_argument("--on", required=True, help="会议日期，" + args.DATE_HELP)
        parser.add_argument("--place", required=True, help="会议地点")
        parser.add_argument("--meeting", required=True, help="会议名称，如 党员群众推荐测评大会")
        parser.add_argument("--eligible", type=int, required=True, help="应到人数")
        parser.add_argument("--members", type=int, required=True, help="党员（委员）实到人数")
        parser.add_argument("--nonmembers", type=int, default=0, help="非党员代表人数")

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.acting(options["by"], place)
        recruitment = args.recruitment(place, options["post"])
        procedure = args.choice(
            options["procedure"],
            {label: code for code, label in RecommendationProcedure.choices},
            "推荐方式",
        )
        try:
            rnd = svc.round_open(
                recruitment=recruitment,
                procedure=procedure,
                kind=rec.kind(options["round"]),
                held_on=args.day(options["on"]),
                place=options["place"],
                meeting=options["meeting"],
                eligible=count(options["eligible"], "应到人数"),
                members_present=count(options["members"], "党员实到人数"),
                nonmember_representatives=count(options["nonmembers"], "非党员代表人数"),
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        self.stdout.write(f"已登记{rnd.get_kind_display()}会议（编号{rnd.pk}）。")
