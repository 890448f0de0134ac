"""H-9's worked dates on the register (E = 2026-03-28): published by E−20 = 03-08, objections
until 03-13, a decision on one received 03-13 by 03-16; the Labour Day roll-over (04-28 → 05-06)
and the 调休 Saturday (05-04 → 05-09) with the 2026 rows of the holiday table. A refused step
changes nothing; the register changes only through an upheld decision."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.registration.models import (
    LeftOff,
    LeftOffKind,
    ListStatus,
    Objection,
    ObjectionKind,
    ObjectionStatus,
    Voter,
    VoterCard,
    VoterRegister,
    WishMeans,
)
from huanjie.registration.services import (
    card_reissue,
    cards_issue,
    decisions_publish,
    objection_decide,
    objection_file,
    register_build,
    register_publish,
    wish_record,
)
from huanjie.registration.services.objections import late_finding
from huanjie.registration.tests.world import World, build_world

BUILT = date(2026, 3, 1)


@pytest.fixture
def world(tree: RegionTree) -> World:
    world = build_world(tree)
    register_build(election=world.elections["a1"], acting_user=None, today=BUILT)
    return world


def _state(register: VoterRegister) -> tuple[Any, ...]:
    register.refresh_from_db()
    return (
        register.status,
        register.published_on,
        register.objection_deadline,
        sorted(Voter.objects.filter(register=register).values_list("person_id", "removed_at")),
        Objection.objects.count(),
        AuditEntry.objects.count(),
    )


def _publish(world: World, day: date, key: str = "a1") -> VoterRegister:
    return register_publish(
        register=world.register(key), published_on=day, acting_user=None, today=day
    )


def test_vc_reg_5_published_on_e_minus_20(world: World) -> None:
    register = _publish(world, date(2026, 3, 8))
    assert register.status == ListStatus.PUBLISHED
    assert register.objection_deadline == date(2026, 3, 13)  # H-9: 03-09 … 03-13 (Fri)
    entry = AuditEntry.objects.filter(action="registration.register_publish").get()
    assert (entry.after or {})["objection_deadline"] == "2026-03-13"


def test_vc_reg_5_a_later_day_is_refused_and_changes_nothing(world: World) -> None:
    register = world.register("a1")
    before = _state(register)
    with pytest.raises(ValidationError) as refused:
        register_publish(
            register=register,
            published_on=date(2026, 3, 9),
            acting_user=None,
            today=date(2026, 3, 9),
        )
    message = "".join(refused.value.messages)
    assert "法定最晚日2026-03-08（选举日前20日）" in message and "VC-REG-5" in message
    assert _state(register) == before


def test_vc_reg_5_a_day_in_the_future_is_refused(world: World) -> None:
    register = world.register("a1")
    before = _state(register)
    with pytest.raises(ValidationError, match="晚于今天"):
        register_publish(
            register=register,
            published_on=date(2026, 3, 8),
            acting_user=None,
            today=date(2026, 3, 5),
        )
    assert _state(register) == before


def test_a_published_list_is_never_rebuilt(world: World) -> None:
    register = _publish(world, date(2026, 3, 8))
    before = _state(register)
    with pytest.raises(ValidationError, match="不能重新生成"):
        register_build(election=world.elections["a1"], acting_user=None, today=date(2026, 3, 9))
    assert _state(register) == before


def test_a_list_built_for_another_election_day_is_built_again_first(world: World) -> None:
    election = world.elections["a1"]
    election.election_day = date(2026, 4, 4)
    election.save()
    register = world.register("a1")
    before = _state(register)
    with pytest.raises(ValidationError, match="请重新生成选民名单后再公布"):
        _publish(world, date(2026, 3, 8))
    assert _state(register) == before


@pytest.mark.parametrize(
    ("published", "deadline"),
    [(date(2026, 4, 28), date(2026, 5, 6)), (date(2026, 5, 4), date(2026, 5, 9))],
    ids=["labour_day_roll_over", "makeup_saturday"],
)
def test_vc_reg_6_objection_deadline_on_the_holiday_table(
    tree: RegionTree, published: date, deadline: date
) -> None:
    world = build_world(tree, day=date(2026, 5, 30))
    register_build(election=world.elections["a1"], acting_user=None, today=date(2026, 4, 20))
    register = _publish(world, published)
    assert register.objection_deadline == deadline
    assert register.deadline_warning == ""


def _object(world: World, received: date, **kw: Any) -> Objection:
    fields: dict[str, Any] = {
        "kind": ObjectionKind.REMOVE,
        "person": world.tree.spouses["a1"],
        "claim": "此人已常年随子女在外居住，且已在外地登记",
        "filed_by": "东坑村村民王某",
    }
    fields.update(kw)
    return objection_file(
        register=world.register("a1"),
        received_on=received,
        acting_user=None,
        today=received,
        **fields,
    )


def test_vc_reg_6_an_objection_on_the_last_day_is_received(world: World) -> None:
    _publish(world, date(2026, 3, 8))
    objection = _object(world, date(2026, 3, 13))
    assert objection.status == ObjectionStatus.OPEN
    assert late_finding(objection) is None


def test_vc_reg_6_a_late_objection_is_recorded_and_refused(world: World) -> None:
    _publish(world, date(2026, 3, 8))
    objection = _object(world, date(2026, 3, 14))
    assert objection.status == ObjectionStatus.LATE
    assert objection.period_closed_on == date(2026, 3, 13)
    finding = late_finding(objection)
    assert finding is not None and finding.rule_id == "VC-REG-6"
    assert "异议期已于2026-03-13届满" in finding.message
    assert AuditEntry.objects.filter(action="registration.objection_late").count() == 1
    with pytest.raises(ValidationError, match="逾期不予受理"):
        objection_decide(
            objection=objection,
            upheld=True,
            reasons="x",
            decided_on=date(2026, 3, 14),
            acting_user=None,
            today=date(2026, 3, 14),
        )


def test_vc_reg_6_no_objection_before_publication(world: World) -> None:
    before = _state(world.register("a1"))
    with pytest.raises(ValidationError, match="选民名单尚未公布"):
        _object(world, date(2026, 3, 7))
    assert _state(world.register("a1")) == before


def test_vc_reg_6_decision_within_three_days_of_receipt(world: World) -> None:
    _publish(world, date(2026, 3, 8))
    objection = _object(world, date(2026, 3, 13))
    before = _state(world.register("a1"))
    with pytest.raises(ValidationError) as refused:
        objection_decide(
            objection=objection,
            upheld=True,
            reasons="经核实属实",
            decided_on=date(2026, 3, 17),
            acting_user=None,
            today=date(2026, 3, 17),
        )
    message = "".join(refused.value.messages)
    assert "应于2026-03-16前作出决定并公布" in message and "VC-REG-6" in message
    assert _state(world.register("a1")) == before
    objection_decide(
        objection=objection,
        upheld=True,
        reasons="经核实，本人已在户籍所在地以外长期居住且表示不参加本村选举",
        decided_on=date(2026, 3, 16),
        acting_user=None,
        today=date(2026, 3, 16),
    )
    spouse = world.tree.spouses["a1"]
    row = Voter.objects.get(register=world.register("a1"), person=spouse)
    assert row.removed_at is not None and row.removed_by == objection
    left = LeftOff.objects.get(register=world.register("a1"), person=spouse)
    assert (left.kind, left.rule_ids) == (LeftOffKind.OBJECTION, "VC-REG-6")


def test_an_upheld_addition_must_satisfy_the_rules(world: World) -> None:
    _publish(world, date(2026, 3, 8))
    away = world.people["away"]
    objection = _object(
        world, date(2026, 3, 10), kind=ObjectionKind.ADD, person=away, claim="本人要求参加选举"
    )
    before = _state(world.register("a1"))
    with pytest.raises(ValidationError, match="不符合登记条件") as refused:
        objection_decide(
            objection=objection,
            upheld=True,
            reasons="本人表示参加选举",
            decided_on=date(2026, 3, 11),
            acting_user=None,
            today=date(2026, 3, 11),
        )
    assert "请先在“登记事项”中登记" in "".join(refused.value.messages)
    assert _state(world.register("a1")) == before
    wish_record(
        register=world.register("a1"),
        person=away,
        expressed_on=date(2026, 3, 10),
        means=WishMeans.WRITING,
        acting_user=None,
        today=date(2026, 3, 11),
    )
    objection_decide(
        objection=objection,
        upheld=True,
        reasons="本人书面表示参加选举，符合第二类登记条件",
        decided_on=date(2026, 3, 11),
        acting_user=None,
        today=date(2026, 3, 11),
    )
    added = Voter.objects.get(register=world.register("a1"), person=away)
    assert added.added_by == objection and added.category == "hukou_away"
    assert not LeftOff.objects.filter(register=world.register("a1"), person=away).exists()


def test_a_correction_changes_the_published_entry_only(world: World) -> None:
    _publish(world, date(2026, 3, 8))
    head = world.tree.heads["a1"]
    objection = _object(
        world,
        date(2026, 3, 9),
        kind=ObjectionKind.CORRECT,
        person=head,
        claim="名单上姓名有误",
        new_name="东坑村户主甲",
    )
    objection_decide(
        objection=objection,
        upheld=True,
        reasons="与户口簿核对，姓名录入有误",
        decided_on=date(2026, 3, 10),
        acting_user=None,
        today=date(2026, 3, 10),
    )
    assert Voter.objects.get(register=world.register("a1"), person=head).name == "东坑村户主甲"
    head.refresh_from_db()
    assert head.name == "东坑村户主"  # the household register is the committee's other book


def test_the_decisions_are_published_in_a_numbered_notice(world: World) -> None:
    _publish(world, date(2026, 3, 8))
    rejected = _object(world, date(2026, 3, 9))
    objection_decide(
        objection=rejected,
        upheld=False,
        reasons="经核实，此人户籍在本村并在本村居住",
        decided_on=date(2026, 3, 10),
        acting_user=None,
        today=date(2026, 3, 10),
    )
    with pytest.raises(ValidationError, match="早于最后一件决定的日期"):
        decisions_publish(
            register=world.register("a1"),
            published_on=date(2026, 3, 9),
            acting_user=None,
            today=date(2026, 3, 10),
        )
    notice = decisions_publish(
        register=world.register("a1"),
        published_on=date(2026, 3, 10),
        acting_user=None,
        today=date(2026, 3, 10),
    )
    assert notice.number == 1
    rejected.refresh_from_db()
    assert rejected.notice == notice
    with pytest.raises(ValidationError, match="没有待公布的异议处理决定"):
        decisions_publish(
            register=world.register("a1"),
            published_on=date(2026, 3, 11),
            acting_user=None,
            today=date(2026, 3, 11),
        )


def test_vc_reg_7_cards_numbered_per_register_and_a_reissue_voids_the_number(
    world: World,
) -> None:
    register = _publish(world, date(2026, 3, 8))
    cards = cards_issue(register=register, acting_user=None)
    assert [c.number for c in cards] == [1, 2, 3]
    with pytest.raises(ValidationError, match="都已发放选民证"):
        cards_issue(register=register, acting_user=None)
    lost = cards[0]
    new = card_reissue(card=lost, reason="遗失", acting_user=None)
    lost.refresh_from_db()
    assert new.number == 4 and new.replaces == lost and new.voter == lost.voter
    assert lost.voided_at is not None and lost.void_reason == "遗失"
    with pytest.raises(ValidationError, match=r"已于.*作废"):
        card_reissue(card=lost, reason="遗失", acting_user=None)
    entry = AuditEntry.objects.filter(action="registration.card_reissue").get()
    assert entry.after == {"voided": 1, "number": 4, "reason": "遗失"}
    assert VoterCard.objects.filter(register=register, voided_at__isnull=True).count() == 3
