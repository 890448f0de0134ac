"""`huanjie nomination_list 村代码`: each post's 招贤榜, applications and candidates (in surname
stroke order), with the engine's last lawful days — the party organization's election first, then
the villagers' committee's, each post named as `--post` takes it (村党组织委员, 村民委员会委员)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.elections.models import Body
from huanjie.nominations.management import arguments as args
from huanjie.nominations.recommendation import BODIES
from huanjie.nominations.selectors import village_nominations


class Command(BaseCommand):
    help = (
        "列出本村党组织和村民委员会选举各职位的招贤榜、报名人和候选人（按姓氏笔画），"
        "以及报名和公布的最晚日期。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        name = args.names(place)
        out = self.stdout.write
        listed = False
        for body in BODIES:
            view = village_nominations(place, body)
            if view.election is None:
                continue
            listed = True
            day = view.election.election_day or "未定"
            out(f"{place.name}{Body(body).label}选举，选举日 {day}")
            if view.dates is not None:
                if view.dates.self_registration:
                    out(f"自荐报名截止 {view.dates.self_registration}（PROV-ZJ-SELF-2）")
                out(f"候选人名单最晚公布 {view.dates.candidate_list}（VC-NOM-6）")
                if view.dates.withdrawal:
                    out(f"候选人退出截止 {view.dates.withdrawal}（VC-NOM-7）")
            for p in view.posts:
                label = name(body, p.post)
                r = p.recruitment
                if r is None:
                    out(f"{label}（应选{p.seats}名）：未发布招贤榜")
                    continue
                state = f"名单{r.list_published_on}已公布" if r.list_published_on else "名单未公布"
                out(f"{label}（应选{p.seats}名）：招贤榜{r.published_on}发布，{state}")
                for row in p.applications:
                    out(
                        f"  报名 {row.person.name} {row.get_kind_display()} {row.filed_on} {row.get_status_display()}"
                    )
                if p.candidates:
                    out("  候选人（按姓氏笔画）：" + "、".join(c.person.name for c in p.candidates))
        if not listed:
            raise args.refuse(
                f"{place.name}还没有建立本届村党组织或村民委员会选举，"
                "请先由乡镇组织委员在村换届计划中建立选举。"
            )
