"""Reads of the election committee and the representatives, with the rules' checks on them as
they stand (VC-EC-1 size, REP-3 composition, REP-4 and REP-7 counts): the pages, the API, the
commands and the announcements read the same pictures. The caller has passed the village gate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum

from huanjie.committees import messages as msg
from huanjie.committees.models import (
    Basis,
    CommitteeMember,
    CommitteeNominee,
    CommitteeRole,
    CommitteeVote,
    Constituency,
    ElectionCommittee,
    RepresentativePlan,
    Seating,
    Selection,
    SelectionVote,
)
from huanjie.committees.services.common import profile_of, vc_election
from huanjie.committees.services.representatives import (
    apportionment_findings,
    group_households,
    minimum_total,
)
from huanjie.elections.models import Election, ElectionSeat
from huanjie.people.figures import is_party_member, village_figures
from huanjie.people.models import Person, Sex
from huanjie.regions.models import Region
from huanjie.rules.bodies.assemblies import (
    Representative,
    one_household_one_representative,
    representative_bounds,
    representatives_assembly_tests,
    zj_minimum_representatives,
)
from huanjie.rules.bodies.election_committee import check_size
from huanjie.rules.checks import Finding, Threshold, in_zhejiang
from huanjie.rules.ordering.strokes import load_stroke_table, sort_by_surname_strokes
from huanjie.rules.profiles.profile import Profile

ROLE_ORDER = {CommitteeRole.CHAIR: 0, CommitteeRole.VICE_CHAIR: 1, CommitteeRole.MEMBER: 2}


def in_stroke_order(people: Iterable[Person]) -> list[Person]:
    """Names as announcements list them: by surname strokes (姓氏笔画)."""
    return sort_by_surname_strokes(people, load_stroke_table(), key=lambda p: p.name).items


# --- the committee ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteLine:
    vote: CommitteeVote
    outcome: str  # 当选主任 / 递补为委员 / 未当选 …
    member: CommitteeMember | None


@dataclass(frozen=True)
class CommitteeView:
    village: Region
    election: Election | None
    profile: Profile | None
    committee: ElectionCommittee | None
    sitting: list[CommitteeMember] = field(default_factory=list)
    left: list[CommitteeMember] = field(default_factory=list)
    votes: list[VoteLine] = field(default_factory=list)
    nominees: list[CommitteeNominee] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def size_range(self) -> tuple[int, int] | None:
        if self.profile is None:
            return None
        return self.profile.get_int("ec.size_min"), self.profile.get_int("ec.size_max")

    @property
    def trigger(self) -> str:
        """When a member must leave (VC-EC-2, `ec.withdraw_trigger`), in words."""
        return (
            "" if self.profile is None else msg.TRIGGER[self.profile.get_str("ec.withdraw_trigger")]
        )

    @property
    def relatives(self) -> str:
        """Whose candidacy makes a member leave too (VC-EC-4, `ec.withdraw_relatives`)."""
        if self.profile is None:
            return ""
        return msg.RELATIVES_SET[self.profile.get_relation_set("ec.withdraw_relatives").value]

    @property
    def make_up(self) -> str:
        """What the province asks about the sitting members (practice.md §4): women, party
        members."""
        women = sum(1 for m in self.sitting if m.person.sex == Sex.FEMALE)
        party = sum(1 for m in self.sitting if is_party_member(m.person))
        return f"其中妇女 {women} 名、党员 {party} 名"

    @property
    def has_chair(self) -> bool:
        return any(m.role == CommitteeRole.CHAIR for m in self.sitting)

    def by_role(self, role: str) -> list[CommitteeMember]:
        return [m for m in self.sitting if m.role == role]


def _outcome(member: CommitteeMember | None, next_in_line: int | None) -> str:
    if member is None:
        return "未当选" if next_in_line is None else f"未当选，依次递补第{next_in_line}位"
    joined = (
        f"递补为{member.get_role_display()}"
        if member.replaces_id
        else (f"推选为{member.get_role_display()}")
    )
    if member.left_on is not None:
        return f"{joined}，{member.left_on:%Y-%m-%d}退出"
    return joined


def committee_view(*, village: Region) -> CommitteeView:
    """The round's committee: sitting members by role, those who left with why, the 推选's
    result line by line, the recorded nominees, and VC-EC-1's size check as it stands."""
    election = vc_election(village)
    if election is None:
        return CommitteeView(village, None, None, None)
    profile = profile_of(election)
    committee = (
        ElectionCommittee.objects.filter(election=election).select_related("village").first()
    )
    if committee is None:
        return CommitteeView(village, election, profile, None)
    members = list(committee.members.select_related("person", "leave_because", "replaces__person"))
    sitting = sorted(
        (m for m in members if m.left_on is None),
        key=lambda m: (ROLE_ORDER[CommitteeRole(m.role)], m.seated_on, m.pk),
    )
    left = sorted((m for m in members if m.left_on is not None), key=lambda m: (m.left_on, m.pk))
    member_of = {m.person_id: m for m in members}
    votes: list[VoteLine] = []
    waiting = 0
    for v in committee.votes.select_related("person").order_by("position"):
        member = member_of.get(v.person_id)
        waiting += member is None
        votes.append(VoteLine(v, _outcome(member, waiting if member is None else None), member))
    nominees = list(committee.nominees.select_related("person").order_by("on", "pk"))
    findings = check_size(profile, len(sitting))
    return CommitteeView(
        village, election, profile, committee, sitting, left, votes, nominees, findings
    )


