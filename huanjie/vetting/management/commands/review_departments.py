"""`huanjie review_departments [--add 部门] [--retire 部门] [--restore 部门] [--by 用户名]`: the
departments of the county joint review (a reviewer's account names one of them)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.accounts.policy import Capability, can
from huanjie.vetting.management import arguments as args
from huanjie.vetting.models import Department
from huanjie.vetting.services import department_activate, department_add


class Command(BaseCommand):
    help = "查看或调整参加县级联审的部门：增加、停用或重新启用（已有结论保留）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--add", help="增加一个联审部门")
        parser.add_argument("--retire", help="停用一个联审部门，新开的轮次不再包括它")
        parser.add_argument("--restore", help="重新启用一个联审部门")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        acting = None
        if options["by"]:
            acting = get_user_model().objects.filter(username=options["by"]).first()
            if acting is None or not can(acting, Capability.MANAGE_CAMPAIGNS):
                raise args.refuse(f"用户“{options['by']}”不能调整联审部门：只有县换届办才能调整。")
        try:
            if options["add"]:
                department_add(name=options["add"], acting_user=acting)
            for option, active in (("retire", False), ("restore", True)):
                if options[option]:
                    department_activate(
                        department=args.department(options[option]),
                        active=active,
                        acting_user=acting,
                    )
        except ValidationError as exc:
            raise args.refused(exc, "未调整：") from exc
        for dept in Department.objects.all():
            state = "" if dept.active else "（已停用）"
            self.stdout.write(f"{dept.order}. {dept.name}{state}")
