"""`huanjie tally_reopen ELECTION --reason 理由 --box 中心会场 … --by USERNAME` — the township
reopens a counted (or certified) round for correction: the result is withdrawn and kept, the
named boxes' sheets open for their clerks to correct; the round is counted again once they
agree. Recorded on the audit trail with the reason."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots.certification import result_reopen
from huanjie.ballots.management import arguments
from huanjie.ballots.management.commands.tally_certify import user_argument
from huanjie.people.management.arguments import refuse, refused


class Command(BaseCommand):
    help = "重新开启一场已计票（或已确认）选举的结果，更正所列票箱的计票单（须写明理由）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help="选举编号（计票页地址中的数字）")
        parser.add_argument("--reason", required=True, help="重新开启的理由（记入操作记录）")
        parser.add_argument(
            "--box", action="append", default=[], metavar="票箱名称", help="需更正的票箱，可多次"
        )
        parser.add_argument("--by", required=True, metavar="USERNAME", help="办理人（乡镇干部）")

    def handle(self, *args: Any, **options: Any) -> None:
        election = arguments.election(options["election"])
        user = user_argument(options["by"])
        try:
            reopening = result_reopen(
                election=election,
                reason=options["reason"],
                box_names=options["box"],
                acting_user=user,
            )
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未重新开启：") from exc
        self.stdout.write(
            f"{election.plan.village.name}{election}的结果已重新开启；"
            f"待更正的票箱：{'、'.join(reopening.boxes)}。"
        )
