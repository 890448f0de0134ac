"""The party roll of a village's party election as of its election day, with "should attend"
derived as the officials read it (reads only).

The members are those of the village's party organization(s) on the register (the village
page's count, huanjie.people.figures: someone who left the register is not counted, roll entry
or not). Rights come from the rule engine (`member_rights`, PB-RIGHTS-1/2), the count from
`should_attend` (PB-QUORUM-2, SEED-PB-REG) and the quorum from the profile (PB-QUORUM-1):
nothing here decides the law, it only gathers the rows and words the outcome.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from huanjie.elections.models import (
    AttendanceExclusion,
    Body,
    Election,
    Ground,
    MemberRegistration,
    Round,
)
from huanjie.people.figures import party_members_off_roll
from huanjie.people.models import (
    MembershipStatus,
    PartyMembership,
    PartyOrganization,
    Person,
    RegisterStatus,
    Sex,
)
from huanjie.rules.checks import Cmp, Finding, fraction_phrase, minimum_count, warn
from huanjie.rules.party import member_rights as rights_rules
from huanjie.rules.party.member_rights import (
    MemberRights,
    MemberStatus,
    PartyMember,
    PartyProbation,
    ShouldAttend,
)
from huanjie.rules.profiles.profile import Profile, load_profile
from huanjie.rules.timeline.periods import add_years

if TYPE_CHECKING:
    from huanjie.regions.models import Region

HAN = "汉族"
REGISTRATION_SWITCH = "pb.registration_defines_should_attend"


def party_election(village: Region) -> Election | None:
    """The village party organization's election of the latest round (its first vote)."""
    return (
        Election.objects.filter(
            plan__village=village, body=Body.PARTY_ORGANIZATION, round=Round.FIRST
        )
        .select_related("plan__campaign", "plan__village")
        .order_by("-plan__campaign__term_start_year", "-pk")
        .first()
    )


def probation_of(membership: PartyMembership) -> PartyProbation | None:
    """The roll keeps only the last day of 留党察看; its first day is taken as the earliest a
    sanction of at most two years could have begun (PB-RIGHTS-2 [I]): a member is never
    counted as voting on a day the sanction might have covered."""
    end = membership.probation_until
    if end is None:
        return None
    return PartyProbation(start=add_years(end, -2) + timedelta(days=1), end=end)


def rule_member(membership: PartyMembership, *, key: str, registered: bool) -> PartyMember:
    return PartyMember(
        key=key,
        status=MemberStatus(membership.status),
        probation=probation_of(membership),
        suspended=membership.suspended,
        registered=registered,
    )


@dataclass(frozen=True)
class RollRow:
    person: Person
    membership: PartyMembership
    rights: MemberRights
    exclusion: AttendanceExclusion | None  # open (not withdrawn), approved or not
    registration: MemberRegistration | None
    counted: bool  # in "should attend"
    left_out_unregistered: bool  # SEED-PB-REG left them out

    @property
    def category(self) -> str:
        return str(self.membership.get_status_display())

    @property
    def state(self) -> str:
        """What the row means for the count, in one phrase."""
        if not self.rights.has_rights:
            return "无表决权，不计入"
        if self.exclusion is not None and self.exclusion.approved:
            return "不列入应到会人数"
        if self.left_out_unregistered:
            return "未参加选举登记，不计入"
        if self.exclusion is not None:
            return "应到会（不列入尚待批准）"
        return "应到会"


@dataclass(frozen=True)
class Line:
    """One step of the derivation with the rule that decides it."""

    label: str
    count: int
    rule_id: str
    note: str = ""
    key: str = ""  # a stable name for tests and the API
    total: bool = False  # a result line (有表决权 / 应到会), not a subtraction


@dataclass(frozen=True)
class Quorum:
    """PB-QUORUM-1: present voting members ⋛ fraction × base."""

    base_label: str
    base: int
    fraction: Fraction
    cmp: Cmp
    required: int

    @property
    def phrase(self) -> str:
        return fraction_phrase(self.fraction, self.cmp)

    @property
    def sentence(self) -> str:
        return (
            f"到会的有表决权党员须达{self.base_label}{self.base}名的{self.phrase}，"
            f"即至少{self.required}名，选举方为有效"
        )


