"""`huanjie representatives_record 村代码 单元序号 --on 日期 --voters-present N
--households-present N --vote 身份证号:票数 …`: one constituency's selection (REP-7)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.committees import messages as msg
from huanjie.committees.access import may_keep_committee
from huanjie.committees.management import arguments as args
from huanjie.committees.models import Constituency
from huanjie.committees.selectors import representatives_view
from huanjie.committees.services import SelectionVoteInput, representatives_selection_record


class Command(BaseCommand):
    help = (
        "登记一个推选单元推选村民代表的结果：推选日期、到会选民和到会户代表（须有本单元半数以上"
        "选民或三分之二以上的户到会），每个得票人的得票；按得票多少确定当选，单列妇女名额由女性"
        "得票最多者当选，一户只能有一名村民代表。单元序号见 committee_show。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument("number", metavar="单元序号", type=int, help="推选单元的序号")
        parser.add_argument("--on", required=True, help="推选日期，" + args.DATE_HELP)
        parser.add_argument("--voters-present", type=int, required=True, help="到会选民人数")
        parser.add_argument(
            "--households-present", type=int, default=0, help="到会户代表的户数（不按户计时为0）"
        )
        parser.add_argument(
            "--vote", action="append", default=[], metavar="身份证号:票数",
            help="一个得票人（可多次给出）",
        )  # fmt: skip
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.actor(
            options["by"], place, may_keep_committee, "村民代表推选结果由本村村选委会账号登记。"
        )
        unit = Constituency.objects.filter(plan__village=place, number=options["number"]).first()
        if unit is None:
            if not Constituency.objects.filter(plan__village=place).exists():
                raise args.refuse(msg.NO_PLAN.format(village=place.name))
            raise args.refuse(
                f"{place.name}没有序号为{options['number']}的推选单元，"
                "请用 committee_show 查看各单元的序号。"
            )
        votes = []
        for value in options["vote"]:
            person, count, _ = args.pair(value, place, "得票")
            votes.append(SelectionVoteInput(person, count))
        try:
            selection = representatives_selection_record(
                constituency=unit,
                held_on=args.day(options["on"]),
                voters_present=args.count(options["voters_present"], "到会选民"),
                households_present=args.count(options["households_present"], "到会户代表"),
                votes=votes,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        elected = "、".join(
            v.person.name for v in selection.votes.filter(elected=True).select_related("person")
        )
        self.stdout.write(f"已登记{unit.name}的推选结果，当选村民代表：{elected}。")
        view = representatives_view(village=place)
        for comp in view.composition:
            mark = "符合" if comp.threshold.met else "不符合"
            self.stdout.write(f"{comp.sentence}，{mark}（{comp.threshold.rule_id}）")
