"""The voter register's documents (practice.md §2, domain.md §6): the 选民名单公告 (announcement
4), the 补充公告 with the decisions on objections, the voter cards and the 四增四减 report.

What is posted in public shows what the law needs and nothing more: name, sex and villager group,
by group and household; never an ID number, a phone or an address. The caller has passed the
register's gate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.documents.household_register import region_names
from huanjie.documents.numbering import document_number
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.people.display import display_name
from huanjie.registration.models import (
    ListStatus,
    Objection,
    ObjectionKind,
    ObjectionStatus,
    SupplementaryNotice,
    Voter,
    VoterCard,
    VoterRegister,
)
from huanjie.registration.selectors import active_voters
from huanjie.registration.services.build import profile_of
from huanjie.rules.checks import chinese_number

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from huanjie.accounts.models import User
    from huanjie.registration.changes import ChangesReport

    AnyUser = User | AnonymousUser

LIST_TITLE = "关于选民名单的公告"
LIST_SERIAL = 4  # practice.md §2: the fourth announcement of the round
NOTICE_TITLE = "关于选民名单更正的补充公告"
CARDS_TITLE = "选民证"
CHANGES_TITLE = "选民四增四减情况表"
NATIONAL_LAW = "《中华人民共和国村民委员会组织法》"
_YEAR_NOTE = re.compile(r"（[^）]*）$")
SEX = {"M": "男", "F": "女"}


def issuer(register: VoterRegister) -> str:
    """村民选举委员会, or 居民选举委员会 in a community (practice.md §2's community variant)."""
    village = register.village
    people = "居民" if village.kind == "community" else "村民"
    return f"{village.name}{people}选举委员会"


def measures(register: VoterRegister) -> str:
    """The province's measures by their name, without the profile's edition note."""
    title = _YEAR_NOTE.sub("", profile_of(register).title)
    return f"《{title}》" if "办法" in title else ""


@dataclass(frozen=True)
class ListLine:
    number: int
    name: str
    sex: str
    group: str
    household_start: bool  # the first of a household: the table draws a line above it


@dataclass(frozen=True)
class GroupBlock:
    name: str
    lines: tuple[ListLine, ...]
    women: int


def _groups(voters: list[Voter]) -> list[GroupBlock]:
    blocks: list[GroupBlock] = []
    current: list[ListLine] = []
    group: str | None = None
    household: str | None = None
    for number, voter in enumerate(voters, start=1):
        name = voter.group_name or "其他（户籍不在本村的居住人员）"
        if name != group and current:
            blocks.append(_block(group or "", current))
            current = []
        starts = name != group or voter.household_number != household or not voter.household_number
        group, household = name, voter.household_number
        current.append(ListLine(number, voter.name, SEX.get(voter.sex, ""), name, starts))
    if current:
        blocks.append(_block(group or "", current))
    return blocks


def _block(name: str, lines: list[ListLine]) -> GroupBlock:
    return GroupBlock(name, tuple(lines), sum(1 for line in lines if line.sex == "女"))


def voter_list_context(register: VoterRegister) -> dict[str, Any]:
    election = register.election
    voters = list(active_voters(register))
    published = register.status == ListStatus.PUBLISHED
    profile = profile_of(register)
    women = sum(1 for v in voters if v.sex == "F")
    return {
        "title": LIST_TITLE,
        "register": register,
        "village": register.village,
        "region_names": region_names(register.village),
        "issuer": issuer(register),
        "doc_number": document_number(
            register.term_year, LIST_SERIAL, prefix=f"{register.village.name}选委"
        ),
        "law": NATIONAL_LAW + (f"和{measures(register)}" if measures(register) else ""),
        "groups": _groups(voters),
        "total": len(voters),
        "men": len(voters) - women,
        "women": women,
        "election_day": election.election_day,
        "objection_deadline": register.objection_deadline,
        "decision_days": profile.get_int("reg.decision_days"),
        "published": published,
        "issued_on": register.published_on if published else timezone.localdate(),
        "author": issuer(register),
    }


def voter_list_document(
    register: VoterRegister,
    *,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = voter_list_context(register)
    context.update(extra or {})
    return render_document("documents/voter_list.html", context, request=request)


@dataclass(frozen=True)
class DecisionLine:
    name: str
    sex: str
    group: str
    what: str
    reasons: str


def notice_context(notice: SupplementaryNotice) -> dict[str, Any]:
    register = notice.register
    decided = list(
        Objection.objects.filter(notice=notice)
        .select_related("person", "new_group")
        .order_by("decided_on", "id")
    )
    voters = {
        v.person_id: v
        for v in Voter.objects.filter(register=register, person__in=[o.person for o in decided])
    }
    sections: dict[str, list[DecisionLine]] = {"add": [], "remove": [], "correct": [], "kept": []}
    for objection in decided:
        voter = voters.get(objection.person_id)
        name = voter.name if voter is not None else objection.person.name
        line = DecisionLine(
            name=name,
            sex=SEX.get(voter.sex if voter else objection.person.sex, ""),
            group=voter.group_name if voter is not None else "",
            what=_correction(objection, voter),
            reasons=objection.reasons,
        )
        if objection.status == ObjectionStatus.REJECTED:
            sections["kept"].append(
                DecisionLine(
                    line.name, line.sex, line.group, objection.get_kind_display(), objection.reasons
                )
            )
        else:
            sections[str(objection.kind)].append(line)
    suffix = f"（{chinese_number(notice.number)}）" if notice.number > 1 else ""
    return {
        "title": NOTICE_TITLE + suffix,
        "notice": notice,
        "register": register,
        "village": register.village,
        "issuer": issuer(register),
        "sections": sections,
        "objections": len(decided),
        "total": active_voters(register).count(),
        "issued_on": notice.published_on,
        "author": issuer(register),
    }


def _correction(objection: Objection, voter: Voter | None) -> str:
    if objection.kind != ObjectionKind.CORRECT:
        return ""
    parts = []
    if objection.new_name:
        parts.append(f"姓名更正为“{objection.new_name}”")
    if objection.new_sex:
        parts.append(f"性别更正为{SEX.get(objection.new_sex, '')}")
    if objection.new_group is not None:
        parts.append(f"村民小组更正为{objection.new_group.name}")
    return "，".join(parts)


def notice_document(
    notice: SupplementaryNotice,
    *,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = notice_context(notice)
    context.update(extra or {})
    return render_document("documents/voter_notice.html", context, request=request)


def cards_context(register: VoterRegister, cards: list[VoterCard]) -> dict[str, Any]:
    return {
        "title": f"{register.village.name}{CARDS_TITLE}",
        "register": register,
        "village": register.village,
        "issuer": issuer(register),
        "cards": cards,
        "rows": [cards[i : i + 2] for i in range(0, len(cards), 2)],
        "election_day": register.election.election_day,
        "sexes": SEX,
        "author": issuer(register),
    }


def cards_document(
    register: VoterRegister,
    cards: list[VoterCard],
    *,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = cards_context(register, cards)
    context.update(extra or {})
    return render_document("documents/voter_cards.html", context, request=request)


def changes_document(
    report: ChangesReport,
    *,
    viewer: AnyUser,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    register = report.register
    context: dict[str, Any] = {
        "title": f"{register.village.name}{CHANGES_TITLE}",
        "report": report,
        "register": register,
        "village": register.village,
        "region_names": region_names(register.village),
        "printed_at": timezone.localtime(),
        "printed_by": display_name(viewer) if viewer.is_authenticated else "",
        "author": issuer(register),
        "report_sides": [("四增", report.increases), ("四减", report.decreases)],
    }
    context.update(extra or {})
    return render_document("documents/voter_changes.html", context, request=request)
