"""`huanjie tally_meeting_record ELECTION --assembly 村民代表会议 --size 55 --by USERNAME` —
the meeting that elects a supervision committee (村民会议 or 村民代表会议, REP-2/REP-5) or a
cooperative body (成员大会 or 成员代表大会, CEO-2/CEO-3) in one round, and how many it has.
Those present are the ballots issued at its boxes (`tally_sheet_enter`). The same service as
the round page; refused once the round is counted."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots.assemblies import (
    ASSEMBLY_BODIES,
    assembly_choices,
    assembly_label,
    barred_people,
    meeting_record,
)
from huanjie.ballots.management import arguments
from huanjie.people.management.arguments import choice, refuse, refused


class Command(BaseCommand):
    help = "登记选举村务监督委员会或集体经济组织理事会、监事会的会议及其应到人数"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help="选举编号（选举页地址中的数字）")
        parser.add_argument(
            "--assembly",
            required=True,
            help="村民会议、村民代表会议（村务监督委员会）；成员大会、成员代表大会（集体经济组织）",
        )
        parser.add_argument("--size", type=int, required=True, help="会议应到人数")
        parser.add_argument("--by", required=True, metavar="USERNAME", help="登记人的用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        election = arguments.election(options["election"])
        if election.body not in ASSEMBLY_BODIES:
            raise refuse(f"{election}不由会议选举，无需登记选举会议。")
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise refuse(f"找不到用户“{options['by']}”，请检查 --by 的用户名。")
        kinds = {label: kind for kind, label in assembly_choices(election.body)}
        kind = choice(options["assembly"], kinds, "选举会议")
        try:
            meeting = meeting_record(
                election=election, assembly=kind, assembly_size=options["size"], acting_user=user
            )
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未登记：") from exc
        label = assembly_label(election.body, meeting.assembly)
        self.stdout.write(f"已登记：{election} 由{label}选举，应到 {meeting.assembly_size} 人。")
        for barred in barred_people(election):
            self.stdout.write(f"  不得当选：{barred.name}（{barred.reason}，{barred.rule}）")
