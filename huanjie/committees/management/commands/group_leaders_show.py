"""`huanjie group_leaders_show 村代码`: announcement 5's meeting and each villager group's
leader and deputies as they stand."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.committees.group_selectors import group_leaders_view
from huanjie.committees.management import arguments as args


class Command(BaseCommand):
    help = "显示本村村民代表和小组长选举公告，以及各村民小组的组长、副组长推选情况。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        view = group_leaders_view(village=place)
        if view.election is None:
            raise args.refuse(f"{place.name}还没有建立本届村民委员会选举。")
        notice = view.notice
        if notice is None:
            self.stdout.write("选举公告：未登记")
        else:
            self.stdout.write(
                f"选举公告：{notice.held_on} {notice.starts_at:%H:%M}-{notice.ends_at:%H:%M}，"
                f"{notice.place}（{notice.issued_on}公告）"
            )
        self.stdout.write(
            f"已推选{view.selected}/{len(view.lines)}个小组，组长{view.leaders}名，"
            f"副组长{view.deputies}名"
        )
        for line in view.lines:
            s = line.selection
            if s is None:
                self.stdout.write(f"{line.group.name}：未推选")
                continue
            deputies = "、".join(p.name for p in line.deputies) or "无"
            leader = line.leader.name if line.leader else "无"
            self.stdout.write(
                f"{line.group.name}：{s.held_on}推选，到会村民{s.adults_present}/"
                f"{s.adults_eligible}，户代表{s.households_present}/{s.households_eligible}；"
                f"组长{leader}，副组长{deputies}"
            )
