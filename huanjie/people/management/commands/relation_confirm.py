"""`huanjie relation_confirm ID_A ID_B [--kind KIND] [--by USERNAME]`: confirm a derived link."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import relation_arguments as args
from huanjie.people.services.relations import KIND_LABELS, relation_confirm


class Command(BaseCommand):
    help = "确认一条由户籍推导的近亲属关系（确认后任职回避审查采用）；两人按身份证号指明。"

    def add_arguments(self, parser: CommandParser) -> None:
        args.add_people(parser, "一人的身份证号", "另一人的身份证号")
        parser.add_argument("--kind", help=args.KIND_HELP + "；两人之间不止一条关系时必填")

    def handle(self, *a: Any, **options: Any) -> None:
        first, second = args.person(options["id_a"]), args.person(options["id_b"])
        relation = args.link(first, second, args.kind(options["kind"]))
        acting = args.actor(options["by"], first, second)
        try:
            relation_confirm(relation=relation, acting_user=acting)
        except ValidationError as exc:
            raise args.refused(exc) from exc
        kind = KIND_LABELS[relation.kind]
        self.stdout.write(
            f"已确认：{relation.person_a.name}与{relation.person_b.name}的“{kind}”关系，"
            "任职回避审查将采用这条关系。"
        )
