"""`huanjie party_roll 村代码 [--on 日期] [--members]`: the party roll of the village's party
election and its should-attend count, derived line by line with the rule beside each line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.elections.management import party_arguments as args
from huanjie.elections.party.roll import party_roll


class Command(BaseCommand):
    help = (
        "列出本村村党组织选举的党员名册：每名党员在选举日有无表决权，不列入应到会人数的党员，"
        "选举登记，以及应到会人数的计算过程（每一行注明依据的规则）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument(
            "--on",
            metavar="日期",
            help="按哪一天计算表决权（不给出时按选举日；" + args.DATE_HELP + "）",
        )
        parser.add_argument("--members", action="store_true", help="同时列出每名党员")

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        roll = party_roll(village=place, on=args.day(options["on"]))
        when = f"{roll.on:%Y-%m-%d}" + ("（选举日）" if roll.on_election_day else "")
        out = self.stdout
        out.write(
            f"{place.name}党员名册和应到会人数：按{when}计算表决权；规则“{roll.profile.title}”"
        )
        for line in roll.lines:
            sign = "" if line.total or line.key == "members" else "减："
            note = f"（{line.note}）" if line.note else ""
            out.write(f"  {line.count:>5}名  {sign}{line.label}{note}  [{line.rule_id}]")
        out.write(f"{roll.quorum.sentence}。  [PB-QUORUM-1]")
        out.write(f"上报写法：{roll.summary}")
        switch = (
            "启用：未登记的党员不计入应到会人数"
            if roll.registration_defines
            else "未启用，登记仅供了解"
        )
        out.write(f"选举登记（SEED-PB-REG）：{switch}；名册中已登记{roll.registered}名。")
        for finding in roll.issues:
            out.write(f"注意：{finding.message}  [{finding.rule_id}]")
        if options["members"]:
            out.write("序号\t姓名\t党员类别\t表决权\t选举登记\t应到会")
            for n, row in enumerate(roll.rows, start=1):
                rights = "有" if row.rights.has_rights else f"无（{row.rights.rule_id}）"
                reg = f"{row.registration.registered_on}" if row.registration else "未登记"
                out.write(f"{n}\t{row.person.name}\t{row.category}\t{rights}\t{reg}\t{row.state}")
