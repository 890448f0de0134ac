"""`huanjie nomination_notice 村代码 --post 主任 --requirements 文字 --on 日期`: publish (or
correct, before its candidate list) the 招贤榜 of one post of either body: 村党组织委员 or
村民委员会委员, a bare post only where one body's election has it (`arguments.body_post`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.nominations.management import arguments as args
from huanjie.nominations.services import recruitment_publish


class Command(BaseCommand):
    help = (
        "发布（或在公布候选人名单前修改）本村村党组织或村民委员会选举某一职位的招贤榜及其任职条件。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        args.add_post(parser)
        parser.add_argument("--requirements", required=True, help="任职条件（五有+X）")
        parser.add_argument("--on", required=True, help="发布日期，" + args.DATE_HELP)
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        body, post = args.body_post(place, options["post"], published=False)
        try:
            found = recruitment_publish(
                village=place,
                post=post,
                body=body,
                requirements=options["requirements"],
                on=args.day(options["on"]),
                acting_user=args.acting(options["by"], place),
            )
        except ValidationError as exc:
            raise args.refused(exc, "未发布：") from exc
        label = args.names(place)(body, post)
        self.stdout.write(f"已发布{place.name}{label}招贤榜（{found.published_on}）。")
