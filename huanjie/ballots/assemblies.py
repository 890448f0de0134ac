"""Supervision committee and cooperative bodies counted from tally sheets (tally-io.md).

A 村务监督委员会 is elected by the 村民会议 or the 村民代表会议 (SUP-1, quorum REP-2 / REP-5);
the cooperative's 理事会 and 监事会 by the 成员大会 or the 成员代表大会 (CEO-1..3). Their contests
carry `present`, `assembly`, `assembly_size` and `barred` instead of the register's numbers:

- the meeting (AssemblyMeeting) says which assembly it is and how many it has; those present
  are the ballots issued at its boxes (every member present receives one ballot);
- `barred` comes from the recorded office holders and the relation graph: the villagers'
  committee's members and their near relatives may not sit on the supervision committee
  (SUP-1, KIN-2); the board's members and their near relatives may not be supervisors (CEO-5);
- the bodies follow domain.md §3's order: a body's sheets are taken only when the bodies
  before it in the same plan are complete (for the supervision committee the villagers'
  committee must be, or nobody could say who is barred).

The engine (huanjie.rules.tally) decides: quorum, the bar `2v > present` for supervision and
`3v >= 2·assembly_size` for cooperatives, voiding the barred with SUP-1 / CEO-5, shortfalls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.ballots.access import clerk as clerk_gate
from huanjie.ballots.models import AssemblyKind, AssemblyMeeting, RoundLink, RoundResult
from huanjie.elections.models import Body, Election, ElectionStatus, OfficeHolder
from huanjie.people.models import Person
from huanjie.rules.kinship.rules import NEAR
from huanjie.rules.tally.model import Body as EngineBody
from huanjie.rules.tally.model import Post as EnginePost
from huanjie.rules.tally.model import post_name

if TYPE_CHECKING:
    from huanjie.accounts.models import User
    from huanjie.ballots.contest import Numbers

MEETING_RECORD = AuditAction("ballots.meeting_record", "登记选举会议应到人数")

ASSEMBLY_BODIES: tuple[str, ...] = (
    Body.SUPERVISION_COMMITTEE,
    Body.COOPERATIVE_BOARD,
    Body.COOPERATIVE_SUPERVISORS,
)
# domain.md §2/§3: party → villagers' committee → supervision → cooperative.
ORDER: tuple[str, ...] = (
    Body.PARTY_ORGANIZATION,
    Body.VILLAGERS_COMMITTEE,
    Body.SUPERVISION_COMMITTEE,
    Body.COOPERATIVE_BOARD,
    Body.COOPERATIVE_SUPERVISORS,
)
# Whose members (and their near relatives) may not sit on the body, and the rule that says so.
BARRING: dict[str, tuple[str, str]] = {
    Body.SUPERVISION_COMMITTEE: (Body.VILLAGERS_COMMITTEE, "SUP-1"),
    Body.COOPERATIVE_SUPERVISORS: (Body.COOPERATIVE_BOARD, "CEO-5"),
}
# The assemblies that may elect each body, as tally-io.md's `assembly` values.
ASSEMBLIES: dict[str, tuple[str, ...]] = {
    Body.SUPERVISION_COMMITTEE: (AssemblyKind.VILLAGERS, AssemblyKind.REPRESENTATIVES),
    Body.COOPERATIVE_BOARD: (AssemblyKind.MEMBERS, AssemblyKind.REPRESENTATIVES),
    Body.COOPERATIVE_SUPERVISORS: (AssemblyKind.MEMBERS, AssemblyKind.REPRESENTATIVES),
}
_ASSEMBLY_NAMES: dict[tuple[bool, str], str] = {
    (False, AssemblyKind.VILLAGERS): "村民会议",
    (False, AssemblyKind.REPRESENTATIVES): "村民代表会议",
    (True, AssemblyKind.MEMBERS): "成员大会",
    (True, AssemblyKind.REPRESENTATIVES): "成员代表大会",
}
# What each body is called on pages and in documents.
BODY_TITLES: dict[str, str] = {
    Body.SUPERVISION_COMMITTEE: "村务监督委员会",
    Body.COOPERATIVE_BOARD: "集体经济组织理事会（社管会）",
    Body.COOPERATIVE_SUPERVISORS: "集体经济组织监事会（社监会）",
}
SIZE_HELP: dict[str, str] = {
    AssemblyKind.VILLAGERS: "本村年满十八周岁的村民人数",
    AssemblyKind.REPRESENTATIVES: "代表会议组成人员总数",
    AssemblyKind.MEMBERS: "具有完全民事行为能力的成员人数",
}

NOT_ASSEMBLY = "{election}不是由村民会议、村民代表会议或集体经济组织成员（代表）大会选举的。"
ASSEMBLY_NOT_ALLOWED = "{body}只能由{allowed}选举，请从中选择。"
SIZE_EMPTY = "请填写{assembly}的应到人数（{what}），人数须大于零。"
MEETING_MISSING = (
    "请先在本轮页面登记选举会议（村民会议或代表会议、成员大会或成员代表大会）及其应到人数，"
    "再录入计票单；到会人数以发出的选票计。"
)
MEETING_COUNTED = "{election}已经计出结果，选举会议不能再修改；如需更正，请由乡镇办理“重新开启”。"
EARLIER_BODY_OPEN = (
    "按换届顺序（村党组织、村民委员会、村务监督委员会、集体经济组织），"
    "须先完成{earlier}的选举（计出结果且不再需要另行选举或重选），才能录入{body}的计票单。"
)
BARRING_BODY_MISSING = (
    "本村换届计划中没有{earlier}的选举，无法确定哪些人不得当选{body}（{rule}）；"
    "请先在换届计划中安排并完成{earlier}的选举。"
)
HOLDERS_UNMATCHED = (
    "{earlier}当选人 {names} 还没有登记为任职人员（姓名未能对应选民名单上的唯一一人），"
    "无法确定其近亲属是否不得当选{body}（{rule}）；请先在{earlier}的结果页核对并登记。"
)


def is_assembly_body(election: Election) -> bool:
    return election.body in ASSEMBLY_BODIES


def body_title(body: str) -> str:
    return BODY_TITLES.get(body) or str(Body(body).label)


def post_label(body: str, post: str) -> str:
    """A post's Chinese name on this body (主任/委员; 理事长/副理事长/理事; 监事长/监事)."""
    return post_name(EngineBody(body), EnginePost(post))


