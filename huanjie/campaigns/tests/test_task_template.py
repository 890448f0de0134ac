"""A campaign's own task template (issue 11 item 1): the county's organizer changes a step's
planned offset, owner and how-to (audited, every plan re-dated); a change breaking a legal
minimum is refused with the rule ID and the last lawful offset, and nothing changes (VC-NOM-6:
the formal candidates at D−4, practice.md §1; CEO-2: the cooperative's notice ten days ahead);
only the campaign's organizers may; the pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import make_user
from huanjie.audit.models import AuditEntry
from huanjie.campaigns.models import PlanTask
from huanjie.campaigns.task_template_services import task_template_step_set
from huanjie.campaigns.template_models import TaskTemplateStep
from huanjie.campaigns.tests.tasks_world import E, TasksWorld
from huanjie.campaigns.tests.test_task_pages import web
from huanjie.campaigns.tests.test_tasks import _state, _task
from huanjie.campaigns.tests.test_tasks import world as world

pytestmark = pytest.mark.django_db


def change(world: TasksWorld, key: str, offset: int | None, **extra: object) -> TaskTemplateStep:
    user = extra.pop("user", None) or make_user(world.tree, Role.ELECTION_OFFICE)
    task = _task(world, key)
    arguments: dict[str, object] = {
        "campaign": world.campaign,
        "key": key,
        "offset": offset,
        "owner": task.owner_role,
        "how_to": task.how_to,
        "acting_user": user,
        **extra,
    }
    return task_template_step_set(**arguments)  # type: ignore[arg-type]


def test_a_lawful_change_is_saved_audited_and_redates_every_plan(world: TasksWorld) -> None:
    change(
        world, "vc_nominations", -16, owner="township_officer", how_to="乡镇指导组到村发动提名。"
    )
    for village in ("a1", "a2", "b1"):
        task = _task(world, "vc_nominations", village)
        assert task.due == E - timedelta(days=16)
        assert (task.owner_role, task.how_to) == ("township_officer", "乡镇指导组到村发动提名。")
    entry = AuditEntry.objects.get(action="campaign.task_template_set")
    assert entry.before is not None and entry.before["offset"] == -15
    assert entry.after is not None and entry.after["offset"] == -16
    # A later refresh keeps the campaign's template.
    from huanjie.campaigns.task_services import plan_tasks_refresh

    plan_tasks_refresh(plan=world.plans["a1"], acting_user=None)
    assert _task(world, "vc_nominations").due == E - timedelta(days=16)


def test_VC_NOM_6_candidates_at_d_minus_4_are_refused_with_the_last_lawful_offset(
    world: TasksWorld,
) -> None:
    before = _state()
    with pytest.raises(ValidationError) as refused:
        change(world, "vc_candidate_list", -4)
    message = refused.value.messages[0]
    assert "（VC-NOM-6）" in message and "选举日前4日（D-4）" in message
    assert "最晚只能定在选举日前5日（D-5）" in message and "任务模板没有修改" in message
    assert _state() == before
    assert not TaskTemplateStep.objects.exists()
    change(world, "vc_candidate_list", -5)
    assert _task(world, "vc_candidate_list").due == date(2026, 3, 23)


def test_CEO_2_the_cooperative_notice_nine_days_ahead_is_refused(world: TasksWorld) -> None:
    before = _state()
    with pytest.raises(ValidationError) as refused:
        change(world, "coop_notice", -9)
    message = refused.value.messages[0]
    assert "（CEO-2）" in message and "最晚只能定在选举日前10日" in message
    assert _state() == before


def test_bad_entries_are_refused_and_change_nothing(world: TasksWorld) -> None:
    before = _state()
    with pytest.raises(ValidationError) as refused:
        change(world, "vc_voter_list", -25, owner="observer", how_to=" ")
    assert refused.value.messages == [
        "负责人“observer”无法识别，请从列表中选择。",
        "请写明这一步怎么做，让新任村干部照着能办。",
        "“公布选民名单”的日期由法律规定（法定最晚日），不能改计划日期；负责人和做法可以修改。",
    ]
    with pytest.raises(ValidationError) as refused:
        change(world, "vc_nominations", None)
    assert "请填写“" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        change(world, "vc_nominations", -200)
    assert "选举日前120日至选举日后60日之间" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        change(world, "vc_nominations", -15, how_to="长" * 1001)
    assert _state() == before


def test_only_the_campaigns_organizers_may_change_it(world: TasksWorld) -> None:
    before = _state()
    for role in (Role.TOWNSHIP_OFFICER, Role.ELECTION_COMMITTEE, Role.OBSERVER):
        with pytest.raises(PermissionDenied):
            change(world, "vc_nominations", -16, user=make_user(world.tree, role))
    assert _state() == before


def test_the_pages(world: TasksWorld) -> None:
    office = web(world, Role.ELECTION_OFFICE)
    base = f"/campaigns/{world.campaign.pk}/template/"
    listing = office.get(base).content.decode()
    assert "公布正式候选人名单" in listing or "正式候选人" in listing
    assert "VC-NOM-6" in listing and "D-6" in listing
    assert f"/campaigns/{world.campaign.pk}/template/vc_candidate_list/" in listing
    board = office.get(f"/campaigns/board/?campaign={world.campaign.pk}").content.decode()
    assert base in board
    refused = office.post(
        base + "vc_candidate_list/",
        {"offset": "-4", "owner": "election_committee", "how_to": "张贴正式候选人名单。"},
    )
    assert refused.status_code == 400 and "VC-NOM-6" in refused.content.decode()
    assert not TaskTemplateStep.objects.exists()
    done = office.post(
        base + "vc_candidate_list/",
        {"offset": "-7", "owner": "election_committee", "how_to": "张贴正式候选人名单。"},
    )
    assert done.status_code == 302
    assert PlanTask.objects.get(plan=world.plans["a2"], key="vc_candidate_list").due == date(
        2026, 3, 21
    )
    township = web(world, Role.TOWNSHIP_OFFICER)
    assert township.get(base).status_code == 404
    assert base not in township.get("/campaigns/board/").content.decode()
