"""`huanjie demo_logins`: the demo accounts with their roles, scopes and passwords."""

from __future__ import annotations

import io
from typing import Any

from django.core.management.base import BaseCommand
from rich import box
from rich.console import Console
from rich.table import Table

from huanjie.accounts.models import Role, User
from huanjie.demo.users import DEMO_USERS
from huanjie.regions.models import Level, Region


def scope_label(user: User) -> str:
    """Where the account reaches, in words: the region path, or the assigned villages."""
    if user.role == Role.ADMINISTRATOR:
        return "全部区划"
    if user.role == Role.VILLAGE_CADRE:
        names = "、".join(v.name for v in user.assigned_villages.order_by("code"))
        return f"包村：{names}" if names else "尚未分配包村"
    region = Region.objects.filter(code=user.scope_code).select_related("parent").first()
    if region is None:
        return "未设置管辖范围"
    path = [region.name]
    if region.parent is not None and region.level in (Level.TOWNSHIP, Level.VILLAGE):
        path.insert(0, region.parent.name)
    label = " · ".join(path)
    return f"{label}（{user.department}）" if user.department else label


class Command(BaseCommand):
    help = "列出演示账号：用户名、角色、管辖范围和密码（make run 启动时打印）。"

    def handle(self, *args: Any, **options: Any) -> None:
        users = {
            u.username: u
            for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS])
        }
        if not users:
            self.stdout.write("还没有演示账号。请先运行 huanjie demo_seed 生成演示县。")
            return
        table = Table(title="演示账号（仅供本机演示，请勿用于正式部署）", box=box.SIMPLE_HEAVY)
        for column in ("用户名", "密码", "姓名", "角色", "管辖范围"):
            table.add_column(column)
        for spec in DEMO_USERS:
            user = users.get(spec.username)
            if user is None:
                continue
            table.add_row(
                spec.username,
                spec.password,
                user.get_full_name(),
                user.get_role_display(),
                scope_label(user),
            )
        buffer = io.StringIO()
        Console(file=buffer, width=120, color_system=None).print(table)
        self.stdout.write(buffer.getvalue().rstrip("\n"))
