"""Kinship recusal (任职回避) of one village's nomination: every pair of people related within a
rule's relation set, with the chain ("甲是乙的外孙（甲是丙的儿子，丙是乙的女儿）") and the rule.

The groups, from what the system holds on the day asked: the live applicants and candidates of
the villagers' committee election (the slate), the sitting members of the election committee,
and the sitting office holders of the party organization, the supervision committee and the
cooperative's boards. The rules are the engine's (`huanjie.rules.kinship.rules`): KIN-1 within
the slate (decided after the count, VC-TALLY-9), VC-EC-4 (KIN-4) election committee against the
slate, KIN-2 supervision committee against the slate, KIN-5 the cooperative's boards,
SEED-KIN-X between bodies and KIN-6 the 一肩挑 person's wider set. Only counted links take part
(`huanjie.committees.kinship.kinship_index`: confirmed, not rejected).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from huanjie.committees.kinship import key, kinship_index
from huanjie.committees.models import CommitteeMember
from huanjie.committees.services.common import profile_of, vc_election
from huanjie.elections.models import Body, OfficeHolder, Post
from huanjie.nominations.models import LIVE, Application
from huanjie.people.models import Person
from huanjie.rules.kinship import rules
from huanjie.rules.kinship.avoidance import KinConflict

if TYPE_CHECKING:
    from huanjie.regions.models import Region

# What each rule asks, in words, and what follows from a conflict.
RULES: dict[str, tuple[str, str]] = {
    "KIN-1": (
        "村民委员会候选人之间",
        "两人同时当选的，按 VC-TALLY-9 保留职务高者（职务相同保留得票多者），另一人的职位另行补足。",
    ),
    "VC-EC-4": (
        "村民选举委员会成员与候选人",
        "该选委会成员应当退出村民选举委员会，按原推选结果依次递补（VC-EC-3）。",
    ),
    "KIN-2": (
        "村务监督委员会成员与村民委员会候选人",
        "候选人当选后，其近亲属不得担任村务监督委员会成员，应在监委会换届时回避。",
    ),
    "KIN-5": (
        "经济合作社社管会成员之间，及社管会成员与社监会成员",
        "近亲属不得同时担任社管会成员，社管会成员的近亲属不得担任社监会成员。",
    ),
    "SEED-KIN-X": (
        "村党组织、村民委员会、经济合作社之间",
        "不同组织之间的任职回避，按本地换届方案提示或阻止。",
    ),
    "KIN-6": (
        "“一肩挑”人选的近亲属",
        "“一肩挑”人选与其配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女实行任职回避。",
    ),
}


@dataclass(frozen=True)
class RecusalConflict:
    rule_id: str  # the rule's ID as shown (KIN-1b, VC-EC-4 …)
    family: str  # the key of RULES
    a: str
    a_roles: str
    b: str
    b_roles: str
    chain: str
    blocking: bool
    person_ids: tuple[int, int]

    @property
    def what(self) -> str:
        return RULES[self.family][0]

    @property
    def consequence(self) -> str:
        return RULES[self.family][1]


@dataclass
class Recusal:
    village: Region
    on: date
    conflicts: list[RecusalConflict] = field(default_factory=list)
    yjt_holder: str = ""
    checked: list[str] = field(default_factory=list)  # the rules asked, for the page
    not_checked: list[str] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        return any(c.blocking for c in self.conflicts)

    def of_person(self, person_id: int) -> list[RecusalConflict]:
        return [c for c in self.conflicts if person_id in c.person_ids]


def _sitting(village: Region, on: date) -> list[OfficeHolder]:
    return list(
        OfficeHolder.objects.filter(village=village, term_start__lte=on, term_end__gt=on)
        .select_related("person")
        .order_by("body", "post", "person_id")
    )


def _yjt_holder(holders: list[OfficeHolder], slate: list[Application]) -> Person | None:
    """The 一肩挑 person: the sitting party secretary standing for 主任, else whoever sits both
    as party secretary and as 主任."""
    secretaries = {
        h.person_id: h.person
        for h in holders
        if h.body == Body.PARTY_ORGANIZATION and h.post == Post.SECRETARY
    }
    for a in slate:
        if a.recruitment.post == Post.CHAIR and a.person_id in secretaries:
            return secretaries[a.person_id]
    chairs = {
        h.person_id for h in holders if h.body == Body.VILLAGERS_COMMITTEE and h.post == Post.CHAIR
    }
    return next((p for pid, p in secretaries.items() if pid in chairs), None)


def village_recusal(village: Region, on: date) -> Recusal:
    """Every kinship conflict of the village's nomination on `on` (a few queries)."""
    report = Recusal(village=village, on=on)
    election = vc_election(village)
    if election is None:
        return report
    profile = profile_of(election)
    if election.election_day is not None and election.election_day < on:
        # After the vote the bodies it was checked against are the ones sitting on its day.
        on = report.on = election.election_day
    report.checked = [
        "KIN-1（候选人之间）",
        "VC-EC-4（选委会成员）",
        "KIN-2（村务监督委员会）",
        "KIN-5（经济合作社）",
        "SEED-KIN-X（组织之间）",
        "KIN-6（“一肩挑”人选）",
    ]
    # Counting staff are appointed on the voting page, which checks them against the candidates
    # (huanjie.voting, a floor above this one).
    report.not_checked = ["KIN-3（唱票、计票、监票人员）在“投票安排”页登记时核查"]
    slate = list(
        Application.objects.filter(recruitment__election=election, status__in=LIVE)
        .select_related("person", "recruitment")
        .order_by("id")
    )
    ec = list(
        CommitteeMember.objects.filter(committee__election=election, left_on__isnull=True)
        .select_related("person")
        .order_by("id")
    )
    holders = _sitting(village, on)
    roles: dict[str, list[str]] = defaultdict(list)
    people: dict[int, Person] = {}
    for a in slate:
        people[a.person_id] = a.person
        roles[key(a.person_id)].append(
            f"{a.recruitment.get_post_display()}{a.get_status_display()}"
        )
    for m in ec:
        people[m.person_id] = m.person
        roles[key(m.person_id)].append(f"选委会{m.get_role_display()}")
    bodies: dict[str, set[str]] = defaultdict(set)
    for h in holders:
        people[h.person_id] = h.person
        roles[key(h.person_id)].append(f"现任{h.get_body_display()}{h.get_post_display()}")
        bodies[h.body].add(key(h.person_id))
    if not people:
        return report
    index = kinship_index(people.values())
    candidates = {key(a.person_id) for a in slate}
    members = {key(m.person_id) for m in ec}
    party = bodies[Body.PARTY_ORGANIZATION]
    board = bodies[Body.COOPERATIVE_BOARD]
    found: list[tuple[str, KinConflict]] = []
    found += [("KIN-1", c) for c in rules.kin_1_vc_members(index, profile, candidates)]
    for c in rules.kin_4_election_committee(index, profile, candidates, members):
        found.append(("VC-EC-4", c))
    supervisors = bodies[Body.SUPERVISION_COMMITTEE]
    found += [("KIN-2", c) for c in rules.kin_2_supervision(index, candidates, supervisors)]
    coop_supervisors = bodies[Body.COOPERATIVE_SUPERVISORS]
    found += [("KIN-5", c) for c in rules.kin_5_cooperative(index, board, (), coop_supervisors)]
    for c in rules.seed_kin_x_cross_body(index, profile, party, candidates, board):
        found.append(("SEED-KIN-X", c))
    holder = _yjt_holder(holders, slate)
    if holder is not None:
        report.yjt_holder = holder.name
        everyone = party | candidates | board
        for c in rules.kin_6_concurrent_posts(index, profile, key(holder), everyone):
            found.append(("KIN-6", c))
    for family, c in found:
        rule_id = "VC-EC-4" if family == "VC-EC-4" else c.rule_id
        # KIN-1 pairs among candidates are settled after the count (VC-TALLY-9): a warning now.
        blocking = c.blocking and family != "KIN-1"
        report.conflicts.append(
            RecusalConflict(
                rule_id=rule_id,
                family=family,
                a=index.person(c.a).name,
                a_roles="、".join(roles[c.a]) or "亲属",
                b=index.person(c.b).name,
                b_roles="、".join(roles[c.b]) or "亲属",
                chain=c.chain,
                blocking=blocking,
                person_ids=(int(c.a), int(c.b)),
            )
        )
    return report
