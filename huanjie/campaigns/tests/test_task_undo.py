"""Undo of a plan task recorded as done: with a reason, audited, by whom may record it, refused
while a later step of the plan is done (SEQ-1); every refusal changes nothing; on the web from
the village's 换届任务 tab."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import make_user
from huanjie.audit.models import AuditEntry
from huanjie.campaigns.task_services import plan_task_complete, plan_task_undo
from huanjie.campaigns.tests.tasks_world import TasksWorld
from huanjie.campaigns.tests.test_task_pages import web
from huanjie.campaigns.tests.test_tasks import TODAY, _state, _task
from huanjie.campaigns.tests.test_tasks import world as world

pytestmark = pytest.mark.django_db


def done(world: TasksWorld, key: str, on: date = date(2026, 3, 2)) -> None:
    user = make_user(world.tree, Role.ELECTION_COMMITTEE)
    plan_task_complete(
        task=_task(world, key), done_on=on, evidence="已办", today=TODAY, acting_user=user
    )


def test_undo_with_a_reason_is_audited_and_the_task_can_be_recorded_again(
    world: TasksWorld,
) -> None:
    done(world, "vc_registration")
    user = make_user(world.tree, Role.TOWNSHIP_OFFICER)
    task = plan_task_undo(
        task=_task(world, "vc_registration"), reason="登记日期错了", acting_user=user
    )
    assert (task.done_on, task.evidence, task.done_by) == (None, "", None)
    entry = AuditEntry.objects.get(action="campaign.plan_task_undo")
    assert entry.before == {"done_on": "2026-03-02", "evidence": "已办"}
    assert entry.after == {"done_on": None, "evidence": "", "reason": "登记日期错了"}
    done(world, "vc_registration", date(2026, 3, 3))
    assert _task(world, "vc_registration").done_on == date(2026, 3, 3)


def test_SEQ_1_undo_is_refused_while_a_later_step_is_done(world: TasksWorld) -> None:
    done(world, "vc_election_committee")
    done(world, "vc_registration")
    user = make_user(world.tree, Role.ELECTION_COMMITTEE)
    before = _state()
    with pytest.raises(ValidationError) as refused:
        plan_task_undo(
            task=_task(world, "vc_election_committee"), reason="重新推选", acting_user=user
        )
    assert refused.value.code == "later_done"
    message = refused.value.messages[0]
    assert f"排在它之后的“{_task(world, 'vc_registration').title}”已登记完成" in message
    assert "SEQ-1" in message and "请先撤销后面的步骤" in message
    assert _state() == before
    # The later one first, then the earlier one.
    plan_task_undo(task=_task(world, "vc_registration"), reason="重新登记", acting_user=user)
    plan_task_undo(task=_task(world, "vc_election_committee"), reason="重新推选", acting_user=user)
    assert _task(world, "vc_election_committee").done_on is None


def test_undo_refusals_change_nothing(world: TasksWorld) -> None:
    user = make_user(world.tree, Role.ELECTION_COMMITTEE)
    before = _state()
    with pytest.raises(ValidationError) as refused:
        plan_task_undo(task=_task(world, "vc_registration"), reason="x", acting_user=user)
    assert "还没有登记完成" in refused.value.messages[0]
    done(world, "vc_registration")
    before = _state()
    for reason, words in (("  ", "请写明撤销完成登记的原因"), ("长" * 201, "最多200字")):
        with pytest.raises(ValidationError) as refused:
            plan_task_undo(task=_task(world, "vc_registration"), reason=reason, acting_user=user)
        assert words in refused.value.messages[0]
    cadre_elsewhere = make_user(world.tree, Role.VILLAGE_PARTY)
    with pytest.raises(PermissionDenied):
        plan_task_undo(
            task=_task(world, "vc_registration"), reason="错了", acting_user=cadre_elsewhere
        )
    assert _state() == before


def test_undo_on_the_web(world: TasksWorld) -> None:
    done(world, "vc_registration")
    task = _task(world, "vc_registration")
    client = web(world, Role.ELECTION_COMMITTEE)
    tab = client.get(f"/villages/{world.plans['a1'].village_id}/?tab=tasks").content.decode()
    assert f"/campaigns/tasks/{task.pk}/undo/" in tab and "撤销完成登记" in tab
    refused = client.post(f"/campaigns/tasks/{task.pk}/undo/", {"reason": ""}, follow=True)
    assert "请写明撤销完成登记的原因" in refused.content.decode()
    response = client.post(
        f"/campaigns/tasks/{task.pk}/undo/", {"reason": "日期登记错了"}, follow=True
    )
    assert f"已撤销“{task.title}”的完成登记" in response.content.decode()
    task.refresh_from_db()
    assert task.done_on is None
