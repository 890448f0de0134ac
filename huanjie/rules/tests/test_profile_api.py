"""The profile API other modules code against: typed reads, metadata, warnings, value types."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.relations import RelationSet
from huanjie.rules.profiles.profile import (
    ProfileError,
    list_profiles,
    load_profile,
    nat2026_review_warning,
)
from huanjie.rules.profiles.schema import SCHEMA, Body, describe
from huanjie.rules.profiles.values import coerce, show

ALL = (
    "BJ_2012",
    "GD_2020",
    "GTZX",
    "NAT_2018",
    "NAT_2026",
    "PB_1990",
    "PB_2020",
    "SH_2020",
    "ZJ_2020",
    "ZJ_2025",
)


def test_profile_list_and_every_shipped_profile_loads() -> None:
    assert list_profiles() == ALL
    for profile_id in ALL:
        profile = load_profile(profile_id)
        assert profile.id == profile_id
        assert profile.chain[-1] == profile_id
        assert profile.title.strip()
        assert profile is load_profile(profile_id)


@pytest.mark.parametrize(
    ("profile_id", "title", "body", "chain", "in_force_from"),
    [
        ("NAT_2018", "中华人民共和国村民委员会组织法（2018）", Body.VILLAGERS_COMMITTEE, ("NAT_2018",), date(2018, 12, 29)),
        ("NAT_2026", "中华人民共和国村民委员会组织法（2025年修正）", Body.VILLAGERS_COMMITTEE, ("NAT_2018", "NAT_2026"), date(2026, 1, 1)),
        ("ZJ_2020", "浙江省村民委员会选举办法（2020）", Body.VILLAGERS_COMMITTEE, ("NAT_2018", "ZJ_2020"), date(2020, 7, 31)),
        ("ZJ_2025", "浙江省村民委员会选举办法（2025年修正）", Body.VILLAGERS_COMMITTEE, ("NAT_2018", "ZJ_2020", "ZJ_2025"), date(2025, 11, 26)),
        ("SH_2020", "上海市村民委员会选举办法（2020）", Body.VILLAGERS_COMMITTEE, ("NAT_2018", "SH_2020"), date(2020, 9, 25)),
        ("BJ_2012", "北京市村民委员会选举办法（2012）", Body.VILLAGERS_COMMITTEE, ("NAT_2018", "BJ_2012"), None),
        ("GD_2020", "广东省村民委员会选举办法（2020）", Body.VILLAGERS_COMMITTEE, ("NAT_2018", "GD_2020"), date(2020, 11, 1)),
        ("PB_2020", "中国共产党基层组织选举工作条例（2020）", Body.PARTY_ORGANIZATION, ("PB_2020",), date(2020, 7, 13)),
        ("PB_1990", "中国共产党基层组织选举工作暂行条例（1990）", Body.PARTY_ORGANIZATION, ("PB_2020", "PB_1990"), None),
        ("GTZX", "公推直选（乡镇党委直接选举）", Body.PARTY_ORGANIZATION, ("PB_2020", "GTZX"), None),
    ],
    ids=lambda case: str(case),
)  # fmt: skip
def test_profile_metadata(
    profile_id: str, title: str, body: Body, chain: tuple[str, ...], in_force_from: date | None
) -> None:
    profile = load_profile(profile_id)
    assert (profile.title, profile.body, profile.chain) == (title, body, chain)
    assert profile.in_force_from == in_force_from
    assert profile.extends == (chain[-2] if len(chain) > 1 else None)


def test_profile_params_in_schema_order() -> None:
    params = load_profile("ZJ_2025").params()
    assert [p.name for p in params] == [
        name for name, spec in SCHEMA.items() if spec.body is Body.VILLAGERS_COMMITTEE
    ]
    assert params[0].name == "vc.term_years"


def test_pb_quorum_1_comparator_default() -> None:
    profile = load_profile("PB_2020")
    assert profile.get_str("pb.quorum_cmp") == ">="
    assert profile.get_fraction("pb.quorum_fraction") == Fraction(4, 5)


def test_pb_diff_1_ratio_is_a_fraction() -> None:
    assert load_profile("PB_2020").get("pb.diff_min_ratio") == Fraction(1, 5)


def test_vc_tally_5_win_base_participants_in_every_vc_profile() -> None:
    vc = [p for p in ALL if load_profile(p).body is Body.VILLAGERS_COMMITTEE]
    assert {load_profile(p).get_str("vc.win_base") for p in vc} == {"participants"}


def test_kin_1b_near_relatives_in_zj_2025() -> None:
    relations = load_profile("ZJ_2025").get_relation_set("kin.vc_internal_set")
    assert relations is RelationSet.NEAR_RELATIVES


@pytest.mark.parametrize(
    ("getter", "name", "expected"),
    [
        ("get_int", "proxy.max_per_holder", 3),
        ("get_optional_int", "proxy.max_per_holder", 3),
        ("get_optional_int", "nom.withdraw_days_before", 3),
        ("get_bool", "self.enabled", True),
        ("get_str", "women_seat_mode", "separate_section"),
        ("get_str", "qual.list", "ZJ_2020"),
        ("get_relation_set", "proxy.allowed_relations", RelationSet.NEAR_RELATIVES),
    ],
    ids=lambda case: str(case),
)
def test_profile_typed_getters(getter: str, name: str, expected: object) -> None:
    assert getattr(load_profile("ZJ_2020"), getter)(name) == expected


def test_profile_optional_int_null() -> None:
    assert load_profile("NAT_2018").get_optional_int("proxy.max_per_holder") is None


@pytest.mark.parametrize(
    ("getter", "name"),
    [
        ("get_int", "self.enabled"),
        ("get_int", "recall.retry_bar"),
        ("get_optional_int", "self.enabled"),
        ("get_bool", "vc.term_years"),
        ("get_fraction", "vc.term_years"),
        ("get_str", "kin.vc_internal_set"),
        ("get_str", "vc.term_years"),
        ("get_relation_set", "women_seat_mode"),
    ],
    ids=lambda case: str(case),
)
def test_profile_typed_getter_wrong_kind(getter: str, name: str) -> None:
    profile = load_profile("BJ_2012")
    with pytest.raises(ProfileError) as caught:
        getattr(profile, getter)(name)
    assert caught.value.parameter == name
    assert "请按参数的类型读取" in caught.value.message


def test_profile_retry_bar_kinds() -> None:
    assert load_profile("ZJ_2020").get("recall.retry_bar") == 1
    assert load_profile("BJ_2012").get("recall.retry_bar") == "term"
    assert load_profile("SH_2020").get("recall.retry_bar") is None


@pytest.mark.parametrize(
    ("profile_id", "name", "fragment"),
    [
        ("ZJ_2020", "vc.no_such", "未知参数"),
        ("ZJ_2020", "pb.win_base", "属于党组织方案"),
        ("PB_2020", "gtzx.max_posts_per_applicant", "has()"),
    ],
    ids=["unknown", "other_body", "absent_optional"],
)
def test_profile_param_missing(profile_id: str, name: str, fragment: str) -> None:
    profile = load_profile(profile_id)
    assert not profile.has(name)
    with pytest.raises(ProfileError) as caught:
        profile.get(name)
    assert caught.value.parameter == name
    assert fragment in caught.value.message
    assert isinstance(caught.value, RuleViolation)


@pytest.mark.parametrize(
    ("profile_id", "day", "warns"),
    [
        ("ZJ_2025", date(2026, 3, 1), True),
        ("SH_2020", date(2026, 1, 1), True),
        ("SH_2020", date(2025, 12, 31), False),
        ("NAT_2026", date(2026, 3, 1), False),
        ("PB_2020", date(2026, 3, 1), False),
    ],
    ids=lambda case: str(case),
)
def test_profile_nat2026_review_warning(profile_id: str, day: date, warns: bool) -> None:
    warning = nat2026_review_warning(load_profile(profile_id), day)
    assert (warning is not None) == warns
    if warning is not None:
        assert profile_id in warning
        assert "NAT_2026" in warning
        assert day.isoformat() in warning


def test_profile_nat2026_review_warning_for_a_derived_county() -> None:
    county = load_profile("NAT_2026").derive("COUNTY_1", {"nom.list_days_before": 6})
    assert nat2026_review_warning(county, date(2026, 5, 1)) is None
    county = load_profile("GD_2020").derive("COUNTY_2", {"nom.list_days_before": 6})
    assert nat2026_review_warning(county, date(2026, 5, 1)) is not None


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("pb.quorum_fraction", "4/5", Fraction(4, 5)),
        ("pb.quorum_fraction", Fraction(2, 3), Fraction(2, 3)),
        ("pb.quorum_fraction", "1/1", Fraction(1)),
        ("recall.retry_bar", None, None),
        ("recall.retry_bar", "term", "term"),
        ("recall.retry_bar", 2, 2),
        ("kin.yjt_set", "spouse_lineal", RelationSet.SPOUSE_LINEAL),
        ("kin.yjt_set", RelationSet.NONE, RelationSet.NONE),
        ("qual.list", "ZJ_2020", "ZJ_2020"),
        ("vc.win_base", "ballots_collected", "ballots_collected"),
        ("vc.women_min", 0, 0),
    ],
    ids=lambda case: str(case),
)
def test_profile_value_types_accepted(name: str, raw: object, expected: object) -> None:
    assert coerce(SCHEMA[name], raw) == expected


@pytest.mark.parametrize(
    ("name", "raw", "fragment"),
    [
        ("vc.term_years", None, "不能为空"),
        ("vc.term_years", True, "应为整数"),
        ("vc.term_years", "5", "应为整数"),
        ("vc.term_years", 0, "不能小于 1"),
        ("self.enabled", 1, "true 或 false"),
        ("pb.quorum_fraction", 0.8, '"4/5"'),
        ("pb.quorum_fraction", "0.8", '"4/5"'),
        ("pb.quorum_fraction", "4/0", "分母不能为 0"),
        ("pb.quorum_fraction", "0/5", "大于 0"),
        ("pb.quorum_fraction", "6/5", "不超过 1"),
        ("recall.retry_bar", 0, "term"),
        ("recall.retry_bar", True, "term"),
        ("recall.retry_bar", "forever", "term"),
        ("kin.yjt_set", 3, "应为字符串"),
        ("kin.yjt_set", "cousins", "near_relatives"),
        ("qual.list", "nat 2021", "数据文件编号"),
        ("vc.win_base", "valid_ballots", "participants"),
        ("pb.quorum_cmp", "=>", ">="),
    ],
    ids=lambda case: str(case),
)
def test_profile_value_types_refused(name: str, raw: object, fragment: str) -> None:
    with pytest.raises(ProfileError) as caught:
        coerce(SCHEMA[name], raw)
    assert caught.value.parameter == name
    assert name in caught.value.message
    assert fragment in caught.value.message


def test_profile_overrides_wrong_type_bool_is_not_int() -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile("ZJ_2020", overrides={"proxy.max_per_holder": True})
    assert caught.value.parameter == "proxy.max_per_holder"
    assert "应为整数" in caught.value.message


@pytest.mark.parametrize(
    ("profile_id", "overrides", "parameter"),
    [
        ("ZJ_2020", {"vc.nope": 1}, "vc.nope"),
        ("ZJ_2020", {"pb.quorum_cmp": ">"}, "pb.quorum_cmp"),
        ("PB_2020", {"vc.win_base": "participants"}, "vc.win_base"),
        ("ZJ_2020", {"vc.term_years": {"value": 5, "source": "x", "tag": "Q"}}, "vc.term_years"),
    ],
    ids=["unknown", "party_param_on_vc", "vc_param_on_party", "bad_tag"],
)
def test_profile_overrides_refused(
    profile_id: str, overrides: dict[str, object], parameter: str
) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(profile_id, overrides=overrides)
    assert caught.value.parameter == parameter


def test_profile_display_helpers() -> None:
    assert describe("proxy.max_per_holder") == "proxy.max_per_holder（每名受托人最多接受委托数）"
    assert describe("vc.nope") == "vc.nope"
    assert [show(v) for v in (None, True, False, 3, Fraction(4, 5), "none")] == [
        "空（null）",
        "true",
        "false",
        "3",
        "4/5",
        "none",
    ]
    assert Body.PARTY_ORGANIZATION.label == "党组织"
