"""Reads of the voter register: a village's current one, its figures and lists, the open
objections and their deadlines, and a township's villages at a glance (a few queries whatever
the number of villages). The callers have passed the village's gate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from huanjie.accounts.gates import scoped_regions, scoped_villages
from huanjie.campaigns.models import CampaignStatus
from huanjie.elections.models import Body, Election, Round
from huanjie.regions.models import PREFIX_LENGTH, Level, Region
from huanjie.registration.access import other_village
from huanjie.registration.models import (
    Category,
    Conflict,
    LeftOff,
    LeftOffKind,
    ListStatus,
    Objection,
    ObjectionStatus,
    Voter,
    VoterCard,
    VoterRegister,
)
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.timeline.periods import deadline_before

# Voter cards are printed in batches of this many (a PDF of 160 cards takes seconds, not
# minutes; a register's cards come as several downloads).
CARD_RANGE = 160

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User

    AnyUser = User | AnonymousUser


def region_trail(user: AnyUser, region: Region) -> list[Region]:
    """`region`'s ancestors the user may open, top first (the breadcrumbs; as the region pages'
    own trail, which lives on a floor above)."""
    levels = list(Level.values)
    codes = [
        region.code[: PREFIX_LENGTH[level]].ljust(12, "0")
        for level in levels[: levels.index(region.level)]
    ]
    return list(scoped_regions(user).filter(code__in=codes).order_by("code")) if codes else []


def vc_elections() -> QuerySet[Election]:
    """First-round villagers' committee elections of campaigns not closed, latest term first."""
    return (
        Election.objects.filter(body=Body.VILLAGERS_COMMITTEE, round=Round.FIRST)
        .exclude(plan__campaign__status=CampaignStatus.CLOSED)
        .select_related("plan__campaign", "plan__village")
        .order_by("-plan__campaign__term_start_year", "-id")
    )


def current_election(village: Region) -> Election | None:
    return vc_elections().filter(plan__village=village).first()


def register_of(election: Election | None) -> VoterRegister | None:
    if election is None:
        return None
    return (
        VoterRegister.objects.select_related("election__plan__campaign", "village", "built_by")
        .filter(election=election)
        .first()
    )


def active_voters(register: VoterRegister) -> QuerySet[Voter]:
    return Voter.objects.filter(register=register, removed_at__isnull=True).order_by("sort_key")


@dataclass
class Summary:
    """A register's figures as its page shows them."""

    voters: int = 0
    by_category: list[tuple[str, str, int]] = field(default_factory=list)
    left_off: list[tuple[str, str, int]] = field(default_factory=list)
    left_total: int = 0
    conflicts: int = 0
    open_objections: int = 0
    objections: int = 0
    unpublished_decisions: int = 0
    cards: int = 0
    women: int = 0


def category_counts(register: VoterRegister) -> dict[str, int]:
    """The list's voters by category (sorted by category)."""
    found = active_voters(register).order_by().values_list("category").annotate(n=Count("id"))
    return dict(sorted(found))


def left_off_counts(register: VoterRegister) -> dict[str, int]:
    """Those left off the list by kind (sorted by kind)."""
    left = LeftOff.objects.filter(register=register).order_by()
    return dict(sorted(left.values_list("kind").annotate(n=Count("id"))))


def summary(register: VoterRegister) -> Summary:
    voters = active_voters(register)
    categories = category_counts(register)
    kinds = left_off_counts(register)
    objections = Counter(
        Objection.objects.filter(register=register).values_list("status", flat=True)
    )
    return Summary(
        voters=sum(categories.values()),
        by_category=[(k, str(label), categories.get(k, 0)) for k, label in Category.choices],
        left_off=[(k, str(LeftOffKind(k).label), kinds[k]) for k in LEFT_OFF_ORDER if k in kinds],
        left_total=sum(kinds.values()),
        conflicts=open_conflicts(register).count(),
        open_objections=objections.get(ObjectionStatus.OPEN, 0),
        objections=sum(objections.values()),
        unpublished_decisions=Objection.objects.filter(
            register=register,
            status__in=[ObjectionStatus.UPHELD, ObjectionStatus.REJECTED],
            notice__isnull=True,
        ).count(),
        cards=VoterCard.objects.filter(register=register, voided_at__isnull=True).count(),
        women=voters.filter(sex="F").count(),
    )


def open_conflicts(register: VoterRegister) -> QuerySet[Conflict]:
    return (
        Conflict.objects.filter(Q(claimant=register) | Q(holder=register), resolved_at__isnull=True)
        .select_related("person", "claimant__village", "holder__village")
        .order_by("id")
    )


@dataclass(frozen=True)
class ConflictView:
    """A double registration as one village's reader sees it: the other village named only if
    the reader may open it, and who to ask otherwise."""

    conflict: Conflict
    this_claims: bool  # this village's build wants the person; the other already lists them
    other_register: VoterRegister
    other_name: str
    contact: str
    other_lists: bool  # the other register still lists the person


