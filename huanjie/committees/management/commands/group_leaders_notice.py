"""`huanjie group_leaders_notice 村代码 --on 日期 --hours 08:30-11:30 --place 地点
[--issued 日期] [--note 其他事项]`: announcement 5 (关于村民代表和小组长选举的公告)."""

from __future__ import annotations

from datetime import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from huanjie.committees.access import may_keep_committee
from huanjie.committees.management import arguments as args
from huanjie.committees.services import group_election_notice_set


def hours(value: str) -> tuple[time, time]:
    parts = value.replace("—", "-").replace("－", "-").split("-")
    try:
        starts, ends = (time.fromisoformat(p.strip()) for p in parts)
    except ValueError as exc:
        raise args.refuse(f"时间“{value}”无法识别，请写成“08:30-11:30”。") from exc
    return starts, ends


class Command(BaseCommand):
    help = (
        "登记（或修改）关于村民代表和小组长选举的公告：各村民小组推选的日期、时间和地点；"
        "公告日期不填为今天。打印公告请在网页上操作。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument("--on", required=True, help="推选日期，" + args.DATE_HELP)
        parser.add_argument("--hours", required=True, help="推选时间，如 08:30-11:30")
        parser.add_argument("--place", required=True, help="推选地点")
        parser.add_argument("--issued", help="公告日期（不填为今天），" + args.DATE_HELP)
        parser.add_argument("--note", default="", help="其他事项")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.actor(
            options["by"], place, may_keep_committee, "选举公告由本村村选委会账号登记。"
        )
        starts, ends = hours(options["hours"])
        issued = args.day(options["issued"]) if options["issued"] else timezone.localdate()
        try:
            notice = group_election_notice_set(
                village=place,
                issued_on=issued,
                held_on=args.day(options["on"]),
                starts_at=starts,
                ends_at=ends,
                place=options["place"],
                note=options["note"],
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        self.stdout.write(
            f"已登记{place.name}村民代表和小组长选举公告：{notice.held_on} "
            f"{notice.starts_at:%H:%M}-{notice.ends_at:%H:%M}，{notice.place}。"
        )
