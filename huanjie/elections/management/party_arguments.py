"""What the party roll's commands share: villages by code, people by ID number, the village's
party election, the party organization's `--by`, dates and choices in Chinese (or as codes),
and one Chinese line with exit status 2 for every refusal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from huanjie.elections.models import Election
from huanjie.elections.party import messages as msg
from huanjie.elections.party.roll import party_election
from huanjie.people.management.arguments import VILLAGE_HELP, actor, refuse, village
from huanjie.people.management.relation_arguments import person

if TYPE_CHECKING:
    from huanjie.regions.models import Region

__all__ = ["VILLAGE_HELP", "actor", "person", "refuse", "village"]

BY_HELP = "以哪位村党组织（或乡镇组织委员）账号的名义办理（用户名，记入操作记录；不给出时记为系统）"
ID_HELP = "党员的身份证号（18位）"
DATE_HELP = "日期，按“年-月-日”填写，如 2026-03-20"


def add_by(parser: CommandParser) -> None:
    parser.add_argument("--by", metavar="USERNAME", help=BY_HELP)


def election_of(place: Region) -> Election:
    found = party_election(place)
    if found is None:
        raise refuse(msg.NO_ELECTION.format(village=place.name))
    return found


def day(value: str | None, what: str = "日期") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise refuse(f"{what}“{value}”无法识别，请按“年-月-日”填写，如 2026-03-20。") from exc


def choice(value: str, choices: list[tuple[str, str]], what: str) -> str:
    """A choice given by its Chinese label or its code."""
    value = value.strip()
    for code, label in choices:
        if value in (code, str(label)):
            return code
    labels = "、".join(str(label) for _, label in choices)
    raise refuse(f"{what}“{value}”无法识别，可选：{labels}。")


def refused(exc: ValidationError) -> CommandError:
    return refuse("未修改：" + "".join(exc.messages))
