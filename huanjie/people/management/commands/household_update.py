"""`huanjie household_update VILLAGE_CODE 户号 [--number 新户号] [--group 村民小组]`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import register_arguments as args
from huanjie.people.services import household_update
from huanjie.regions.models import VillagerGroup


class Command(BaseCommand):
    help = "修改一户的户号，或把一户调到本村另一个村民小组（全户随之调整）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village_code", metavar="区划代码", help=args.VILLAGE_HELP)
        parser.add_argument("number", metavar="户号", help="这一户现在的户号")
        parser.add_argument("--number", dest="new_number", help="新户号，在本村内不能重复")
        parser.add_argument("--group", help="本村另一个村民小组的名称")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        village = args.village(options["village_code"])
        household = args.household(village, options["number"])
        acting = args.actor(options["by"], village)
        group = None
        if options["group"]:
            group = VillagerGroup.objects.filter(
                village=village, name=options["group"].strip()
            ).first()
            if group is None:
                raise args.refuse(
                    f"{village.name}没有名为“{options['group']}”的村民小组，请核对名称。"
                )
        try:
            household = household_update(
                household=household,
                number=options["new_number"],
                villager_group=group,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc) from exc
        self.stdout.write(
            f"已保存：{village.name}第{household.number}户，村民小组{household.villager_group.name}。"
        )
