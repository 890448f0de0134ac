"""Villager representatives on H-11's village (Zhejiang: 600 households, 2,100 people, a VC of
5): apportionment (REP-4 bounds 40..120, REP-7 minimum 50), selections with REP-7's quorum and
one household one representative, REP-3's composition live; refusals change nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from pytest_django import DjangoDbBlocker

from huanjie.accounts.tests.region_tree import build_region_tree
from huanjie.audit.models import AuditEntry
from huanjie.committees.models import Constituency, RepresentativePlan, Selection, SelectionVote
from huanjie.committees.selectors import representatives_view
from huanjie.committees.services import (
    SelectionVoteInput,
    representatives_apportion,
    representatives_selection_cancel,
    representatives_selection_record,
)
from huanjie.committees.services.representatives import unit_people
from huanjie.committees.tests.world import World, build_world, populate
from huanjie.people.models import Person, RegisterStatus, Sex
from huanjie.regions.models import VillagerGroup
from huanjie.rules.bodies.assemblies import representative_bounds

DECIDED = date(2026, 3, 20)
HELD = date(2026, 3, 28)


@pytest.fixture(scope="module")
def h11_once(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[World]:
    """H-11's village: 600 households in 10 groups of 60, 2,100 people; written once for the
    module (2,700 rows) and rolled back at its end, each test in a savepoint of its own."""
    with django_db_blocker.unblock(), transaction.atomic():
        tree = build_region_tree()
        world = build_world(tree)
        # The tree's own household of 东坑村 left the register: it counts for nothing.
        tree.households["a1"].members.update(
            status=RegisterStatus.MOVED_OUT, status_on=date(2025, 1, 1)
        )
        populate(world, households=600, people=2100, groups=10)
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def h11(h11_once: World, db: None) -> World:
    return h11_once


def groups(world: World) -> list[VillagerGroup]:
    """The ten groups of the 600 households (the tree's 第一村民小组 has nobody left)."""
    return list(
        VillagerGroup.objects.filter(village=world.village, name__endswith="组")
        .exclude(name="第一村民小组")
        .order_by("id")
    )


def apportion(world: World, basis: str = "groups", per_group: int | None = 5, **kw: Any) -> Any:
    seats = None if per_group is None else {g.pk: per_group for g in groups(world)}
    return representatives_apportion(
        village=world.village,
        basis=basis,
        seats=seats,
        decided_on=DECIDED,
        acting_user=None,
        **kw,
    )


def state() -> tuple[Any, ...]:
    return (
        list(RepresentativePlan.objects.values_list("pk", "basis")),
        list(Constituency.objects.values_list("pk", "name", "seats", "women_seats")),
        list(Selection.objects.values_list("pk", "voters_present")),
        list(SelectionVote.objects.values_list("person_id", "votes", "elected")),
        AuditEntry.objects.count(),
    )


def test_rep_4_h11_bounds_and_rep_7_minimum_suggested(h11: World) -> None:
    """`ceil(600/15) = 40 <= reps <= floor(600/5) = 120`; ZJ ≥ 1000 people → ≥ 50: the
    suggested apportionment is the 50, five per group of 60 households."""
    assert representative_bounds(600) == (40, 120)
    plan = apportion(h11, per_group=None)
    assert (plan.households, plan.population) == (600, 2100)
    assert list(plan.constituencies.values_list("seats", flat=True)) == [5] * 10
    view = representatives_view(village=h11.village)
    assert (view.seats, view.minimum, view.findings) == (50, 50, [])


def test_rep_7_h11_fewer_than_50_is_refused_and_changes_nothing(h11: World) -> None:
    before = state()
    with pytest.raises(ValidationError) as caught:
        apportion(h11, per_group=4)
    assert caught.value.messages == [
        "本村在册2100人，村民代表应不少于50名，现分配40名；请增加代表名额（REP-7）。"
    ]
    assert state() == before


def test_rep_4_h11_above_120_is_a_warning_by_group(h11: World) -> None:
    apportion(h11, per_group=13)
    (finding,) = representatives_view(village=h11.village).findings
    assert (finding.rule_id, finding.blocking) == ("REP-4", False)
    assert "600户应有40至120名村民代表，现分配130名" in finding.message


def test_rep_4_by_household_each_unit_has_5_to_15_households(h11: World) -> None:
    plan = apportion(h11, basis="households", per_group=5)
    units = list(plan.constituencies.order_by("number"))
    assert len(units) == 50 and all(u.seats == 1 for u in units)
    assert {u.households.count() for u in units} == {12}
    assert units[0].name == "第1组第1片（01001—01012户）"


def test_rep_4_by_household_a_run_of_20_households_is_refused(h11: World) -> None:
    """60 households in 3 runs is 20 a run, beyond 15: `representative_bounds(60) = (4, 12)`."""
    before = state()
    with pytest.raises(ValidationError, match="第1组共60户，分3个推选单元后每单元20至20户"):
        apportion(h11, basis="households", per_group=3)
    assert state() == before


def people_of(unit: Constituency, n: int, sex: str | None = None) -> list[Person]:
    qs = unit_people(unit).order_by("pk")
    if sex is not None:
        qs = qs.filter(sex=sex)
    return list(qs[:n])


def select(unit: Constituency, chosen: list[Person], **kw: Any) -> Selection:
    """`chosen` get 50, 49, … votes; 120 of the unit's 240 voters and 40 of its 60 households
    came (the first group's households hold four people each)."""
    votes = [SelectionVoteInput(p, 50 - i) for i, p in enumerate(chosen)]
    args = {"held_on": HELD, "voters_present": 120, "households_present": 40, **kw}
    return representatives_selection_record(
        constituency=unit, votes=votes, acting_user=None, **args
    )


def test_rep_7_selection_with_turnout_and_votes_elects_the_most_votes(h11: World) -> None:
    plan = apportion(h11)
    unit = plan.constituencies.get(number=1)
    # Five seats; one household's head and spouse are both in the running, the spouse 5th.
    women = people_of(unit, 1, Sex.FEMALE)
    men = people_of(unit, 6, Sex.MALE)
    men = [m for m in men if m.household_id != women[0].household_id][:5]
    selection = select(unit, [*men[:4], women[0], men[4]])
    assert (selection.voters_eligible, selection.households_eligible) == (240, 60)
    elected = set(selection.votes.filter(elected=True).values_list("person__name", flat=True))
    assert elected == {p.name for p in [*men[:4], women[0]]}


@pytest.mark.parametrize(
    ("voters", "households", "ok"),
    [(120, 0, True), (119, 39, False), (0, 40, True)],
    ids=["half_of_240_voters", "neither", "two_thirds_of_60_households"],
)
def test_rep_7_quorum_half_the_voters_or_two_thirds_of_households(
    h11: World, voters: int, households: int, ok: bool
) -> None:
    unit = apportion(h11).constituencies.get(number=1)
    chosen = people_of(unit, 5, Sex.MALE)
    if ok:
        select(unit, chosen, voters_present=voters, households_present=households)
        return
    before = state()
    with pytest.raises(ValidationError, match="到会人数不足，推选无效"):
        select(unit, chosen, voters_present=voters, households_present=households)
    assert state() == before


def test_rep_7_one_household_one_representative_names_both(h11: World) -> None:
    unit = apportion(h11).constituencies.get(number=1)
    head = people_of(unit, 1, Sex.MALE)[0]
    spouse = Person.objects.get(household=head.household, sex=Sex.FEMALE)
    others = [p for p in people_of(unit, 8, Sex.MALE) if p.household_id != head.household_id]
    before = state()
    with pytest.raises(ValidationError) as caught:
        select(unit, [head, spouse, *others[:3]])
    (message,) = caught.value.messages
    assert f"{head.name}、{spouse.name}属同一户，一户不得产生两名以上村民代表" in message
    assert message.endswith("（REP-7）")
    assert state() == before


def test_rep_7_a_person_of_another_unit_is_refused(h11: World) -> None:
    plan = apportion(h11)
    first, second = plan.constituencies.order_by("number")[:2]
    stranger = people_of(second, 1)[0]
    before = state()
    with pytest.raises(ValidationError, match=f"{stranger.name}不属于第1组"):
        select(first, [*people_of(first, 4, Sex.MALE), stranger])
    assert state() == before


def test_rep_7_reserved_womens_seat_goes_to_the_woman_with_most_votes(h11: World) -> None:
    unit = apportion(h11, women_seats={g.pk: 2 for g in groups(h11)}).constituencies.first()
    assert unit is not None and unit.women_seats == 2
    men = people_of(unit, 5, Sex.MALE)
    women = [w for w in people_of(unit, 10, Sex.FEMALE)
             if w.household_id not in {m.household_id for m in men}][:2]  # fmt: skip
    selection = select(unit, [*men, *women])  # the women have the fewest votes
    elected = set(selection.votes.filter(elected=True).values_list("person_id", flat=True))
    assert elected == {p.pk for p in [*men[:3], *women]}


def test_rep_7_a_tie_across_the_line_is_refused(h11: World) -> None:
    unit = apportion(h11).constituencies.get(number=1)
    chosen = people_of(unit, 6, Sex.MALE)
    votes = [SelectionVoteInput(p, 40) for p in chosen]
    before = state()
    with pytest.raises(ValidationError, match="得票相同（40票）"):
        representatives_selection_record(
            constituency=unit,
            held_on=HELD,
            voters_present=120,
            households_present=40,
            votes=votes,
            acting_user=None,
        )
    assert state() == before


def _elect_all(world: World, women_per_unit: list[int]) -> None:
    plan = RepresentativePlan.objects.get(village=world.village)
    for unit, women in zip(plan.constituencies.order_by("number"), women_per_unit, strict=True):
        wives = people_of(unit, women, Sex.FEMALE)
        taken = {w.household_id for w in wives}
        men = [m for m in people_of(unit, 20, Sex.MALE) if m.household_id not in taken]
        select(unit, [*wives, *men[: unit.seats - women]])


def test_rep_3_h11_women_17_of_19_needed_shown_live(h11: World) -> None:
    """`3w >= 50 + 5` → w ≥ 19; with 17 women the screen says how many are missing."""
    apportion(h11)
    _elect_all(h11, [2, 2, 2, 2, 2, 2, 2, 1, 1, 1])
    view = representatives_view(village=h11.village)
    share, women = view.composition
    assert view.complete and len(view.elected) == 50 and view.women == 17
    assert share.threshold.met and share.sentence == "村民代表 50 名，至少需要 44 名"
    assert not women.threshold.met
    assert women.sentence == "妇女代表 17 名，至少需要 19 名"
    assert view.women_needed == 19
    # As the province counts them (practice.md §4), shares in integers.
    assert view.make_up == "妇女 17 名（34.0%），党员 0 名（0.0%），少数民族 0 名（0.0%）"


def test_rep_3_live_while_selections_come_in(h11: World) -> None:
    apportion(h11)
    plan = RepresentativePlan.objects.get(village=h11.village)
    unit = plan.constituencies.get(number=1)
    select(unit, people_of(unit, 5, Sex.MALE)[:5])
    view = representatives_view(village=h11.village)
    assert (view.selected, len(view.lines), len(view.elected)) == (1, 10, 5)
    share, _ = view.composition
    assert share.threshold.base == 10  # 5 representatives + the VC's 5 seats so far


def test_a_selection_cancelled_with_its_reason_can_be_recorded_again(h11: World) -> None:
    unit = apportion(h11).constituencies.get(number=1)
    select(unit, people_of(unit, 5, Sex.MALE))
    with pytest.raises(ValidationError, match="已于2026-03-28登记了推选结果"):
        select(unit, people_of(unit, 5, Sex.MALE))
    before = state()
    with pytest.raises(ValidationError, match="请写明撤销推选结果的原因"):
        representatives_selection_cancel(constituency=unit, reason=" ", acting_user=None)
    assert state() == before
    representatives_selection_cancel(constituency=unit, reason="得票登记错误", acting_user=None)
    assert not Selection.objects.exists()
    entry = AuditEntry.objects.latest("id")
    assert entry.before is not None and entry.after == {"reason": "得票登记错误"}
    select(unit, people_of(unit, 5, Sex.MALE))


def test_rep_4_apportionment_is_fixed_once_a_selection_is_in(h11: World) -> None:
    unit = apportion(h11).constituencies.get(number=1)
    select(unit, people_of(unit, 5, Sex.MALE))
    before = state()
    with pytest.raises(ValidationError, match="已有1个推选单元登记了推选结果"):
        apportion(h11, per_group=6)
    assert state() == before
