"""The new 两委's structure and the election results of a term, per village and rolled up.

The new term's members are the office holders of the party organization and the villagers'
committee elected in the term's campaign (`OfficeHolder.election` in one of its plans); the
previous term's are those who held the same bodies' posts up to the new term (taken office before
its first year, still in office the year before) — or, where the upper level's table of that
term was imported (`previous`), its figures.

Everything is read per village in a fixed number of queries whatever the area (`area_figures`),
then summed by the code prefix of the listed regions: a county's row is the sum of its villages'.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, QuerySet, Value
from django.db.models.fields.json import KT

from huanjie.accounts.gates import scoped_regions
from huanjie.ballots.models import RoundResult
from huanjie.campaigns.models import CampaignStatus, PlanTask, VillagePlan
from huanjie.campaigns.previous_models import PreviousTermFigures
from huanjie.committees.models import GroupLeaderVote, GroupPost, SelectionVote
from huanjie.dashboards.previous import structure_of_import
from huanjie.elections.models import Body, OfficeHolder, Round
from huanjie.handover.models import Handover
from huanjie.people.figures import PARTY_STATUSES
from huanjie.people.models import PersonTag, Sex
from huanjie.regions.models import PREFIX_LENGTH, Level, Region
from huanjie.rules.eligibility.preferences import Education
from huanjie.rules.structure import Member, Structure, percent, structure_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

    AnyUser = User | AnonymousUser

TWO_COMMITTEES = (Body.PARTY_ORGANIZATION, Body.VILLAGERS_COMMITTEE)
MAJORITY_ETHNICITY = "汉族"
HANDOVER_TASK = "vc_handover"
# What was chosen (the representatives' selections, the group meetings' posts) → its count.
CHOSEN = {
    "representatives": "representatives",
    GroupPost.LEADER: "group_leaders",
    GroupPost.DEPUTY: "group_deputies",
}


@dataclass(frozen=True)
class Results:
    """The villagers' committee's elections of the term, by village (sums add up)."""

    elected: int = 0  # villages whose VC election is complete (any round)
    first_round: int = 0  # of them complete in the first round (一次选举成功)
    registered: int = 0  # voters on the register of the first rounds counted
    participants: int = 0  # of them who voted
    representatives: int = 0  # villager representatives chosen
    group_leaders: int = 0  # villager group leaders (组长) chosen
    group_deputies: int = 0  # and their deputies (副组长)
    handed_over: int = 0  # villages whose handover (工作移交) is done

    def __add__(self, other: Results) -> Results:
        return Results(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def one_time(self) -> float | None:
        return percent(self.first_round, self.elected)

    @property
    def turnout(self) -> float | None:
        return percent(self.participants, self.registered)

    @property
    def handover(self) -> float | None:
        return percent(self.handed_over, self.elected)


@dataclass(frozen=True)
class Figures:
    """One village's or one region's figures: this term, the previous one, the results."""

    now: Structure = field(default_factory=Structure)
    before: Structure = field(default_factory=Structure)
    results: Results = field(default_factory=Results)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.now + other.now, self.before + other.before, self.results + other.results
        )

    @property
    def comparable(self) -> Figures:
        """For a sum: the previous term only where the new one is in office, so that an area
        half through its elections compares like with like."""
        return self if self.now.members else Figures(self.now, Structure(), self.results)


@dataclass(frozen=True)
class Figure:
    """A figure of the dashboard: its key (the drill-down's), label, unit and how it is read."""

    key: str
    label: str
    unit: str  # "%", "岁", "名", "个"
    read: Callable[[Figures], float | int | None]
    previous: Callable[[Figures], float | int | None] | None = None

    @property
    def has_previous(self) -> bool:
        """Whether the previous term has this figure (not a callable: templates read it)."""
        return self.previous is not None

    def value(self, figures: Figures) -> float | int | None:
        return self.read(figures)

    def before(self, figures: Figures) -> float | int | None:
        return self.previous(figures) if self.previous else None


def _share(name: str) -> tuple[Callable[[Figures], float | None], Callable[[Figures], Any]]:
    return (lambda f: f.now.share(name)), (lambda f: f.before.share(name))


def _count(name: str) -> tuple[Callable[[Figures], int], Callable[[Figures], Any]]:
    return (lambda f: getattr(f.now, name)), (lambda f: getattr(f.before, name))


FIGURES: tuple[Figure, ...] = (
    Figure("members", "两委成员", "名", *_count("members")),
    Figure(
        "average_age", "平均年龄", "岁", lambda f: f.now.average_age, lambda f: f.before.average_age
    ),
    Figure("up_to_35", "35岁及以下", "%", *_share("up_to_35")),
    Figure("up_to_45", "45岁及以下", "%", *_share("up_to_45")),
    Figure("college", "大专及以上学历", "%", *_share("college")),
    Figure("high_school", "高中（中专）及以上学历", "%", *_share("high_school")),
    Figure("women", "女性", "%", *_share("women")),
    Figure("minority", "少数民族", "%", *_share("minority")),
    Figure("vc_party_members", "村委会成员中党员", "%", *_share("vc_party_members")),
    Figure("business_leaders", "致富带头人", "名", *_count("business_leaders")),
    Figure("veterans", "退役军人", "名", *_count("veterans")),
    Figure("returnees", "回乡创业人员", "名", *_count("returnees")),
    Figure(
        "secretary_age",
        "书记平均年龄",
        "岁",
        lambda f: f.now.secretary_average_age,
        lambda f: f.before.secretary_average_age,
    ),
    Figure("secretary_college", "书记大专及以上学历", "%", *_share("secretary_college")),
    Figure("one_person", "“一肩挑”比例", "%", *_share("one_person")),
    Figure("one_time", "一次选举成功率", "%", lambda f: f.results.one_time),
    Figure("turnout", "参选率", "%", lambda f: f.results.turnout),
    Figure("representatives", "村民代表", "名", lambda f: f.results.representatives),
    Figure("group_leaders", "村民小组长", "名", lambda f: f.results.group_leaders),
    Figure("group_deputies", "村民小组副组长", "名", lambda f: f.results.group_deputies),
    Figure("handover", "工作移交完成率", "%", lambda f: f.results.handover),
)
FIGURE_BY_KEY = {f.key: f for f in FIGURES}


def area_villages(user: AnyUser, region: Region | None) -> QuerySet[Region]:
    """The villages of `region` (the user's whole reach when None) whose figures the user sees."""
    villages = scoped_regions(user).filter(level=Level.VILLAGE)
    if region is not None:
        villages = villages.filter(code__startswith=region.prefix)
    return villages


def area_figures(villages: QuerySet[Region], term: int) -> dict[str, Figures]:
    """Each village's figures in the term, by village code (villages without any: absent).
    The new 两委's counts and the VC elections' completion come from the rollup's village rows
    (`rollup`, kept current by the writes); the previous term's members from its office holders.
    Eight queries whatever the number of villages."""
    plans = VillagePlan.objects.filter(
        village__in=villages, campaign__term_start_year=term
    ).exclude(campaign__status=CampaignStatus.CLOSED)
    previous = OfficeHolder.objects.filter(
        village__in=villages,
        body__in=TWO_COMMITTEES,
        term_start__lt=date(term, 1, 1),
        term_end__gte=date(term - 1, 1, 1),
    ).exclude(election__plan__in=plans)
    tags: dict[int, set[str]] = defaultdict(set)
    for person, tag in (
        PersonTag.objects.filter(person__offices__in=previous)
        .values_list("person_id", "tag")
        .distinct()
    ):
        tags[person].add(tag)
    now, elected = _from_rollup(villages, term)
    before = _structures(_members(previous, tags))
    before.update(_imported(villages, term))
    results = _results(plans, elected)
    codes = set(now) | set(before) | set(results)
    return {
        code: Figures(
            now.get(code, Structure()), before.get(code, Structure()), results.get(code, Results())
        )
        for code in codes
    }


def _from_rollup(
    villages: QuerySet[Region], term: int
) -> tuple[dict[str, Structure], dict[str, tuple[int, int]]]:
    """Per village code from its rollup rows: the new 两委's counts (villages with members),
    and (VC election complete, complete in the first round) — one query."""
    from huanjie.dashboards import rollup

    rows = rollup.summary_by_prefix(rollup.summaries(villages, term), PREFIX_LENGTH[Level.VILLAGE])
    now = {code: rollup.as_structure(summed) for code, summed in rows.items() if summed.members}
    elected = {
        code: (summed.complete[Body.VILLAGERS_COMMITTEE], summed.one_time)
        for code, summed in rows.items()
        if summed.complete[Body.VILLAGERS_COMMITTEE]
    }
    return now, elected


def rolled_up(by_village: dict[str, Figures], regions: Iterable[Region]) -> dict[int, Figures]:
    """Each region's figures (the sum of its villages', the previous term's where the new
    committees are in office), by region id."""
    found: dict[int, Figures] = {}
    for region in regions:
        prefix = region.code[: PREFIX_LENGTH[region.level]]
        total = Figures()
        for code, figures in by_village.items():
            if code.startswith(prefix):
                total += figures.comparable
        found[region.pk] = total
    return found


def total(by_village: dict[str, Figures]) -> Figures:
    result = Figures()
    for figures in by_village.values():
        result += figures.comparable
    return result


def _imported(villages: QuerySet[Region], term: int) -> dict[str, Structure]:
    """The previous term as the upper level's table gave it (the newest before `term`), which
    stands for the office holders of that term where it was imported. One query."""
    rows = (
        PreviousTermFigures.objects.filter(village__in=villages, term_start_year__lt=term)
        .order_by("village__code", "-term_start_year")
        .values("village__code", *IMPORTED_FIELDS)
    )
    found: dict[str, Structure] = {}
    for row in rows:
        found.setdefault(row["village__code"], structure_of_import(row))
    return found


IMPORTED_FIELDS = (
    "members",
    "age_total",
    "up_to_35",
    "up_to_45",
    "college",
    "high_school",
    "women",
    "minority",
    "vc_members",
    "vc_party_members",
    "business_leaders",
    "veterans",
    "returnees",
    "secretary_age",
    "secretary_college",
    "one_person",
)


def _members(holders: QuerySet[OfficeHolder], tags: dict[int, set[str]]) -> list[Member]:
    """One member per person and village, with every post they hold on the two committees."""
    rows = holders.order_by().values(
        "village__code",
        "person_id",
        "body",
        "post",
        "term_start",
        "person__birth_date",
        "person__sex",
        "person__ethnicity",
        "person__education",
        "person__political_status",
        "person__party_membership__id",
    )
    grouped: dict[tuple[str, int], dict[str, Any]] = {}
    for row in rows:
        key = (row["village__code"], row["person_id"])
        one = grouped.setdefault(key, {**row, "posts": set()})
        one["posts"].add(f"{row['body']}:{row['post']}")
        one["term_start"] = min(one["term_start"], row["term_start"])
    return [
        Member(
            village=code,
            birth_date=row["person__birth_date"],
            term_start=row["term_start"],
            posts=frozenset(row["posts"]),
            female=row["person__sex"] == Sex.FEMALE,
            minority=bool(row["person__ethnicity"])
            and row["person__ethnicity"] != MAJORITY_ETHNICITY,
            schooling=Education(row["person__education"]) if row["person__education"] else None,
            party_member=row["person__political_status"] in PARTY_STATUSES
            or row["person__party_membership__id"] is not None,
            tags=frozenset(tags.get(person, ())),
        )
        for (code, person), row in grouped.items()
    ]


def _structures(members: list[Member]) -> dict[str, Structure]:
    by_village: dict[str, list[Member]] = defaultdict(list)
    for member in members:
        by_village[member.village].append(member)
    return {code: structure_of(found) for code, found in by_village.items()}


def _results(
    plans: QuerySet[VillagePlan], elected: dict[str, tuple[int, int]]
) -> dict[str, Results]:
    """Per village: its VC election's completion and rounds (`elected`, from the rollup),
    first-round turnout, the representatives chosen and the handover done (four queries)."""
    names = [f.name for f in fields(Results)]
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(names, 0))
    for code, (complete, first) in elected.items():
        village = counts[code]
        village["elected"] = 1 if complete else 0
        village["first_round"] = 1 if first else 0
    turnout = (
        RoundResult.objects.filter(
            election__plan__in=plans,
            election__body=Body.VILLAGERS_COMMITTEE,
            election__round=Round.FIRST,
        )
        .annotate(registered=KT("contest__registered"), participants=KT("contest__participants"))
        .values_list("election__plan__village__code", "registered", "participants")
    )
    for code, registered, participants in turnout:
        if registered and participants:
            counts[code]["registered"] += int(registered)
            counts[code]["participants"] += int(participants)
    # The representatives, group leaders and deputies chosen, in one query.
    chosen = (
        SelectionVote.objects.filter(
            elected=True, selection__constituency__plan__election__plan__in=plans
        )
        .order_by()
        .values(code=F("selection__constituency__plan__village__code"))
        .annotate(kind=Value("representatives"), n=Count("id"))
        .union(
            GroupLeaderVote.objects.filter(elected=True, selection__election__plan__in=plans)
            .order_by()
            .values(code=F("selection__village__code"), kind=F("post"))
            .annotate(n=Count("id")),
            all=True,
        )
    )
    for row in chosen:
        counts[row["code"]][CHOSEN[row["kind"]]] += row["n"]
    # Done when the handover is completed (handover app) or its plan task recorded as done.
    handed = set(
        Handover.objects.filter(election__plan__in=plans, completed_on__isnull=False).values_list(
            "village__code", flat=True
        )
    ) | set(
        PlanTask.objects.filter(
            plan__in=plans, key=HANDOVER_TASK, done_on__isnull=False
        ).values_list("plan__village__code", flat=True)
    )
    for code in handed:
        counts[code]["handed_over"] = 1
    return {code: Results(**found) for code, found in counts.items()}
