"""The candidate slate before publication (rules.bodies.structure.check_slate): VC-ORG-1 and
VC-NOM-2 block, VC-ORG-2 and SEED-STRUCT warn, per rule ID."""

from __future__ import annotations

from datetime import date
from typing import Any

from huanjie.rules.bodies.composition import Member
from huanjie.rules.bodies.structure import PostSlate, SlateFacts, check_post_margin, check_slate
from huanjie.rules.checks import Finding
from huanjie.rules.eligibility.preferences import Education
from huanjie.rules.kinship.terms import Sex
from huanjie.rules.profiles.profile import load_profile

NAT = load_profile("NAT_2018")
ZJ = load_profile("ZJ_2025")
DAY = date(2026, 3, 15)


def person(key: str, *, post: str = "chair", **facts: object) -> Member:
    values: dict[str, object] = {
        "sex": Sex.FEMALE,
        "birth_date": date(1995, 1, 1),  # 31 on DAY
        "education": Education.COLLEGE,
        "ethnicity": "汉族",
    }
    values.update(facts)
    return Member(key=key, name=f"人{key}", post=post, **values)  # type: ignore[arg-type]


def slate(
    *posts: PostSlate, contested: bool = True, minority: frozenset[str] = frozenset()
) -> SlateFacts:
    return SlateFacts(posts=posts, on=DAY, contested=contested, minority_groups=minority)


def chair(*people: Member, seats: int = 1) -> PostSlate:
    return PostSlate("chair", "主任", seats, people)


def members(n: int) -> PostSlate:
    return PostSlate(
        "member",
        "委员",
        n,
        (person("m1", post="member"), *[person(f"m{i}", post="member") for i in range(2, n + 2)]),
    )


def ids(findings: list[Finding], blocking: bool) -> list[str]:
    return [f.rule_id for f in findings if f.blocking is blocking]


def test_a_full_contested_slate_with_every_target_met_says_nothing() -> None:
    assert check_slate(slate(chair(person("a"), person("b")), members(2)), NAT) == []


def test_vc_org_1_a_committee_of_two_seats_blocks() -> None:
    found = check_slate(slate(chair(person("a"), person("b"))), NAT)
    assert ids(found, True) == ["VC-ORG-1"]
    assert "1名" in found[0].message and "3至7" in found[0].message


def test_vc_nom_2_as_many_candidates_as_seats_blocks_and_says_how_many_more() -> None:
    found = check_post_margin(chair(person("a"), person("b"), seats=2), contested=True)
    assert [f.rule_id for f in found] == ["VC-NOM-2"] and found[0].blocking
    assert "至少1名" in found[0].message
    # A margin of one is enough; a post with no candidates yet is not judged.
    assert check_post_margin(chair(person("a"), person("b"), person("c"), seats=2), True) == []
    assert check_post_margin(chair(seats=2), True) == []


def test_vc_nom_2_self_nomination_has_no_margin() -> None:
    assert check_post_margin(chair(person("a")), contested=False) == []
    assert ids(check_slate(slate(chair(person("a")), members(2), contested=False), NAT), True) == []


def test_vc_org_2_no_woman_and_no_minority_candidate_warn() -> None:
    men = chair(person("a", sex=Sex.MALE), person("b", sex=Sex.MALE))
    found = check_slate(slate(men, members(2)), NAT)
    assert ids(found, False) == []  # members(2) has women: the woman rule looks at everyone
    all_men = PostSlate(
        "member", "委员", 2, tuple(person(f"m{i}", post="member", sex=Sex.MALE) for i in range(3))
    )
    found = check_slate(slate(men, all_men, minority=frozenset({"畲族"})), NAT)
    assert ids(found, False) == ["VC-ORG-2", "VC-ORG-2"] and ids(found, True) == []
    assert any("畲族" in f.message for f in found)


def test_seed_struct_no_college_and_no_young_candidate_warn_at_the_profile_age() -> None:
    old: dict[str, Any] = {
        "education": Education.HIGH_SCHOOL,
        "birth_date": date(1990, 3, 16),
    }  # 35 on DAY
    facts = slate(
        chair(person("a", **old), person("b", **old)),
        PostSlate(
            "member",
            "委员",
            2,
            (
                person("c", post="member", **old),
                person("d", post="member", **old),
                person("e", post="member", **old),
            ),
        ),
    )
    found = check_slate(facts, NAT)
    assert ids(found, False) == ["SEED-STRUCT"]  # 35 is still young enough; no college is not
    older: dict[str, Any] = {**old, "birth_date": date(1990, 3, 14)}  # 36 on DAY
    facts = slate(
        chair(person("a", **older), person("b", **older)),
        PostSlate(
            "member",
            "委员",
            2,
            (
                person("c", post="member", **older),
                person("d", post="member", **older),
                person("e", post="member", **older),
            ),
        ),
    )
    found = check_slate(facts, NAT)
    assert ids(found, False) == ["SEED-STRUCT", "SEED-STRUCT"]
    assert "35周岁" in found[1].message


def test_seed_struct_zhejiang_asks_for_a_separate_women_member_post() -> None:
    found = check_slate(slate(chair(person("a"), person("b")), members(2)), ZJ)
    assert ids(found, False) == ["SEED-STRUCT"] and "妇女委员" in found[0].message
    women = PostSlate(
        "women_member",
        "妇女委员",
        1,
        (person("w1", post="women_member"), person("w2", post="women_member")),
    )
    assert check_slate(slate(chair(person("a"), person("b")), members(1), women), ZJ) == []


def test_yjt_1_the_sitting_secretary_not_standing_for_chair_is_told_where_yjt_is_allowed() -> None:
    secretary = person("s", post="secretary")
    facts = SlateFacts(
        posts=(chair(person("a"), person("b")), members(2)), on=DAY, party_secretary=secretary
    )
    found = check_slate(facts, NAT)
    assert ids(found, False) == ["YJT-1"] and "人s" in found[0].message
    standing = SlateFacts(
        posts=(chair(person("s"), person("b")), members(2)), on=DAY, party_secretary=secretary
    )
    assert check_slate(standing, NAT) == []
    no_yjt = load_profile("NAT_2018", overrides={"yjt.allowed": False})
    assert check_slate(facts, no_yjt) == []
