"""党员名册及应到会人数: the roll of a village's party election on its election day, each member
with the right to vote or the reason there is none, the exclusions approved by both the higher
Party organization and the members' meeting, and "should attend" derived line by line with the
rule beside each line (PB-RIGHTS-1/2, PB-QUORUM-1/2, SEED-PB-REG).

Names and party status only: no ID number is printed, whoever prints it. The caller has passed
`access_village` for the village.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.documents.household_register import region_names
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.elections.party.roll import PartyRoll, RollRow, party_roll
from huanjie.people.display import display_name
from huanjie.people.models import MembershipStatus, Sex

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

TEMPLATE = "documents/party_roll.html"
TITLE = "党员名册及应到会人数"
NO_MEMBERS = "{village}党组织的党员名册中还没有党员，没有可以打印的内容。"


@dataclass(frozen=True)
class MemberLine:
    number: int
    name: str
    sex: str
    category: str
    rights: str  # 有, or why not
    rule_id: str
    registration: str
    attends: str  # 应到会, or why not


def _rights(row: RollRow) -> str:
    """有, or 无 with the reason in a few words (the page gives the rule's whole sentence)."""
    if row.rights.has_rights:
        return "有"
    m = row.membership
    if m.status == MembershipStatus.PROBATIONARY:
        return "无（预备党员）"
    if row.rights.rule_id == "PB-RIGHTS-2" and m.probation_until is not None:
        return f"无（留党察看至{m.probation_until:%Y-%m-%d}）"
    return "无（权利暂停）"


def _attends(row: RollRow) -> str:
    if row.counted:
        return "应到会"
    if row.exclusion is not None and row.exclusion.approved and row.rights.has_rights:
        return f"不列入（{row.exclusion.get_ground_display()}）"
    if row.left_out_unregistered:
        return "未登记，不计入"
    return "不计入（无表决权）"


def _line(number: int, row: RollRow) -> MemberLine:
    reg = row.registration
    return MemberLine(
        number=number,
        name=row.person.name,
        sex=row.person.get_sex_display() if row.person.sex else "",
        category=row.category,
        rights=_rights(row),
        rule_id="" if row.rights.has_rights else row.rights.rule_id,
        registration=f"{reg.registered_on:%Y-%m-%d}" if reg is not None else "未登记",
        attends=_attends(row),
    )


def _day(roll: PartyRoll) -> str:
    day = f"{roll.on.year}年{roll.on.month}月{roll.on.day}日"
    return f"选举日{day}" if roll.on_election_day else f"{day}（选举日尚未确定）"


def party_roll_context(
    village: Region, *, viewer: User | AnonymousUser, now: datetime | None = None
) -> dict[str, Any]:
    roll = party_roll(village=village)
    approved = [
        r for r in roll.rows if r.exclusion and r.exclusion.approved and r.rights.has_rights
    ]
    moment = timezone.localtime(now)
    organizations = "、".join(o.name for o in roll.organizations) or f"{village.name}党组织"
    return {
        "title": f"{village.name}{TITLE}",
        "village": village,
        "region_names": region_names(village),
        "organizations": organizations,
        "day": _day(roll),
        "roll": roll,
        "members": [_line(n, r) for n, r in enumerate(roll.rows, start=1)],
        "women": sum(1 for r in roll.rows if r.person.sex == Sex.FEMALE),
        "exclusions": [
            {
                "name": r.person.name,
                "ground": r.exclusion.get_ground_display(),
                "detail": r.exclusion.detail,
                "higher": f"{r.exclusion.higher_approved_on:%Y-%m-%d} {r.exclusion.higher_approver}"
                + (f"（{r.exclusion.higher_document}）" if r.exclusion.higher_document else ""),
                "meeting": f"{r.exclusion.meeting_approved_on:%Y-%m-%d}",
            }
            for r in approved
            if r.exclusion is not None
        ],
        "printed_at": moment,
        "printed_by": display_name(viewer) if viewer.is_authenticated else "",
        "empty_note": NO_MEMBERS.format(village=village.name) if not roll.rows else "",
        "author": village.name,
    }


def party_roll_document(
    village: Region,
    *,
    viewer: User | AnonymousUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = {**party_roll_context(village, viewer=viewer), **(extra or {})}
    return render_document(TEMPLATE, context, paper="A4", orientation="portrait", request=request)
