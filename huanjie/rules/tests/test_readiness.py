from datetime import date

import pytest

from huanjie.rules.checks import Finding, block, warn
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.tests.real_calendar import calendar_for
from huanjie.rules.timeline.plan import VillagePlanFacts, readiness_issues

E = date(2026, 3, 28)
CAL = calendar_for(2026)


def facts(**kw: object) -> VillagePlanFacts:
    base: dict[str, object] = {
        "election_day": E,
        "body": "villagers_committee",
        "profile_id": "ZJ_2020",
        "register_published": date(2026, 3, 6),
        "candidate_list_published": date(2026, 3, 20),
        "vote_notice_published": date(2026, 3, 20),
    }
    base.update(kw)
    return VillagePlanFacts(**base)  # type: ignore[arg-type]


def blocking(issues: list[Finding]) -> list[Finding]:
    return [i for i in issues if i.blocking]


def test_vc_reg_5_unpublished_list_after_e_minus_20_blocks() -> None:
    issues = readiness_issues(facts(register_published=None), date(2026, 3, 9), CAL)
    assert issues[0] == block(
        "VC-REG-5",
        "选民名单应于2026-03-08前公布（选举日前20日），现已逾期；"
        "请立即公布，并将选举日推迟到2026-03-29或以后。",
    )


def test_vc_reg_5_unpublished_list_before_the_deadline_is_a_reminder() -> None:
    issues = readiness_issues(facts(register_published=None), date(2026, 3, 1), CAL)
    assert warn("VC-REG-5", "选民名单应于2026-03-08前公布（选举日前20日），还有7天。") in issues
    assert blocking(issues) == []


def test_vc_reg_5_list_published_late_blocks_until_election_day_moves() -> None:
    issues = readiness_issues(facts(register_published=date(2026, 3, 10)), date(2026, 3, 11), CAL)
    assert blocking(issues) == [
        block(
            "VC-REG-5",
            "选民名单于2026-03-10公布，晚于法定最晚日2026-03-08（选举日前20日）；"
            "请将选举日推迟到2026-03-30或以后。",
        )
    ]


def test_everything_done_on_time_leaves_nothing() -> None:
    assert readiness_issues(facts(), date(2026, 3, 27), CAL) == []


def test_vc_nom_6_candidate_list_overdue() -> None:
    issues = readiness_issues(facts(candidate_list_published=None), date(2026, 3, 24), CAL)
    assert [(i.rule_id, i.blocking) for i in issues] == [("VC-NOM-6", True)]
    assert issues[0].message.startswith("正式候选人名单应于2026-03-23前公布")


def test_prov_zj_self_2_self_nomination_steps() -> None:
    plan = facts(self_nomination=True, candidate_list_published=None)
    issues = readiness_issues(plan, date(2026, 3, 19), CAL)
    assert [(i.rule_id, i.blocking) for i in issues] == [
        ("PROV-ZJ-SELF-2", True),
        ("PROV-ZJ-SELF-2", False),
    ]
    assert issues[0].message.startswith("自荐人报名应于2026-03-18前截止")
    assert issues[1].message.startswith("自荐人名单应于2026-03-23前公布")


def test_prov_zj_self_1_profile_without_self_nomination_blocks() -> None:
    plan = facts(profile_id="BJ_2012", self_nomination=True)
    issues = readiness_issues(plan, date(2026, 3, 1), CAL)
    assert issues[0].rule_id == "PROV-ZJ-SELF-1"
    assert issues[0].blocking


def test_proxy_list_only_checked_when_there_are_proxies() -> None:
    today = date(2026, 3, 28)
    assert readiness_issues(facts(), today, CAL) == []
    issues = readiness_issues(facts(proxy_requests=2), today, CAL)
    assert [(i.rule_id, i.blocking) for i in issues] == [("VC-VOTE-2", True)]
    assert (
        readiness_issues(
            facts(proxy_requests=2, proxy_list_published=date(2026, 3, 27)), today, CAL
        )
        == []
    )


@pytest.mark.parametrize(
    ("received", "today", "expected"),
    [
        ((date(2026, 3, 10),), date(2026, 3, 12), (False, "最早一件应于2026-03-13前作出决定")),
        (
            (date(2026, 3, 12), date(2026, 3, 10)),
            date(2026, 3, 16),
            (True, "有1件选民名单异议已超过处理期限"),
        ),
    ],
    ids=["pending", "one-overdue"],
)
def test_vc_reg_6_open_objections(
    received: tuple[date, ...], today: date, expected: tuple[bool, str]
) -> None:
    issues = readiness_issues(facts(open_objections=received), today, CAL)
    assert [(i.rule_id, i.blocking) for i in issues] == [("VC-REG-6", expected[0])]
    assert expected[1] in issues[0].message


def test_vc_reg_6_open_objection_on_election_day_blocks() -> None:
    plan = facts(election_day=date(2026, 3, 12), register_published=date(2026, 2, 20),
                 candidate_list_published=date(2026, 3, 1), vote_notice_published=date(2026, 3, 1),
                 open_objections=(date(2026, 3, 11),))  # fmt: skip
    issues = readiness_issues(plan, date(2026, 3, 12), CAL)
    assert [(i.rule_id, i.blocking) for i in issues] == [("VC-REG-6", True)]
    assert "须在选举日前作出决定" in issues[0].message


def test_vc_reg_6_uncovered_year_warning_is_shown() -> None:
    plan = facts(election_day=date(2027, 1, 20), register_published=date(2026, 12, 28),
                 candidate_list_published=date(2027, 1, 10), vote_notice_published=date(2027, 1, 10),
                 open_objections=(date(2026, 12, 30),))  # fmt: skip
    issues = readiness_issues(plan, date(2026, 12, 31), CAL)
    assert issues[0].rule_id == "VC-REG-6"
    assert "2027年节假日安排尚未录入" in issues[0].message


def test_blocking_issues_come_first() -> None:
    plan = facts(register_published=None, candidate_list_published=None, vote_notice_published=None)
    issues = readiness_issues(plan, date(2026, 3, 10), CAL)
    assert [i.blocking for i in issues] == [True, False, False]


def test_explicit_profile_wins_over_the_profile_id() -> None:
    county = load_profile("ZJ_2020").derive("COUNTY_331127", {"reg.list_days_before": 22})
    issues = readiness_issues(
        facts(register_published=date(2026, 3, 7)), date(2026, 3, 8), CAL, profile=county
    )
    assert [i.rule_id for i in issues] == ["VC-REG-5"]
    assert "晚于法定最晚日2026-03-06（选举日前22日）" in issues[0].message


@pytest.mark.parametrize(
    ("overrides", "closed", "today", "expected"),
    [
        ({}, None, date(2026, 3, 28), []),
        ({"pb.registration_defines_should_attend": True}, date(2026, 3, 20), date(2026, 3, 28), []),
        ({"pb.registration_defines_should_attend": True}, None, date(2026, 3, 20), [False]),
        ({"pb.registration_defines_should_attend": True}, None, date(2026, 3, 28), [True]),
    ],
    ids=["switch-off", "closed", "open-before-the-vote", "open-on-election-day"],
)
def test_seed_pb_reg_member_registration(
    overrides: dict[str, object], closed: date | None, today: date, expected: list[bool]
) -> None:
    profile = load_profile("PB_2020", overrides=overrides or None)
    plan = VillagePlanFacts(E, "party_organization", "PB_2020", member_registration_closed=closed)
    issues = readiness_issues(plan, today, CAL, profile=profile)
    assert [i.blocking for i in issues] == expected
    assert all(i.rule_id == "SEED-PB-REG" for i in issues)
