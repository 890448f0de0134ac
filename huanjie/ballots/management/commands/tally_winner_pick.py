"""`huanjie tally_winner_pick ELECTION [NAME VOTER] --by USERNAME` — a winner whose name two or
more voters on the register bear is not recorded as an office holder automatically: without
NAME and VOTER the command lists such winners with each voter's number, villager group and birth
date; with them it records the winner NAME as voter VOTER, as the round page's pick does.
A refusal changes nothing (exit 2).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots.homonyms import elected_homonym_pick, homonyms
from huanjie.ballots.management import arguments
from huanjie.people.management.arguments import refuse, refused


class Command(BaseCommand):
    help = "认定同名当选人：从选民名单上同名的选民中选定一人，登记任职"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help="选举编号（选举页地址中的数字）")
        parser.add_argument("name", nargs="?", help="当选人姓名；不给出时列出待认定的同名当选人")
        parser.add_argument("voter", nargs="?", type=int, help="选定的选民编号（见列出的编号）")
        parser.add_argument("--by", required=True, metavar="USERNAME", help="办理人的用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        election = arguments.election(options["election"])
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise refuse(f"找不到用户“{options['by']}”，请检查 --by 的用户名。")
        name = (options["name"] or "").strip()
        if not name or options["voter"] is None:
            found = [h for h in homonyms(election) if not name or h.name == name]
            if not found:
                self.stdout.write(f"{election}没有待认定的同名当选人。")
                return
            for homonym in found:
                self.stdout.write(f"{homonym.post_label}当选人“{homonym.name}”，同名选民：")
                for option in homonym.options:
                    self.stdout.write(f"  {option.voter_id}  {option.label}")
            self.stdout.write("选定后运行：tally_winner_pick 选举编号 姓名 选民编号 --by 用户名")
            return
        try:
            holder = elected_homonym_pick(
                election=election, name=name, voter_id=options["voter"], acting_user=user
            )
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未登记：") from exc
        self.stdout.write(f"已登记{holder.person.name}任{holder.get_post_display()}。")