@dataclass(frozen=True)
class PartyRoll:
    village: Region
    election: Election | None
    organizations: list[PartyOrganization]
    on: date
    on_election_day: bool
    profile: Profile
    registration_defines: bool
    rows: list[RollRow]
    off_roll: list[Person]
    outcome: ShouldAttend
    lines: list[Line]
    quorum: Quorum
    issues: list[Finding] = field(default_factory=list)
    withdrawn: list[AttendanceExclusion] = field(default_factory=list)
    open_exclusions: list[AttendanceExclusion] = field(default_factory=list)

    @property
    def full(self) -> int:
        return sum(1 for r in self.rows if r.membership.status == MembershipStatus.FULL)

    @property
    def probationary(self) -> int:
        return len(self.rows) - self.full

    @property
    def women(self) -> int:
        return sum(1 for r in self.rows if r.person.sex == Sex.FEMALE)

    @property
    def minorities(self) -> int:
        return sum(1 for r in self.rows if r.person.ethnicity and r.person.ethnicity != HAN)

    @property
    def registered(self) -> int:
        return sum(1 for r in self.rows if r.registration is not None)

    @property
    def summary(self) -> str:
        """The derivation in one sentence, as a report to the township reads."""
        by = {line.key: line for line in self.lines}
        parts = [f"党员{len(self.rows)}名，其中预备党员{self.probationary}名"]
        sub = [f"{by[k].label}{by[k].count}名" for k in ("probation", "suspended") if by[k].count]
        full = f"正式党员{self.full}名" + (f"，其中{'、'.join(sub)}" if sub else "")
        parts.append(f"{full}，有表决权的党员{self.outcome.voting_members}名")
        if by["excluded"].count:
            parts.append(
                f"经上级党组织同意并经党员大会通过不列入应到会人数{by['excluded'].count}名"
                f"（{by['excluded'].note}）"
            )
        if self.registration_defines and by["unregistered"].count:
            parts.append(f"未参加选举登记{by['unregistered'].count}名")
        parts.append(f"应到会{self.outcome.should_attend}名")
        return "；".join(parts) + "。"


def _members(village: Region) -> QuerySet[PartyMembership]:
    return (
        PartyMembership.objects.filter(
            organization__village=village, person__status=RegisterStatus.ACTIVE
        )
        .select_related("person__household", "organization")
        .order_by("organization__name", "status", "person__name", "person_id")
    )


def _keys(memberships: list[PartyMembership]) -> dict[int, str]:
    """The name each member goes by in the rule engine's messages: the name, or with the 户号
    where two members share it."""
    names = Counter(m.person.name for m in memberships)
    keys: dict[int, str] = {}
    for m in memberships:
        p = m.person
        key = p.name
        if names[p.name] > 1:
            key = f"{p.name}（{p.household.number}户）" if p.household else f"{p.name}（{p.pk}）"
        keys[p.pk] = key
    return keys


# How a report counts the grounds in a few words ("因病1名、出国2名").
GROUND_SHORT = {
    Ground.ILLNESS: "因病",
    Ground.ABROAD: "出国（境）",
    Ground.SERVING_SENTENCE: "服刑",
    Ground.BEDRIDDEN: "年老卧床或长期患病",
    Ground.AWAY: "外出工作学习",
    Ground.RETIRED_ELSEWHERE: "退休回原籍",
    Ground.FLOATING: "流动党员外出",
}


def _ground_note(exclusions: list[AttendanceExclusion]) -> str:
    counts = Counter(e.ground for e in exclusions)
    return "、".join(f"{GROUND_SHORT[Ground(g)]}{n}名" for g, n in counts.items())


def _quorum(profile: Profile, outcome: ShouldAttend) -> Quorum:
    everyone = profile.get_str("pb.quorum_base") == "all_voting_members"
    base = outcome.voting_members if everyone else outcome.should_attend
    fraction = profile.get_fraction("pb.quorum_fraction")
    cmp = Cmp(profile.get_str("pb.quorum_cmp"))
    return Quorum(
        base_label="有表决权的党员" if everyone else "应到会人数",
        base=base,
        fraction=fraction,
        cmp=cmp,
        required=minimum_count(fraction, base, cmp),
    )


