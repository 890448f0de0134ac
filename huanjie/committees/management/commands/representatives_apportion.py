"""`huanjie representatives_apportion 村代码 --basis 按村民小组|按户 --on 日期 [--seats 组=名额 …]
[--women 组=名额 …]`: the representatives' seats into constituencies (REP-4, REP-7)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.committees.access import may_keep_committee
from huanjie.committees.management import arguments as args
from huanjie.committees.selectors import representatives_view
from huanjie.committees.services import representatives_apportion
from huanjie.regions.models import Region, VillagerGroup

BASES = {"按村民小组": "groups", "按户": "households"}


def _by_group(values: list[str], place: Region, what: str) -> dict[int, int]:
    groups = {g.name: g.pk for g in VillagerGroup.objects.filter(village=place)}
    found: dict[int, int] = {}
    for value in values:
        name, _, number = value.replace("＝", "=").partition("=")
        if name.strip() not in groups:
            raise args.refuse(
                f"{place.name}没有村民小组“{name.strip()}”，可选：{'、'.join(groups)}。"
            )
        if not number.strip().isdigit():
            raise args.refuse(f"{what}“{value}”应写成“村民小组=名额”，如 第一组=5。")
        found[groups[name.strip()]] = int(number)
    return found


class Command(BaseCommand):
    help = (
        "分配村民代表名额、划分推选单元：按村民小组（每组推选所分名额）或按户（每组的户按户号"
        "分片，每片五至十五户推选一名）。不给 --seats 时按各组户数分配本村的最低名额；已有推选"
        "结果时不能重新分配。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument(
            "--basis", default="按村民小组", help="名额分配方式：按村民小组（默认）或按户"
        )
        parser.add_argument("--on", required=True, help="确定日期，" + args.DATE_HELP)
        parser.add_argument(
            "--seats", action="append", default=[], metavar="村民小组=名额",
            help="一个村民小组的代表名额（可多次给出；给出时每个有在册户的组都要给）",
        )  # fmt: skip
        parser.add_argument(
            "--women", action="append", default=[], metavar="村民小组=名额",
            help="其中单列妇女名额（可多次给出）",
        )  # fmt: skip
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.actor(
            options["by"], place, may_keep_committee, "村民代表名额由本村村选委会账号登记。"
        )
        seats = _by_group(options["seats"], place, "名额") if options["seats"] else None
        try:
            plan = representatives_apportion(
                village=place,
                basis=args.choice(options["basis"], BASES, "名额分配方式"),
                seats=seats,
                women_seats=_by_group(options["women"], place, "妇女名额"),
                decided_on=args.day(options["on"]),
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未分配：") from exc
        view = representatives_view(village=place)
        self.stdout.write(
            f"已分配{place.name}村民代表名额{view.seats}名，{len(view.lines)}个推选单元"
            f"（{plan.get_basis_display()}）："
        )
        for line in view.lines:
            women = (
                f"，其中单列妇女{line.constituency.women_seats}名"
                if line.constituency.women_seats
                else ""
            )
            self.stdout.write(
                f"  {line.constituency.number}. {line.constituency.name}：{line.constituency.seats}名{women}"
            )
        for finding in view.findings:
            self.stdout.write(f"{finding.message}（{finding.rule_id}）")
