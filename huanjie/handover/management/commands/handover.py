"""`huanjie handover …` — the handover of VC-POST-1 from the command line, through the same
services as the page:

  handover list [--overdue] [--by USERNAME]          the handovers (the user's villages), overdue first
  handover show HANDOVER                              one handover's checklist and confirmations
  handover open ELECTION --by USERNAME                open it for a counted round (if not yet open)
  handover item HANDOVER 公章 --date 2026-03-02 --note "公章 1 枚" --by USERNAME
  handover confirm HANDOVER 移交方|接收方 --name 姓名 --by USERNAME
  handover supervise HANDOVER --by USERNAME           the township officer

Every refusal is one Chinese line and exit status 2.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.accounts.models import User
from huanjie.elections.models import Election
from huanjie.handover.models import Handover, ItemKind, Side
from huanjie.handover.selectors import HandoverView, handover_view, township_rows
from huanjie.handover.services import confirm, handover_open, item_record, supervise
from huanjie.people.management.arguments import choice, day, refuse, refused

KINDS = {str(label): value for value, label in ItemKind.choices} | {"公章": ItemKind.SEAL}
SIDES = {"移交方": Side.OUTGOING, "接收方": Side.INCOMING}


class Command(BaseCommand):
    help = "村民委员会工作移交：列表、清单登记、双方确认、乡镇监交（VC-POST-1）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="工作移交列表，逾期的在前")
        listing.add_argument("--overdue", action="store_true", help="只列逾期的")
        listing.add_argument("--by", required=True, metavar="USERNAME", help="按此账号的管辖范围")
        show = sub.add_parser("show", help="一次移交的清单和确认情况")
        show.add_argument("handover", type=int)
        opening = sub.add_parser("open", help="为已计出结果的选举登记工作移交")
        opening.add_argument("election", type=int, help="选举编号")
        opening.add_argument("--by", required=True, metavar="USERNAME")
        item = sub.add_parser("item", help="登记（或更正）一项移交")
        item.add_argument("handover", type=int)
        item.add_argument("kind", help="、".join(KINDS))
        item.add_argument("--date", required=True, help="移交日期，如 2026-03-02")
        item.add_argument("--note", required=True, help="清单说明")
        item.add_argument("--by", required=True, metavar="USERNAME")
        signing = sub.add_parser("confirm", help="移交方或接收方确认")
        signing.add_argument("handover", type=int)
        signing.add_argument("side", help="移交方 或 接收方")
        signing.add_argument("--name", required=True, help="签字人姓名")
        signing.add_argument("--by", required=True, metavar="USERNAME")
        supervising = sub.add_parser("supervise", help="乡镇监交")
        supervising.add_argument("handover", type=int)
        supervising.add_argument("--by", required=True, metavar="USERNAME")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "list":
                rows = township_rows(_user(options["by"]), only_overdue=options["overdue"])
                for row in rows:
                    h = row.handover
                    self.stdout.write(
                        f"{h.pk}\t{h.village.name}\t期限 {h.due_on}\t{row.state}"
                        + (f"\t未移交：{'、'.join(row.missing)}" if row.missing else "")
                    )
                if not rows:
                    self.stdout.write(
                        "没有逾期的工作移交。" if options["overdue"] else "没有工作移交。"
                    )
                return
            if action == "open":
                election = Election.objects.filter(pk=options["election"]).first()
                if election is None:
                    raise refuse(f"找不到选举 {options['election']}。")
                h = handover_open(election=election, acting_user=_user(options["by"]))
                self.stdout.write(f"已登记 {h}（编号 {h.pk}），移交期限 {h.due_on}。")
                return
            handover = Handover.objects.select_related("village").filter(pk=options["handover"])
            found = handover.first()
            if found is None:
                raise refuse(f"找不到工作移交 {options['handover']}。")
            if action == "show":
                self._show(handover_view(found))
            elif action == "item":
                kind = choice(options["kind"], KINDS, "移交事项")
                done = item_record(
                    handover=found,
                    kind=kind,
                    handed_on=day(options["date"]),
                    note=options["note"],
                    acting_user=_user(options["by"]),
                )
                self.stdout.write(f"已登记移交事项：{done.get_kind_display()}。")
            elif action == "confirm":
                side = choice(options["side"], {k: v.value for k, v in SIDES.items()}, "确认方")
                confirm(
                    handover=found,
                    side=side,
                    name=options["name"],
                    acting_user=_user(options["by"]),
                )
                tail = f"，工作移交已完成（{found.completed_on}）" if found.completed_on else ""
                self.stdout.write(f"{Side(side).label}已确认{tail}。")
            else:
                supervise(handover=found, acting_user=_user(options["by"]))
                self.stdout.write("已登记乡镇监交。")
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未办理：") from exc

    def _show(self, view: HandoverView) -> None:
        h = view.handover
        self.stdout.write(
            f"{h}：产生于 {h.formed_on}，期限 {h.due_on}（公章 {h.seal_due_on}），{view.state}"
        )
        for line in view.lines:
            item = line.item
            shown = f"{item.handed_on} {item.note}" if item else "未移交"
            self.stdout.write(f"  {line.kind.label}：{shown}{'（逾期）' if line.late else ''}")
        for side in Side:
            at = getattr(h, f"{side.value}_confirmed_at")
            name = getattr(h, f"{side.value}_name")
            self.stdout.write(f"  {side.label}：{f'{name} 已确认' if at else '未确认'}")


def _user(username: str) -> User:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise refuse(f"找不到用户“{username}”，请检查 --by 的用户名。")
    return user
