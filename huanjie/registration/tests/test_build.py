"""Building the register: every category of VC-REG-2, age on election day (VC-REG-1), deprived
rights, who is left off and why; a person entered for an application."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.tests.region_tree import RegionTree, valid_id
from huanjie.audit.models import AuditEntry
from huanjie.people.models import Person
from huanjie.registration.models import (
    Basis,
    Category,
    LeftOff,
    LeftOffKind,
    Meeting,
    Voter,
    WishMeans,
)
from huanjie.registration.services import (
    application_approve,
    application_record,
    exclusion_record,
    register_build,
    wish_record,
)
from huanjie.registration.tests.world import E, World, build_world

TODAY = date(2026, 3, 1)


@pytest.fixture
def world(tree: RegionTree) -> World:
    return build_world(tree)


def _listed(world: World, key: str = "a1") -> dict[str, str]:
    return {v.name: v.category for v in Voter.objects.filter(register=world.register(key))}


def _left(world: World, key: str = "a1") -> dict[str, LeftOff]:
    return {lo.person.name: lo for lo in LeftOff.objects.filter(register=world.register(key))}


def test_vc_reg_1_age_counted_on_election_day(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    listed, left = _listed(world), _left(world)
    assert listed["东坑满十八"] == Category.HUKOU_RESIDENT  # 18 on election day itself
    minor = left["东坑少年"]
    assert (minor.kind, minor.rule_ids) == (LeftOffKind.MINOR, "VC-REG-1")
    assert minor.reasons == f"选举日（{E}）未满18周岁（2028-06-01年满），不能登记为选民。"


def test_vc_reg_1_deprived_of_political_rights_is_left_off(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    deprived = _left(world)["东坑剥权"]
    assert (deprived.kind, deprived.rule_ids) == (LeftOffKind.DEPRIVED, "VC-REG-1")
    assert "被依法剥夺政治权利" in deprived.reasons


def test_vc_reg_2_category_1_household_registered_and_resident(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    listed = _listed(world)
    assert listed["东坑村户主"] == listed["东坑村配偶"] == Category.HUKOU_RESIDENT


def test_vc_reg_2_category_2_away_only_with_the_wish_recorded(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    away = _left(world)["东坑外出"]
    assert (away.kind, away.rule_ids) == (LeftOffKind.NO_CATEGORY, "VC-REG-2")
    assert "须本人表示参加选举" in away.reasons
    wish_record(
        register=world.register("a1"),
        person=world.people["away"],
        expressed_on=date(2026, 2, 20),
        means=WishMeans.PHONE,
        note="在杭州务工，电话表示回村投票",
        acting_user=None,
        today=TODAY,
    )
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    assert _listed(world)["东坑外出"] == Category.HUKOU_AWAY
    assert "东坑外出" not in _left(world)


def test_vc_reg_2_category_3_needs_application_and_approval(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    register = world.register("a1")
    in_law = _left(world)["东坑外地媳"]
    assert "户籍不在本村" in in_law.reasons and "本人提出参加选举的申请" in in_law.reasons
    application = application_record(
        register=register,
        id_number=world.people["in_law"].id_number,
        since=date(2020, 5, 1),
        applied_on=date(2026, 2, 10),
        acting_user=None,
        today=TODAY,
    )
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    left = _left(world)["东坑外地媳"]
    assert left.reasons.endswith("须村民会议或村民代表会议同意，方可登记为选民。")
    application_approve(
        application=application,
        approved_on=date(2026, 2, 25),
        meeting=Meeting.REPRESENTATIVES,
        acting_user=None,
        today=TODAY,
    )
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    assert _listed(world)["东坑外地媳"] == Category.RESIDENT


def test_vc_reg_2_one_year_of_residence_includes_exactly_one_year(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    register = world.register("a1")
    for serial, (name, since) in enumerate(
        [("满一年", date(2025, 3, 28)), ("差一天", date(2025, 3, 29))], start=40
    ):
        application_record(
            register=register,
            id_number=valid_id(serial, birth="19900101"),
            name=name,
            since=since,
            applied_on=date(2026, 2, 1),
            approved_on=date(2026, 2, 20),
            meeting=Meeting.ASSEMBLY,
            acting_user=None,
            today=TODAY,
        )
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    assert _listed(world)["满一年"] == Category.RESIDENT
    assert "至选举日在本村居住满1年" in _left(world)["差一天"].reasons


def test_a_resident_not_in_the_system_becomes_a_person_of_the_village(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    number = valid_id(50, birth="19851010", area="110105")
    application_record(
        register=world.register("a1"),
        id_number=number,
        name="外来居民",
        since=date(2019, 1, 1),
        applied_on=date(2026, 2, 1),
        approved_on=date(2026, 2, 20),
        meeting=Meeting.ASSEMBLY,
        villager_group=world.tree.households["a1"].villager_group,
        acting_user=None,
        today=TODAY,
    )
    person = Person.objects.get(id_number=number)
    assert person.village == world.tree.a1 and person.household is None
    assert (person.hukou_in_village, person.resides_in_village) == (False, True)
    assert AuditEntry.objects.filter(
        action="registration.resident_add", target_id=str(person.pk)
    ).exists()
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    voter = Voter.objects.get(register=world.register("a1"), person=person)
    assert (voter.category, voter.group_name) == (Category.RESIDENT, "第一村民小组")


def test_the_village_affairs_category_of_the_profile(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    application_record(
        register=world.register("a1"),
        id_number=valid_id(51, birth="19880808"),
        name="驻村会计",
        basis=Basis.VILLAGE_AFFAIRS,
        since=date(2024, 9, 1),
        applied_on=date(2026, 2, 1),
        approved_on=date(2026, 2, 20),
        meeting=Meeting.REPRESENTATIVES,
        acting_user=None,
        today=TODAY,
    )
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    assert _listed(world)["驻村会计"] == Category.VILLAGE_AFFAIRS


def test_vc_reg_4_exclusions_only_where_the_profile_has_them(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="没有规定“无民事行为能力”不列入选民名单"):
        exclusion_record(
            register=world.register("a1"),
            person=world.tree.spouses["a1"],
            reason="no_civil_capacity",
            acting_user=None,
        )
    assert AuditEntry.objects.count() == before


def test_the_build_is_audited_with_its_counts(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    entry = AuditEntry.objects.filter(action="registration.register_build").latest("id")
    after = entry.after or {}
    assert after["voters"] == 3
    assert after["left_off"] == {"deprived": 1, "minor": 1, "no_category": 2}
    assert entry.village_id == world.tree.a1.pk


def test_a_build_without_an_election_day_is_refused(world: World) -> None:
    election = world.elections["a1"]
    election.election_day = None
    election.save()
    with pytest.raises(ValidationError, match="还没有确定选举日"):
        register_build(election=election, acting_user=None, today=TODAY)
    assert not Voter.objects.exists()


def test_a_wish_of_someone_living_in_the_village_is_refused(world: World) -> None:
    register_build(election=world.elections["a1"], acting_user=None, today=TODAY)
    with pytest.raises(ValidationError, match="无需登记参选意愿"):
        wish_record(
            register=world.register("a1"),
            person=world.tree.heads["a1"],
            expressed_on=date(2026, 2, 1),
            means=WishMeans.PHONE,
            acting_user=None,
            today=TODAY,
        )
