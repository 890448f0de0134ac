"""The party roll's services: each change audited in its transaction, every refusal saying what
to do and changing nothing (PB-QUORUM-2's approvals, SEED-PB-REG's registration)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.elections.models import (
    AttendanceExclusion,
    ElectionStatus,
    Ground,
    MemberRegistration,
)
from huanjie.elections.party.services import (
    exclusion_consent_record,
    exclusion_meeting_record,
    exclusion_propose,
    exclusion_withdraw,
    member_enter_roll,
    member_register,
    member_registration_cancel,
)
from huanjie.elections.tests.party_world import (
    BEFORE,
    DAY,
    PartyWorld,
    build_party_world,
    member,
    villager,
)
from huanjie.people.models import MembershipStatus, PartyMembership, PoliticalStatus


@pytest.fixture
def world(tree: RegionTree) -> PartyWorld:
    world = build_party_world(tree)
    member(world, "张三")
    member(world, "预备", MembershipStatus.PROBATIONARY)
    member(world, "察看", probation_until=DAY + timedelta(days=90))
    return world


def _state() -> tuple[Any, ...]:
    return (
        list(AttendanceExclusion.objects.order_by("pk").values()),
        list(MemberRegistration.objects.order_by("pk").values()),
        list(PartyMembership.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def _propose(world: PartyWorld, name: str = "张三", **kw: Any) -> AttendanceExclusion:
    args: dict[str, Any] = {
        "election": world.election,
        "person": world[name],
        "ground": Ground.ABROAD,
        "detail": "2025年9月起在澳大利亚自费留学",
        "acting_user": None,
        "today": BEFORE,
    }
    return exclusion_propose(**(args | kw))


def test_pb_quorum_2_both_approvals_recorded_and_audited(world: PartyWorld) -> None:
    party = make_user(world.tree, Role.VILLAGE_PARTY)
    township = make_user(world.tree, Role.TOWNSHIP_OFFICER)
    exclusion = _propose(world, acting_user=party)
    assert not exclusion.approved
    exclusion = exclusion_consent_record(
        exclusion=exclusion,
        on=BEFORE,
        approver="中共鹤溪街道工作委员会",
        acting_user=township,  # the township records its own consent: no document needed
        today=BEFORE,
    )
    exclusion = exclusion_meeting_record(exclusion=exclusion, on=DAY, acting_user=party, today=DAY)
    assert exclusion.approved
    assert (exclusion.higher_recorded_by, exclusion.meeting_recorded_by) == (township, party)
    actions = list(
        AuditEntry.objects.filter(village=world.village)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == [
        "party.exclusion_propose",
        "party.exclusion_consent",
        "party.exclusion_meeting",
    ]


def _consent(world: PartyWorld, **kw: Any) -> Callable[[], object]:
    def run() -> object:
        exclusion = AttendanceExclusion.objects.get(person=world["张三"], withdrawn_at=None)
        args: dict[str, Any] = {
            "exclusion": exclusion,
            "on": BEFORE,
            "approver": "中共鹤溪街道工作委员会",
            "document": "鹤街党〔2026〕5号",
            "acting_user": None,
            "today": BEFORE,
        }
        return exclusion_consent_record(**(args | kw))

    return run


REFUSALS: dict[str, tuple[Callable[[PartyWorld], Callable[[], object]], str, str]] = {
    "probationary": (
        lambda w: lambda: _propose(w, "预备"),
        "no_rights",
        "本来就不计入应到会人数",
    ),
    "under-probation": (lambda w: lambda: _propose(w, "察看"), "no_rights", "留党察看"),
    "not-on-roll": (
        lambda w: lambda: _propose(w, "群众"),
        "not_on_roll",
        "不在东坑村党组织的党员名册中",
    ),
    "twice": (lambda w: lambda: _propose(w), "exists", "请先撤回原来的一条"),
    "ground": (lambda w: lambda: _propose(w, "head", ground="lazy"), "ground", "无法识别"),
    "floating-not-floating": (
        lambda w: lambda: _propose(w, "head", ground=Ground.FLOATING),
        "ground",
        "不是流动党员",
    ),
    "no-detail": (lambda w: lambda: _propose(w, "head", detail="  "), "detail", "具体情况"),
    "consent-future": (lambda w: _consent(w, on=BEFORE + timedelta(days=1)), "on", "今天"),
    "consent-after-day": (
        lambda w: _consent(w, on=DAY + timedelta(days=1), today=DAY + timedelta(days=3)),
        "on",
        "选举日",
    ),
    "consent-no-document": (lambda w: _consent(w, document=""), "document", "文号"),
    "consent-no-approver": (lambda w: _consent(w, approver=""), "approver", "上级党组织"),
    "register-future": (
        lambda w: (
            lambda: member_register(
                election=w.election,
                person=w["张三"],
                on=BEFORE + timedelta(days=1),
                method="phone",
                acting_user=None,
                today=BEFORE,
            )
        ),
        "on",
        "今天",
    ),
    "register-method": (
        lambda w: (
            lambda: member_register(
                election=w.election,
                person=w["张三"],
                on=BEFORE,
                method="pigeon",
                acting_user=None,
                today=BEFORE,
            )
        ),
        "method",
        "登记方式",
    ),
    "register-twice": (
        lambda w: (
            lambda: member_register(
                election=w.election,
                person=w["head"],
                on=BEFORE,
                method="phone",
                acting_user=None,
                today=BEFORE,
            )
        ),
        "registered",
        "不需要重复登记",
    ),
    "cancel-not-registered": (
        lambda w: (
            lambda: member_registration_cancel(
                election=w.election, person=w["张三"], acting_user=None
            )
        ),
        "not_registered",
        "无需撤销",
    ),
    "enter-roll-not-member": (
        lambda w: (
            lambda: member_enter_roll(
                village=w.village, person=w["群众"], organization=w.branch, acting_user=None
            )
        ),
        "not_a_member",
        "不是党员",
    ),
    "enter-roll-twice": (
        lambda w: (
            lambda: member_enter_roll(
                village=w.village, person=w["张三"], organization=w.branch, acting_user=None
            )
        ),
        "on_roll",
        "已在党员名册中",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusals_say_what_to_do_and_change_nothing(world: PartyWorld, case: str) -> None:
    villager(world, "群众")
    _propose(world)  # 张三's exclusion, proposed
    member_register(
        election=world.election,
        person=world["head"],
        on=BEFORE,
        method="in_person",
        acting_user=None,
        today=BEFORE,
    )
    make, code, words = REFUSALS[case]
    before = _state()
    with pytest.raises(ValidationError) as caught:
        make(world)()
    assert caught.value.code == code
    assert words in "".join(caught.value.messages)
    assert _state() == before


def test_approvals_once_each_and_not_after_withdrawal(world: PartyWorld) -> None:
    exclusion = _propose(world)
    _consent(world)()
    before = _state()
    with pytest.raises(ValidationError) as caught:
        _consent(world)()
    assert caught.value.code == "consented"
    assert _state() == before
    exclusion = exclusion_withdraw(exclusion=exclusion, reason="本人已回村", acting_user=None)
    before = _state()
    attempts: list[Callable[[], object]] = [
        lambda: exclusion_meeting_record(exclusion=exclusion, on=BEFORE, acting_user=None),
        lambda: exclusion_withdraw(exclusion=exclusion, reason="再撤", acting_user=None),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.code == "withdrawn"
    assert _state() == before
    # Withdrawn, the member may be proposed again (a new entry; the old one is kept).
    _propose(world, ground=Ground.AWAY)
    assert AttendanceExclusion.objects.filter(person=world["张三"]).count() == 2


def test_withdrawal_needs_a_reason(world: PartyWorld) -> None:
    exclusion = _propose(world)
    before = _state()
    with pytest.raises(ValidationError) as caught:
        exclusion_withdraw(exclusion=exclusion, reason=" ", acting_user=None)
    assert caught.value.code == "reason"
    assert _state() == before


def test_a_finished_election_takes_no_more_changes(world: PartyWorld) -> None:
    exclusion = _propose(world)
    world.election.status = ElectionStatus.COMPLETE
    world.election.save()
    before = _state()
    with pytest.raises(ValidationError) as caught:
        exclusion_meeting_record(exclusion=exclusion, on=BEFORE, acting_user=None, today=BEFORE)
    assert caught.value.code == "closed"
    assert "已完成" in caught.value.messages[0]
    assert _state() == before


def test_registration_and_its_cancellation_are_audited(world: PartyWorld) -> None:
    party = make_user(world.tree, Role.VILLAGE_PARTY)
    registration = member_register(
        election=world.election,
        person=world["预备"],  # every member on the roll may register
        on=BEFORE,
        method="phone",
        note="在杭州务工，电话登记",
        acting_user=party,
        today=BEFORE,
    )
    assert registration.recorded_by == party
    member_registration_cancel(election=world.election, person=world["预备"], acting_user=party)
    assert not MemberRegistration.objects.exists()
    entries = AuditEntry.objects.filter(action__startswith="party.member_").order_by("pk")
    assert [e.action for e in entries] == [
        "party.member_register",
        "party.member_registration_cancel",
    ]
    assert (entries[1].before or {})["note"] == "在杭州务工，电话登记"


def test_a_member_known_by_political_status_is_entered_on_the_roll(world: PartyWorld) -> None:
    person = villager(world, "李四", political_status=PoliticalStatus.PROBATIONARY_MEMBER)
    party = make_user(world.tree, Role.VILLAGE_PARTY)
    membership = member_enter_roll(
        village=world.village, person=person, organization=world.branch, acting_user=party
    )
    assert membership.status == MembershipStatus.PROBATIONARY
    assert AuditEntry.objects.filter(action="people.party_membership_set").exists()