def party_roll(*, village: Region, on: date | None = None) -> PartyRoll:
    """The roll of the village's party election on its election day (or `on`, or today while
    the day is not fixed), every row with its rights, exclusion and registration."""
    election = party_election(village)
    day = on or (election.election_day if election is not None else None)
    on_election_day = on is None and day is not None
    day = day or timezone.localdate()
    campaign = election.plan.campaign if election is not None else None
    profile = load_profile(campaign.party_profile_id if campaign is not None else "PB_2020")
    registration_defines = profile.get_bool(REGISTRATION_SWITCH)
    memberships = list(_members(village))
    keys = _keys(memberships)
    open_exclusions: dict[int, AttendanceExclusion] = {}
    withdrawn: list[AttendanceExclusion] = []
    registrations: dict[int, MemberRegistration] = {}
    if election is not None:
        for ex in AttendanceExclusion.objects.filter(election=election).select_related(
            "person", "higher_recorded_by", "meeting_recorded_by", "withdrawn_by"
        ):
            if ex.withdrawn_at is None:
                open_exclusions[ex.person_id] = ex
            else:
                withdrawn.append(ex)
        registrations = {
            r.person_id: r for r in MemberRegistration.objects.filter(election=election)
        }
    members = [
        rule_member(m, key=keys[m.person_id], registered=m.person_id in registrations)
        for m in memberships
    ]
    on_roll = {m.person_id for m in memberships}
    rule_exclusions = [
        rights_rules.AttendanceExclusion(
            member_key=keys[pid],
            ground=rights_rules.ExclusionGround(ex.ground),
            higher_org_approved=ex.higher_approved_on is not None,
            meeting_approved=ex.meeting_approved_on is not None,
        )
        for pid, ex in open_exclusions.items()
        if pid in on_roll
    ]
    outcome = rights_rules.should_attend(
        members, rule_exclusions, on=day, registration_defines_should_attend=registration_defines
    )
    excluded, unregistered = set(outcome.excluded), set(outcome.unregistered)
    rows: list[RollRow] = []
    for m, member in zip(memberships, members, strict=True):
        right = rights_rules.member_rights(member, day)
        rows.append(
            RollRow(
                person=m.person,
                membership=m,
                rights=right,
                exclusion=open_exclusions.get(m.person_id),
                registration=registrations.get(m.person_id),
                counted=right.has_rights
                and member.key not in excluded
                and member.key not in unregistered,
                left_out_unregistered=member.key in unregistered,
            )
        )
    off_roll = list(party_members_off_roll(village=village).order_by("name", "pk"))
    issues = list(outcome.issues)
    if off_roll:
        issues.append(
            warn(
                "PB-QUORUM-2",
                f"户籍登记中另有{len(off_roll)}名政治面貌为党员的村民不在党员名册中，"
                "没有计入；请村党组织核实后登记入册，应到会人数才完整。",
            )
        )
    for pid, ex in open_exclusions.items():
        if pid not in on_roll:
            issues.append(
                warn(
                    "PB-QUORUM-2",
                    f"{ex.person.name}已不在本村党员名册（或已迁出），其不列入应到会人数"
                    "一条不再计算；请撤回。",
                )
            )
    lines = _lines(rows, outcome, registration_defines)
    return PartyRoll(
        village=village,
        election=election,
        organizations=list(PartyOrganization.objects.filter(village=village).order_by("name")),
        on=day,
        on_election_day=on_election_day,
        profile=profile,
        registration_defines=registration_defines,
        rows=rows,
        off_roll=off_roll,
        outcome=outcome,
        lines=lines,
        quorum=_quorum(profile, outcome),
        issues=issues,
        withdrawn=withdrawn,
        open_exclusions=list(open_exclusions.values()),
    )


def _lines(rows: list[RollRow], outcome: ShouldAttend, registration_defines: bool) -> list[Line]:
    full = [r for r in rows if r.membership.status == MembershipStatus.FULL]
    no_rights = [r for r in full if not r.rights.has_rights]
    probation = [r for r in no_rights if r.rights.rule_id == "PB-RIGHTS-2"]
    suspended = [r for r in no_rights if r.rights.rule_id != "PB-RIGHTS-2"]
    excluded = [
        r.exclusion
        for r in rows
        if r.rights.has_rights and r.exclusion is not None and r.exclusion.approved
    ]
    registered = sum(1 for r in rows if r.rights.has_rights and r.registration is not None)
    lines = [
        Line(
            "党员名册",
            len(rows),
            "PB-RIGHTS-1",
            f"其中预备党员{len(rows) - len(full)}名，没有表决权",
            "members",
        ),
        Line("正式党员", len(full), "PB-RIGHTS-1", "", "full", total=True),
        Line(
            "留党察看期间",
            len(probation),
            "PB-RIGHTS-2",
            "察看期间没有表决权，期满次日恢复",
            "probation",
        ),
        Line(
            "权利暂停", len(suspended), "PB-RIGHTS-1", "被留置或逮捕，党员权利被停止", "suspended"
        ),
        Line("有表决权的党员", outcome.voting_members, "PB-RIGHTS-1", "", "voting", total=True),
        Line(
            "经上级党组织同意并经党员大会通过不列入应到会人数",
            len(outcome.excluded),
            "PB-QUORUM-2",
            _ground_note(excluded),
            "excluded",
        ),
    ]
    if registration_defines:
        lines.append(
            Line(
                "未参加选举登记",
                len(outcome.unregistered),
                "SEED-PB-REG",
                "规则方案规定以选举登记确定应到会人数",
                "unregistered",
            )
        )
    else:
        lines.append(
            Line(
                "未参加选举登记",
                0,
                "SEED-PB-REG",
                f"有表决权的党员中已登记{registered}名；本规则方案不以登记确定应到会人数，"
                "登记仅供了解",
                "unregistered",
            )
        )
    lines.append(
        Line("应到会", outcome.should_attend, "PB-QUORUM-2", "", "should_attend", total=True)
    )
    return lines
