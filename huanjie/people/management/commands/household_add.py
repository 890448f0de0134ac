"""`huanjie household_add VILLAGE_CODE 户号 村民小组 --member 姓名 身份证号 关系 …`: a new household."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import register_arguments as args
from huanjie.people.services import household_register
from huanjie.regions.models import VillagerGroup


class Command(BaseCommand):
    help = "在一个村新增一户：户号、村民小组和成员（户主在内），检查与户籍导入相同。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village_code", metavar="区划代码", help=args.VILLAGE_HELP)
        parser.add_argument("number", metavar="户号", help="新户的户号，在本村内不能重复")
        parser.add_argument("group", metavar="村民小组", help="本村已有的村民小组名称，如“第一组”")
        parser.add_argument(
            "--member",
            nargs=3,
            action="append",
            required=True,
            metavar=("姓名", "身份证号", "与户主关系"),
            help="一名成员（可多次给出，须有一名户主）；" + args.RELATION_HELP,
        )
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        village = args.village(options["village_code"])
        acting = args.actor(options["by"], village)
        group = VillagerGroup.objects.filter(village=village, name=options["group"].strip()).first()
        if group is None:
            names = "、".join(
                VillagerGroup.objects.filter(village=village).values_list("name", flat=True)
            )
            raise args.refuse(
                f"{village.name}没有名为“{options['group']}”的村民小组，可选：{names or '（尚无）'}。"
            )
        members = [args.member(n, i, r, {}) for n, i, r in options["member"]]
        try:
            household = household_register(
                village=village,
                villager_group=group,
                number=options["number"],
                members=members,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc) from exc
        self.stdout.write(
            f"已登记{village.name}第{household.number}户（{group.name}），共{len(members)}人。"
        )
