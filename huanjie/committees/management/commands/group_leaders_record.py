"""`huanjie group_leaders_record 村代码 小组名称 --on 日期 --adults-present N
[--households-present N] [--deputy-seats N] --leader 身份证号:票数 … --deputy 身份证号:票数 …`:
one villager group's selection of its leader and deputies (REP-6)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.committees.access import may_keep_committee
from huanjie.committees.management import arguments as args
from huanjie.committees.services import SelectionVoteInput, group_leaders_record
from huanjie.regions.models import VillagerGroup


class Command(BaseCommand):
    help = (
        "登记一个村民小组推选组长、副组长的结果：推选日期、到会村民和到会户代表（须有本组"
        "三分之二以上年满十八周岁的村民或三分之二以上的户到会），每个得票人的得票；得票最多且"
        "超过到会人员半数者当选，一人只能担任一个职务。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument("group", metavar="小组名称", help="村民小组的名称，如 第一村民小组")
        parser.add_argument("--on", required=True, help="推选日期，" + args.DATE_HELP)
        parser.add_argument("--adults-present", type=int, required=True, help="到会村民人数")
        parser.add_argument(
            "--households-present", type=int, default=0, help="到会户代表的户数（不按户计时为0）"
        )
        parser.add_argument("--deputy-seats", type=int, default=1, help="副组长名额（默认1）")
        parser.add_argument(
            "--leader", action="append", default=[], metavar="身份证号:票数",
            help="组长的一个得票人（可多次给出）",
        )  # fmt: skip
        parser.add_argument(
            "--deputy", action="append", default=[], metavar="身份证号:票数",
            help="副组长的一个得票人（可多次给出）",
        )  # fmt: skip
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.actor(
            options["by"], place, may_keep_committee, "小组长推选结果由本村村选委会账号登记。"
        )
        group = VillagerGroup.objects.filter(village=place, name=options["group"].strip()).first()
        if group is None:
            names = "、".join(
                VillagerGroup.objects.filter(village=place).values_list("name", flat=True)
            )
            raise args.refuse(
                f"{place.name}没有名为“{options['group']}”的村民小组，可选：{names}。"
            )

        def votes(values: list[str]) -> list[SelectionVoteInput]:
            found = []
            for value in values:
                person, count, _ = args.pair(value, place, "得票")
                found.append(SelectionVoteInput(person, count))
            return found

        try:
            selection = group_leaders_record(
                group=group,
                held_on=args.day(options["on"]),
                adults_present=args.count(options["adults_present"], "到会村民"),
                households_present=args.count(options["households_present"], "到会户代表"),
                deputy_seats=args.count(options["deputy_seats"], "副组长名额"),
                leader_votes=votes(options["leader"]),
                deputy_votes=votes(options["deputy"]),
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        elected = selection.votes.filter(elected=True).select_related("person")
        leader = "、".join(v.person.name for v in elected if v.post == "leader")
        deputies = "、".join(v.person.name for v in elected if v.post == "deputy") or "无"
        self.stdout.write(f"已登记{group.name}的推选结果：组长{leader}，副组长{deputies}。")
