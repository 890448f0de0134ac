"""`huanjie tally_certify ELECTION --by USERNAME` — the township certifies (确认) a counted
round: the stored contest is re-counted first, then the result and its sheets are locked."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots.certification import result_certify
from huanjie.ballots.management import arguments
from huanjie.ballots.township import NEXT_LABELS
from huanjie.people.management.arguments import refuse, refused


def user_argument(username: str) -> Any:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise refuse(f"找不到用户“{username}”，请检查 --by 的用户名。")
    return user


class Command(BaseCommand):
    help = "乡镇确认一场已计票选举的结果（确认后计票单和结果锁定）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help="选举编号（计票页地址中的数字）")
        parser.add_argument("--by", required=True, metavar="USERNAME", help="确认人（乡镇干部）")

    def handle(self, *args: Any, **options: Any) -> None:
        election = arguments.election(options["election"])
        user = user_argument(options["by"])
        try:
            result = result_certify(election=election, acting_user=user)
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未确认：") from exc
        self.stdout.write(
            f"{election.plan.village.name}{election}的选举结果已确认并锁定"
            f"（下一步：{NEXT_LABELS.get(result.outcome['next'] or '', '—')}）。"
        )