def conflict_views(
    register: VoterRegister, user: AnyUser | None, *, resolved: bool = False
) -> list[ConflictView]:
    qs = Conflict.objects.filter(Q(claimant=register) | Q(holder=register)).select_related(
        "person", "claimant__village", "holder__village", "kept__village", "resolved_by"
    )
    qs = qs.filter(resolved_at__isnull=not resolved).order_by("-resolved_at", "id")
    found = []
    for conflict in qs:
        claims = conflict.claimant_id == register.pk
        other = conflict.holder if claims else conflict.claimant
        name, contact = other_village(register.village, other.village, user)
        lists = (
            Voter.objects.filter(
                register=conflict.holder, person=conflict.person, removed_at__isnull=True
            ).exists()
            if claims
            else True
        )
        found.append(ConflictView(conflict, claims, other, name, contact, lists))
    return found


# The left-off list's order: what the committee may still act on first, minors last.
LEFT_OFF_ORDER = (
    LeftOffKind.NO_CATEGORY,
    LeftOffKind.ELSEWHERE,
    LeftOffKind.OBJECTION,
    LeftOffKind.DEPRIVED,
    LeftOffKind.EXCLUDED,
    LeftOffKind.MINOR,
)


def left_off_rows(register: VoterRegister, kind: str = "") -> QuerySet[LeftOff]:
    qs = LeftOff.objects.filter(register=register).select_related("person", "other__village")
    if kind:
        qs = qs.filter(kind=kind)
    rank = Case(
        *(When(kind=k, then=Value(i)) for i, k in enumerate(LEFT_OFF_ORDER)),
        output_field=IntegerField(),
    )
    return qs.order_by(rank, "sort_key")


def left_off_reasons(row: LeftOff, register: VoterRegister, user: AnyUser | None) -> list[str]:
    """The reasons as this reader may read them (a village named only within their scope)."""
    if row.kind == LeftOffKind.ELSEWHERE and row.other is not None:
        name, _ = other_village(register.village, row.other.village, user)
        return [f"已确定在{name}参加选举，本村不再登记（VC-REG-3）。"]
    return row.reason_lines


@dataclass(frozen=True)
class VillageStatus:
    """One village on the township's page."""

    village: Region
    election: Election | None
    register: VoterRegister | None
    voters: int
    conflicts: int
    open_objections: int
    last_day: date | None  # VC-REG-5's last lawful publication day

    @property
    def state(self) -> str:
        if self.election is None:
            return "未安排选举"
        if self.election.election_day is None:
            return "选举日未定"
        if self.register is None or self.register.built_on is None:
            return "未生成"
        if self.register.status == ListStatus.PUBLISHED:
            return "已公布"
        return "草稿"


def township_status(user: AnyUser, region: Region) -> list[VillageStatus]:
    """Every village of `region` the user may open, with its register's state (six queries)."""
    villages = list(
        scoped_villages(user, Region.objects.filter(code__startswith=region.prefix)).order_by(
            "code"
        )
    )
    ids = [v.pk for v in villages]
    elections: dict[int, Election] = {}
    for election in vc_elections().filter(plan__village_id__in=ids):
        elections.setdefault(election.plan.village_id, election)
    registers = {
        r.election_id: r
        for r in VoterRegister.objects.filter(election__in=list(elections.values()))
    }
    reg_ids = [r.pk for r in registers.values()]
    voters = dict(
        Voter.objects.filter(register_id__in=reg_ids, removed_at__isnull=True)
        .order_by()
        .values_list("register_id")
        .annotate(n=Count("id"))
    )
    conflicts: Counter[int] = Counter()
    for claimant, holder in Conflict.objects.filter(
        Q(claimant_id__in=reg_ids) | Q(holder_id__in=reg_ids), resolved_at__isnull=True
    ).values_list("claimant_id", "holder_id"):
        conflicts[claimant] += 1
        conflicts[holder] += 1
    objections = dict(
        Objection.objects.filter(register_id__in=reg_ids, status=ObjectionStatus.OPEN)
        .order_by()
        .values_list("register_id")
        .annotate(n=Count("id"))
    )
    rows = []
    for village in villages:
        chosen = elections.get(village.pk)
        register = registers.get(chosen.pk) if chosen else None
        rid = register.pk if register else 0
        rows.append(
            VillageStatus(
                village=village,
                election=chosen,
                register=register,
                voters=voters.get(rid, 0),
                conflicts=conflicts.get(rid, 0),
                open_objections=objections.get(rid, 0),
                last_day=_last_day(chosen),
            )
        )
    return rows


def _last_day(election: Election | None) -> date | None:
    if election is None or election.election_day is None:
        return None
    profile = load_profile(election.plan.campaign.profile_id)
    return deadline_before(election.election_day, profile.get_int("reg.list_days_before"))


def objections_of(register: VoterRegister) -> QuerySet[Objection]:
    return (
        Objection.objects.filter(register=register)
        .select_related("person", "notice", "new_group", "decided_by")
        .order_by("-received_on", "-id")
    )
