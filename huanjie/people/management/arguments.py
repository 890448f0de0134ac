"""What the commands share, whichever area they are in: villages by their 12-digit code, dates,
choices in Chinese or as their codes, `--by` naming an account that may do the work on the web,
and one Chinese line with exit status 2 for every refusal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from huanjie.regions import messages as msg
from huanjie.regions.models import Region
from huanjie.regions.selectors import village_by_code

if TYPE_CHECKING:
    from huanjie.accounts.models import User

VILLAGE_HELP = "村（社区）的12位区划代码"
BY_HELP = "以哪个账号的名义办理（用户名，记入操作记录；不给出时记为系统）"
DATE_HELP = "日期，按“年-月-日”，如 2026-03-01"


def refuse(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def village_argument(code: str) -> Region:
    """The village a command names by its 12-digit code; an unknown code stops the command."""
    village = village_by_code(code)
    if village is None:
        raise CommandError(msg.VILLAGE_CODE_UNKNOWN.format(code=code))
    return village


def add_by(parser: CommandParser) -> None:
    parser.add_argument("--by", metavar="USERNAME", help=BY_HELP)


def village(code: str) -> Region:
    try:
        return village_argument(code)
    except CommandError as exc:
        raise refuse(str(exc)) from exc


def day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise refuse(f"日期“{value}”无法识别，请按“年-月-日”填写，如 2026-03-01。") from exc


def choice(value: str, choices: dict[str, str], what: str) -> str:
    """A choice by its Chinese label or its code."""
    value = value.strip()
    if value in choices:
        return choices[value]
    if value in choices.values():
        return value
    raise refuse(f"{what}“{value}”无法识别，可选：{'、'.join(choices)}。")


def count(value: int, what: str) -> int:
    if value < 0:
        raise refuse(f"{what}不能为负数，现为{value}。")
    return value


def actor(
    username: str | None, place: Region, allowed: Callable[[User, Region], bool], who: str
) -> User | None:
    """The account acting (None: the system); refused unless it may do this on the web."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise refuse(f"找不到用户“{username}”，请检查 --by 的用户名。")
    if not allowed(user, place):
        raise refuse(f"用户“{username}”不能办理{place.name}的这项工作：{who}")
    return user


def refused(exc: ValidationError, prefix: str) -> CommandError:
    return refuse(prefix + "".join(exc.messages))
