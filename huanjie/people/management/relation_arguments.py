"""What the relation commands share: people named by ID number, the kind in Chinese or as its
code, the link between two people, and the committee member `--by` names. Every refusal is one
Chinese line and exit status 2."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.db.models import Q

from huanjie.people.management.arguments import refuse
from huanjie.people.models import RELATION_KIND_CHOICES, CloseRelative, Person
from huanjie.people.relation_access import may_keep_relations
from huanjie.rules.eligibility.identity import mask_id_number, normalize_id_number

if TYPE_CHECKING:
    from huanjie.accounts.models import User

KINDS = {label: value for value, label in RELATION_KIND_CHOICES} | {
    value: value for value, _ in RELATION_KIND_CHOICES
}
KIND_HELP = "关系：配偶、父母子女、兄弟姐妹、祖孙（或 spouse、parent_child、sibling、grandparent_grandchild）"
BY_HELP = "以哪位村选委会成员的名义办理（用户名，记入操作记录；不给出时记为系统）"


def add_people(parser: CommandParser, first: str, second: str) -> None:
    parser.add_argument("id_a", metavar="身份证号甲", help=first)
    parser.add_argument("id_b", metavar="身份证号乙", help=second)
    parser.add_argument("--by", metavar="USERNAME", help=BY_HELP)


def person(number: str) -> Person:
    found = (
        Person.objects.select_related("village", "household")
        .filter(id_number=normalize_id_number(number))
        .first()
    )
    if found is None:
        raise refuse(f"找不到身份证号为 {mask_id_number(number)} 的人员，请核对号码。")
    return found


def kind(value: str | None) -> str | None:
    if value is None:
        return None
    if value not in KINDS:
        raise refuse(f"关系“{value}”无法识别，可选：配偶、父母子女、兄弟姐妹、祖孙。")
    return KINDS[value]


def link(a: Person, b: Person, wanted: str | None) -> CloseRelative:
    """The one link between the two (either way round), of the kind when given."""
    links = CloseRelative.objects.filter(Q(person_a=a, person_b=b) | Q(person_a=b, person_b=a))
    if wanted is not None:
        links = links.filter(kind=wanted)
    found = list(links.select_related("person_a", "person_b")[:2])
    if not found:
        raise refuse(f"{a.name}与{b.name}之间没有这样的近亲属关系记录，请核对两人和关系。")
    if len(found) > 1:
        raise refuse(f"{a.name}与{b.name}之间有不止一条关系，请用 --kind 指明是哪一种。")
    return found[0]


def actor(username: str | None, *people: Person) -> User | None:
    """The committee member acting (None: the system); refused unless they keep relations in
    the village of one of the two people, as on the web."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise refuse(f"找不到用户“{username}”，请检查 --by 的用户名。")
    if not any(may_keep_relations(user, p.village) for p in people):
        raise refuse(
            f"用户“{username}”不能修改这两人的近亲属关系：近亲属关系由本村村民选举委员会"
            "核对、确认和登记，请用村选委会的账号。"
        )
    return user


def refused(exc: ValidationError) -> CommandError:
    return refuse("".join(exc.messages))
