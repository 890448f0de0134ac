"""The new 两委's structure and seed 004's sentences, on numbers worked by hand."""

from __future__ import annotations

from datetime import date

from huanjie.rules.eligibility.preferences import Education
from huanjie.rules.structure import (
    SECRETARY,
    VC_CHAIR,
    Member,
    Structure,
    age_change,
    share_change,
    structure_of,
    summary,
)

START = date(2026, 3, 1)


def member(village: str, age: int, *posts: str, **facts: object) -> Member:
    values: dict[str, object] = {
        "female": False,
        "minority": False,
        "schooling": Education.JUNIOR_HIGH,
        "party_member": False,
        "tags": frozenset(),
    }
    values.update(facts)
    return Member(
        village=village,
        birth_date=date(2026 - age, 1, 15),  # birthday before the term starts: `age` on START
        term_start=START,
        posts=frozenset(posts),
        **values,  # type: ignore[arg-type]
    )


def test_counts_of_two_villages_match_a_hand_count() -> None:
    members = [
        # A: 一肩挑 secretary-chair, 大专, 42; a woman member of both, 高中, 33, minority.
        member("A", 42, SECRETARY, VC_CHAIR, schooling=Education.COLLEGE, party_member=True),
        member(
            "A",
            33,
            "party_organization:member",
            "villagers_committee:women_member",
            female=True,
            minority=True,
            schooling=Education.HIGH_SCHOOL,
            party_member=True,
            tags=frozenset({"returnee"}),
        ),
        # B: secretary 50 (本科, veteran) and another chair 46 (初中, business leader, masses).
        member("B", 50, SECRETARY, schooling=Education.BACHELOR, tags=frozenset({"veteran"})),
        member("B", 46, VC_CHAIR, tags=frozenset({"business_leader"})),
    ]
    s = structure_of(members)
    assert (s.members, s.villages, s.secretaries, s.chairs, s.one_person) == (4, 2, 2, 2, 1)
    assert s.average_age == 42.8  # (42 + 33 + 50 + 46) / 4 = 42.75
    assert (s.up_to_35, s.up_to_45) == (1, 2)
    assert (s.college, s.high_school) == (2, 3)
    assert (s.women, s.minority) == (1, 1)
    assert (s.vc_members, s.vc_party_members) == (3, 2)
    assert (s.business_leaders, s.veterans, s.returnees) == (1, 1, 1)
    assert s.secretary_average_age == 46.0
    assert s.share("college") == 50.0
    assert s.share("vc_party_members") == 66.7
    assert s.share("one_person") == 50.0
    assert s.share("secretary_college") == 100.0


def test_sums_of_villages_equal_the_whole() -> None:
    a = [member("A", 30, SECRETARY, VC_CHAIR), member("A", 61, "villagers_committee:member")]
    b = [member("B", 45, SECRETARY, female=True)]
    assert structure_of(a) + structure_of(b) == structure_of(a + b)


def test_an_empty_area_has_no_shares() -> None:
    s = Structure()
    assert s.average_age is None
    assert s.share("women") is None
    assert summary(s, None) == []


def test_share_change_in_tenths_and_points() -> None:
    # Seed 004: 62.8% against 48.6% is 29.2% more of itself: "近3成".
    assert share_change(62.8, 48.6) == "比上届提高近3成"
    assert share_change(60.0, 50.0) == "比上届提高2成"
    assert share_change(40.0, 50.0) == "比上届下降2成"
    assert share_change(52.1, 50.0) == "比上届提高2.1个百分点"
    assert share_change(50.0, 50.0) == "与上届持平"
    # All of itself or more is never "10成": points instead.
    assert share_change(0.0, 40.0) == "比上届下降40.0个百分点"
    assert share_change(57.1, 26.7) == "比上届提高30.4个百分点"


def test_age_change() -> None:
    assert age_change(44.4, 47.2) == "比上届下降2.8岁"
    assert age_change(45.0, 44.5) == "比上届上升0.5岁"


def test_summary_sentences_of_seed_004() -> None:
    now = Structure(
        members=10,
        age_total=444,
        up_to_35=2,
        college=6,
        women=3,
        secretaries=500,
        secretary_age_total=22200,  # 44.4
        secretary_college=314,  # 62.8%
        villages=5,
        one_person=4,
    )
    before = Structure(
        members=10,
        age_total=472,
        secretaries=500,
        secretary_age_total=23600,  # 47.2
        secretary_college=243,  # 48.6%
        villages=5,
    )
    assert summary(now, before) == [
        "村党组织书记学历、年龄实现“一升一降”，大专以上学历占62.8%，比上届提高近3成；"
        "平均年龄44.4岁，比上届下降2.8岁。",
        "新一届村“两委”班子成员10名，平均年龄44.4岁，比上届下降2.8岁，35岁及以下占20.0%，"
        "大专及以上学历占60.0%，女性占30.0%。",
        "4个村实现村党组织书记、村委会主任“一肩挑”，占80.0%。",
    ]
    # Without the previous term: the figures alone.
    assert summary(now, None)[0] == "村党组织书记大专以上学历占62.8%；平均年龄44.4岁。"


def test_counts_and_sentences_where_facts_are_missing() -> None:
    # Schooling not recorded: the member counts in neither education share.
    counted = structure_of([member("甲", 40, schooling=None)])
    assert (counted.members, counted.college, counted.high_school) == (1, 0, 0)
    assert age_change(44.4, 44.43) == "与上届持平"
    assert share_change(5.0, 0.0) == "比上届提高5.0个百分点"  # from nothing: no 成 of it
    # No secretary among the members (no secretaries' sentence), a previous term with nobody
    # counted (no change of age to state), no village named (no 一肩挑 share).
    lines = summary(Structure(members=2, age_total=80), Structure())
    assert lines == [
        "新一届村“两委”班子成员2名，平均年龄40.0岁，35岁及以下占0.0%，"
        "大专及以上学历占0.0%，女性占0.0%。"
    ]


def test_secretaries_younger_but_less_schooled_is_no_one_up_one_down() -> None:
    now = Structure(members=1, age_total=40, secretaries=1, secretary_age_total=40, villages=1)
    before = Structure(
        members=1,
        age_total=50,
        secretaries=1,
        secretary_age_total=50,
        secretary_college=1,
        villages=1,
    )
    assert summary(now, before)[0] == (
        "村党组织书记大专以上学历占0.0%，比上届下降100.0个百分点；平均年龄40.0岁，比上届下降10.0岁。"
    )
