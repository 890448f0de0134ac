"""`huanjie competency_assess 身份证号 --post 主任 --household 户代表 --on 日期
--score 项目=分 …`: one household representative's 胜任指数 sheet for one applicant (the post of
either body, as the recommendation commands take it)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations import recommendation as svc
from huanjie.nominations.management import arguments as args


class Command(BaseCommand):
    help = "登记一份户代表对一位报名人的胜任指数测评（每个测评项目一个分数）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help="报名人的身份证号（18位）")
        args.add_post(parser)
        parser.add_argument("--household", required=True, help="户代表，如 一组 陈某")
        parser.add_argument("--on", required=True, help="测评日期，" + args.DATE_HELP)
        parser.add_argument(
            "--score", nargs="+", required=True, metavar="项目=分", help="各测评项目的得分"
        )
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person_by_id(options["id_number"])
        acting = args.acting(options["by"], person.village)
        found = args.application_of(person, options["post"])
        scores: dict[str, int] = {}
        for item in options["score"]:
            name, sep, number = item.partition("=")
            if not sep or not number.strip().isdigit():
                raise args.refuse(f"“{item}”无法识别，请写成 项目=分，如 政治强=9。")
            scores[name.strip()] = int(number)
        known = {i.key for i in svc.competency_items(person.village)}
        if unknown := sorted(set(scores) - known):
            raise args.refuse(
                f"测评项目“{'、'.join(unknown)}”不存在；本县项目：{'、'.join(known)}。"
            )
        try:
            svc.assessment_record(
                application=found,
                household=options["household"],
                assessed_on=args.day(options["on"]),
                scores=scores,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        row = next(
            r for r in svc.competency_rows(found.recruitment) if r.application.pk == found.pk
        )
        self.stdout.write(
            f"已登记{options['household']}对{person.name}的测评；"
            f"胜任指数 {float(row.summary.index):.1f}（{row.summary.assessments}份）。"
        )
