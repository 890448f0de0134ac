"""`huanjie relation_reject ID_A ID_B --reason TEXT [--kind KIND] [--by USERNAME]`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import relation_arguments as args
from huanjie.people.services.relations import KIND_LABELS, relation_reject


class Command(BaseCommand):
    help = (
        "否定一条由户籍推导、不成立的近亲属关系并写明理由；关系和理由保留，户籍再次推导时"
        "不会恢复，任职回避审查不采用。两人按身份证号指明。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        args.add_people(parser, "一人的身份证号", "另一人的身份证号")
        parser.add_argument("--reason", required=True, help="否定的理由（必填），如“实为继子女”")
        parser.add_argument("--kind", help=args.KIND_HELP + "；两人之间不止一条关系时必填")

    def handle(self, *a: Any, **options: Any) -> None:
        first, second = args.person(options["id_a"]), args.person(options["id_b"])
        relation = args.link(first, second, args.kind(options["kind"]))
        acting = args.actor(options["by"], first, second)
        try:
            relation_reject(relation=relation, reason=options["reason"], acting_user=acting)
        except ValidationError as exc:
            raise args.refused(exc) from exc
        kind = KIND_LABELS[relation.kind]
        self.stdout.write(
            f"已否定：{relation.person_a.name}与{relation.person_b.name}的“{kind}”关系"
            f"（理由：{' '.join(options['reason'].split())}）。"
        )
