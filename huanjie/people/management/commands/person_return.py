"""`huanjie person_return 身份证号`: undo a moved-out or deceased entry made by mistake."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import register_arguments as args
from huanjie.people.services import person_return


class Command(BaseCommand):
    help = "恢复在册：迁出或死亡登记有误时，此人回到原来的户和与户主关系。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help=args.ID_HELP)
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person(options["id_number"])
        acting = args.actor(options["by"], person.village)
        try:
            person = person_return(person=person, acting_user=acting)
        except ValidationError as exc:
            raise args.refused(exc) from exc
        where = f"第{person.household.number}户" if person.household else "本村"
        self.stdout.write(f"{person.name}已恢复在册（{person.village.name}{where}）。")
