"""`huanjie proxy_request ELECTION 委托人 受托人 --reason 外出务工 --filed-on 2026-04-10
[--filed-by 代办人] [--online] --by USERNAME` — register a written proxy (委托投票) as the web page
does; the engine checks it at once (PROXY-1..5) and a refusal says why, with the rule (exit 2)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management.arguments import actor, day, refuse, refused
from huanjie.voting.access import may_arrange
from huanjie.voting.management.common import ELECTION_HELP, PERSON_HELP, election, person
from huanjie.voting.models import Via
from huanjie.voting.services import proxy_approve, proxy_file


class Command(BaseCommand):
    help = "登记一份委托投票（委托书），系统按本省规定核查；可同时审核同意"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help=ELECTION_HELP)
        parser.add_argument("principal", help="委托人：" + PERSON_HELP)
        parser.add_argument("holder", help="受托人：" + PERSON_HELP)
        parser.add_argument("--reason", required=True, help="委托原因，如“外出务工”")
        parser.add_argument("--filed-on", required=True, help="提出日期，如 2026-04-10")
        parser.add_argument("--filed-by", default="", help="亲属代为办理时，代办人姓名")
        parser.add_argument("--online", action="store_true", help="网上提交（默认书面委托书）")
        parser.add_argument("--approve", action="store_true", help="登记后即审核同意")
        parser.add_argument("--by", metavar="USERNAME", help="办理人（村选委会成员）的用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        found = election(options["election"])
        village = found.plan.village
        user = actor(options["by"], village, may_arrange, "委托投票由村选委会办理。")
        try:
            request = proxy_file(
                election=found,
                principal=person(village, options["principal"]),
                holder=person(village, options["holder"]),
                reason=options["reason"],
                filed_on=day(options["filed_on"]),
                filed_by=options["filed_by"],
                via=Via.ONLINE if options["online"] else Via.PAPER,
                acting_user=user,
            )
            if options["approve"]:
                proxy_approve(request=request, acting_user=user)
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未登记：") from exc
        state = "并审核同意" if options["approve"] else "，待审核"
        self.stdout.write(f"已登记 {request}（编号 {request.pk}）{state}。")
