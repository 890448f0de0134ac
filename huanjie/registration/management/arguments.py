"""What the register commands share: villages by 12-digit code, people by ID number, dates as
YYYY-MM-DD, the committee member `--by` names (refused unless they may do it on the web), the
village's current register, and one Chinese line with exit status 2 for every refusal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from huanjie.people.management import register_arguments as people_args
from huanjie.people.services import field_errors
from huanjie.registration import messages as msg
from huanjie.registration.access import may_handle_objections, may_register
from huanjie.registration.models import VoterRegister
from huanjie.registration.selectors import current_election, register_of

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.elections.models import Election
    from huanjie.regions.models import Region

BY_HELP = "以哪位村选委会成员的名义办理（用户名，记入操作记录；不给出时记为系统）"
VILLAGE_HELP = "村（社区）的12位区划代码"
DATE_HELP = "日期，按“年-月-日”，如 2026-03-08"

village = people_args.village
person = people_args.person
refuse = people_args.refuse


def day(value: str | None) -> date | None:
    return None if value is None else people_args.day(value)


def add_by(parser: CommandParser) -> None:
    parser.add_argument("--by", metavar="USERNAME", help=BY_HELP)


def actor(username: str | None, place: Region, *, objections: bool = False) -> User | None:
    """The committee member acting (None: the system), refused as on the web."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise refuse(f"找不到用户“{username}”，请检查 --by 的用户名。")
    allowed = may_handle_objections(user, place) if objections else may_register(user, place)
    if not allowed:
        what = msg.NOT_OBJECTIONS if objections else msg.NOT_A_REGISTRAR
        raise refuse(f"用户“{username}”不能办理{place.name}的此项工作：{what}")
    return user


def election(place: Region) -> Election:
    found = current_election(place)
    if found is None:
        raise refuse(msg.NO_ELECTION.format(village=place.name))
    return found


def register(place: Region) -> VoterRegister:
    found = register_of(election(place))
    if found is None or found.built_on is None:
        raise refuse(f"{place.name}{msg.NOT_BUILT}请先运行 huanjie register_build。")
    return found


def refused(exc: ValidationError, what: str = "未作任何修改") -> CommandError:
    """A service's refusal as one line."""
    return refuse(f"{what}：" + "".join(m for ms in field_errors(exc).values() for m in ms))
