"""`huanjie nomination_pledges 村代码`: each candidate of the village's villagers' committee
election with the 三项承诺 and 纪律承诺书 signed (and when) or not yet."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations.management import arguments as args
from huanjie.nominations.selectors import village_nominations


class Command(BaseCommand):
    help = "列出本村每名候选人的三项承诺和纪律承诺书签订情况。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        view = village_nominations(place)
        if view.election is None:
            raise args.refuse(f"{place.name}还没有建立本届村民委员会选举。")
        out = self.stdout.write
        candidates = [(p.label, c) for p in view.posts for c in p.candidates]
        if not candidates:
            out(f"{place.name}还没有确定候选人。")
            return
        for label, candidate in candidates:
            signed = [
                f"{kind} {pledge.signed_on}" if pledge else f"{kind} 未签"
                for kind, pledge in candidate.pledge_rows()
            ]
            out(f"{label} {candidate.person.name}：" + "；".join(signed))
