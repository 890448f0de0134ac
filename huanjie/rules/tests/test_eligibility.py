from datetime import date

import pytest

from huanjie.rules.eligibility.voters import (
    Exclusion,
    ExclusionReason,
    Registration,
    RegistrationCategory,
    VoterFacts,
    decision_issue,
    double_registration_issue,
    objection_issue,
    registration_category,
    voter_decision,
    voter_list_issue,
)
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.tests.real_calendar import calendar_for

E = date(2026, 3, 28)
CAL = calendar_for(2026)
NAT = load_profile("NAT_2018")
ZJ = load_profile("ZJ_2020")
ADULT = date(1980, 5, 1)


def villager(**kw: object) -> VoterFacts:
    base: dict[str, object] = {"birth_date": ADULT, "hukou_here": True, "resident": True}
    base.update(kw)
    return VoterFacts(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("birth", "registrable"),
    [
        (date(2008, 3, 28), True),  # 18th birthday on election day
        (date(2008, 3, 29), False),
        (date(2008, 2, 29), True),
    ],
    ids=["18th-birthday-on-election-day", "a-day-short", "born-29-feb"],
)
def test_vc_reg_1_age_on_election_day(birth: date, registrable: bool) -> None:
    assert voter_decision(villager(birth_date=birth), E, NAT).registrable is registrable


def test_vc_reg_1_born_29_feb_turns_18_on_28_feb_of_a_common_year() -> None:
    born = date(2008, 2, 29)
    assert voter_decision(villager(birth_date=born), date(2026, 2, 28), NAT).registrable
    under = voter_decision(villager(birth_date=born), date(2026, 2, 27), NAT)
    assert under.rule_ids == ("VC-REG-1",)
    assert under.reasons == ("选举日（2026-02-27）未满18周岁（2026-02-28年满），不能登记为选民。",)


@pytest.mark.parametrize(
    ("exclusion", "registrable", "rule_id"),
    [
        (Exclusion(ExclusionReason.DEPRIVED_OF_POLITICAL_RIGHTS), False, "VC-REG-1"),
        (Exclusion(ExclusionReason.DEPRIVED_OF_POLITICAL_RIGHTS, date(2026, 3, 27)), True, None),
        (Exclusion(ExclusionReason.DEPRIVED_OF_POLITICAL_RIGHTS, E), False, "VC-REG-1"),
        (Exclusion(ExclusionReason.NO_CIVIL_CAPACITY), False, "VC-REG-4"),
        (Exclusion(ExclusionReason.UNREACHABLE, date(2026, 3, 1)), True, None),
    ],
    ids=["deprived", "deprivation-ends-before-election-day", "deprivation-ends-on-election-day",
         "no-civil-capacity", "unreachable-relisted"],
)  # fmt: skip
def test_vc_reg_4_exclusions_and_relisting(
    exclusion: Exclusion, registrable: bool, rule_id: str | None
) -> None:
    decision = voter_decision(villager(exclusions=(exclusion,)), E, NAT)
    assert decision.registrable is registrable
    assert decision.rule_ids == ((rule_id,) if rule_id else ())


def test_vc_reg_4_relisting_is_explained() -> None:
    until = Exclusion(ExclusionReason.UNREACHABLE, date(2026, 4, 1))
    decision = voter_decision(villager(exclusions=(until,)), E, NAT)
    assert "选举日前未消除" in decision.reasons[0]
    assert "应重新列入" in decision.reasons[0]
    open_ended = voter_decision(
        villager(exclusions=(Exclusion(ExclusionReason.NO_CIVIL_CAPACITY),)), E, NAT
    )
    assert open_ended.reasons == ("无民事行为能力，不列入选民名单。",)


@pytest.mark.parametrize(
    ("facts", "profile_id", "category"),
    [
        (villager(), "NAT_2018", RegistrationCategory.HUKOU_RESIDENT),
        (villager(resident=False, expressed_intent=True), "NAT_2018", RegistrationCategory.HUKOU_AWAY),
        (villager(resident=False), "NAT_2018", None),
        (villager(hukou_here=False, residence_since=date(2025, 3, 28), applied=True, assembly_approved=True),
         "NAT_2018", RegistrationCategory.RESIDENT),
        (villager(hukou_here=False, residence_since=date(2025, 3, 29), applied=True, assembly_approved=True),
         "NAT_2018", None),
        (villager(hukou_here=False, residence_since=date(2020, 1, 1), applied=True), "NAT_2018", None),
        (villager(hukou_here=False, residence_since=date(2020, 1, 1), assembly_approved=True), "NAT_2018", None),
        (villager(hukou_here=False, resident=False, village_affairs_since=date(2025, 1, 1), applied=True,
                  assembly_approved=True), "ZJ_2020", RegistrationCategory.VILLAGE_AFFAIRS),
        (villager(hukou_here=False, resident=False, village_affairs_since=date(2025, 1, 1), applied=True,
                  assembly_approved=True), "NAT_2026", RegistrationCategory.VILLAGE_AFFAIRS),
        (villager(hukou_here=False, resident=False, village_affairs_since=date(2025, 1, 1), applied=True,
                  assembly_approved=True), "NAT_2018", None),
        (villager(hukou_here=False, resident=False, village_affairs_since=date(2025, 6, 1), applied=True,
                  assembly_approved=True), "ZJ_2020", None),
    ],
    ids=["cat1", "cat2", "cat2-no-intent", "cat3-exactly-one-year", "cat3-a-day-short", "cat3-not-approved",
         "cat3-not-applied", "cat4-zj", "cat4-nat2026", "cat4-not-in-nat2018", "cat4-too-short"],
)  # fmt: skip
def test_vc_reg_2_categories(
    facts: VoterFacts, profile_id: str, category: RegistrationCategory | None
) -> None:
    assert registration_category(facts, E, load_profile(profile_id)) is category


