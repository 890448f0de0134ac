"""`huanjie recommendation_draw 村代码 --post 主任 --round 群众信任推荐 [--seed N]`: draw the
speech order by lot, the seed kept so it replays (SEED-GTZX-1)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations import recommendation as svc
from huanjie.nominations.management import arguments as args
from huanjie.nominations.management import recommendation_arguments as rec
from huanjie.people.management.arguments import count


class Command(BaseCommand):
    help = "抽签确定本轮人选的发言顺序；种子记录在案，可重放核对。"

    def add_arguments(self, parser: CommandParser) -> None:
        rec.add_round(parser)
        parser.add_argument("--seed", type=int, help="抽签种子（非负整数；不给出时由系统随机产生）")

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.acting(options["by"], place)
        rnd = rec.find_round(place, options["post"], options["round"])
        seed = options["seed"]
        if seed is not None:
            count(seed, "抽签种子")
        try:
            rnd = svc.speech_draw(rnd=rnd, seed=seed, acting_user=acting)
        except ValidationError as exc:
            raise args.refused(exc, "未抽签：") from exc
        order = "、".join(a.person.name for a in svc.round_view(rnd).speakers)
        self.stdout.write(f"抽签种子 {rnd.draw_seed}；发言顺序：{order}。")