def assembly_label(body: str, assembly: str) -> str:
    return _ASSEMBLY_NAMES[(EngineBody(body).is_cooperative, assembly)]


def assembly_choices(body: str) -> list[tuple[str, str]]:
    return [(kind, assembly_label(body, kind)) for kind in ASSEMBLIES[body]]


def meeting_of(election: Election) -> AssemblyMeeting | None:
    """The round's meeting; a later round (tie re-vote, 另行选举) held by the same meeting
    takes the meeting of the round it follows until its own is recorded."""
    current: Election | None = election
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        meeting = AssemblyMeeting.objects.filter(election=current).first()
        if meeting is not None:
            return meeting
        link = RoundLink.objects.filter(election=current).select_related("previous").first()
        current = link.previous if link else None
    return None


def meeting_record(
    *, election: Election, assembly: str, assembly_size: int, acting_user: User
) -> AssemblyMeeting:
    """Record (or correct, until the round is counted) the meeting that elects this round."""
    village = election.plan.village
    clerk_gate(acting_user, village)
    if not is_assembly_body(election):
        raise ValidationError(NOT_ASSEMBLY.format(election=election), code="scope")
    allowed = ASSEMBLIES[election.body]
    if assembly not in allowed:
        names = "或".join(assembly_label(election.body, kind) for kind in allowed)
        raise ValidationError(
            ASSEMBLY_NOT_ALLOWED.format(body=body_title(election.body), allowed=names),
            code="assembly",
        )
    if assembly_size is None or assembly_size <= 0:
        raise ValidationError(
            SIZE_EMPTY.format(
                assembly=assembly_label(election.body, assembly), what=SIZE_HELP[assembly]
            ),
            code="assembly_size",
        )
    with transaction.atomic():
        Election.objects.select_for_update().filter(pk=election.pk).first()
        if RoundResult.objects.filter(election=election).exists():
            raise ValidationError(MEETING_COUNTED.format(election=election), code="counted")
        meeting = AssemblyMeeting.objects.filter(election=election).first()
        before = None if meeting is None else _audit_view(meeting)
        if meeting is None:
            meeting = AssemblyMeeting(election=election)
        meeting.assembly = assembly
        meeting.assembly_size = assembly_size
        meeting.recorded_by = acting_user
        meeting.full_clean()
        meeting.save()
        record_audit(
            actor=acting_user,
            action=MEETING_RECORD,
            target=meeting,
            before=before,
            after=_audit_view(meeting),
            village=village,
        )
    return meeting


