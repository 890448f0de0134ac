"""`huanjie committee_record 村代码 --method … --on … --should-attend N --present N --vote
身份证号:票数[:职务] …`: the villagers' election committee as the 推选 chose it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.committees.access import may_keep_committee
from huanjie.committees.management import arguments as args
from huanjie.committees.models import ChosenBy, CommitteeRole
from huanjie.committees.services import VoteInput, committee_record

METHODS = {str(label): value for value, label in ChosenBy.choices}
ROLES = {str(label): value for value, label in CommitteeRole.choices}


class Command(BaseCommand):
    help = (
        "登记本届村民选举委员会的推选结果：推选会议（方式、日期、应到和实到人数）和每个得票人的"
        "得票；当选为成员的写上职务（主任一名，副主任、委员若干），未当选的不写，其得票决定依次"
        "递补的顺序。成员人数须在本村适用规则的范围内。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument(
            "--method", required=True, help="推选方式：" + "、".join(METHODS) + "（或其代码）"
        )
        parser.add_argument("--on", required=True, help="推选日期，" + args.DATE_HELP)
        parser.add_argument("--should-attend", type=int, required=True, help="应到人数")
        parser.add_argument("--present", type=int, required=True, help="实到人数")
        parser.add_argument(
            "--vote",
            action="append",
            default=[],
            metavar="身份证号:票数[:职务]",
            help="一个得票人（可多次给出）；职务为主任、副主任或委员，未当选的不写",
        )
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.actor(
            options["by"], place, may_keep_committee, "村民选举委员会由本村村选委会账号登记。"
        )
        votes = []
        for value in options["vote"]:
            person, count, role = args.pair(value, place, "得票")
            votes.append(
                VoteInput(person, count, args.choice(role, ROLES, "职务") if role else None)
            )
        try:
            committee = committee_record(
                village=place,
                chosen_by=args.choice(options["method"], METHODS, "推选方式"),
                chosen_on=args.day(options["on"]),
                should_attend=args.count(options["should_attend"], "应到人数"),
                present=args.count(options["present"], "实到人数"),
                votes=votes,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        self.stdout.write(
            f"已登记{place.name}村民选举委员会：{committee.seats}名成员，"
            f"{len(votes)}人得票（{committee.chosen_on}{committee.get_chosen_by_display()}推选）。"
        )
