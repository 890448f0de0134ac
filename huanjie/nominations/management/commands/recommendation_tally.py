"""`huanjie recommendation_tally 村代码 --post 主任 --round 群众信任推荐 --ballots N --void N
--places N --votes 姓名=票数 …`: enter a round's tally once; the engine counts (PB-NOM-1,
SEED-3T2S1X) and a township round's winners become the post's candidates."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations import recommendation as svc
from huanjie.nominations.management import arguments as args
from huanjie.nominations.management import recommendation_arguments as rec
from huanjie.people.management.arguments import count


class Command(BaseCommand):
    help = "登记一轮推荐的计票结果（只登记一次），由系统计算初步人选或正式候选人。"

    def add_arguments(self, parser: CommandParser) -> None:
        rec.add_round(parser)
        parser.add_argument("--ballots", type=int, required=True, help="收回票数")
        parser.add_argument("--void", type=int, default=0, help="无效票数")
        parser.add_argument("--places", type=int, required=True, help="本轮产生人数")
        parser.add_argument(
            "--votes",
            nargs="+",
            required=True,
            metavar="姓名=票数",
            help="每位人选的得票；重名时用 身份证号=票数",
        )

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.acting(options["by"], place)
        rnd = rec.find_round(place, options["post"], options["round"])
        votes: dict[int, int] = {}
        for item in options["votes"]:
            who, sep, number = item.partition("=")
            if not sep or not number.strip().isdigit():
                raise args.refuse(f"“{item}”无法识别，请写成 姓名=票数，如 张三=38。")
            votes[rec.candidate(rnd, who.strip()).pk] = int(number)
        try:
            view = svc.tally_record(
                rnd=rnd,
                ballots=count(options["ballots"], "收回票数"),
                void_ballots=count(options["void"], "无效票数"),
                places=options["places"],
                votes=votes,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        what = "正式候选人" if view.formal else "初步人选"
        names = "、".join(x.person.name for x in view.advancing) or "无"
        self.stdout.write(f"已登记{rnd.get_kind_display()}计票结果；{what}：{names}。")
        assert view.count is not None
        for f in view.count.findings:
            self.stdout.write(f"！{f.message}（{f.rule_id}）")
