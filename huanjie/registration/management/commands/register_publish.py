"""`huanjie register_publish 村代码 公布日期 [--by 用户名]`: record the list's publication."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.registration.management import arguments as args
from huanjie.registration.services import register_publish
from huanjie.registration.services.publish import last_publication_day


class Command(BaseCommand):
    help = (
        "登记选民名单的公布日期：须不晚于选举日前20日，且没有待协调的重复登记；"
        "公布后名单不再重新生成，异议期按节假日安排计算。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument("published_on", metavar="公布日期", help=args.DATE_HELP)
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = args.actor(options["by"], place)
        register = args.register(place)
        published_on = args.day(options["published_on"])
        assert published_on is not None
        try:
            register = register_publish(
                register=register, published_on=published_on, acting_user=acting
            )
        except ValidationError as exc:
            latest = last_publication_day(register)
            raise args.refused(exc, f"未公布（最晚公布日期{latest}）") from exc
        self.stdout.write(
            f"{place.name}的选民名单已于{register.published_on}公布，"
            f"异议截止日{register.objection_deadline}。"
            + (f"注意：{register.deadline_warning}" if register.deadline_warning else "")
        )
