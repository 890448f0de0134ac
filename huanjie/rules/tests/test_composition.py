"""VC-ORG-1..2, SEED-STRUCT, SUP-1..2, CEO-4 board size, SEQ-1."""

from datetime import date

import pytest

from huanjie.rules.bodies.composition import (
    Body,
    Member,
    SupervisionFacts,
    SupervisionMember,
    check_board_size,
    check_sequence,
    check_supervision_committee,
    check_vc_size,
    check_vc_women_and_minorities,
)
from huanjie.rules.bodies.structure import TeamFacts, check_structure
from huanjie.rules.checks import Finding, Severity
from huanjie.rules.eligibility.preferences import Education
from huanjie.rules.kinship.terms import Sex
from huanjie.rules.profiles.profile import load_profile

E = date(2026, 3, 28)
NAT = load_profile("NAT_2018")
ZJ = load_profile("ZJ_2025")


def _rules(findings: list[Finding]) -> list[tuple[str, Severity]]:
    return [(f.rule_id, f.severity) for f in findings]


@pytest.mark.parametrize(
    ("seats", "odd", "expected"),
    [
        (2, False, [("VC-ORG-1", Severity.BLOCK)]),
        (3, False, []),
        (7, False, []),
        (8, False, [("VC-ORG-1", Severity.BLOCK)]),
        (4, False, []),
        (4, True, [("VC-ORG-1", Severity.BLOCK)]),
        (5, True, []),
        (8, True, [("VC-ORG-1", Severity.BLOCK), ("VC-ORG-1", Severity.BLOCK)]),
    ],
    ids=["2-too-few", "3-min", "7-max", "8-too-many", "4-even-ok", "4-even-odd-rule", "5-odd", "8"],
)
def test_vc_org_1_size(seats: int, odd: bool, expected: list[tuple[str, Severity]]) -> None:
    profile = load_profile("NAT_2018", overrides={"vc.size_must_be_odd": odd})
    findings = check_vc_size(seats, profile)
    assert _rules(findings) == expected
    assert all("职数" in f.message and "请" in f.message for f in findings)


def _m(
    key: str, sex: Sex | None = Sex.MALE, ethnicity: str = "汉族", post: str = "member"
) -> Member:
    return Member(key, key, post, sex=sex, ethnicity=ethnicity)


@pytest.mark.parametrize(
    ("members", "minorities", "needles"),
    [
        ((_m("a", Sex.FEMALE), _m("b")), frozenset(), []),
        ((_m("a"), _m("b")), frozenset(), ["没有妇女"]),
        ((_m("a"), _m("b", None)), frozenset(), ["未登记性别"]),
        ((_m("a", Sex.FEMALE), _m("b", None)), frozenset(), []),
        ((_m("a", Sex.FEMALE), _m("b")), frozenset({"畲族"}), ["畲族"]),
        ((_m("a", Sex.FEMALE), _m("b", ethnicity="畲族")), frozenset({"畲族"}), []),
        ((_m("a"), _m("b")), frozenset({"畲族", "回族"}), ["没有妇女", "回族、畲族"]),
    ],
    ids=[
        "woman",
        "no-woman",
        "sex-unknown",
        "woman-and-unknown",
        "no-minority",
        "minority",
        "neither",
    ],
)
def test_vc_org_2_is_a_warning_never_a_block(
    members: tuple[Member, ...], minorities: frozenset[str], needles: list[str]
) -> None:
    findings = check_vc_women_and_minorities(members, minorities)
    assert [f.rule_id for f in findings] == ["VC-ORG-2"] * len(needles)
    assert all(f.severity is Severity.WARNING for f in findings)
    for finding, needle in zip(findings, needles, strict=True):
        assert needle in finding.message


def _team(**changes: object) -> TeamFacts:
    secretary = Member(
        "s", "书记", "secretary", Sex.MALE, date(1975, 1, 1), "汉族", Education.HIGH_SCHOOL
    )
    deputy = Member(
        "d", "副书记", "deputy_secretary", Sex.MALE, date(1990, 6, 1), "汉族", Education.COLLEGE
    )
    vc = (
        Member("s", "书记", "chair", Sex.MALE, date(1975, 1, 1), "汉族"),
        Member("w", "妇女委员", "women_member", Sex.FEMALE, date(1985, 1, 1), "畲族"),
        Member("x", "委员", "member", Sex.MALE, date(1980, 1, 1), "汉族", Education.PRIMARY),
    )
    facts: dict[str, object] = {
        "party_committee": (secretary, deputy),
        "villagers_committee": vc,
        "on": E,
        "supervision_chair": "d",
        "minority_groups": frozenset({"畲族"}),
    }
    facts.update(changes)
    return TeamFacts(**facts)  # type: ignore[arg-type]


