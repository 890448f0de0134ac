"""Kinship recusal of a village's nomination, rule by rule, from the relation graph: each conflict
with its chain and rule (KIN-1b, VC-EC-4, KIN-2, KIN-5, SEED-KIN-X, KIN-6). Only counted links
(confirmed) take part."""

from __future__ import annotations

from datetime import date

import pytest

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.committees.models import CommitteeMember, ElectionCommittee
from huanjie.committees.tests.world import World, family, villager
from huanjie.elections.models import OfficeHolder
from huanjie.nominations.models import Application, Recruitment
from huanjie.nominations.services import recruitment_publish
from huanjie.nominations.tests.world import REQUIREMENTS, nomination_world
from huanjie.people.models import Person, Sex
from huanjie.vetting.recusal import Recusal, village_recusal
from huanjie.vetting.tests.world import candidate

pytestmark = pytest.mark.django_db

ON = date(2026, 4, 5)


def _holds(world: World, person: Person, body: str, post: str) -> OfficeHolder:
    return OfficeHolder.objects.create(
        village=world.village,
        body=body,
        post=post,
        person=person,
        term_start=date(2021, 4, 1),
        term_end=date(2026, 5, 1),
    )


def _member_post(world: World) -> Recruitment:
    return recruitment_publish(
        village=world.village,
        post="member",
        requirements=REQUIREMENTS,
        on=date(2026, 3, 20),
        acting_user=None,
    )


def _rules(report: Recusal) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for c in report.conflicts:
        found.setdefault(c.rule_id, []).append(c.chain)
    return found


def test_kin_6_a_grandchild_of_the_yjt_person_is_found_and_explained(tree: RegionTree) -> None:
    """甲, the sitting party secretary, stands for 主任 (一肩挑); 丙, his daughter 乙's son, stands
    for 委员: a KIN-6 conflict through 乙, with the chain saying so."""
    world, chair = nomination_world(tree)
    jia = villager(world, "甲")
    yi = villager(world, "乙", sex=Sex.FEMALE, birth=date(1995, 1, 1))
    bing = villager(world, "丙", birth=date(2000, 1, 1))
    family(jia, yi, "parent_child")
    family(yi, bing, "parent_child")
    _holds(world, jia, "party_organization", "secretary")
    candidate(world, chair, "甲")
    candidate(world, _member_post(world), "丙")
    report = village_recusal(world.village, ON)
    assert report.yjt_holder == "甲"
    kin_6 = [c for c in report.conflicts if c.rule_id == "KIN-6"]
    assert len(kin_6) == 1
    conflict = kin_6[0]
    assert conflict.chain == "甲是丙的外祖父（甲是乙的父亲，乙是丙的母亲）"
    assert "现任村党组织书记" in conflict.a_roles and "主任已确定为候选人" in conflict.a_roles
    assert conflict.b == "丙" and "委员" in conflict.b_roles
    assert "外孙子女" in conflict.consequence
    # Under ZJ_2025 the pair is also a KIN-1b pair of the slate (a warning until the count).
    kin_1 = [c for c in report.conflicts if c.rule_id == "KIN-1b"]
    assert len(kin_1) == 1 and not kin_1[0].blocking


def test_kin_6_needs_a_yjt_person(tree: RegionTree) -> None:
    world, chair = nomination_world(tree)
    jia, yi = villager(world, "甲"), villager(world, "乙", sex=Sex.FEMALE)
    bing = villager(world, "丙")
    family(jia, yi, "parent_child")
    family(yi, bing, "parent_child")
    candidate(world, chair, "甲")
    candidate(world, _member_post(world), "丙")
    report = village_recusal(world.village, ON)
    assert report.yjt_holder == ""
    assert "KIN-6" not in _rules(report)


def test_vc_ec_4_an_election_committee_member_related_to_a_candidate(tree: RegionTree) -> None:
    world, chair = nomination_world(tree)
    husband = villager(world, "周平")
    wife = villager(world, "吴芳", sex=Sex.FEMALE)
    family(husband, wife, "spouse")
    committee = ElectionCommittee.objects.create(
        election=world.election,
        village=world.village,
        chosen_by="representatives_assembly",
        chosen_on=date(2026, 3, 10),
        should_attend=30,
        present=28,
        seats=5,
    )
    CommitteeMember.objects.create(
        committee=committee,
        person=wife,
        role="member",
        first_role="member",
        seated_on=date(2026, 3, 10),
        seating="selected",
    )
    candidate(world, chair, "周平")
    report = village_recusal(world.village, ON)
    [conflict] = [c for c in report.conflicts if c.rule_id == "VC-EC-4"]
    assert conflict.chain == "吴芳是周平的妻子"
    assert conflict.a_roles == "选委会委员" and conflict.blocking
    assert "退出村民选举委员会" in conflict.consequence


def test_kin_2_a_supervisor_related_to_a_candidate(tree: RegionTree) -> None:
    world, chair = nomination_world(tree)
    a, b = villager(world, "钱一", birth=date(1970, 1, 1)), villager(world, "钱二")
    family(a, b, "sibling")
    _holds(world, b, "supervision_committee", "chair")
    candidate(world, chair, "钱一")
    report = village_recusal(world.village, ON)
    [conflict] = [c for c in report.conflicts if c.rule_id == "KIN-2"]
    assert conflict.a == "钱二" and conflict.b == "钱一"
    assert conflict.chain.startswith("钱二是钱一的")


def test_kin_5_cooperative_boards(tree: RegionTree) -> None:
    world, _ = nomination_world(tree)
    f = villager(world, "孙父")
    s1 = villager(world, "孙甲", birth=date(1990, 1, 1))
    s2 = villager(world, "孙乙", birth=date(1992, 1, 1))
    family(f, s1, "parent_child")
    family(f, s2, "parent_child")
    _holds(world, s1, "cooperative_board", "chair")
    _holds(world, s2, "cooperative_board", "member")
    _holds(world, f, "cooperative_supervisors", "chair")
    report = village_recusal(world.village, ON)
    chains = _rules(report)["KIN-5"]
    assert "孙甲是孙乙的哥哥（孙甲是孙父的儿子，孙父是孙乙的父亲）" in chains
    assert any(c.startswith("孙父是孙甲的父亲") for c in chains)


def test_seed_kin_x_between_bodies_warns(tree: RegionTree) -> None:
    """ZJ: spouse, parents, children, siblings across party organization, VC and cooperative;
    `kin.cross_body` warn → not blocking. Unconfirmed links do not count."""
    world, chair = nomination_world(tree)
    a, b = villager(world, "郑一"), villager(world, "郑二")
    c, d = villager(world, "冯一"), villager(world, "冯二")
    family(a, b, "sibling")
    family(c, d, "sibling", confirmed=False)
    _holds(world, b, "party_organization", "member")
    _holds(world, d, "party_organization", "member")
    candidate(world, chair, "郑一")
    candidate(world, chair, "冯一")
    report = village_recusal(world.village, ON)
    [conflict] = [c for c in report.conflicts if c.rule_id == "SEED-KIN-X"]
    assert {conflict.a, conflict.b} == {"郑一", "郑二"} and not conflict.blocking
    assert all("冯" not in c.chain for c in report.conflicts)


def test_no_candidates_no_conflicts(tree: RegionTree) -> None:
    world, _ = nomination_world(tree)
    assert Application.objects.count() == 0
    report = village_recusal(world.village, ON)
    assert report.conflicts == []
    assert "KIN-3" in report.not_checked[0]
