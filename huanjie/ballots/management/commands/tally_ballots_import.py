"""`huanjie tally_ballots_import ELECTION BOX FILE --issued N --collected N --by USERNAME` — a
box counted ballot by ballot: the table (CSV in UTF-8 or GBK, or Excel; the header row names
`职位:候选人`, `职位:另选他人` and optionally `无效原因`, then one row per collected ballot) is
classified by the engine and the box's totals become its accepted tally sheet.

The same service as the round page: a bad table is refused whole with the row and column, and
nothing is written (exit 2); so is a round before its election day (VC-VOTE-6).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots.ballot_mode import box_ballots_import, parse_ballots, read_table
from huanjie.ballots.contest import seats_of
from huanjie.ballots.management import arguments
from huanjie.ballots.models import Box
from huanjie.people.management.arguments import count, refuse, refused


class Command(BaseCommand):
    help = "逐张导入一个票箱的选票（CSV 或 Excel 表格），计入本票箱的计票单"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help="选举编号（选举页地址中的数字）")
        parser.add_argument("box", help="票箱名称，如“中心会场”")
        parser.add_argument("file", help="选票表格文件（.csv 或 .xlsx），格式同网页导入")
        parser.add_argument("--issued", type=int, required=True, help="本票箱发出选票张数")
        parser.add_argument(
            "--collected", type=int, required=True, help="本票箱收回选票张数（表格中每张一行）"
        )
        parser.add_argument("--by", required=True, metavar="USERNAME", help="导入人的用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        election = arguments.election(options["election"])
        village = election.plan.village
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise refuse(f"找不到用户“{options['by']}”，请检查 --by 的用户名。")
        box = Box.objects.filter(village=village, name=options["box"].strip()).first()
        if box is None:
            raise refuse(f"{village.name}没有名为“{options['box']}”的票箱，请核对票箱名称。")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise refuse(f"读不到文件“{path}”，请检查路径。") from exc
        try:
            ballots = parse_ballots(read_table(path.name, data), seats_of(election))
            done = box_ballots_import(
                election=election,
                box=box,
                ballots_issued=count(options["issued"], "发出选票"),
                ballots_collected=count(options["collected"], "收回选票"),
                ballots=ballots,
                acting_user=user,
            )
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未导入：") from exc
        n = done.numbers
        self.stdout.write(
            f"{box}已按逐张选票计入：收回 {n.ballots_collected} 张，"
            f"有效 {n.ballots_collected - n.invalid_ballots} 张，无效 {n.invalid_ballots} 张"
            f"（其中空白 {n.blank_ballots} 张）。"
        )
        for rule, number in sorted(done.invalid_by_rule.items()):
            self.stdout.write(f"  无效 {rule}：{number} 张")
        if done.result is not None:
            self.stdout.write("各票箱均已计入，选举结果已计出。")
