"""Negative lists as data (QUAL-2..7, SEED-QUAL), vetting (QUAL-3), preferences (QUAL-8), QUAL-9."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from huanjie.rules.eligibility.preferences import (
    CandidateFacts,
    CountyPreferences,
    Education,
    preference_warnings,
)
from huanjie.rules.eligibility.qualification import (
    Finding,
    Outcome,
    Status,
    VettingStatus,
    assess,
    can_be_listed,
    is_disqualifying,
    list_ids,
    load_list,
    parse_list,
)
from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.terms import Sex
from huanjie.rules.profiles.profile import load_profile

ON = date(2026, 3, 28)


def test_every_shipped_list_loads_and_every_profile_names_one() -> None:
    assert list_ids() == ("NAT_2021", "NAT_2026", "NEG_2016", "ZJ_2013", "ZJ_2020")
    for list_id in list_ids():
        qual_list = load_list(list_id)
        assert qual_list.items and qual_list.title and qual_list.source
    for profile_id in ("NAT_2018", "NAT_2026", "ZJ_2020", "ZJ_2025", "SH_2020", "BJ_2012"):
        assert load_profile(profile_id).get_str("qual.list") in list_ids()


@pytest.mark.parametrize(
    ("list_id", "rule_id", "tag", "ineligible", "unsuitable"),
    [
        ("NAT_2021", "QUAL-4", "S", 21, 1),
        ("ZJ_2013", "QUAL-5", "S", 5, 8),
        ("ZJ_2020", "QUAL-6", "M", 8, 6),
        ("NEG_2016", "QUAL-7", "S", 0, 11),
        ("NAT_2026", "QUAL-2", "S", 5, 0),
    ],
)
def test_seed_qual_lists_have_outcomes_windows_and_tags(
    list_id: str, rule_id: str, tag: str, ineligible: int, unsuitable: int
) -> None:
    qual_list = load_list(list_id)
    assert (qual_list.rule_id, qual_list.tag) == (rule_id, tag)
    outcomes = [item.outcome for item in qual_list.items]
    assert outcomes.count(Outcome.INELIGIBLE) == ineligible
    assert outcomes.count(Outcome.UNSUITABLE) == unsuitable


def test_qual_6_zj_2020_is_unverified_and_keeps_the_four_strong_points() -> None:
    zj = load_list("ZJ_2020")
    assert {item.tag for item in zj.items} == {"M"}
    assert zj.standards == ("政治素质过硬", "发展本领过硬", "治理能力过硬", "作风品行过硬")


GANG = [
    # dealt with 2022-05-10: 3 years end 2025-05-10 (ZJ 2013), 5 years end 2027-05-10 (2016)
    ("qual_5_gang_3_years_lapsed", "ZJ_2013", date(2022, 5, 10), Status.ELIGIBLE),
    ("qual_7_gang_5_years_counts", "NEG_2016", date(2022, 5, 10), Status.UNSUITABLE),
    ("qual_5_gang_within_3_years", "ZJ_2013", date(2023, 3, 29), Status.INELIGIBLE),
    ("qual_5_gang_3rd_anniversary_lapsed", "ZJ_2013", date(2023, 3, 28), Status.ELIGIBLE),
    ("qual_5_gang_not_yet_dealt_with", "ZJ_2013", None, Status.INELIGIBLE),
    ("qual_4_gang_no_window", "NAT_2021", date(1990, 1, 1), Status.INELIGIBLE),
    ("qual_2_gang_statutory", "NAT_2026", date(1990, 1, 1), Status.INELIGIBLE),
]


@pytest.mark.parametrize(
    ("list_id", "event", "status"), [c[1:] for c in GANG], ids=[c[0] for c in GANG]
)
def test_qual_7_window_differs_from_qual_5_for_one_finding(
    list_id: str, event: date | None, status: Status
) -> None:
    result = assess([Finding("gang_related", event)], list_id, ON)
    assert result.status is status
    if status is Status.ELIGIBLE:
        assert [item.id for item in result.lapsed] == ["gang_related"]


def test_qual_5_criminal_sentence_and_civil_capacity() -> None:
    result = assess(
        [Finding("criminal_punishment", date(2022, 1, 1)), Finding("no_civil_capacity")],
        "ZJ_2013",
        ON,
    )
    assert result.status is Status.INELIGIBLE
    assert [item.no for item in result.counted] == ["1", "5"]
    assert result.rule_ids == ("QUAL-5", "QUAL-9")
    assert is_disqualifying(result)
    assert result.message == (
        "不能作为候选人（QUAL-5、QUAL-9）：第1项：被判处刑罚，或刑满释放（缓刑期满）未满5年；"
        "第5项：无民事行为能力。如认定有误，请联审部门核实后更正记录。"
    )


def test_qual_5_unsuitable_only_is_a_flag_not_a_bar() -> None:
    result = assess([Finding("owes_collective")], "ZJ_2013", ON)
    assert result.status is Status.UNSUITABLE
    assert result.rule_ids == ("QUAL-5",)
    assert not is_disqualifying(result)
    assert result.message.startswith("不宜作为候选人（QUAL-5）：第不宜5项：拖欠集体款物")


@pytest.mark.parametrize(
    ("item_id", "disqualifying"),
    [("criminal_punishment", True), ("otherwise_unsuitable", False), (None, False)],
    ids=["ineligible", "unsuitable", "eligible"],
)
def test_qual_9_only_an_ineligible_winner_is_voided(
    item_id: str | None, disqualifying: bool
) -> None:
    findings = [] if item_id is None else [Finding(item_id)]
    assert is_disqualifying(assess(findings, "NAT_2021", ON)) is disqualifying


def test_qual_4_ineligible_outweighs_unsuitable_and_repeats_count_once() -> None:
    findings = [
        Finding("otherwise_unsuitable"),
        Finding("dishonest_debtor"),
        Finding("dishonest_debtor"),
        Finding("unqualified_party_member", date(2022, 6, 1)),  # 3-year window: lapsed
        Finding("family_planning", date(2025, 1, 1)),  # not on the 十不选
    ]
    result = assess(findings, "NAT_2021", ON)
    assert result.status is Status.INELIGIBLE
    assert [item.id for item in result.counted] == ["dishonest_debtor"]
    assert [item.id for item in result.lapsed] == ["unqualified_party_member"]
    assert result.unlisted == ("family_planning",)


@pytest.mark.parametrize(
    ("resolved_on", "status"),
    [
        (date(2026, 3, 28), Status.ELIGIBLE),
        (date(2026, 3, 29), Status.INELIGIBLE),
        (None, Status.INELIGIBLE),
    ],
    ids=["resolved_on_the_day", "resolved_after", "unresolved"],
)
def test_qual_4_window_zero_holds_until_resolved(resolved_on: date | None, status: Status) -> None:
    assert assess([Finding("dishonest_debtor", resolved_on)], "NAT_2021", ON).status is status


def test_qual_2_nothing_found_is_eligible() -> None:
    result = assess([], "NAT_2026", ON)
    assert result.status is Status.ELIGIBLE
    assert result.message == "未发现负面清单所列情形，符合资格条件。"
    assert result.rule_ids == ("QUAL-2",)


@pytest.mark.parametrize("status", list(VettingStatus))
def test_qual_3_only_cleared_candidates_are_listed(status: VettingStatus) -> None:
    assert can_be_listed(status) is (status is VettingStatus.CLEARED)


def test_unknown_list_is_refused() -> None:
    with pytest.raises(RuleViolation, match="资格负面清单 XX_1999 不存在"):
        load_list("XX_1999")


def _data(**changes: Any) -> dict[str, Any]:
    item = {"id": "a", "no": "1", "text": "条目", "outcome": "ineligible"}
    data: dict[str, Any] = {
        "title": "测试清单",
        "rule_id": "QUAL-4",
        "source": "测试",
        "tag": "S",
        "item": [item],
    }
    for key, value in changes.items():
        if key.startswith("item_"):
            item[key.removeprefix("item_")] = value
        else:
            data[key] = value
    return data


BAD_LISTS = [
    ("unknown_key", _data(colour="red"), "含未知字段 colour"),
    ("missing_title", _data(title=""), "缺少文字字段 title"),
    ("bad_tag", _data(tag="X"), "核实标记 X 无效"),
    ("no_items", _data(item=[]), "没有任何条目"),
    ("item_not_a_table", _data(item=["a"]), "每个条目应为一张表"),
    ("item_unknown_key", _data(item_level=2), "条目含未知字段 level"),
    ("bad_outcome", _data(item_outcome="maybe"), "outcome 应为 ineligible 或 unsuitable"),
    ("negative_window", _data(item_window_years=-1), "window_years 应为非负整数"),
    ("bool_window", _data(item_window_years=True), "window_years 应为非负整数"),
    ("item_bad_tag", _data(item_tag="Q"), "核实标记 Q 无效"),
    (
        "duplicate_ids",
        _data(item=[{"id": "a", "no": "1", "text": "甲", "outcome": "unsuitable"}] * 2),
        "条目编号 a 重复",
    ),
    ("standards_not_text", _data(standards=[1]), "standards 应为文字列表"),
]


@pytest.mark.parametrize(
    ("data", "message"), [c[1:] for c in BAD_LISTS], ids=[c[0] for c in BAD_LISTS]
)
def test_a_malformed_list_is_refused_with_the_field_named(
    data: dict[str, Any], message: str
) -> None:
    with pytest.raises(RuleViolation) as raised:
        parse_list("TEST", data)
    assert raised.value.rule_id == "QUAL"
    assert message in raised.value.message


def test_item_may_override_source_and_tag() -> None:
    parsed = parse_list("TEST", _data(item_source="另一来源", item_tag="M", item_window_years=2))
    (item,) = parsed.items
    assert (item.source, item.tag, item.window_years) == ("另一来源", "M", 2)
    assert parsed.item("missing") is None


HAINAN = CountyPreferences(
    source="海南2010", max_age_male=65, max_age_female=60, min_education=Education.JUNIOR_HIGH
)
PREFERENCES = [
    ("man_66", CandidateFacts(Sex.MALE, date(1960, 3, 1), Education.COLLEGE), ["66周岁"]),
    ("man_turns_66_after_election_day", CandidateFacts(Sex.MALE, date(1960, 3, 29), None), []),
    (
        "woman_61",
        CandidateFacts(Sex.FEMALE, date(1965, 1, 1), Education.HIGH_SCHOOL),
        ["61周岁"],
    ),
    ("primary_school", CandidateFacts(Sex.FEMALE, None, Education.PRIMARY), ["小学"]),
    ("nothing_known", CandidateFacts(Sex.MALE, None, None), []),
]


@pytest.mark.parametrize(
    ("candidate", "mentions"), [c[1:] for c in PREFERENCES], ids=[c[0] for c in PREFERENCES]
)
def test_qual_8_county_preferences_only_warn(
    candidate: CandidateFacts, mentions: list[str]
) -> None:
    findings = preference_warnings(candidate, HAINAN, ON)
    assert len(findings) == len(mentions)
    for finding, mention in zip(findings, mentions, strict=True):
        assert finding.rule_id == "QUAL-8"
        assert not finding.blocking
        assert mention in finding.message


def test_qual_8_no_preferences_no_warnings() -> None:
    old = CandidateFacts(Sex.MALE, date(1930, 1, 1), Education.ILLITERATE)
    assert preference_warnings(old, CountyPreferences(source="某县"), ON) == []
