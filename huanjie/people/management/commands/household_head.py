"""`huanjie household_head VILLAGE_CODE 户号 新户主身份证号 --former-relation 关系`: change the head."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import register_arguments as args
from huanjie.people.register import columns as col
from huanjie.people.services import household_head_change


class Command(BaseCommand):
    help = "更换户主：新户主从本户在册成员中选定，原户主改为与新户主的关系。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village_code", metavar="区划代码", help=args.VILLAGE_HELP)
        parser.add_argument("number", metavar="户号", help="这一户的户号")
        parser.add_argument(
            "new_head", metavar="新户主身份证号", help="新户主（本户在册成员）的身份证号"
        )
        parser.add_argument(
            "--former-relation",
            help="原户主与新户主的关系（本户没有在册户主时可不填）；" + args.RELATION_HELP,
        )
        parser.add_argument(
            "--relation",
            nargs=2,
            action="append",
            default=[],
            metavar=("身份证号", "与户主关系"),
            help="同时改正另一名成员与新户主的关系（可多次给出）",
        )
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        village = args.village(options["village_code"])
        household = args.household(village, options["number"])
        acting = args.actor(options["by"], village)
        new_head = args.person(options["new_head"])
        former = options["former_relation"]
        others = {
            args.person(number).pk: args.choice(relation, col.RELATION_BY_LABEL, col.RELATION)
            for number, relation in options["relation"]
        }
        try:
            household_head_change(
                household=household,
                new_head=new_head,
                former_head_relation=args.choice(former, col.RELATION_BY_LABEL, col.RELATION)
                if former
                else "",
                other_relations=others,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc) from exc
        self.stdout.write(
            f"已更换户主：{village.name}第{household.number}户的户主现在是{new_head.name}。"
        )
