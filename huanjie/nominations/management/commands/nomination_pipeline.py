"""`huanjie nomination_pipeline 乡镇代码`: every village of the township with, per body, how many
applied → were accepted as candidates → were reviewed by every department → are formal
candidates, its reserve pool and its sitting office holders' paths (as the township's page)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from huanjie.nominations.management import arguments as args
from huanjie.nominations.pipeline import STAGE_LABELS, township_pipeline
from huanjie.regions.models import Level, Region


class Command(BaseCommand):
    help = "列出一个乡镇各村各机构的报名、确定候选人、联审完成和正式候选人人数，以及后备干部和现任干部去向。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("township", metavar="乡镇代码", help="乡镇的12位区划代码")

    def handle(self, *a: Any, **options: Any) -> None:
        place = Region.objects.filter(code=options["township"], level=Level.TOWNSHIP).first()
        if place is None:
            raise args.refuse(f"没有区划代码为{options['township']}的乡镇，请核对代码。")
        pipeline = township_pipeline(Region.objects.filter(parent=place), timezone.localdate())
        out = self.stdout.write
        stages = "→".join(STAGE_LABELS.values())
        out(f"{place.name}各村报名和候选人（{stages}）")
        for row in pipeline.villages:
            bodies = "；".join(
                f"{label} " + "→".join(str(n) for n in row.bodies[code].row)
                for code, label in pipeline.bodies
            )
            paths = "、".join(f"{label}{n}" for label, n in row.path_cells) or "无现任干部"
            out(f"{row.village.name}：{bodies}；后备干部{row.reserve}人；去向 {paths}")
        totals = "；".join(
            f"{label} " + "→".join(str(n) for n in pipeline.totals[code].row)
            for code, label in pipeline.bodies
        )
        paths = "、".join(f"{label}{n}" for label, n in pipeline.path_totals)
        out(f"合计：{totals}；后备干部{pipeline.reserve}人；去向 {paths}")
