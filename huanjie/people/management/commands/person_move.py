"""`huanjie person_move 身份证号 户号 与户主关系`: to another household of the same village."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import register_arguments as args
from huanjie.people.register import columns as col
from huanjie.people.services import person_move


class Command(BaseCommand):
    help = "把一个人迁到本村另一户（村民小组随迁入的户）；迁往外村请用 person_leave 登记迁出。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help=args.ID_HELP)
        parser.add_argument("number", metavar="户号", help="本村另一户的户号")
        parser.add_argument(
            "relation", metavar="与户主关系", help="与该户户主的关系；" + args.RELATION_HELP
        )
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person(options["id_number"])
        acting = args.actor(options["by"], person.village)
        target = args.household(person.village, options["number"])
        relation = args.choice(options["relation"], col.RELATION_BY_LABEL, col.RELATION)
        try:
            person = person_move(
                person=person, household=target, relation_to_head=relation, acting_user=acting
            )
        except ValidationError as exc:
            raise args.refused(exc) from exc
        self.stdout.write(
            f"{person.name}已迁到{person.village.name}第{target.number}户（{target.villager_group.name}）。"
        )
