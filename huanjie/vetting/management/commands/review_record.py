"""`huanjie review_record 身份证号 --post 主任 --department 公安 --round 1 --on 日期
(--cleared | --item 情形代码 [--event-date 日期]) [--note 说明] [--attachment 文件]`: record one
department's joint-review result for a candidate; `--post` names the post with its body
(村党组织委员, 村委会委员), a bare post only where one body has it, as the nominations' commands do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandParser

from huanjie.vetting.management import arguments as args
from huanjie.vetting.models import NegativeListItem
from huanjie.vetting.services import result_record


class Command(BaseCommand):
    help = "登记某联审部门对一名候选人的审查结论：通过，或负面清单中的某一情形。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person", metavar="身份证号", help="候选人的18位身份证号")
        args.add_post(parser)
        parser.add_argument("--department", required=True, help="联审部门，如 公安")
        parser.add_argument("--round", type=int, default=1, help="第几轮联审，默认 1")
        parser.add_argument("--on", required=True, help="审查日期，" + args.DATE_HELP)
        verdict = parser.add_mutually_exclusive_group(required=True)
        verdict.add_argument("--cleared", action="store_true", help="审查通过")
        verdict.add_argument("--item", help="发现的负面清单情形代码（见 review_status --list）")
        parser.add_argument(
            "--event-date", help="情形结束日期（刑满、处理完毕），" + args.DATE_HELP
        )
        parser.add_argument("--note", default="", help="说明")
        parser.add_argument("--attachment", help="附件文件（PDF、JPG或PNG）")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person_by_id(options["person"])
        candidate = args.application_of(person, options["post"])
        place = candidate.recruitment.election.plan.village
        dept = args.department(options["department"])
        acting = args.reviewer(options["by"], place, dept)
        campaign_id = candidate.recruitment.election.plan.campaign_id
        review_round = args.review_round(campaign_id, options["round"])
        item = None
        if options["item"]:
            item = NegativeListItem.objects.filter(
                campaign_id=campaign_id, code=options["item"]
            ).first()
            if item is None:
                raise args.refuse(f"负面清单中没有情形代码“{options['item']}”。")
        upload = None
        if options["attachment"]:
            path = Path(options["attachment"])
            if not path.is_file():
                raise args.refuse(f"找不到附件文件 {path}。")
            upload = SimpleUploadedFile(path.name, path.read_bytes())
        try:
            result = result_record(
                review_round=review_round,
                application=candidate,
                department=dept,
                on=args.day(options["on"]),
                item=item,
                event_date=args.day(options["event_date"]) if options["event_date"] else None,
                note=options["note"],
                attachment=upload,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        what = f"（{item.no} {item.text}）" if item else ""
        self.stdout.write(
            f"已登记{dept.name}对{person.name}的联审结论：{result.get_verdict_display()}{what}"
        )
