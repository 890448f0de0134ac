"""A small county whose new 两委 and previous term are counted by hand (the figures below).

Term 2026. a1: 甲 (42, 大专, party member) secretary and chair (一肩挑); 乙 (32, woman, 畲族,
高中, probationary member, 回乡创业) women member of the VC. a2: 丙 (50, 本科, party member,
退役军人) secretary; 丁 (46, 初中, masses, 致富带头人) chair. b1: nobody elected yet.

Previous term (2021–2026): a1 戊 (51, 高中) secretary and chair; a2 己 (52, 初中) secretary and
丁 (41) chair; b1 庚 (61) secretary — left out of the sums while b1 has no new committee.

Results: a1's VC complete in the first round, 720 of 800 voting, handover done, 2 representatives
chosen (a third not); a2's first round void (400 of 500 voting), complete in 另行选举. Group
leaders: a1's group chose a leader and one deputy, a2's a leader and two deputies (each post with
one more given votes): 2 leaders and 3 deputies in the county.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.ballots.models import RoundResult
from huanjie.campaigns.models import PlanTask
from huanjie.campaigns.task_services import plan_tasks_refresh
from huanjie.campaigns.tests.tasks_world import TasksWorld, build
from huanjie.committees.models import (
    Basis,
    Constituency,
    GroupLeaderSelection,
    GroupLeaderVote,
    RepresentativePlan,
    Selection,
    SelectionVote,
)
from huanjie.elections.models import Body, Election, ElectionStatus, OfficeHolder, Post, Round
from huanjie.people.models import Education, Person, PersonTag, PoliticalStatus, Sex
from huanjie.regions.models import Region, VillagerGroup

NEW_START = date(2026, 3, 30)
NEW_END = date(2031, 3, 30)
OLD_START = date(2021, 3, 25)
OLD_END = date(2026, 3, 25)


def person(
    village: Region,
    serial: int,
    name: str,
    born: date,
    *,
    female: bool = False,
    education: str = Education.JUNIOR_HIGH,
    status: str = PoliticalStatus.MASSES,
    ethnicity: str = "汉族",
    tags: tuple[str, ...] = (),
) -> Person:
    found = Person.objects.create(
        id_number=valid_id(serial, male=not female, birth=born.strftime("%Y%m%d")),
        name=name,
        sex=Sex.FEMALE if female else Sex.MALE,
        birth_date=born,
        ethnicity=ethnicity,
        education=education,
        political_status=status,
        village=village,
    )
    for tag in tags:
        PersonTag.objects.create(person=found, tag=tag)
    return found


def hold(
    village: Region, body: str, post: str, who: Person, election: Election | None = None
) -> None:
    start, end = (NEW_START, NEW_END) if election else (OLD_START, OLD_END)
    OfficeHolder.objects.create(
        village=village,
        body=body,
        post=post,
        person=who,
        term_start=start,
        term_end=end,
        election=election,
    )


def election(world: TasksWorld, key: str, body: str, status: str) -> Election:
    found = Election.objects.get(plan=world.plans[key], body=body, round_number=1)
    found.status = status
    found.save(update_fields=["status"])
    return found


def result(of: Election, registered: int, participants: int) -> None:
    RoundResult.objects.create(
        election=of,
        contest={"registered": registered, "participants": participants},
        outcome={"valid": of.status != ElectionStatus.VOID},
        counted_at=timezone.now(),
    )


def build_structure_world(tree: RegionTree) -> TasksWorld:
    world = build(tree)
    a1, a2 = tree.a1, tree.a2
    a1_party = election(world, "a1", Body.PARTY_ORGANIZATION, ElectionStatus.COMPLETE)
    a1_vc = election(world, "a1", Body.VILLAGERS_COMMITTEE, ElectionStatus.COMPLETE)
    a2_party = election(world, "a2", Body.PARTY_ORGANIZATION, ElectionStatus.COMPLETE)
    a2_vc = election(world, "a2", Body.VILLAGERS_COMMITTEE, ElectionStatus.VOID)
    a2_again = Election.objects.create(
        plan=world.plans["a2"],
        body=Body.VILLAGERS_COMMITTEE,
        round=Round.SUPPLEMENTARY,
        round_number=2,
        method=a2_vc.method,
        election_day=date(2026, 4, 11),
        status=ElectionStatus.COMPLETE,
    )
    result(a1_vc, 800, 720)
    result(a2_vc, 500, 400)

    party = PoliticalStatus.FULL_MEMBER
    jia = person(a1, 101, "甲", date(1984, 1, 1), education=Education.COLLEGE, status=party)
    yi = person(
        a1,
        102,
        "乙",
        date(1993, 5, 1),
        female=True,
        education=Education.HIGH_SCHOOL,
        status=PoliticalStatus.PROBATIONARY_MEMBER,
        ethnicity="畲族",
        tags=("returnee",),
    )
    bing = person(
        a2, 103, "丙", date(1975, 6, 1), education=Education.BACHELOR, status=party,
        tags=("veteran",),
    )  # fmt: skip
    ding = person(a2, 104, "丁", date(1980, 2, 1), tags=("business_leader",))
    wu = person(a1, 105, "戊", date(1970, 1, 1), education=Education.HIGH_SCHOOL)
    ji = person(a2, 106, "己", date(1968, 6, 1))

    hold(a1, Body.PARTY_ORGANIZATION, Post.SECRETARY, jia, a1_party)
    hold(a1, Body.VILLAGERS_COMMITTEE, Post.CHAIR, jia, a1_vc)
    hold(a1, Body.VILLAGERS_COMMITTEE, Post.WOMEN_MEMBER, yi, a1_vc)
    hold(a2, Body.PARTY_ORGANIZATION, Post.SECRETARY, bing, a2_party)
    hold(a2, Body.VILLAGERS_COMMITTEE, Post.CHAIR, ding, a2_again)
    hold(a1, Body.PARTY_ORGANIZATION, Post.SECRETARY, wu)
    hold(a1, Body.VILLAGERS_COMMITTEE, Post.CHAIR, wu)
    hold(a2, Body.PARTY_ORGANIZATION, Post.SECRETARY, ji)
    hold(a2, Body.VILLAGERS_COMMITTEE, Post.CHAIR, ding)
    # b1 has not voted yet: its previous term is left out of the sums (like with like).
    hold(
        tree.b1,
        Body.PARTY_ORGANIZATION,
        Post.SECRETARY,
        person(tree.b1, 107, "庚", date(1960, 1, 1)),
    )
    # An older term (2016) is not the previous one.
    OfficeHolder.objects.create(
        village=a1,
        body=Body.PARTY_ORGANIZATION,
        post=Post.SECRETARY,
        person=ji,
        term_start=date(2016, 3, 1),
        term_end=date(2021, 3, 1),
    )

    plan_tasks_refresh(plan=world.plans["a1"], acting_user=None)
    PlanTask.objects.filter(plan=world.plans["a1"], key="vc_handover").update(
        done_on=date(2026, 4, 5), evidence="移交清单已签字"
    )
    representatives(tree, a1_vc, elected=2, not_elected=1, serial=110)
    group_leaders(a1_vc, deputies=1, serial=120)
    group_leaders(a2_vc, deputies=2, serial=130)
    return world


def group_leaders(vc: Election, *, deputies: int, serial: int) -> None:
    """A villager group's meeting: a leader and `deputies` deputies, and one more given votes
    for each post."""
    village = vc.plan.village
    group = VillagerGroup.objects.filter(village=village).first()
    assert group is not None
    meeting = GroupLeaderSelection.objects.create(
        election=vc,
        village=village,
        villager_group=group,
        held_on=date(2026, 3, 15),
        adults_eligible=90,
        adults_present=70,
        households_eligible=30,
        households_present=0,
        deputy_seats=deputies,
    )
    for i, (post, elected) in enumerate(
        [("leader", True), ("leader", False), ("deputy", False)] + [("deputy", True)] * deputies
    ):
        who = person(village, serial + i, f"组长{serial + i}", date(1975, 1, 1))
        GroupLeaderVote.objects.create(
            selection=meeting, post=post, person=who, votes=60 - i, elected=elected
        )


def representatives(
    tree: RegionTree, vc: Election, *, elected: int, not_elected: int, serial: int
) -> None:
    village = vc.plan.village
    plan = RepresentativePlan.objects.create(
        election=vc,
        village=village,
        basis=Basis.GROUPS,
        decided_on=date(2026, 3, 1),
        households=100,
        population=400,
    )
    group = VillagerGroup.objects.filter(village=village).first()
    assert group is not None
    unit = Constituency.objects.create(
        plan=plan, number=1, name="第一村民小组", villager_group=group, seats=elected
    )
    meeting = Selection.objects.create(
        constituency=unit,
        held_on=date(2026, 3, 15),
        voters_eligible=300,
        voters_present=200,
        households_eligible=100,
        households_present=80,
    )
    for i in range(elected + not_elected):
        who = person(village, serial + i, f"代表{i}", date(1970, 1, 1))
        SelectionVote.objects.create(
            selection=meeting, person=who, votes=150 - i, elected=i < elected
        )