def test_vc_reg_2_category_labels() -> None:
    assert RegistrationCategory.HUKOU_RESIDENT.label == "户籍在本村且在本村居住"


@pytest.mark.parametrize(
    ("facts", "profile", "reason"),
    [
        (villager(resident=False), NAT, "户籍在本村但不在本村居住，须本人表示参加选举后方可登记。"),
        (villager(hukou_here=False), NAT,
         "户籍不在本村，须至选举日在本村居住满1年、本人提出参加选举的申请、村民会议或村民代表会议同意，方可登记为选民。"),
        (villager(hukou_here=False, residence_since=date(2020, 1, 1), applied=True), ZJ,
         "户籍不在本村，须村民会议或村民代表会议同意，方可登记为选民。"),
        (villager(hukou_here=False, resident=False, applied=True, assembly_approved=True), ZJ,
         "户籍不在本村，须至选举日在本村居住满1年或在本村从事村务工作满1年，方可登记为选民。"),
    ],
    ids=["hukou-away", "outsider-nothing", "outsider-not-approved", "zj-outsider-too-short"],
)  # fmt: skip
def test_vc_reg_2_reasons_say_what_is_missing(
    facts: VoterFacts, profile: object, reason: str
) -> None:
    decision = voter_decision(facts, E, profile)  # type: ignore[arg-type]
    assert not decision.registrable
    assert decision.category is None
    assert decision.rule_ids == ("VC-REG-2",)
    assert decision.reasons == (reason,)


def test_several_reasons_are_all_given_once_per_rule() -> None:
    facts = villager(birth_date=date(2010, 1, 1), resident=False,
                     exclusions=(Exclusion(ExclusionReason.DEPRIVED_OF_POLITICAL_RIGHTS),))  # fmt: skip
    decision = voter_decision(facts, E, NAT)
    assert decision.rule_ids == ("VC-REG-1", "VC-REG-2")
    assert len(decision.reasons) == 3


def test_vc_reg_3_no_double_registration() -> None:
    regs = [Registration("330102001", "甲村"), Registration("330102002", "乙村")]
    issue = double_registration_issue("330102001", regs)
    assert issue is not None
    assert (issue.rule_id, issue.blocking) == ("VC-REG-3", True)
    assert issue.message.startswith("此人已在乙村登记为选民")
    assert double_registration_issue("330102001", regs[:1]) is None
    assert double_registration_issue("330102001", []) is None


def test_vc_reg_5_voter_list_published_in_time() -> None:
    assert voter_list_issue(date(2026, 3, 8), E, NAT) is None
    issue = voter_list_issue(date(2026, 3, 9), E, NAT)
    assert issue is not None
    assert issue.rule_id == "VC-REG-5"
    assert "请将选举日推迟到2026-03-29或以后" in issue.message


def test_vc_reg_6_late_objection_is_flagged_not_blocked() -> None:
    assert objection_issue(date(2026, 3, 8), date(2026, 3, 13), NAT, CAL) is None
    issue = objection_issue(date(2026, 3, 8), date(2026, 3, 14), NAT, CAL)
    assert issue is not None
    assert (issue.rule_id, issue.blocking) == ("VC-REG-6", False)
    assert "异议期已于2026-03-13届满" in issue.message


@pytest.mark.parametrize(
    ("received", "decided", "today", "late"),
    [
        (date(2026, 3, 13), date(2026, 3, 16), date(2026, 3, 20), False),  # H-9
        (date(2026, 3, 13), date(2026, 3, 17), date(2026, 3, 20), True),
        (date(2026, 3, 13), None, date(2026, 3, 16), False),
        (date(2026, 3, 13), None, date(2026, 3, 17), True),
        (date(2026, 3, 26), date(2026, 3, 28), date(2026, 3, 28), True),  # not before election day
    ],
    ids=["h9-on-time", "late", "pending", "overdue", "on-election-day"],
)
def test_vc_reg_6_decision_within_three_days(
    received: date, decided: date | None, today: date, late: bool
) -> None:
    issue = decision_issue(received, decided, E, today, NAT, CAL)
    assert (issue is not None) is late
    if issue is not None:
        assert (issue.rule_id, issue.blocking) == ("VC-REG-6", True)
        assert "请立即作出处理决定并公布结果" in issue.message
