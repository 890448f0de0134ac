"""`huanjie proxy_approve ELECTION REQUEST --by USERNAME` — the committee's review of a filed
proxy; the engine decides again (the cap counted in the order of approval, PROXY-2)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management.arguments import actor, refuse, refused
from huanjie.voting.access import may_arrange
from huanjie.voting.management.common import ELECTION_HELP, election
from huanjie.voting.models import ProxyRequest
from huanjie.voting.services import proxy_approve


class Command(BaseCommand):
    help = "审核同意一份委托投票"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help=ELECTION_HELP)
        parser.add_argument("request", type=int, help="委托编号（登记时给出）")
        parser.add_argument("--by", metavar="USERNAME", help="审核人（村选委会成员）的用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        found = election(options["election"])
        request = ProxyRequest.objects.filter(election=found, pk=options["request"]).first()
        if request is None:
            raise refuse(f"选举 {found.pk} 没有编号为 {options['request']} 的委托。")
        user = actor(options["by"], found.plan.village, may_arrange, "委托投票由村选委会审核。")
        try:
            proxy_approve(request=request, acting_user=user)
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未审核：") from exc
        self.stdout.write(f"已审核同意 {request}。")
