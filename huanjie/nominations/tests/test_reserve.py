"""The 后备干部 pool and the outgoing members' paths (audited, refusals change nothing), a reserve
cadre filed as an organization recommendation, the party slate's margin (PB-DIFF-1) and the
village facts the slate's structure check reads: the smaller ethnic groups (VC-ORG-2) and a
merged village's former villages (SEED-STRUCT)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.committees.tests.world import World, group, villager
from huanjie.elections.models import OfficeHolder
from huanjie.elections.services import election_create
from huanjie.nominations.models import (
    Application,
    Kind,
    OutgoingChoice,
    Recruitment,
    ReserveCadre,
    Status,
)
from huanjie.nominations.party_slate import village_party_slate
from huanjie.nominations.reserve import (
    former_village_record,
    keeper,
    minority_group_record,
    outgoing_record,
    reserve_add,
    reserve_apply,
    reserve_leave,
    reserve_training,
    village_reserve,
)
from huanjie.nominations.selectors import village_nominations
from huanjie.nominations.services import application_accept, application_file
from huanjie.nominations.structure import publication_refusals, slate_findings
from huanjie.nominations.tests.world import nomination_world
from huanjie.people.models import Sex

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 25)


@pytest.fixture
def built(tree: RegionTree) -> tuple[World, Recruitment]:
    return nomination_world(tree)


def _refused(call: object) -> str:
    before = (
        ReserveCadre.objects.count(),
        OutgoingChoice.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(ValidationError) as exc:
        call()  # type: ignore[operator]
    after = (
        ReserveCadre.objects.count(),
        OutgoingChoice.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before
    return " ".join(exc.value.messages)


def _reserve(world: World, name: str, since: date = date(2024, 6, 1)) -> ReserveCadre:
    return reserve_add(
        village=world.village,
        person=world[name],
        since=since,
        source="recommended",
        training="2025年村级后备干部培训班",
        acting_user=None,
    )


def test_reserve_pool_add_train_leave_audited(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    entry = _reserve(world, "李四")
    reserve_training(entry=entry, training="2025年培训班；2026年乡镇跟班学习", acting_user=None)
    assert "已于2024-06-01列入" in _refused(lambda: _reserve(world, "李四"))
    assert "早于列入后备" in _refused(
        lambda: reserve_leave(entry=entry, on=date(2024, 1, 1), acting_user=None)
    )
    assert "请填写培训情况" in _refused(
        lambda: reserve_training(entry=entry, training=" ", acting_user=None)
    )
    reserve_leave(entry=entry, on=TODAY, acting_user=None)
    assert "移出后备干部" in _refused(
        lambda: reserve_training(entry=entry, training="又一次", acting_user=None)
    )
    view = village_reserve(world.village, TODAY)
    assert view.pool == [] and [e.person.name for e in view.left] == ["李四"]
    _reserve(world, "李四", since=TODAY)  # back in the pool later
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("id"))
    assert actions.count("nomination.reserve_add") == 2
    assert "nomination.reserve_training" in actions and "nomination.reserve_leave" in actions


def test_reserve_only_own_villagers(built: tuple[World, Recruitment], tree: RegionTree) -> None:
    world, _ = built
    other = villager(world, "外村人")
    other.village = tree.a2
    other.save()
    assert "不是东坑村的村民" in _refused(lambda: _reserve(world, "外村人"))
    gone = villager(world, "钱八")
    gone.status, gone.status_on = "moved_out", date(2026, 1, 5)
    gone.save()
    assert "不能列入后备干部" in _refused(lambda: _reserve(world, "钱八"))


def test_reserve_cadre_files_an_organization_recommendation(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    entry = _reserve(world, "王五")
    application = reserve_apply(
        entry=entry, recruitment=chair, on=date(2026, 3, 22), acting_user=None
    )
    assert application.kind == Kind.ORGANIZATION
    assert application.nominated_by == "村党组织（后备干部）"
    reserve_leave(entry=entry, on=TODAY, acting_user=None)
    assert "移出后备干部" in _refused(
        lambda: reserve_apply(entry=entry, recruitment=chair, on=TODAY, acting_user=None)
    )


def _holders(world: World) -> list[OfficeHolder]:
    made = []
    for name, body, post in (
        ("张三", "party_organization", "secretary"),
        ("丁一", "villagers_committee", "chair"),
        ("王五", "villagers_committee", "member"),
    ):
        made.append(
            OfficeHolder.objects.create(
                village=world.village,
                body=body,
                post=post,
                person=world[name],
                term_start=date(2021, 4, 1),
                term_end=date(2026, 4, 30),
            )
        )
    return made


def test_outgoing_paths_recorded_corrected_and_counted(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    secretary, chair, member = _holders(world)
    outgoing_record(holder=secretary, path="stands_again", note="", on=TODAY, acting_user=None)
    outgoing_record(holder=chair, path="mentor", note="", on=TODAY, acting_user=None)
    outgoing_record(holder=chair, path="steps_aside", note="年满65周岁", on=TODAY, acting_user=None)
    view = village_reserve(world.village, TODAY)
    assert [s.holder.person.name for s in view.sitting] == ["张三", "丁一", "王五"]
    assert view.paths == {
        "继续参选": 1,
        "光荣让贤": 1,
        "担任导师（传帮带）": 0,
        "转任其他职务": 0,
        "未登记": 1,
    }
    entries = AuditEntry.objects.filter(action="nomination.outgoing").order_by("id")
    assert entries.count() == 3
    assert entries.last().before == {"path": "mentor", "note": ""}  # type: ignore[union-attr]
    assert "任期已于2026-04-30届满" in _refused(
        lambda: outgoing_record(
            holder=member, path="other_role", note="", on=date(2026, 5, 1), acting_user=None
        )
    )


def test_only_township_or_party_keeps_the_pool(
    built: tuple[World, Recruitment], tree: RegionTree
) -> None:
    world, _ = built
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    party = make_user(tree, Role.VILLAGE_PARTY)
    committee = make_user(tree, Role.ELECTION_COMMITTEE)
    assert keeper(officer, world.village) == officer
    assert keeper(party, world.village) == party
    with pytest.raises(PermissionDenied):
        keeper(committee, world.village)


def _party_election(world: World) -> None:
    election_create(
        plan=world.election.plan,
        body="party_organization",
        method="two_recommendations",
        seats={"secretary": 1, "deputy_secretary": 1, "member": 3},
        election_day=date(2026, 4, 8),
        acting_user=None,
    )


def test_PB_DIFF_1_party_slate_five_seats_needs_six(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    _party_election(world)
    for name in ("钱一", "孙二", "周三", "吴四", "郑五", "冯六"):
        villager(world, name)
    slate = village_party_slate(world.village)
    assert slate is not None and slate.seats == 5 and slate.minimum == 6
    assert [f.rule_id for f in slate.findings] == ["PB-DIFF-1"]  # no candidates yet
    member = Recruitment.objects.create(
        election=slate.election, post="member", requirements="五有", published_on=date(2026, 3, 1)
    )
    secretary = Recruitment.objects.create(
        election=slate.election,
        post="secretary",
        requirements="五有",
        published_on=date(2026, 3, 1),
    )
    for name in ("钱一", "孙二", "周三", "吴四", "郑五"):
        Application.objects.create(
            recruitment=member,
            person=world[name],
            kind="organization",
            filed_on=date(2026, 3, 2),
            status=Status.ACCEPTED,
        )
    # the same person on two posts counts once
    Application.objects.create(
        recruitment=secretary,
        person=world["钱一"],
        kind="self",
        filed_on=date(2026, 3, 2),
        status=Status.ACCEPTED,
    )
    refusals = publication_refusals(member)
    assert len(refusals) == 1 and "候选人至少6名，现有5名" in refusals[0]
    assert refusals[0].endswith("（PB-DIFF-1）")
    Application.objects.create(
        recruitment=member,
        person=world["冯六"],
        kind="self",
        filed_on=date(2026, 3, 2),
        status=Status.ACCEPTED,
    )
    assert publication_refusals(member) == []
    slate = village_party_slate(world.village)
    assert slate is not None and slate.findings == [] and len(slate.candidates) == 6


def test_PB_DIFF_1_no_party_election_no_slate(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    assert village_party_slate(world.village) is None


def _candidate(world: World, chair: Recruitment, name: str) -> Application:
    application = application_file(
        recruitment=chair,
        person=world[name],
        kind="self",
        filed_on=date(2026, 3, 22),
        acting_user=None,
    )
    return application_accept(application=application, on=date(2026, 3, 24), acting_user=None)


def test_SEED_STRUCT_merged_village_former_village_without_candidates(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    village = world.village
    assert "没有标为合并村" in _refused(
        lambda: former_village_record(village=village, name="西坑村", groups=[], acting_user=None)
    )
    village.merged_village = True
    village.save()
    villager(world, "陈东", group_name="第二村民小组")
    former_village_record(
        village=village, name="东坑村", groups=[group(village, "第一村民小组")], acting_user=None
    )
    former_village_record(
        village=village, name="西坑村", groups=[group(village, "第二村民小组")], acting_user=None
    )
    assert "已属于原东坑村" in _refused(
        lambda: former_village_record(
            village=village,
            name="南坑村",
            groups=[group(village, "第一村民小组")],
            acting_user=None,
        )
    )
    _candidate(world, chair, "李四")
    _candidate(world, chair, "王五")
    said = [f for f in slate_findings(village_nominations(village)) if "合并村" in f.message]
    assert len(said) == 1 and said[0].rule_id == "SEED-STRUCT" and not said[0].blocking
    assert "原西坑村" in said[0].message and "东坑村2人，西坑村0人" in said[0].message
    _candidate(world, chair, "陈东")
    assert not [f for f in slate_findings(village_nominations(village)) if "合并村" in f.message]


def test_SEED_STRUCT_minority_village_groups_reach_the_slate_check(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    village = world.village
    minority_group_record(village=village, ethnicity="畲族", acting_user=None)
    assert "汉族不是少数民族" in _refused(
        lambda: minority_group_record(village=village, ethnicity="汉族", acting_user=None)
    )
    assert "已登记畲族" in _refused(
        lambda: minority_group_record(village=village, ethnicity="畲族", acting_user=None)
    )
    _candidate(world, chair, "李四")

    def minority_findings() -> list[str]:
        findings = slate_findings(village_nominations(village))
        return [f.rule_id for f in findings if "畲族" in f.message]

    assert minority_findings() == []  # not marked as a minority village: nothing to check
    village.minority_village = True
    village.save()
    assert minority_findings() == ["VC-ORG-2"]
    she = villager(world, "蓝小梅", sex=Sex.FEMALE)
    she.ethnicity = "畲族"
    she.save()
    _candidate(world, chair, "蓝小梅")
    assert minority_findings() == []
