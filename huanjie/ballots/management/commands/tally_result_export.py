"""`huanjie tally_result_export ELECTION > contest.json` — the stored contest JSON of a counted
round, exactly what `huanjie tally` re-counts (tally-io.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots.models import RoundResult
from huanjie.ballots.selectors import contest_text
from huanjie.people.management.arguments import refuse


class Command(BaseCommand):
    help = "输出一场已计票选举的计票数据（JSON，可用 huanjie tally 重新计票）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help="选举编号（选举页地址中的数字）")

    def handle(self, *args: Any, **options: Any) -> None:
        result = RoundResult.objects.filter(election_id=options["election"]).first()
        if result is None:
            raise refuse(
                f"选举 {options['election']} 还没有计出结果（各票箱计票单须全部核对一致）。"
            )
        self.stdout.write(contest_text(result).decode())