def test_seed_struct_targets_met() -> None:
    assert check_structure(_team(), ZJ) == []


def _young_college_deputy(**changes: object) -> Member:
    base = {
        "key": "d",
        "name": "副书记",
        "post": "deputy_secretary",
        "sex": Sex.MALE,
        "birth_date": date(1990, 6, 1),
        "ethnicity": "汉族",
        "education": Education.COLLEGE,
    }
    base.update(changes)
    return Member(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        (
            {"party_committee": (_young_college_deputy(education=Education.JUNIOR_HIGH),)},
            "大专",
        ),
        ({"party_committee": (_young_college_deputy(education=None),)}, "大专"),
        ({"party_committee": (_young_college_deputy(birth_date=date(1990, 3, 27)),)}, "35周岁"),
        ({"party_committee": (_young_college_deputy(birth_date=None),)}, "35周岁"),
        (
            {"villagers_committee": (_m("s", post="chair"), _m("x"), _m("w", Sex.FEMALE, "畲族"))},
            "专职专选",
        ),
        ({"supervision_chair": "x"}, "副书记"),
        ({"minority_groups": frozenset({"回族"})}, "回族"),
    ],
    ids=[
        "no-college",
        "education-unknown",
        "no-one-35",
        "birth-unknown",
        "no-women-member",
        "sup-chair",
        "minority",
    ],
)
def test_seed_struct_each_target_warns(changes: dict[str, object], needle: str) -> None:
    findings = check_structure(_team(**changes), ZJ)
    assert [(f.rule_id, f.severity) for f in findings] == [("SEED-STRUCT", Severity.WARNING)]
    assert needle in findings[0].message


def test_seed_struct_member_exactly_35_counts() -> None:
    """ "35周岁以下" includes 35 (民法典 1259): born 1990-03-28 is 36 on E; 1990-03-29 is 35."""
    ok = _team(party_committee=(_young_college_deputy(birth_date=date(1990, 3, 29)),))
    assert check_structure(ok, ZJ) == []


def test_seed_struct_profile_switches_off_targets() -> None:
    profile = load_profile(
        "ZJ_2025",
        overrides={
            "struct.warn_no_college_member": False,
            "struct.women_dedicated_member": False,
            "struct.warn_sup_chair_not_party_deputy": False,
        },
    )
    team = _team(
        party_committee=(_young_college_deputy(education=None),),
        villagers_committee=(_m("s", post="chair"), _m("x"), _m("w", Sex.FEMALE, "畲族")),
        supervision_chair="x",
    )
    assert check_structure(team, profile) == []
    assert check_structure(_team(supervision_chair=None), ZJ) == []


@pytest.mark.parametrize(
    ("extra", "large", "warned"),
    [(0, False, False), (3, False, False), (4, False, True), (5, True, False), (6, True, True)],
    ids=["4-people", "7-people", "8-people", "9-large-village", "10-large-village"],
)
def test_seed_struct_team_size(extra: int, large: bool, warned: bool) -> None:
    """两委 3–7 people, counted once across both committees (+1..2 for large or merged villages):
    the secretary who is also VC chair counts once, so the base team is 4 people."""
    more = tuple(_m(f"m{i}", Sex.FEMALE, "畲族") for i in range(extra))
    team = _team(large_or_merged=large, villagers_committee=(*_team().villagers_committee, *more))
    messages = [f.message for f in check_structure(team, ZJ)]
    assert any("班子共" in m for m in messages) is warned


def test_seed_struct_team_too_small() -> None:
    team = _team(
        party_committee=(_young_college_deputy(),),
        villagers_committee=(
            Member("w", "妇女委员", "women_member", Sex.FEMALE, date(1985, 1, 1), "畲族"),
        ),
    )
    assert ["班子共2人" in f.message for f in check_structure(team, ZJ)] == [True]


