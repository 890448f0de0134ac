"""`huanjie nomination_pledges 村代码`: each candidate of the village's party organization and
villagers' committee elections with the 三项承诺 and 纪律承诺书 signed (and when) or not yet, each
post named as `--post` takes it (村党组织委员, 村民委员会委员)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations.management import arguments as args
from huanjie.nominations.recommendation import BODIES
from huanjie.nominations.selectors import village_nominations


class Command(BaseCommand):
    help = "列出本村党组织和村民委员会选举每名候选人的三项承诺和纪律承诺书签订情况。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        views = [village_nominations(place, body) for body in BODIES]
        if all(v.election is None for v in views):
            raise args.refuse(
                f"{place.name}还没有建立本届村党组织或村民委员会选举，"
                "请先由乡镇组织委员在村换届计划中建立选举。"
            )
        out = self.stdout.write
        name = args.names(place)
        candidates = [
            (name(body, p.post), c)
            for body, view in zip(BODIES, views, strict=True)
            for p in view.posts
            for c in p.candidates
        ]
        if not candidates:
            out(f"{place.name}还没有确定候选人。")
            return
        for label, candidate in candidates:
            signed = [
                f"{kind} {pledge.signed_on}" if pledge else f"{kind} 未签"
                for kind, pledge in candidate.pledge_rows()
            ]
            out(f"{label} {candidate.person.name}：" + "；".join(signed))
