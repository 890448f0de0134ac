"""The village's household register (户籍登记表): every household by 户号 with its members.

ID numbers are shown as the web's household page shows them to the same reader (`PersonMasker`);
the caller has passed `access_village` for the village.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.documents import messages as msg
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.people.display import PersonMasker, display_name
from huanjie.people.figures import households_on_register, party_category, village_figures
from huanjie.people.models import HeadRelation, RegisterStatus
from huanjie.people.selectors import household_members, village_households
from huanjie.regions.models import Level

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.people.models import Household, Person
    from huanjie.regions.models import Region

TEMPLATE = "documents/household_register.html"
TITLE = "户籍登记表"
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class MemberLine:
    name: str
    relation: str
    sex: str
    birth_date: date
    id_number: str
    masked: bool
    note: str  # 正式党员 / 预备党员, as the village page counts them


@dataclass(frozen=True)
class HouseholdBlock:
    number: str
    group: str
    head: str
    members: tuple[MemberLine, ...]


def household_number_key(number: str) -> tuple[Any, ...]:
    """户号 in the order people count them: "2" before "10", "01002" before "01010"."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(number))


def region_names(village: Region) -> str:
    """ "景宁畲族自治县 鹤溪街道 东坑村": the county, township and village a reader files it under."""
    names = [village.name]
    parent = village.parent
    while parent is not None and parent.level in (Level.TOWNSHIP, Level.COUNTY):
        names.insert(0, parent.name)
        parent = parent.parent
    return " ".join(names)


def _member(person: Person, masker: PersonMasker) -> MemberLine:
    return MemberLine(
        name=person.name,
        relation=person.get_relation_to_head_display() or "—",
        sex=person.get_sex_display(),
        birth_date=person.birth_date,
        id_number=masker.id_number(person),
        masked=not masker.sees_full(person),
        note=party_category(person),
    )


def _block(household: Household, masker: PersonMasker) -> HouseholdBlock:
    # The register as counted (people.figures): who moved out or died is not printed.
    people = sorted(
        household_members(household=household).filter(status=RegisterStatus.ACTIVE),
        key=lambda p: (p.relation_to_head != HeadRelation.HEAD, p.pk),
    )
    head = next((p.name for p in people if p.relation_to_head == HeadRelation.HEAD), msg.NO_HEAD)
    return HouseholdBlock(
        number=household.number,
        group=household.villager_group.name,
        head=head,
        members=tuple(_member(p, masker) for p in people),
    )


def household_register_context(
    village: Region, *, viewer: User | AnonymousUser, now: datetime | None = None
) -> dict[str, Any]:
    masker = PersonMasker(viewer)
    households = sorted(
        village_households(village=village).filter(pk__in=households_on_register()),
        key=lambda h: household_number_key(h.number),
    )
    blocks = [_block(h, masker) for h in households]
    moment = timezone.localtime(now)
    members = [m for b in blocks for m in b.members]
    counts = village_figures(village=village)
    return {
        "title": f"{village.name}{TITLE}",
        "village": village,
        "region_names": region_names(village),
        "households": blocks,
        "household_count": counts.households,
        "people_count": counts.people,
        "party_count": counts.party_members,
        "printed_at": moment,
        "printed_by": display_name(viewer) if viewer.is_authenticated else "",
        "masked_note": msg.MASKED_NOTE if any(m.masked for m in members) else "",
        "empty_note": msg.NO_HOUSEHOLDS,
        "author": village.name,
    }


def household_register_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = household_register_context(village, viewer=viewer)
    context.update(extra or {})
    return render_document(TEMPLATE, context, paper="A4", orientation="landscape", request=request)
