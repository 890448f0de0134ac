"""`huanjie person_add VILLAGE_CODE 户号 姓名 身份证号 与户主关系 […]`: a new member of a household."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import register_arguments as args
from huanjie.people.models import Person
from huanjie.people.services import person_add


class Command(BaseCommand):
    help = (
        "给一户添加成员（新出生、婚入、从外村迁入）；已从外村登记迁出的人按身份证号迁入本户。"
        "检查与户籍导入相同。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village_code", metavar="区划代码", help=args.VILLAGE_HELP)
        parser.add_argument("number", metavar="户号", help="这一户的户号")
        parser.add_argument("name", metavar="姓名", help="与居民身份证一致的姓名")
        parser.add_argument("id_number", metavar="身份证号", help=args.ID_HELP)
        parser.add_argument("relation", metavar="与户主关系", help=args.RELATION_HELP)
        args.add_member_options(parser)
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        village = args.village(options["village_code"])
        household = args.household(village, options["number"])
        acting = args.actor(options["by"], village)
        member = args.member(options["name"], options["id_number"], options["relation"], options)
        earlier = Person.objects.filter(id_number=member.id_number.strip().upper()).first()
        try:
            person = person_add(household=household, member=member, acting_user=acting)
        except ValidationError as exc:
            raise args.refused(exc) from exc
        if earlier is not None:
            self.stdout.write(
                f"{person.name}已从{earlier.village.name}迁入{village.name}，登记在第{household.number}户。"
            )
        else:
            self.stdout.write(f"已把{person.name}登记在{village.name}第{household.number}户。")