# --- the representatives ------------------------------------------------------------------------


@dataclass(frozen=True)
class ConstituencyLine:
    constituency: Constituency
    households: int
    first: str  # 户号 range of a household-based unit ("" for a group)
    last: str
    selection: Selection | None
    elected: list[SelectionVote]
    votes: list[SelectionVote]


@dataclass(frozen=True)
class CompositionLine:
    """One REP-3 test as the screen says it: what is counted, how many, how many needed."""

    threshold: Threshold
    label: str
    rule_text: str

    @property
    def sentence(self) -> str:
        t = self.threshold
        return f"{self.label} {t.count} 名，至少需要 {t.required} 名"


@dataclass(frozen=True)
class RepresentativesView:
    village: Region
    election: Election | None
    profile: Profile | None
    plan: RepresentativePlan | None
    lines: list[ConstituencyLine] = field(default_factory=list)
    vc_seats: int = 0
    seats: int = 0
    elected: list[SelectionVote] = field(default_factory=list)
    composition: list[CompositionLine] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    minimum: int = 0
    households: int = 0
    population: int = 0
    minimum_reasons: list[str] = field(default_factory=list)

    @property
    def selected(self) -> int:
        return sum(1 for line in self.lines if line.selection is not None)

    @property
    def complete(self) -> bool:
        return bool(self.lines) and self.selected == len(self.lines)

    @property
    def women(self) -> int:
        return sum(1 for v in self.elected if v.person.sex == Sex.FEMALE)

    @property
    def make_up(self) -> str:
        """The representatives as the province counts them (practice.md §4): women, party
        members, minorities, each with its share."""
        total = len(self.elected)
        if not total:
            return ""
        people = [v.person for v in self.elected]
        parts = [
            ("妇女", sum(1 for p in people if p.sex == Sex.FEMALE)),
            ("党员", sum(1 for p in people if is_party_member(p))),
            ("少数民族", sum(1 for p in people if p.ethnicity and p.ethnicity != "汉族")),
        ]
        return "，".join(f"{label} {n} 名（{_share(n, total)}）" for label, n in parts)

    @property
    def women_needed(self) -> int:
        """Women among the representatives REP-3 asks for once every seat is filled."""
        tests = representatives_assembly_tests(_placeholders(self.seats), self.vc_seats)
        return tests[1].required


def _share(part: int, whole: int) -> str:
    """A share to one decimal, rounded half up, in integers: 20 of 46 → "43.5%"."""
    tenths = (part * 1000 * 2 + whole) // (2 * whole)
    return f"{tenths // 10}.{tenths % 10}%"


def _placeholders(n: int) -> list[Representative]:
    return [Representative(str(i), "", str(i), False) for i in range(n)]


def vc_seat_total(election: Election) -> int:
    """The villagers' committee members who sit in the representatives' assembly (REP-3): the
    seats of the round's election."""
    total = ElectionSeat.objects.filter(election=election).aggregate(n=Sum("seats"))["n"]
    return int(total or 0)