def _audit_view(meeting: AssemblyMeeting) -> dict[str, object]:
    return {"assembly": meeting.assembly, "assembly_size": meeting.assembly_size}


def _complete(plan_id: int, body: str) -> bool | None:
    """None when the plan has no election of the body; else whether it is done: its last round
    marked complete, or counted with nothing left to hold (the outcome's `next` is `complete`)."""
    last = Election.objects.filter(plan_id=plan_id, body=body).order_by("-round_number").first()
    if last is None:
        return None
    if last.status == ElectionStatus.COMPLETE:  # closed by its own procedure (a party election)
        return True
    result = RoundResult.objects.filter(election=last).first()
    return result is not None and result.outcome.get("next") == "complete"


def assembly_size(election: Election) -> int:
    """The gate of an assembly body's sheets: the bodies before it complete, the barring
    body's winners all recorded as holders, the meeting recorded. Returns the assembly's size."""
    title = body_title(election.body)
    for earlier in ORDER[: ORDER.index(election.body)]:
        if _complete(election.plan_id, earlier) is False:
            raise ValidationError(
                EARLIER_BODY_OPEN.format(earlier=body_title(earlier), body=title), code="order"
            )
    if election.body in BARRING:
        earlier, rule = BARRING[election.body]
        if _complete(election.plan_id, earlier) is None:
            raise ValidationError(
                BARRING_BODY_MISSING.format(earlier=body_title(earlier), body=title, rule=rule),
                code="order",
            )
        missing = _unrecorded_winners(election.plan_id, earlier)
        if missing:
            raise ValidationError(
                HOLDERS_UNMATCHED.format(
                    earlier=body_title(earlier), names="、".join(missing), body=title, rule=rule
                ),
                code="holders",
            )
    meeting = meeting_of(election)
    if meeting is None:
        raise ValidationError(MEETING_MISSING, code="meeting")
    return meeting.assembly_size


def _unrecorded_winners(plan_id: int, body: str) -> list[str]:
    names: list[str] = []
    for result in RoundResult.objects.filter(election__plan_id=plan_id, election__body=body):
        recorded = set(
            OfficeHolder.objects.filter(election_id=result.election_id).values_list(
                "person__name", flat=True
            )
        )
        names += [e["person"] for e in result.outcome["elected"] if e["person"] not in recorded]
    return sorted(set(names))


@dataclass(frozen=True)
class Barred:
    """A person who may not sit on the body, and why (for the page)."""

    name: str
    reason: str
    rule: str


