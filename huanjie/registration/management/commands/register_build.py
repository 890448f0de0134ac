"""`huanjie register_build 村代码 [--by 用户名]`: build (or build again) the village's draft voter
register for its villagers' committee election."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.registration.management import arguments as args
from huanjie.registration.selectors import conflict_views, summary
from huanjie.registration.services import register_build


class Command(BaseCommand):
    help = (
        "按户籍登记和登记事项生成（或重新生成）本村村民委员会选举的选民名单草稿，"
        "逐人依法判断（年龄计算到选举日）；已公布的名单不能重新生成。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.actor(options["by"], place)
        try:
            register = register_build(election=args.election(place), acting_user=acting)
        except ValidationError as exc:
            raise args.refused(exc, "未生成选民名单") from exc
        found = summary(register)
        categories = "，".join(f"{label}{n}人" for _, label, n in found.by_category if n)
        left = "，".join(f"{label}{n}人" for _, label, n in found.left_off)
        self.stdout.write(
            f"已生成{place.name}的选民名单（选举日{register.election_day}）："
            f"{found.voters}人列入（{categories or '无'}）；{found.left_total}人未列入"
            f"{'（' + left + '）' if left else ''}。"
        )
        for view in conflict_views(register, acting):
            self.stdout.write(
                f"重复登记：{view.conflict.person.name}已列入{view.other_name}的选民名单，"
                f"须协调确定在哪个村登记（VC-REG-3），请联系{view.contact}。"
            )
