"""`huanjie tally_round_day ELECTION DATE --by USERNAME` — the election day of a round the system
created (a tie re-vote, a 另行选举, a re-vote): not before the round before it, not after the
deadline the system set (VC-TALLY-7). Until it is set, the round's sheets and ballots cannot be
entered (VC-VOTE-6). The same service as the round page; a refusal changes nothing (exit 2).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots.entry_day import round_day_set
from huanjie.ballots.management import arguments
from huanjie.people.management.arguments import DATE_HELP, day, refuse, refused


class Command(BaseCommand):
    help = "确定系统建立的下一轮（等票重选、另行选举、重新选举）的选举日"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help="选举编号（下一轮选举页地址中的数字）")
        parser.add_argument("date", help="本轮选举日；" + DATE_HELP)
        parser.add_argument("--by", required=True, metavar="USERNAME", help="办理人的用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        election = arguments.election(options["election"])
        when = day(options["date"])
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise refuse(f"找不到用户“{options['by']}”，请检查 --by 的用户名。")
        try:
            round_day_set(election=election, day=when, acting_user=user)
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未修改：") from exc
        self.stdout.write(f"{election}的选举日已定为 {when:%Y-%m-%d}，当天计票后即可录入。")
