"""`huanjie committee_show 村代码`: the election committee and the representatives as they stand,
with the rules' checks (VC-EC-1, REP-3, REP-4, REP-7)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.committees.management import arguments as args
from huanjie.committees.selectors import committee_view, representatives_view


class Command(BaseCommand):
    help = "显示一个村本届村民选举委员会（成员、退出和递补）和村民代表（名额、推选、组成核对）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        view = committee_view(village=place)
        out = self.stdout.write
        if view.election is None:
            raise args.refuse(f"{place.name}还没有建立本届村民委员会选举。")
        c = view.committee
        if c is None:
            out(f"{place.name}：还没有登记本届村民选举委员会。")
        else:
            out(
                f"{place.name}村民选举委员会：{c.chosen_on}{c.get_chosen_by_display()}推选"
                f"（应到{c.should_attend}人，实到{c.present}人），现有{len(view.sitting)}人。"
            )
            for m in view.sitting:
                out(f"  {m.get_role_display()} {m.person.name}（{m.get_seating_display()}）")
            for m in view.left:
                out(
                    f"  已退出 {m.person.name}（{m.left_on}，{m.leave_rule_ids}）：{m.leave_reason}"
                )
            if c.vacancy_note:
                out(f"  尚有空缺：{c.vacancy_note}")
            for f in view.findings:
                out(f"  {f.message}（{f.rule_id}）")
        reps = representatives_view(village=place)
        if reps.plan is None:
            out(
                f"村民代表：还没有分配名额（至少{reps.minimum}名：{'；'.join(reps.minimum_reasons)}）。"
            )
            return
        out(
            f"村民代表：{reps.seats}名，{len(reps.lines)}个推选单元，已推选{reps.selected}个，"
            f"当选{len(reps.elected)}名（其中妇女{reps.women}名）。"
        )
        for line in reps.lines:
            names = "、".join(v.person.name for v in line.elected) or "未推选"
            out(
                f"  {line.constituency.number}. {line.constituency.name}（{line.constituency.seats}名）：{names}"
            )
        for comp in reps.composition:
            mark = "符合" if comp.threshold.met else "不符合"
            out(f"  {comp.sentence}，{mark}（{comp.threshold.rule_id}：{comp.rule_text}）")
        for f in reps.findings:
            out(f"  {f.message}（{f.rule_id}）")
