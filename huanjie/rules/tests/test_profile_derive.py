"""A county's derived profile and `profile_overrides`: only tighter than the law, never
contradictory (profiles.md; practice.md §1: a D−4 candidate list must be refused)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from huanjie.rules.kinship.relations import RelationSet
from huanjie.rules.profiles.profile import ProfileError, load_profile


def _refused(profile_id: str, values: dict[str, object]) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        load_profile(profile_id).derive("COUNTY_331127", values)
    assert caught.value.rule_id == "PROFILE"
    return caught.value


@pytest.mark.parametrize(
    ("profile_id", "name", "value", "expected"),
    [
        ("ZJ_2020", "nom.list_days_before", 4, ["4", "5", "ZJ-E20 art 18", "不低于 5"]),
        ("ZJ_2020", "reg.list_days_before", 19, ["19", "NAT_2018", "VCOL18 art 14(1)"]),
        ("ZJ_2020", "reg.objection_days", 4, ["不低于 5"]),
        ("ZJ_2020", "nom.withdraw_days_before", None, ["空（null）", "不低于 3"]),
        ("ZJ_2020", "proxy.request_days_before", 2, ["不低于 3"]),
        ("SH_2020", "proxy.publish_days_before", 1, ["不低于 2"]),
        ("ZJ_2020", "self.reg_days_before", 9, ["不低于 10"]),
        ("ZJ_2020", "mobile.min_scrutineers", 2, ["不低于 3"]),
        ("ZJ_2020", "mobile.requires_approval", False, ["不低于 true"]),
        ("NAT_2018", "vc.seats_max", 9, ["不超过 7"]),
        ("NAT_2018", "vc.women_min", 0, ["不低于 1"]),
        ("ZJ_2020", "sup.size_max", 6, ["不超过 5", "ZJ-I20 art 30"]),
        ("NAT_2018", "ceo.board_size_odd", False, ["不低于 true"]),
        ("ZJ_2020", "reg.decision_days", 4, ["不超过 3"]),
        ("BJ_2012", "supp.max_days_after", 20, ["不超过 15"]),
        ("ZJ_2020", "recall.vote_days", 31, ["不超过 30"]),
        ("ZJ_2020", "recall.fallback_days", 90, ["不超过 60", "ZJ-E20 art 34-36"]),
        ("ZJ_2020", "recall.fallback_days", None, ["空（null）", "不超过 60"]),
        ("ZJ_2020", "supp.min_elected_to_allow_vacancy", 2, ["不低于 3", "ZJ-E20 art 30"]),
        ("BJ_2012", "supp.vacancy_requires_chair", False, ["不低于 true", "BJ-E12 art 30"]),
        ("NAT_2018", "handover.days", 11, ["不超过 10"]),
        ("SH_2020", "handover.seal_same_day", False, ["不低于 true"]),
        ("ZJ_2020", "proxy.max_per_holder", 4, ["不超过 3", "ZJ-E20 art 25"]),
        ("ZJ_2020", "proxy.max_per_holder", None, ["空（null）", "不超过 3"]),
        ("ZJ_2020", "proxy.candidate_may_hold", True, ["不超过 false"]),
        ("ZJ_2020", "kin.vc_internal_set", "none", ["包含 spouse_parent_child_sibling"]),
        ("ZJ_2025", "kin.vc_internal_set", "spouse_lineal", ["包含 near_relatives"]),
        ("ZJ_2020", "ec.withdraw_relatives", "none", ["包含 spouse_parent_child_sibling"]),
        ("PB_2020", "pb.quorum_fraction", "3/4", ["不低于 4/5"]),
        ("PB_2020", "pb.diff_min_ratio", "1/10", ["不低于 1/5"]),
        ("PB_2020", "pb.proxy_allowed", True, ["不超过 false", "PB20 art 24"]),
    ],
    ids=lambda case: str(case),
)
def test_profile_derived_may_not_loosen_the_law(
    profile_id: str, name: str, value: object, expected: list[str]
) -> None:
    error = _refused(profile_id, {name: value})
    assert error.parameter == name
    assert name in error.message
    for fragment in expected:
        assert fragment in error.message


@pytest.mark.parametrize(
    ("profile_id", "name", "value"),
    [
        ("ZJ_2020", "nom.list_days_before", 6),
        ("ZJ_2020", "reg.objection_days", 7),
        ("ZJ_2020", "proxy.max_per_holder", 2),
        ("ZJ_2020", "proxy.allowed_relations", "spouse_parent_child_sibling"),
        ("ZJ_2020", "kin.vc_internal_set", "near_relatives"),
        ("NAT_2018", "proxy.max_per_holder", 2),  # the root has no cap
        ("NAT_2018", "vote.notice_days_before", 1),  # an engine default binds nobody
        ("GD_2020", "vote.notice_days_before", 3),  # an unverified value binds nobody
        ("NAT_2018", "reg.decision_days", 2),
        ("PB_2020", "pb.quorum_cmp", ">"),
        ("PB_2020", "pb.quorum_fraction", "5/6"),
    ],
    ids=lambda case: str(case),
)
def test_profile_derived_may_tighten(profile_id: str, name: str, value: object) -> None:
    county = load_profile(profile_id).derive("COUNTY_331127", {name: value})
    assert county.param(name).defined_in == "COUNTY_331127"
    assert county.chain == (*load_profile(profile_id).chain, "COUNTY_331127")


def test_vc_nom_6_county_deadline_example() -> None:
    county = load_profile("ZJ_2020").derive("COUNTY_331127", {"nom.list_days_before": 6})
    assert county.id == "COUNTY_331127"
    assert county.extends == "ZJ_2020"
    assert county.body == "villagers_committee"
    assert county.get("nom.list_days_before") == 6
    assert county.get("reg.list_days_before") == 20
    assert county.param("nom.list_days_before").tag == "I"
    assert county.param("nom.list_days_before").source == "COUNTY_331127"
    assert county.title == "COUNTY_331127（派生自 ZJ_2020）"


def test_profile_derive_with_source_tag_and_title() -> None:
    county = load_profile("ZJ_2025").derive(
        "COUNTY_331127",
        {"proxy.max_per_holder": {"value": 2, "source": "某县换届工作方案 第5条", "tag": "V"}},
        title="某县村民委员会选举实施细则",
    )
    assert county.title == "某县村民委员会选举实施细则"
    assert county.param("proxy.max_per_holder").tag == "V"
    assert county.param("proxy.max_per_holder").source == "某县换届工作方案 第5条"


def test_profile_derive_chains_a_second_level() -> None:
    narrow = load_profile("NAT_2018").derive(
        "CITY_3311",
        {"proxy.allowed_relations": {"value": "spouse_lineal", "source": "市细则", "tag": "V"}},
    )
    with pytest.raises(ProfileError) as caught:
        narrow.derive("COUNTY_331127", {"proxy.allowed_relations": "near_relatives"})
    assert "不超出 spouse_lineal 的亲属范围" in caught.value.message
    assert "CITY_3311" in caught.value.message


@pytest.mark.parametrize(
    ("profile_id", "values", "parameter", "fragment"),
    [
        ("ZJ_2020", {"ec.size_min": 10}, "ec.size_min", "大于 ec.size_max"),
        ("NAT_2018", {"vc.seats_min": 8}, "vc.seats_min", "下限不能大于上限"),
        ("ZJ_2020", {"sup.size_min": 6}, "sup.size_min", "sup.size_max"),
        (
            "NAT_2018",
            {"vc.size_must_be_odd": True, "vc.seats_min": 4, "vc.seats_max": 4},
            "vc.size_must_be_odd",
            "上下限都是 4",
        ),
        (
            "NAT_2018",
            {"ceo.board_size_min": 6, "ceo.board_size_max": 6},
            "ceo.board_size_odd",
            "单数",
        ),
        ("NAT_2018", {"vc.women_min": 8}, "vc.women_min", "vc.seats_max"),
        ("ZJ_2020", {"nom.withdraw_days_before": 6}, "nom.withdraw_days_before", "不超过 5 天"),
        ("ZJ_2020", {"proxy.publish_days_before": 4}, "proxy.publish_days_before", "不超过 3"),
        ("ZJ_2020", {"nom.list_days_before": 12}, "nom.list_days_before", "self.reg_days_before"),
        ("NAT_2018", {"nom.list_days_before": 21}, "nom.list_days_before", "reg.list_days_before"),
        ("NAT_2018", {"kin.cross_body": "block"}, "kin.cross_body", "改为 warn"),
        ("PB_2020", {"pb.secretary_mode": "cascade"}, "pb.secretary_mode", "gtzx."),
    ],
    ids=lambda case: str(case),
)
def test_profile_contradictions_refused(
    profile_id: str, values: dict[str, object], parameter: str, fragment: str
) -> None:
    error = _refused(profile_id, values)
    assert error.parameter == parameter
    assert fragment in error.message


@pytest.mark.parametrize(
    ("profile_id", "values"),
    [
        ("BJ_2012", {"nom.list_days_before": 12}),  # no self-nomination in BJ
        ("ZJ_2020", {"kin.cross_body": "block"}),
        ("NAT_2018", {"vc.size_must_be_odd": True}),
        ("NAT_2018", {"sup.size_min": 9}),  # no upper limit nationally
        ("PB_2020", {"pb.secretary_mode": "by_members_meeting"}),
    ],
    ids=lambda case: str(case),
)
def test_profile_consistent_changes_accepted(profile_id: str, values: dict[str, object]) -> None:
    county = load_profile(profile_id).derive("COUNTY_331127", values)
    assert all(county.get(name) == value for name, value in values.items())


def test_pb_sec_3_cascade_with_gtzx_parameters() -> None:
    gtzx = {
        "pb.secretary_mode": "cascade",
        "gtzx.every_round_competitive": True,
        "gtzx.max_posts_per_applicant": 2,
        "gtzx.nonmember_rep_share_max": "3/10",
        "gtzx.recall_petition_fraction": "1/5",
    }
    county = load_profile("PB_2020").derive("COUNTY_331127_GTZX", gtzx)
    assert county.get_fraction("gtzx.nonmember_rep_share_max") == Fraction(3, 10)


@pytest.mark.parametrize(
    ("profile_id", "fragment"),
    [("bad id", "方案编号"), ("ZJ_2020", "已被使用"), ("NAT_2026", "已被使用")],
    ids=["pattern", "in_chain", "shipped"],
)
def test_profile_derive_id_refused(profile_id: str, fragment: str) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile("ZJ_2020").derive(profile_id, {})
    assert caught.value.parameter == "profile"
    assert fragment in caught.value.message


def test_profile_overrides_checked_like_a_derived_profile() -> None:
    variant = load_profile("ZJ_2020", overrides={"proxy.max_per_holder": 2})
    assert variant.id == "ZJ_2020"
    assert variant.chain == ("NAT_2018", "ZJ_2020")
    assert variant.get("proxy.max_per_holder") == 2
    assert variant.overridden == {"proxy.max_per_holder"}
    assert variant.param("proxy.max_per_holder").defined_in == "profile_overrides"
    assert load_profile("ZJ_2020").get("proxy.max_per_holder") == 3
    with pytest.raises(ProfileError) as caught:
        load_profile("ZJ_2020", overrides={"proxy.max_per_holder": 4})
    assert caught.value.parameter == "proxy.max_per_holder"


def test_profile_overridden_profiles_compare_and_hash_by_value() -> None:
    first = load_profile("ZJ_2020", overrides={"proxy.max_per_holder": 2})
    second = load_profile("ZJ_2020", overrides={"proxy.max_per_holder": 2})
    assert first == second
    assert hash(first) == hash(second)
    assert first != load_profile("ZJ_2020")
    assert len({first, second, load_profile("ZJ_2020")}) == 2


def test_profile_overrides_contradiction_refused() -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile("ZJ_2020", overrides={"ec.size_min": 10})
    assert caught.value.parameter == "ec.size_min"


@pytest.mark.parametrize(
    ("overrides", "variant"),
    [
        ({"vc.win_base": "ballots_collected"}, "H-2"),
        ({"ballot.multi_position_mode": "vote_sinking"}, "H-13"),
        ({"ballot.overvote_scope": "position_section"}, "H-14"),
    ],
    ids=["h_2", "h_13", "h_14"],
)
def test_profile_overrides_of_the_worked_variants(
    overrides: dict[str, object], variant: str
) -> None:
    name, value = next(iter(overrides.items()))
    assert load_profile("ZJ_2020", overrides=overrides).get(name) == value, variant


def test_pb_quorum_1_literal_comparator_override() -> None:
    assert load_profile("PB_1990", overrides={"pb.quorum_cmp": ">"}).get("pb.quorum_cmp") == ">"


def test_profile_empty_overrides_are_the_cached_profile() -> None:
    assert load_profile("ZJ_2020", overrides={}) is load_profile("ZJ_2020")
    assert load_profile("ZJ_2020", overrides=None) is load_profile("ZJ_2020")


def test_profile_derived_relation_set_is_typed() -> None:
    county = load_profile("ZJ_2020").derive("COUNTY_1", {"kin.vc_internal_set": "near_relatives"})
    assert county.get("kin.vc_internal_set") is RelationSet.NEAR_RELATIVES


@pytest.mark.parametrize(
    ("county", "further", "fragment"),
    [
        ({"proxy.max_per_holder": 2}, {"proxy.max_per_holder": 5}, "ZJ-E20 art 25"),
        ({"proxy.max_per_holder": 2}, {"proxy.max_per_holder": None}, "ZJ-E20 art 25"),
        ({"nom.list_days_before": 7}, {"nom.list_days_before": 4}, "ZJ-E20 art 18"),
        ({"kin.vc_internal_set": "near_relatives"}, {"kin.vc_internal_set": "none"}, "ZJ-E20"),
    ],
    ids=["cap-5", "cap-none", "list-4-days", "no-avoidance"],
)
def test_profile_county_choice_does_not_unlock_the_law_below_it(
    county: dict[str, object], further: dict[str, object], fragment: str
) -> None:
    """A county's own (tag I) tightening sits on top of the province's legal value; a profile
    derived from the county, or the county's `profile_overrides`, may relax the county's choice
    but never go past the law it inherited."""
    derived = load_profile("ZJ_2020").derive("COUNTY_331127", county)
    with pytest.raises(ProfileError) as as_town:
        derived.derive("TOWN_331127001", further)
    with pytest.raises(ProfileError) as as_override:
        derived.with_overrides(further)
    for caught in (as_town, as_override):
        assert fragment in caught.value.message
        assert caught.value.parameter == next(iter(further))


def test_profile_county_choice_may_be_relaxed_back_to_the_law() -> None:
    derived = load_profile("ZJ_2020").derive("COUNTY_331127", {"proxy.max_per_holder": 2})
    town = derived.derive("TOWN_331127001", {"proxy.max_per_holder": 3})
    assert town.get("proxy.max_per_holder") == 3
    assert derived.with_overrides({"proxy.max_per_holder": 3}).get("proxy.max_per_holder") == 3
