"""`huanjie nomination_decide 身份证号 --post 主任 (--accept | --withdraw) --on 日期`: the
committee accepts an application as a candidate, or records that the applicant withdrew (a
candidate only until the profile's last day, VC-NOM-7); the post of either body (村党组织委员,
村民委员会委员, `arguments.body_post`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations.management import arguments as args
from huanjie.nominations.services import application_accept, application_withdraw


class Command(BaseCommand):
    help = "确定一名报名人为候选人（--accept），或登记报名人、候选人退出（--withdraw，VC-NOM-7）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help="报名人的身份证号（18位）")
        args.add_post(parser)
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--accept", action="store_true", help="确定为候选人")
        what.add_argument("--withdraw", action="store_true", help="登记退出")
        parser.add_argument("--on", required=True, help="日期，" + args.DATE_HELP)
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person_by_id(options["id_number"])
        acting = args.acting(options["by"], person.village)
        found = args.application_of(person, options["post"])
        on = args.day(options["on"])
        post = args.names(person.village)(found.recruitment.election.body, found.recruitment.post)
        try:
            if options["accept"]:
                application_accept(application=found, on=on, acting_user=acting)
                said = f"已确定{person.name}为{post}候选人。"
            else:
                application_withdraw(application=found, on=on, acting_user=acting)
                said = f"已登记{person.name}退出{post}。"
        except ValidationError as exc:
            raise args.refused(exc, "未办理：") from exc
        self.stdout.write(said)
