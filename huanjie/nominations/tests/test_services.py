"""The nominations' services: each change audited in its transaction, each refusal citing its
rule and changing nothing, candidates listed in surname stroke order, and the engine's dates
(PROV-ZJ-SELF-2, VC-NOM-4, VC-NOM-6, VC-NOM-7) enforced."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.committees.tests.world import World, villager
from huanjie.nominations.models import Application, Pledge, Recruitment, Status
from huanjie.nominations.selectors import candidates, village_nominations
from huanjie.nominations.services import (
    application_accept,
    application_file,
    application_withdraw,
    candidates_publish,
    goals_record,
    pledge_record,
    recruitment_publish,
)
from huanjie.nominations.tests.world import nomination_world
from huanjie.vetting.tests.world import vet_everyone

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(tree: RegionTree) -> tuple[World, Recruitment]:
    return nomination_world(tree)


def _file(world: World, chair: Recruitment, name: str, on: date, **kw: object) -> Application:
    kind = kw.pop("kind", "self")
    return application_file(
        recruitment=chair,
        person=world[name],
        kind=str(kind),
        filed_on=on,
        acting_user=None,
        **kw,  # type: ignore[arg-type]
    )


def _refused(call: object) -> str:
    before = (Application.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as exc:
        call()  # type: ignore[operator]
    assert (Application.objects.count(), AuditEntry.objects.count()) == before
    return " ".join(exc.value.messages)


def test_notice_and_application_are_audited(built: tuple[World, Recruitment]) -> None:
    world, chair = built
    assert AuditEntry.objects.filter(action="nomination.notice").count() == 1
    application = _file(world, chair, "李四", date(2026, 4, 1))
    assert application.status == Status.FILED
    entry = AuditEntry.objects.get(action="nomination.apply")
    assert entry.village_id == world.village.pk


def test_prov_zj_self_2_a_late_self_nominee_is_refused_with_the_last_day(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    said = _refused(lambda: _file(world, chair, "李四", date(2026, 4, 9)))
    assert "PROV-ZJ-SELF-2" in said and "2026-04-08" in said
    # A joint nomination on the same day is taken.
    _file(world, chair, "李四", date(2026, 4, 9), kind="joint", signatures=12)


def test_vc_nom_4_a_second_post_is_refused(built: tuple[World, Recruitment]) -> None:
    world, chair = built
    vice = recruitment_publish(
        village=world.village,
        post="vice_chair",
        requirements="五有",
        on=date(2026, 3, 20),
        acting_user=None,
    )
    _file(world, chair, "李四", date(2026, 4, 1))
    said = _refused(lambda: _file(world, vice, "李四", date(2026, 4, 2)))
    assert "VC-NOM-4" in said


def test_applicants_come_from_the_register_with_the_kind_s_particulars(
    built: tuple[World, Recruitment], tree: RegionTree
) -> None:
    world, chair = built
    assert "未满18周岁" in _refused(lambda: _file(world, chair, "赵小", date(2026, 4, 1)))
    said = _refused(lambda: _file(world, chair, "王五", date(2026, 4, 1), kind="joint"))
    assert "联名人数" in said
    said = _refused(lambda: _file(world, chair, "王五", date(2026, 4, 1), kind="organization"))
    assert "推荐的组织" in said
    said = _refused(lambda: _file(world, chair, "王五", date(2026, 3, 19)))
    assert "早于招贤榜发布日期" in said
    stranger = villager(world, "钱外")
    stranger.village = tree.a2
    stranger.save()
    assert "不是" in _refused(lambda: _file(world, chair, "钱外", date(2026, 4, 1)))
    _file(world, chair, "王五", date(2026, 4, 1))
    assert "不要重复报名" in _refused(lambda: _file(world, chair, "王五", date(2026, 4, 2)))


def test_candidates_are_listed_in_surname_stroke_order(built: tuple[World, Recruitment]) -> None:
    world, chair = built
    for name in ("李四", "王五", "丁一"):
        application_accept(
            application=_file(world, chair, name, date(2026, 4, 1)),
            on=date(2026, 4, 10),
            acting_user=None,
        )
    _file(world, chair, "张三", date(2026, 4, 1))  # applied, not accepted
    assert [a.person.name for a in candidates(chair)] == ["丁一", "王五", "李四"]
    view = village_nominations(world.village)
    chair_row = next(p for p in view.posts if p.post == "chair")
    assert [a.person.name for a in chair_row.candidates] == ["丁一", "王五", "李四"]
    assert len(chair_row.applications) == 4
    assert view.dates is not None and view.dates.candidate_list == date(2026, 4, 13)
    assert AuditEntry.objects.filter(action="nomination.accept").count() == 3


def test_vc_nom_6_a_late_list_is_refused_with_the_last_lawful_day(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    said = _refused(
        lambda: candidates_publish(recruitment=chair, on=date(2026, 4, 12), acting_user=None)
    )
    assert "还没有确定任何候选人" in said
    for name in ("李四", "王五"):
        application_accept(
            application=_file(world, chair, name, date(2026, 4, 1)),
            on=date(2026, 4, 10),
            acting_user=None,
        )
    vet_everyone(chair)
    said = _refused(
        lambda: candidates_publish(recruitment=chair, on=date(2026, 4, 14), acting_user=None)
    )
    assert "VC-NOM-6" in said and "2026-04-13" in said
    chair.refresh_from_db()
    assert chair.list_published_on is None
    candidates_publish(recruitment=chair, on=date(2026, 4, 13), acting_user=None)
    chair.refresh_from_db()
    assert chair.list_published_on == date(2026, 4, 13)
    assert AuditEntry.objects.filter(action="nomination.publish").count() == 1
    # The list is fixed now: no new application.
    assert "已于2026-04-13公布" in _refused(lambda: _file(world, chair, "丁一", date(2026, 4, 1)))


def test_vc_nom_2_a_list_without_a_margin_is_refused_and_nothing_changes(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    application_accept(
        application=_file(world, chair, "李四", date(2026, 4, 1)),
        on=date(2026, 4, 10),
        acting_user=None,
    )
    vet_everyone(chair)
    said = _refused(
        lambda: candidates_publish(recruitment=chair, on=date(2026, 4, 13), acting_user=None)
    )
    assert "VC-NOM-2" in said and "至少1名" in said
    chair.refresh_from_db()
    assert chair.list_published_on is None
    assert not AuditEntry.objects.filter(action="nomination.publish").exists()


def test_vc_nom_7_a_candidate_withdraws_only_until_the_deadline(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    late = application_accept(
        application=_file(world, chair, "李四", date(2026, 4, 1)),
        on=date(2026, 4, 10),
        acting_user=None,
    )
    early = application_accept(
        application=_file(world, chair, "王五", date(2026, 4, 1)),
        on=date(2026, 4, 10),
        acting_user=None,
    )
    said = _refused(
        lambda: application_withdraw(application=late, on=date(2026, 4, 16), acting_user=None)
    )
    assert "VC-NOM-7" in said and "2026-04-15" in said
    late.refresh_from_db()
    assert late.status == Status.ACCEPTED
    application_withdraw(application=early, on=date(2026, 4, 15), acting_user=None)
    early.refresh_from_db()
    assert early.status == Status.WITHDRAWN and early.withdrawn_on == date(2026, 4, 15)
    assert "不能再退出一次" in _refused(
        lambda: application_withdraw(application=early, on=date(2026, 4, 15), acting_user=None)
    )
    assert [a.person.name for a in candidates(chair)] == ["李四"]


def test_a_notice_for_a_post_not_elected_or_empty_is_refused(
    built: tuple[World, Recruitment],
) -> None:
    world, _ = built
    said = _refused(
        lambda: recruitment_publish(
            village=world.village,
            post="secretary",
            requirements="五有",
            on=date(2026, 3, 20),
            acting_user=None,
        )
    )
    assert "没有设“书记”职位" in said
    said = _refused(
        lambda: recruitment_publish(
            village=world.village,
            post="member",
            requirements=" ",
            on=date(2026, 3, 20),
            acting_user=None,
        )
    )
    assert "任职条件" in said


def test_e4_pledges_are_recorded_once_per_kind_by_whom_and_refused_outside_the_dates(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    application = _file(world, chair, "李四", date(2026, 4, 1))
    said = _refused(
        lambda: pledge_record(
            application=application, kind="campaign", on=date(2026, 4, 2), acting_user=None
        )
    )
    assert "还不是候选人" in said
    application_accept(application=application, on=date(2026, 4, 10), acting_user=None)
    officer = make_user(world.tree, Role.TOWNSHIP_OFFICER)
    pledge = pledge_record(
        application=application, kind="campaign", on=date(2026, 4, 10), acting_user=officer
    )
    assert (pledge.signed_on, pledge.recorded_by) == (date(2026, 4, 10), officer)
    entry = AuditEntry.objects.get(action="nomination.pledge")
    assert "李四签订竞职承诺" in entry.target_repr
    said = _refused(
        lambda: pledge_record(
            application=application, kind="campaign", on=date(2026, 4, 11), acting_user=None
        )
    )
    assert "已于2026-04-10登记" in said
    said = _refused(
        lambda: pledge_record(
            application=application, kind="discipline", on=date(2026, 3, 31), acting_user=None
        )
    )
    assert "早于李四的报名日期2026-04-01" in said
    said = _refused(
        lambda: pledge_record(
            application=application, kind="discipline", on=date(2026, 4, 19), acting_user=None
        )
    )
    assert "选举日2026-04-18之后" in said
    assert Pledge.objects.count() == 1
    rows = dict(Application.objects.get(pk=application.pk).pledge_rows())
    assert rows["竞职承诺"] == pledge and rows["纪律承诺书"] is None and len(rows) == 4


def test_goals_are_kept_until_the_list_is_published(built: tuple[World, Recruitment]) -> None:
    world, chair = built
    applications = [_file(world, chair, name, date(2026, 4, 1)) for name in ("李四", "王五")]
    for application in applications:
        application_accept(application=application, on=date(2026, 4, 10), acting_user=None)
    goals_record(application=applications[0], goals=" 修通村道 ", acting_user=None)
    assert Application.objects.get(pk=applications[0].pk).goals == "修通村道"
    assert AuditEntry.objects.filter(action="nomination.goals").count() == 1
    said = _refused(
        lambda: goals_record(application=applications[0], goals="字" * 501, acting_user=None)
    )
    assert "最多500字，现有501字" in said
    vet_everyone(chair)
    candidates_publish(recruitment=chair, on=date(2026, 4, 13), acting_user=None)
    said = _refused(lambda: goals_record(application=applications[0], goals="新", acting_user=None))
    assert "已于2026-04-13公布" in said or "2026-04-13" in said
    assert Application.objects.get(pk=applications[0].pk).goals == "修通村道"