def _sup(*members: SupervisionMember, **changes: object) -> SupervisionFacts:
    facts: dict[str, object] = {
        "members": members,
        "vc_members": frozenset({"vc1"}),
        "clerks_and_bookkeepers": frozenset({"clerk"}),
    }
    facts.update(changes)
    return SupervisionFacts(**facts)  # type: ignore[arg-type]


ACC = SupervisionMember("acc", "会计甲", True)


def _plain(key: str) -> SupervisionMember:
    return SupervisionMember(key, key, False)


@pytest.mark.parametrize(
    ("profile_id", "facts", "expected"),
    [
        ("ZJ_2025", _sup(ACC, _plain("b"), _plain("c")), []),
        ("ZJ_2025", _sup(ACC, _plain("b")), [("SUP-2", "3至5人")]),
        ("ZJ_2025", _sup(ACC, *map(_plain, "bcdef")), [("SUP-2", "3至5人")]),
        ("NAT_2018", _sup(ACC), []),
        ("NAT_2018", _sup(), [("SUP-1", "不少于1人"), ("SUP-1", "财会")]),
        ("ZJ_2025", _sup(*map(_plain, "abc")), [("SUP-1", "财会")]),
        ("ZJ_2025", _sup(ACC, _plain("vc1"), _plain("c")), [("SUP-1", "村民委员会成员")]),
        ("ZJ_2025", _sup(ACC, _plain("clerk"), _plain("c")), [("SUP-2", "村文书")]),
        ("NAT_2018", _sup(ACC, _plain("clerk")), []),
        (
            "ZJ_2025",
            _sup(ACC, _plain("b"), _plain("c"), vc_formed_on=E, elected_on=E),
            [],
        ),
        (
            "ZJ_2025",
            _sup(ACC, _plain("b"), _plain("c"), vc_formed_on=E, elected_on=date(2026, 3, 27)),
            [("SUP-2", "早于")],
        ),
        (
            "NAT_2018",
            _sup(ACC, vc_formed_on=E, elected_on=date(2026, 3, 27)),
            [],
        ),
    ],
    ids=[
        "zj-ok",
        "zj-too-few",
        "zj-too-many",
        "nat-one",
        "nat-empty",
        "no-accounting",
        "vc-member",
        "zj-clerk",
        "nat-clerk-allowed",
        "same-day",
        "before-vc",
        "nat-order",
    ],
)
def test_sup_1_and_sup_2(
    profile_id: str, facts: SupervisionFacts, expected: list[tuple[str, str]]
) -> None:
    findings = check_supervision_committee(facts, load_profile(profile_id))
    assert [f.rule_id for f in findings] == [rule for rule, _ in expected]
    assert all(f.blocking for f in findings)
    for finding, (_, needle) in zip(findings, expected, strict=True):
        assert needle in finding.message


@pytest.mark.parametrize(
    ("size", "count"),
    [(2, 2), (3, 0), (4, 1), (5, 0), (7, 0), (8, 2), (9, 1)],
    ids=["2", "3", "4-even", "5", "7", "8", "9"],
)
def test_ceo_4_board_size_odd(size: int, count: int) -> None:
    findings = check_board_size(size, NAT)
    assert len(findings) == count and all(f.rule_id == "CEO-4" for f in findings)


@pytest.mark.parametrize(
    ("dates", "warned"),
    [
        ({Body.PARTY_ORGANIZATION: date(2026, 3, 1), Body.VILLAGERS_COMMITTEE: E}, []),
        (
            {Body.PARTY_ORGANIZATION: E, Body.VILLAGERS_COMMITTEE: date(2026, 3, 1)},
            [Body.VILLAGERS_COMMITTEE],
        ),
        (
            {Body.PARTY_ORGANIZATION: E, Body.SUPERVISION_COMMITTEE: date(2026, 3, 1)},
            [Body.SUPERVISION_COMMITTEE],
        ),
        ({b: E for b in Body}, []),
        ({}, []),
    ],
    ids=["in-order", "vc-first", "gap-in-sequence", "same-day", "nothing-yet"],
)
def test_seq_1_order(dates: dict[Body, date], warned: list[Body]) -> None:
    findings = check_sequence(dates)
    assert [f.rule_id for f in findings] == ["SEQ-1"] * len(warned)
    assert all(f.severity is Severity.WARNING for f in findings)
