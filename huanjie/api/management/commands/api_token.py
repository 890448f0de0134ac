"""`huanjie api_token USERNAME [--rotate | --revoke]` — the account's API token.

Prints the token (making one the first time); `--rotate` replaces it (the old one stops working
at once), `--revoke` deletes it. The token acts as its account: same role, same regions. Issuing
and revoking are on the audit trail (the token itself never is); this command is the only way
to change tokens (huanjie/api/admin.py removes DRF's admin page for them).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rest_framework.authtoken.models import Token

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit

TOKEN_ISSUE = AuditAction("api.token_issue", "签发接口令牌")
TOKEN_REVOKE = AuditAction("api.token_revoke", "作废接口令牌")


class Command(BaseCommand):
    help = "显示（首次则签发）某账号的接口令牌；--rotate 换发新令牌，--revoke 作废令牌。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="账号的登录名")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--rotate", action="store_true", help="作废旧令牌并签发新令牌")
        group.add_argument("--revoke", action="store_true", help="作废令牌，不再签发")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有登录名为“{username}”的账号，请核对登录名。", returncode=2)
        if not user.is_active and not options["revoke"]:
            raise CommandError(
                f"账号“{username}”已停用，不能签发令牌。请先在管理后台启用该账号。", returncode=2
            )
        with transaction.atomic():
            existing = Token.objects.filter(user=user).first()
            if options["revoke"] or options["rotate"]:
                if existing is not None:
                    existing.delete()
                    record_audit(actor=None, action=TOKEN_REVOKE, target=user)
                    existing = None
                if options["revoke"]:
                    self.stdout.write(f"账号“{username}”的接口令牌已作废。")
                    return
            if existing is None:
                existing = Token.objects.create(user=user)
                record_audit(actor=None, action=TOKEN_ISSUE, target=user)
        self.stdout.write(existing.key)
