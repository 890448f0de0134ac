from datetime import date

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.tests.real_calendar import calendar_for
from huanjie.rules.timeline.plan import (
    Direction,
    Step,
    check_schedule,
    objection_deadlines,
    plan_deadlines,
    recall_deadlines,
    schedule_violations,
    within_after,
)

E = date(2026, 3, 28)  # H-9's election day, a Saturday
CAL = calendar_for(2026)


def plan(profile_id: str) -> dict[Step, date]:
    return {d.step: d.day for d in plan_deadlines(load_profile(profile_id), E, CAL)}


@pytest.mark.parametrize(
    ("profile_id", "step", "day"),
    [
        ("NAT_2018", Step.VOTER_LIST, date(2026, 3, 8)),
        ("ZJ_2020", Step.VOTER_LIST, date(2026, 3, 8)),
        ("SH_2020", Step.VOTER_LIST, date(2026, 3, 8)),
        ("BJ_2012", Step.VOTER_LIST, date(2026, 3, 8)),
        ("ZJ_2020", Step.OBJECTION, date(2026, 3, 13)),
        ("ZJ_2020", Step.OBJECTION_DECISION, date(2026, 3, 16)),
        ("ZJ_2020", Step.SELF_NOMINEE_REGISTRATION, date(2026, 3, 18)),
        ("ZJ_2020", Step.SELF_NOMINEE_LIST, date(2026, 3, 23)),
        ("ZJ_2020", Step.CANDIDATE_LIST, date(2026, 3, 23)),
        ("ZJ_2020", Step.VOTE_NOTICE, date(2026, 3, 23)),
        ("ZJ_2020", Step.CANDIDATE_WITHDRAWAL, date(2026, 3, 25)),
        ("ZJ_2020", Step.PROXY_REQUEST, date(2026, 3, 25)),
        ("SH_2020", Step.PROXY_REQUEST, date(2026, 3, 23)),
        ("SH_2020", Step.PROXY_LIST, date(2026, 3, 26)),
        ("ZJ_2020", Step.SUPPLEMENTARY_ROUND, date(2026, 4, 27)),
        ("BJ_2012", Step.SUPPLEMENTARY_ROUND, date(2026, 4, 13)),  # 04-12 is a Sunday
        ("ZJ_2020", Step.HANDOVER, date(2026, 4, 7)),
        ("SH_2020", Step.SEAL_HANDOVER, E),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_h9_deadlines(profile_id: str, step: Step, day: date) -> None:
    assert plan(profile_id)[step] == day


def test_h9_recall_vote_and_township_fallback() -> None:
    vote, fallback = recall_deadlines(load_profile("ZJ_2020"), date(2026, 6, 1), CAL)
    assert vote.day == date(2026, 7, 1)
    assert fallback is not None
    assert fallback.day == date(2026, 8, 31)  # 08-30 is a Sunday


def test_rec_3_no_fallback_where_the_profile_has_none() -> None:
    vote, fallback = recall_deadlines(load_profile("SH_2020"), date(2026, 6, 1), CAL)
    assert vote.day == date(2026, 7, 1)
    assert fallback is None


def test_vc_reg_5_voter_list_twenty_days_before() -> None:
    (voter_list,) = [
        d for d in plan_deadlines(load_profile("NAT_2018"), E, CAL) if d.step is Step.VOTER_LIST
    ]
    assert (voter_list.day, voter_list.rule_id, voter_list.days) == (
        date(2026, 3, 8),
        "VC-REG-5",
        20,
    )
    assert voter_list.direction is Direction.BEFORE
    assert (voter_list.parameter, voter_list.tag) == ("reg.list_days_before", "V")
    assert voter_list.label == "公布选民名单"


@pytest.mark.parametrize(
    ("published", "closes", "decided"),
    [
        (date(2026, 3, 8), date(2026, 3, 13), date(2026, 3, 16)),
        (date(2026, 4, 28), date(2026, 5, 6), date(2026, 5, 9)),  # Labour Day; 05-09 调休
        (date(2026, 5, 4), date(2026, 5, 9), date(2026, 5, 12)),
    ],
    ids=["h9", "labour-day-roll", "makeup-saturday"],
)
def test_vc_reg_6_objection_window_and_decision(
    published: date, closes: date, decided: date
) -> None:
    window, decision = objection_deadlines(load_profile("NAT_2018"), published, CAL)
    assert (window.day, decision.day) == (closes, decided)
    assert window.rule_id == decision.rule_id == "VC-REG-6"
    assert window.direction is Direction.AFTER


def test_plan_is_in_date_order_and_only_what_the_profile_regulates() -> None:
    deadlines = plan_deadlines(load_profile("NAT_2018"), E, CAL)
    assert [d.day for d in deadlines] == sorted(d.day for d in deadlines)
    steps = {d.step for d in deadlines}
    assert Step.SELF_NOMINEE_REGISTRATION not in steps  # self.enabled is false
    assert Step.CANDIDATE_WITHDRAWAL not in steps  # nom.withdraw_days_before is null
    assert Step.SEAL_HANDOVER not in steps
    assert all(d.source for d in deadlines)


def test_plan_warns_on_deadlines_in_a_year_without_holidays() -> None:
    deadlines = plan_deadlines(load_profile("ZJ_2020"), date(2026, 12, 12), CAL)
    warned = {d.step for d in deadlines if d.warning}
    assert warned == {Step.SUPPLEMENTARY_ROUND}  # 2027-01-11; handover stays in 2026
    (supp,) = [d for d in deadlines if d.step is Step.SUPPLEMENTARY_ROUND]
    assert supp.warning is not None
    assert supp.warning.startswith("2027年节假日安排尚未录入")


def test_vc_nom_6_template_with_candidate_list_at_d_minus_4_is_refused() -> None:
    planned = {Step.VOTER_LIST: date(2026, 3, 8), Step.CANDIDATE_LIST: date(2026, 3, 24)}
    with pytest.raises(RuleViolation) as refused:
        check_schedule(load_profile("ZJ_2020"), E, planned, calendar=CAL)
    assert refused.value.rule_id == "VC-NOM-6"
    assert "选举日前4日（2026-03-24）" in refused.value.message
    assert "请改到2026-03-23或以前" in refused.value.message


def test_vc_reg_6_template_with_a_short_objection_window_is_refused() -> None:
    # practice.md §1: one county closed objections at D−16, a day short of five.
    planned = {Step.VOTER_LIST: date(2026, 3, 8), Step.OBJECTION: date(2026, 3, 12)}
    issues = schedule_violations(load_profile("ZJ_2020"), E, planned, calendar=CAL)
    assert [(i.rule_id, i.blocking) for i in issues] == [("VC-REG-6", True)]
    assert "不足法定的5日" in issues[0].message
    assert "2026-03-13或以后" in issues[0].message


def test_objection_window_counts_from_the_planned_publication() -> None:
    planned = {Step.VOTER_LIST: date(2026, 3, 2), Step.OBJECTION: date(2026, 3, 9)}
    assert schedule_violations(load_profile("ZJ_2020"), E, planned) == []
    planned = {Step.OBJECTION: date(2026, 3, 12)}  # against the latest lawful publication
    assert len(schedule_violations(load_profile("ZJ_2020"), E, planned)) == 1


def test_decision_counts_from_the_planned_close_of_objections() -> None:
    planned = {Step.OBJECTION: date(2026, 3, 14), Step.OBJECTION_DECISION: date(2026, 3, 18)}
    issues = schedule_violations(load_profile("ZJ_2020"), E, planned, calendar=CAL)
    assert [i.rule_id for i in issues] == ["VC-REG-6"]
    assert "晚于法定最晚日（2026-03-17）" in issues[0].message


def test_lawful_template_passes_and_unregulated_steps_are_ignored() -> None:
    planned = {
        Step.VOTER_LIST: date(2026, 3, 8),
        Step.OBJECTION: date(2026, 3, 13),
        Step.OBJECTION_DECISION: date(2026, 3, 16),
        Step.CANDIDATE_LIST: date(2026, 3, 22),
        Step.SELF_NOMINEE_REGISTRATION: date(2026, 3, 27),  # NAT_2018 has no 自荐直选
        Step.HANDOVER: date(2026, 4, 7),
    }
    check_schedule(load_profile("NAT_2018"), E, planned, calendar=CAL)


def test_every_broken_step_is_in_the_message_and_after_steps_use_dates() -> None:
    planned = {Step.VOTER_LIST: date(2026, 3, 10), Step.HANDOVER: date(2026, 4, 9)}
    with pytest.raises(RuleViolation) as refused:
        check_schedule(load_profile("NAT_2018"), E, planned, calendar=CAL)
    assert refused.value.rule_id == "VC-REG-5"
    assert "选举日前18日（2026-03-10）" in refused.value.message
    assert "“完成工作移交”定在2026-04-09，晚于法定最晚日（2026-04-07）" in refused.value.message


def test_county_profile_moves_deadlines() -> None:
    county = load_profile("ZJ_2020").derive("COUNTY_331127", {"nom.list_days_before": 6})
    deadlines = {d.step: d for d in plan_deadlines(county, E, CAL)}
    assert deadlines[Step.CANDIDATE_LIST].day == date(2026, 3, 22)
    assert deadlines[Step.CANDIDATE_LIST].days == 6


def test_within_after_is_exported_for_other_rules() -> None:
    assert within_after(date(2026, 4, 28), 5, CAL).day == date(2026, 5, 6)
