"""`huanjie review_status 村代码 [--list]`: each candidate's joint-review state, who has not
cleared them; with --list the campaign's negative list and its codes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huanjie.regions.models import Region
from huanjie.vetting.management import arguments as args
from huanjie.vetting.selectors import candidates_in, negative_list, reviews


class Command(BaseCommand):
    help = "列出一个村每名候选人的联审情况（哪些部门尚未通过）；--list 同时列出负面清单。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument("--list", action="store_true", help="同时列出负面清单及情形代码")

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        found = reviews(candidates_in(Region.objects.filter(pk=place.pk)))
        if not found:
            self.stdout.write(f"{place.name}还没有确定候选人。")
        campaign_id = None
        for review in found.values():
            a_ = review.application
            campaign_id = a_.recruitment.election.plan.campaign_id
            line = f"{a_.person.name}（{a_.recruitment.get_post_display()}）：{review.status_label}"
            if review.rejected:
                line += f"；{'、'.join(review.rejected)}认定不能"
            if review.flagged:
                line += f"；{'、'.join(review.flagged)}认定不宜"
            if review.missing:
                line += f"；待{'、'.join(review.missing)}审查"
            if not review.slots:
                line += "；本次换届尚未开设联审"
            self.stdout.write(line)
        if options["list"] and campaign_id is not None:
            self.stdout.write("负面清单（情形代码：序号 情形，后果）：")
            for item in negative_list(campaign_id):
                self.stdout.write(
                    f"  {item.code}：{item.no} {item.text}，{item.get_outcome_display()}"
                )
