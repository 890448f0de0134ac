"""`huanjie recommendation_statement 村代码 --post 主任 --round 群众信任推荐 --person 姓名
--kind 竞职陈述 --summary 要点 [--question 提问人|提问|回答 …]`: record 两述 — a statement at
the round's meeting and the questions put to the person (SEED-3T2S1X)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from huanjie.nominations import recommendation as svc
from huanjie.nominations.management import arguments as args
from huanjie.nominations.management import recommendation_arguments as rec
from huanjie.nominations.models import StatementKind


class Command(BaseCommand):
    help = "登记一位人选在本轮会议上的陈述（述职或竞职陈述），及现场提问和回答。"

    def add_arguments(self, parser: CommandParser) -> None:
        rec.add_round(parser)
        parser.add_argument("--person", required=True, help="陈述人姓名（重名时用身份证号）")
        parser.add_argument("--kind", required=True, help="陈述类型：述职、竞职陈述")
        parser.add_argument("--summary", required=True, help="陈述要点")
        parser.add_argument(
            "--question",
            action="append",
            default=[],
            metavar="提问人|提问|回答",
            help="一条提问（可重复）；回答可省略",
        )

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.acting(options["by"], place)
        rnd = rec.find_round(place, options["post"], options["round"])
        who = rec.candidate(rnd, options["person"])
        kind = args.choice(
            options["kind"], {label: code for code, label in StatementKind.choices}, "陈述类型"
        )
        questions = []
        for item in options["question"]:
            parts = item.split("|")
            if len(parts) not in (2, 3) or not all(p.strip() for p in parts[:2]):
                raise args.refuse(f"提问“{item}”无法识别，请写成 提问人|提问|回答。")
            questions.append((parts[0].strip(), parts[1].strip(), (parts[2:] or [""])[0].strip()))
        try:
            with transaction.atomic():
                statement = svc.statement_record(
                    rnd=rnd,
                    application=who,
                    kind=kind,
                    summary=options["summary"],
                    acting_user=acting,
                )
                for asked_by, question, answer in questions:
                    svc.question_record(
                        statement=statement,
                        asked_by=asked_by,
                        question=question,
                        answer=answer,
                        acting_user=acting,
                    )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        self.stdout.write(
            f"已登记{who.person.name}的{statement.get_kind_display()}和{len(questions)}条提问。"
        )
