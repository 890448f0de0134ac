"""`huanjie relation_declare ID_A ID_B --kind KIND --basis TEXT [--by USERNAME]`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import relation_arguments as args
from huanjie.people.services.relations import KIND_LABELS, relation_declare


class Command(BaseCommand):
    help = (
        "登记一条户籍看不出的近亲属关系（登记即确认，任职回避审查采用）；两人按身份证号指明，"
        "父母子女、祖孙关系中第一人是父母或祖父母一方。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        args.add_people(
            parser, "第一人的身份证号（父母子女、祖孙关系中是长辈）", "第二人的身份证号"
        )
        parser.add_argument("--kind", required=True, help=args.KIND_HELP)
        parser.add_argument(
            "--basis", required=True, help="依据（必填）：如结婚证、出生医学证明、村民证实"
        )

    def handle(self, *a: Any, **options: Any) -> None:
        first, second = args.person(options["id_a"]), args.person(options["id_b"])
        kind = args.kind(options["kind"])
        assert kind is not None  # --kind is required
        acting = args.actor(options["by"], first, second)
        try:
            relation = relation_declare(
                person_a=first,
                person_b=second,
                kind=kind,
                basis=options["basis"],
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc) from exc
        self.stdout.write(
            f"已登记：{relation.person_a.name}与{relation.person_b.name}的“{KIND_LABELS[kind]}”"
            f"关系（依据：{relation.basis}），任职回避审查将采用这条关系。"
        )