def _lines(plan: RepresentativePlan) -> list[ConstituencyLine]:
    constituencies = (
        plan.constituencies.select_related("villager_group")
        .annotate(household_total=Count("households"))
        .prefetch_related(
            Prefetch(
                "selection__votes",
                queryset=SelectionVote.objects.select_related(
                    "person__household", "person__party_membership"
                ).order_by("-votes", "pk"),
            ),
        )
        .order_by("number")
    )
    groups = {g.group.pk: len(g.households) for g in group_households(plan.village)}
    lines = []
    for c in constituencies:
        selection = getattr(c, "selection", None) if _has_selection(c) else None
        votes = list(selection.votes.all()) if selection else []
        numbers = sorted(c.households.values_list("number", flat=True)) if c.household_total else []
        lines.append(
            ConstituencyLine(
                constituency=c,
                households=c.household_total or groups.get(c.villager_group_id, 0),
                first=numbers[0] if numbers else "",
                last=numbers[-1] if numbers else "",
                selection=selection,
                elected=[v for v in votes if v.elected],
                votes=votes,
            )
        )
    return lines


def _has_selection(constituency: Constituency) -> bool:
    try:
        constituency.selection  # noqa: B018  # the reverse one-to-one, prefetched
    except Selection.DoesNotExist:
        return False
    return True


def _composition(elected: list[SelectionVote], vc_seats: int) -> list[CompositionLine]:
    reps = [
        Representative(str(v.person_id), v.person.name, str(v.person.household_id),
                       v.person.sex == Sex.FEMALE)
        for v in elected
    ]  # fmt: skip
    share, women = representatives_assembly_tests(reps, vc_seats)
    return [
        CompositionLine(share, "村民代表", "村民代表应占村民代表会议组成人员的五分之四以上"),
        CompositionLine(women, "妇女代表", "妇女代表应占村民代表会议组成人员的三分之一以上"),
    ]


def representatives_view(*, village: Region) -> RepresentativesView:
    """The apportionment, each constituency with its selection, the representatives elected so
    far and the checks on them: REP-3 composition with the VC's seats, REP-4 and REP-7 counts
    (live: they read what is recorded now)."""
    election = vc_election(village)
    if election is None:
        return RepresentativesView(village, None, None, None)
    profile = profile_of(election)
    counts = village_figures(village=village)
    plan = RepresentativePlan.objects.filter(election=election).select_related("village").first()
    vc_seats = vc_seat_total(election)
    minimum = minimum_total(counts.households, counts.people, profile)
    reasons = minimum_reasons(counts.households, counts.people, profile)
    if plan is None:
        return RepresentativesView(
            village, election, profile, None, vc_seats=vc_seats, minimum=minimum,
            households=counts.households, population=counts.people, minimum_reasons=reasons,
        )  # fmt: skip
    lines = _lines(plan)
    elected = [v for line in lines for v in line.elected]
    seats = sum(line.constituency.seats for line in lines)
    findings = apportionment_findings(seats, plan.households, plan.population, profile)
    if elected:
        reps = [
            Representative(str(v.person_id), v.person.name, str(v.person.household_id),
                           v.person.sex == Sex.FEMALE)
            for v in elected
        ]  # fmt: skip
        # The count itself is the plan's (above); of the elected, REP-7's household rule.
        if in_zhejiang(profile):
            findings += one_household_one_representative(reps)
    return RepresentativesView(
        village=village,
        election=election,
        profile=profile,
        plan=plan,
        lines=lines,
        vc_seats=vc_seats,
        seats=seats,
        elected=elected,
        composition=_composition(elected, vc_seats),
        findings=findings,
        minimum=minimum,
        households=counts.households,
        population=counts.people,
        minimum_reasons=reasons,
    )


def minimum_reasons(households: int, population: int, profile: Profile) -> list[str]:
    """Why the village needs at least so many representatives, rule by rule."""
    low, high = representative_bounds(households)
    reasons = [f"按每五户至十五户推选一人，{households:,}户为{low}至{high}名（REP-4）"]
    if in_zhejiang(profile):
        zj = zj_minimum_representatives(population)
        reasons.append(f"浙江规定{population:,}人的村不少于{zj}名（REP-7）")
    return reasons


