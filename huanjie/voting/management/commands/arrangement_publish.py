"""`huanjie arrangement_publish ELECTION --day 2026-04-13 [--proxies] [--pdf FILE] --by USERNAME`
— record the day the arrangements announcement (第10—12号) or, with --proxies, the proxy list
(第13号) was put up. Refused after the last lawful day (§C.7) with the rule and that day, or
while a mobile box or the counting staff break MOBILE-1/2, VC-VOTE-5, KIN-3 (exit 2). --pdf
writes the announcement as printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management.arguments import actor, day, refuse, refused
from huanjie.voting.access import may_announce
from huanjie.voting.documents import arrangements_document, proxies_document
from huanjie.voting.management.common import ELECTION_HELP, election
from huanjie.voting.services import arrangements_publish, proxies_publish


class Command(BaseCommand):
    help = "登记投票安排公告（或委托投票名单）的张贴日期，可输出打印用PDF"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help=ELECTION_HELP)
        parser.add_argument("--day", required=True, help="张贴日期，如 2026-04-13")
        parser.add_argument("--proxies", action="store_true", help="公布委托投票名单（第13号）")
        parser.add_argument("--pdf", metavar="FILE", help="把公告写成PDF文件")
        parser.add_argument("--by", metavar="USERNAME", help="村选委会成员的用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        found = election(options["election"])
        user = actor(options["by"], found.plan.village, may_announce, "公告由村选委会张贴。")
        publish = proxies_publish if options["proxies"] else arrangements_publish
        try:
            done = publish(election=found, day=day(options["day"]), acting_user=user)
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未公告：") from exc
        self.stdout.write(f"已登记{done.published_on:%Y-%m-%d}张贴{done.get_notice_display()}。")
        if options["pdf"]:
            make = proxies_document if options["proxies"] else arrangements_document
            Path(options["pdf"]).write_bytes(make(found).pdf())
            self.stdout.write(f"已写出 {options['pdf']}。")
