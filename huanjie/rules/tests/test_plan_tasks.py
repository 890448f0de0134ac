"""A village's plan as dated tasks: legal days from the engine (H-9), planned offsets refused where
they break a legal minimum (practice.md §1's D−4), the bodies in order (SEQ-1)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.tests.real_calendar import calendar_for
from huanjie.rules.timeline.deadlines import Step
from huanjie.rules.timeline.task_template import DEFAULT_TEMPLATE
from huanjie.rules.timeline.tasks import (
    BODY_ORDER,
    DateKind,
    ElectionDays,
    Method,
    PlannedTask,
    TaskTemplate,
    check_template,
    plan_tasks,
)

E = date(2026, 3, 28)  # H-9's election day (a Saturday)
DAYS = {
    "party_organization": date(2026, 3, 7),
    "villagers_committee": E,
    "supervision_committee": date(2026, 4, 2),
    "cooperative_board": date(2026, 4, 9),
}
CAL = calendar_for(2026)


def tasks(
    template: tuple[TaskTemplate, ...] = DEFAULT_TEMPLATE,
    *,
    days: dict[str, date | None] | None = None,
    self_nomination: bool = False,
    vc: str = "ZJ_2020",
    party: str = "PB_2020",
) -> dict[str, PlannedTask]:
    found = plan_tasks(
        template,
        ElectionDays(DAYS if days is None else days, self_nomination),
        vc_profile=load_profile(vc),
        party_profile=load_profile(party),
        calendar=CAL,
    )
    return {t.template.key: t for t in found}


def test_legal_days_are_h9_s() -> None:
    found = tasks()
    assert found["vc_voter_list"].day == date(2026, 3, 8)
    assert found["vc_voter_list"].kind is DateKind.LEGAL
    assert found["vc_objections"].day == date(2026, 3, 13)
    assert found["vc_objection_decisions"].day == date(2026, 3, 16)
    assert found["vc_vote_notice"].day == date(2026, 3, 23)
    assert found["vc_handover"].day == date(2026, 4, 7)
    # Planned a day earlier than the law's latest day, which is kept beside it.
    listed = found["vc_candidate_list"]
    assert (listed.day, listed.kind, listed.legal_day) == (
        date(2026, 3, 22),
        DateKind.PLANNED,
        date(2026, 3, 23),
    )
    assert found["vc_election_committee"].day == date(2026, 2, 22)  # D−34
    assert all(t.warning is None for t in found.values())


def test_a_deadline_rolls_over_the_labour_day_holiday() -> None:
    # H-9: a list published 2026-04-28 gives an objection deadline of 05-03, inside the holiday.
    found = tasks(days={**DAYS, "villagers_committee": date(2026, 5, 18)})
    assert found["vc_voter_list"].day == date(2026, 4, 28)
    assert found["vc_objections"].day == date(2026, 5, 6)


def test_a_year_without_holiday_table_warns() -> None:
    found = tasks(days={**DAYS, "villagers_committee": date(2027, 3, 27)})
    assert "2027年节假日安排尚未录入" in (found["vc_objections"].warning or "")


def test_bodies_come_in_order_and_the_ritual_is_part_of_the_template() -> None:
    found = list(tasks().values())
    bodies = [t.template.body for t in found]
    assert bodies == sorted(bodies, key=BODY_ORDER.index)
    assert [t.order for t in found] == list(range(1, len(found) + 1))
    oath = next(t for t in found if t.template.ritual)
    assert oath.template.title == "党员大会开始时重温入党誓词"
    assert oath.day == DAYS["party_organization"]
    assert all(t.template.basis and t.template.how_to for t in found)


def test_a_body_without_a_day_has_undated_tasks() -> None:
    found = tasks(days={**DAYS, "villagers_committee": None, "cooperative_board": None})
    assert found["vc_voter_list"].day is None
    assert found["vc_voter_list"].kind is DateKind.LEGAL
    assert found["coop_vote"].day is None
    assert found["coop_vote"].kind is DateKind.PLANNED
    assert found["party_vote"].day == DAYS["party_organization"]


def test_the_method_picks_the_candidate_steps() -> None:
    with_candidates = tasks()
    assert "vc_candidate_list" in with_candidates
    assert "vc_self_list" not in with_candidates
    self_ = tasks(self_nomination=True)
    assert "vc_candidate_list" not in self_ and "vc_nominations" not in self_
    assert self_["vc_self_registration"].day == date(2026, 3, 18)  # E − 10
    assert self_["vc_self_list"].day == date(2026, 3, 23)


def test_steps_the_profile_does_not_have_are_left_out() -> None:
    # BJ has no self-nomination: even a village marked so gets no self-nominee steps.
    assert "vc_self_registration" not in tasks(self_nomination=True, vc="BJ_2012")
    # PB_2020 leaves the party registration off by default.
    assert "party_registration" not in tasks()


def test_a_profile_switch_brings_its_step() -> None:
    pb = load_profile("PB_2020", {"pb.registration_defines_should_attend": True})
    found = plan_tasks(
        DEFAULT_TEMPLATE,
        ElectionDays(DAYS),
        vc_profile=load_profile("ZJ_2020"),
        party_profile=pb,
        calendar=CAL,
    )
    registration = next(t for t in found if t.template.key == "party_registration")
    assert registration.day == date(2026, 3, 4)  # D−3 of the party assembly


def test_candidates_at_d_minus_4_are_refused() -> None:
    # practice.md §1: one county's calendar published the formal candidates at D−4.
    late = tuple(
        replace(t, offset=-4) if t.key == "vc_candidate_list" else t for t in DEFAULT_TEMPLATE
    )
    with pytest.raises(RuleViolation) as refused:
        tasks(late)
    assert refused.value.rule_id == "VC-NOM-6"
    assert "2026-03-23" in refused.value.message


def test_a_planned_day_is_not_checked_without_the_vc_day() -> None:
    late = tuple(
        replace(t, offset=-4) if t.key == "vc_candidate_list" else t for t in DEFAULT_TEMPLATE
    )
    found = tasks(late, days={**DAYS, "villagers_committee": None})
    assert found["vc_candidate_list"].day is None


def test_the_cooperative_notice_keeps_ten_days() -> None:
    found = tasks()
    notice = found["coop_notice"]
    assert notice.day == date(2026, 3, 28)  # D−12
    assert notice.legal_day == date(2026, 3, 30)  # CEO-2: ten days ahead
    short = tuple(replace(t, offset=-9) if t.key == "coop_notice" else t for t in DEFAULT_TEMPLATE)
    with pytest.raises(RuleViolation) as refused:
        check_template(short)
    assert refused.value.rule_id == "CEO-2"
    assert "不足法定的10日" in refused.value.message


def test_a_minimum_without_basis_names_the_calendar_rule() -> None:
    item = TaskTemplate("x", "cooperative_board", "通知", "village_party", "…", (), -3, None, 5)
    with pytest.raises(RuleViolation) as refused:
        check_template((item,))
    assert refused.value.rule_id == "C.7"


def test_a_legal_step_with_its_minimum_only() -> None:
    item = TaskTemplate("x", "cooperative_board", "通知", "village_party", "…", (), None, None, 5)
    with pytest.raises(RuleViolation, match="既无法定期限也无计划日期"):
        check_template((item,))


@pytest.mark.parametrize(
    ("item", "words"),
    [
        (TaskTemplate("x", "nowhere", "甲", "village_party", "…", (), 0), "选举机构无法识别"),
        (
            TaskTemplate("x", "party_organization", "乙", "village_party", "…", (), None,
                         Step.VOTER_LIST),
            "只适用于村民委员会选举",
        ),
    ],
)  # fmt: skip
def test_broken_templates_are_refused(item: TaskTemplate, words: str) -> None:
    with pytest.raises(RuleViolation, match=words):
        check_template((item,))


def test_a_repeated_key_is_refused() -> None:
    with pytest.raises(RuleViolation, match="重复"):
        check_template((DEFAULT_TEMPLATE[0], DEFAULT_TEMPLATE[0]))


def test_method_any_steps_stay_for_both_methods() -> None:
    anyway = [t.key for t in DEFAULT_TEMPLATE if t.method is Method.ANY]
    assert set(anyway) <= set(tasks()) | {"party_registration"}
    assert set(anyway) <= set(tasks(self_nomination=True)) | {"party_registration"}