def basis_label(plan: RepresentativePlan | None) -> str:
    return "" if plan is None else str(Basis(plan.basis).label)


# --- a township's villages ---------------------------------------------------------------------


@dataclass(frozen=True)
class VillageStatus:
    village: Region
    election: Election | None
    committee: ElectionCommittee | None
    sitting: int
    left: int
    nominees: int
    plan: RepresentativePlan | None
    constituencies: int
    selected: int
    seats: int
    elected: int
    women: int


def villages_status(*, villages: Iterable[Region]) -> list[VillageStatus]:
    """Each village's committee and representatives at a glance (a few queries in all)."""
    villages = list(villages)
    ids = [v.pk for v in villages]
    elections: dict[int, Election] = {}
    for found in (
        Election.objects.filter(plan__village_id__in=ids, body="villagers_committee", round="first")
        .select_related("plan")
        .order_by("plan__campaign__term_start_year", "pk")
    ):
        elections[found.plan.village_id] = found  # the latest round wins
    committees = {
        c.election_id: c
        for c in ElectionCommittee.objects.filter(election__in=elections.values()).annotate(
            sitting_total=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
            left_total=Count("members", filter=Q(members__left_on__isnull=False), distinct=True),
            nominee_total=Count("nominees", distinct=True),
        )
    }
    plans = {
        p.election_id: p
        for p in RepresentativePlan.objects.filter(election__in=elections.values()).annotate(
            unit_total=Count("constituencies", distinct=True),
            selected_total=Count("constituencies__selection", distinct=True),
            seat_total=Sum("constituencies__seats"),
        )
    }
    elected = (
        SelectionVote.objects.filter(elected=True, selection__constituency__plan__in=plans.values())
        .values("selection__constituency__plan")
        .annotate(n=Count("pk"), women=Count("pk", filter=Q(person__sex=Sex.FEMALE)))
    )
    elected_by_plan = {row["selection__constituency__plan"]: row for row in elected}
    rows = []
    for village in villages:
        election: Election | None = elections.get(village.pk)
        committee = committees.get(election.pk) if election else None
        plan = plans.get(election.pk) if election else None
        got = elected_by_plan.get(plan.pk, {}) if plan else {}
        rows.append(
            VillageStatus(
                village=village,
                election=election,
                committee=committee,
                sitting=getattr(committee, "sitting_total", 0),
                left=getattr(committee, "left_total", 0),
                nominees=getattr(committee, "nominee_total", 0),
                plan=plan,
                constituencies=getattr(plan, "unit_total", 0),
                selected=getattr(plan, "selected_total", 0),
                seats=int(getattr(plan, "seat_total", 0) or 0),
                elected=got.get("n", 0),
                women=got.get("women", 0),
            )
        )
    return rows


def committee_members_in_order(
    view: CommitteeView, *, as_chosen: bool = False
) -> dict[str, list[Person]]:
    """The members by role, each role in surname-stroke order (as announcements list them):
    those sitting now, or (`as_chosen`) those the 推选 seated, in the roles it gave them."""
    if as_chosen:
        members = [m for m in (*view.sitting, *view.left) if m.seating == Seating.SELECTED]
    else:
        members = list(view.sitting)

    def of(role: str) -> list[Person]:
        found = [m.person for m in members if (m.first_role if as_chosen else m.role) == role]
        return in_stroke_order(found)

    return {
        "chair": of(CommitteeRole.CHAIR),
        "vice_chair": of(CommitteeRole.VICE_CHAIR),
        "member": of(CommitteeRole.MEMBER),
    }


def representatives_by_group(view: RepresentativesView) -> list[tuple[str, list[Person]]]:
    """Announcement 6: the representatives by villager group, in surname-stroke order."""
    groups: dict[int, tuple[str, list[Person]]] = {}
    for line in view.lines:
        group = line.constituency.villager_group
        groups.setdefault(group.pk, (group.name, []))[1].extend(v.person for v in line.elected)
    return [(name, in_stroke_order(people)) for name, people in groups.values()]