def barred_people(election: Election) -> list[Barred]:
    """The barring body's holders elected in this plan, and their near relatives (SUP-1 /
    KIN-2, CEO-5), from the counted relation links (confirmed by the committee)."""
    if election.body not in BARRING:
        return []
    from huanjie.committees.kinship import key, kinship_index

    earlier, rule = BARRING[election.body]
    holders = list(
        OfficeHolder.objects.filter(
            election__plan_id=election.plan_id, election__body=earlier
        ).select_related("person")
    )
    if not holders:
        return []
    title = body_title(earlier)
    found: dict[int, Barred] = {}
    for holder in holders:
        found[holder.person_id] = Barred(
            holder.person.name, f"{title}{post_label(earlier, holder.post)}", rule
        )
    index = kinship_index([h.person for h in holders])
    by_key = {key(h.person_id): h for h in holders}
    for conflict in index.conflicts(NEAR):  # every related pair the index knows
        for mine, theirs in ((conflict.a, conflict.b), (conflict.b, conflict.a)):
            if theirs in by_key and mine not in by_key:
                person_id = int(mine)
                if person_id not in found:
                    holder = by_key[theirs]
                    found[person_id] = Barred(
                        Person.objects.only("name").get(pk=person_id).name,
                        f"{title}{post_label(earlier, holder.post)}{holder.person.name}的近亲属"
                        f"（{conflict.chain}）",
                        "KIN-2" if rule == "SUP-1" else rule,
                    )
    return sorted(found.values(), key=lambda b: (b.name, b.reason))


def contest_terms(election: Election, numbers: Numbers, size: int) -> dict[str, Any]:
    """The assembly fields of the round's contest (or of one box's, `size` its ballots)."""
    meeting = meeting_of(election)
    assembly = meeting.assembly if meeting else ASSEMBLIES[election.body][0]
    terms: dict[str, Any] = {
        "present": numbers.ballots_issued,
        "assembly": assembly,
        "assembly_size": size,
    }
    names = numbers.names
    barred = sorted({b.name for b in barred_people(election) if b.name in names})
    if barred:
        terms["barred"] = barred
    link = RoundLink.objects.filter(election=election).first()
    earlier = {seat["person"] for seat in link.elected_before} if link else set()
    relations = near_relations(election, names | earlier)
    if relations:
        terms["relations"] = relations
    return terms


def near_relations(election: Election, names: set[str]) -> list[list[str]]:
    """The near relatives (近亲属) among the named people, as tally-io.md's closed set
    `[[a, b, kind]]` (a the parent or grandparent): for the engine's avoidance among the
    elected (cooperatives always near relatives, KIN-5 / CEO-4). A name is a person when
    exactly one villager bears it; the links are the committee's confirmed ones."""
    from huanjie.committees.kinship import key, kinship_index
    from huanjie.people.models import CloseRelative

    if len(names) < 2:
        return []
    found: dict[str, list[int]] = {}
    rows = Person.objects.filter(village=election.plan.village, name__in=names)
    for name, pk in rows.values_list("name", "id"):
        found.setdefault(name, []).append(pk)
    people = {ids[0]: name for name, ids in found.items() if len(ids) == 1}
    if len(people) < 2:
        return []
    index = kinship_index(Person.objects.filter(pk__in=people))
    conflicts = index.conflicts(NEAR, among=[key(pk) for pk in people])
    on_paths = {int(k) for c in conflicts for k in c.path}
    # Directed links among them: (elder, younger) for parent_child and grandparent_grandchild.
    elder = set(
        CloseRelative.objects.for_recusal()
        .filter(person_a_id__in=on_paths, person_b_id__in=on_paths)
        .exclude(kind__in=["spouse", "sibling"])
        .values_list("person_a_id", "person_b_id")
    )
    relations = []
    for conflict in conflicts:
        a, b = int(conflict.a), int(conflict.b)
        kind = str(conflict.kind)
        if kind in ("spouse", "sibling"):
            elder_first = True
        elif len(conflict.path) == 3:  # a grandparent through a's child, or a grandchild
            elder_first = (a, int(conflict.path[1])) in elder
        else:
            elder_first = (a, b) in elder
        first, second = (a, b) if elder_first else (b, a)
        relations.append([people[first], people[second], kind])
    return sorted(relations)
