"""What the register-keeping commands share: villages by code, households by 户号, people by ID
number, choices in Chinese (or as their codes), the committee member `--by` names, and one
Chinese line with exit status 2 for every refusal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from huanjie.people import messages as msg
from huanjie.people.management.arguments import refuse, village_argument
from huanjie.people.management.relation_arguments import person
from huanjie.people.models import Household, PoliticalStatus
from huanjie.people.register import columns as col
from huanjie.people.register.inputs import DEFAULT_ETHNICITY, MemberInput
from huanjie.people.services import field_errors
from huanjie.people.views_import import may_keep_register

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

__all__ = ["person", "refuse"]

BY_HELP = "以哪位村选委会成员的名义办理（用户名，记入操作记录；不给出时记为系统）"
VILLAGE_HELP = "村（社区）的12位区划代码"
ID_HELP = "人员的身份证号（18位）"
RELATION_HELP = "与户主关系：" + "、".join(col.RELATION_BY_LABEL)
EDUCATION_HELP = "文化程度：" + "、".join(col.EDUCATION_BY_LABEL)
POLITICAL_HELP = "政治面貌：" + "、".join(col.POLITICAL_BY_LABEL)
TAG_HELP = "标签：" + "、".join(col.TAG_BY_LABEL)
YES_NO_HELP = "是或否"


def add_by(parser: CommandParser) -> None:
    parser.add_argument("--by", metavar="USERNAME", help=BY_HELP)


def village(code: str) -> Region:
    try:
        return village_argument(code)
    except CommandError as exc:
        raise refuse(str(exc)) from exc


def household(place: Region, number: str) -> Household:
    found = (
        Household.objects.select_related("village", "villager_group")
        .filter(village=place, number=number.strip())
        .first()
    )
    if found is None:
        raise refuse(f"{place.name}没有户号为“{number}”的户，请核对户号。")
    return found


def choice(value: str, by_label: dict[str, str], column: str) -> str:
    """A choice given by its Chinese label or its code."""
    value = value.strip()
    if value in by_label:
        return by_label[value]
    if value in by_label.values():
        return value
    raise refuse(msg.CELL_CHOICE.format(value=value, column=column, choices="、".join(by_label)))


def yes_no(value: str, column: str) -> bool:
    if value.strip() not in col.YES_NO:
        raise refuse(msg.CELL_YES_NO.format(column=column, value=value))
    return col.YES_NO[value.strip()]


def tags(values: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        for label in (t.strip() for t in col.TAG_SEPARATORS.split(value)):
            if label:
                found.append(choice(label, col.TAG_BY_LABEL, col.TAGS))
    return tuple(dict.fromkeys(found))


def day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise refuse(f"日期“{value}”无法识别，请按“年-月-日”填写，如 2025-03-01。") from exc


def actor(username: str | None, place: Region) -> User | None:
    """The committee member acting (None: the system); refused unless they keep the register
    of `place`, as on the web."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise refuse(f"找不到用户“{username}”，请检查 --by 的用户名。")
    if not may_keep_register(user, place):
        raise refuse(
            f"用户“{username}”不能修改{place.name}的户籍登记：户籍由本村村民选举委员会登记和"
            "维护，请用该村村选委会的账号。"
        )
    return user


def refused(exc: ValidationError) -> CommandError:
    """A service's refusal as one line: every message, the field named where it helps."""
    parts: list[str] = []
    for field, messages in field_errors(exc).items():
        where = ""
        if field.startswith("members."):
            where = f"第{int(field.split('.')[1]) + 1}位成员："
        parts.extend(where + m for m in messages)
    return refuse("未修改户籍登记：" + "".join(parts))


def add_member_options(parser: CommandParser) -> None:
    """The optional columns of a member (as the import template has them)."""
    parser.add_argument("--sex", help="性别：男或女（不填时由身份证号得出）")
    parser.add_argument("--ethnicity", help="民族（不填按汉族）")
    parser.add_argument("--education", help=EDUCATION_HELP)
    parser.add_argument("--political-status", help=POLITICAL_HELP + "（不填按群众）")
    parser.add_argument("--phone", help="联系电话")
    parser.add_argument("--hukou", help="户籍在本村：" + YES_NO_HELP + "（不填为是）")
    parser.add_argument("--resides", help="在本村居住：" + YES_NO_HELP + "（不填为是）")
    parser.add_argument("--tag", action="append", default=[], help=TAG_HELP + "（可多次给出）")


def member(name: str, id_number: str, relation: str, options: dict[str, object]) -> MemberInput:
    def text(key: str) -> str:
        value = options.get(key)
        return str(value) if value is not None else ""

    return MemberInput(
        name=name,
        id_number=id_number,
        relation=choice(relation, col.RELATION_BY_LABEL, col.RELATION),
        sex=choice(text("sex"), col.SEX_BY_LABEL, col.SEX) if text("sex") else "",
        ethnicity=text("ethnicity") or DEFAULT_ETHNICITY,
        education=(
            choice(text("education"), col.EDUCATION_BY_LABEL, col.EDUCATION)
            if text("education")
            else ""
        ),
        political_status=(
            choice(text("political_status"), col.POLITICAL_BY_LABEL, col.POLITICAL_STATUS)
            if text("political_status")
            else PoliticalStatus.MASSES
        ),
        phone=text("phone"),
        hukou_in_village=yes_no(text("hukou"), col.HUKOU) if text("hukou") else True,
        resides_in_village=yes_no(text("resides"), col.RESIDES) if text("resides") else True,
        tags=tags(list(options.get("tag") or [])),  # type: ignore[call-overload]
    )
