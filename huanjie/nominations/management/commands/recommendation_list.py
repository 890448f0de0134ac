"""`huanjie recommendation_list 村代码`: each post's recommendation rounds (两推 / 三推) with the
count, the speech order and its seed, the 两述, and the 胜任指数 per applicant — the party
organization's posts first, then the villagers' committee's, each named with its body."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations import recommendation as svc
from huanjie.nominations.management import arguments as args


class Command(BaseCommand):
    help = "列出本村党组织和村民委员会各职位的推荐轮次、计票结果、发言顺序（含抽签种子）、两述和胜任指数。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        out = self.stdout.write
        posts = [(b.body, r) for b in svc.body_recruitments(place) for r in b.recruitments]
        if not posts:
            raise args.refuse(f"{place.name}还没有发布招贤榜。")
        for body, r in posts:
            out(f"{svc.post_label(body, r.post)}：")
            for v in svc.round_views(r):
                rnd = v.round
                out(
                    f"  {rnd.get_procedure_display()}·{rnd.get_kind_display()} {rnd.held_on}"
                    f" {rnd.meeting}（{rnd.place}） 应到{rnd.eligible} 实到{rnd.present}"
                    f"（非党员代表{rnd.nonmember_representatives}）"
                )
                if v.count is not None:
                    out(
                        f"    收回{rnd.ballots} 无效{rnd.void_ballots} 产生{rnd.places}名，"
                        f"至少{v.count.needed}票"
                    )
                    for s in v.standings:
                        mark = ("正式候选人" if v.formal else "初步人选") if s.advances else ""
                        out(
                            f"    {s.application.person.name} {s.votes}票 {s.percent} {mark}".rstrip()
                        )
                    for f in v.count.findings:
                        out(f"    ！{f.message}（{f.rule_id}）")
                if rnd.draw_seed is not None:
                    order = "、".join(a.person.name for a in v.speakers)
                    out(f"    发言顺序（种子{rnd.draw_seed}）：{order}")
                for st in v.statements:
                    out(f"    {st.application.person.name}{st.get_kind_display()}：{st.summary}")
                    for q in st.questions.all():
                        out(f"      {q.asked_by}问：{q.question} 答：{q.answer}")
            for row in svc.competency_rows(r):
                index = f"{float(row.summary.index):.1f}" if row.summary.assessments else "未测评"
                out(
                    f"  胜任指数 {row.application.person.name} {index}"
                    f"（{row.summary.assessments}份）"
                )
