"""`huanjie person_leave 身份证号 迁出|死亡 日期 [--note 说明]`: off the register, kept as history."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import register_arguments as args
from huanjie.people.models import RegisterStatus
from huanjie.people.services import person_leave

STATUSES = {
    "迁出": RegisterStatus.MOVED_OUT,
    "已迁出": RegisterStatus.MOVED_OUT,
    "死亡": RegisterStatus.DECEASED,
    "已死亡": RegisterStatus.DECEASED,
    RegisterStatus.MOVED_OUT.value: RegisterStatus.MOVED_OUT,
    RegisterStatus.DECEASED.value: RegisterStatus.DECEASED,
}


class Command(BaseCommand):
    help = (
        "登记一个人已迁出或已死亡：不再计入在册人员，户和与户主关系作为记录保留；"
        "登记错了用 person_return 恢复。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help=args.ID_HELP)
        parser.add_argument("status", metavar="迁出或死亡", help="迁出 或 死亡")
        parser.add_argument(
            "on", metavar="日期", help="迁出或死亡的日期，如 2025-03-01（不晚于今天）"
        )
        parser.add_argument("--note", default="", help="说明，如迁往何处（最多200字）")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person(options["id_number"])
        acting = args.actor(options["by"], person.village)
        status = STATUSES.get(options["status"].strip())
        if status is None:
            raise args.refuse(f"“{options['status']}”无法识别，请填“迁出”或“死亡”。")
        try:
            person = person_leave(
                person=person,
                status=status,
                on=args.day(options["on"]),
                note=options["note"],
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc) from exc
        self.stdout.write(
            f"已登记{person.name}（{person.village.name}）{person.get_status_display()}，"
            f"日期{person.status_on:%Y-%m-%d}。"
        )
