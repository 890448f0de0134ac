"""两推 / 三推 rounds, the meeting's non-member share and the 胜任指数, on worked numbers
(SEED-3T2S1X, PB-NOM-1, SEED-GTZX-1)."""

from fractions import Fraction

import pytest

from huanjie.rules.checks import Cmp, Severity
from huanjie.rules.errors import RuleViolation
from huanjie.rules.party.gtzx import draw_speech_order
from huanjie.rules.party.recommendation import (
    CompetencyItem,
    Procedure,
    RoundKind,
    Tally,
    check_participants,
    competency_summary,
    count_round,
    nonmember_limit,
    round_order_check,
)

THREE = Procedure.THREE
TWO = Procedure.TWO


def test_SEED_3T2S1X_three_recommendations_run_in_order() -> None:
    round_order_check(THREE, [], RoundKind.INITIAL_NOMINATION)
    round_order_check(THREE, [RoundKind.INITIAL_NOMINATION], RoundKind.MASS_TRUST)
    with pytest.raises(RuleViolation, match="须先完成“群众信任推荐”") as err:
        round_order_check(THREE, [RoundKind.INITIAL_NOMINATION], RoundKind.TOWNSHIP_VOTE)
    assert err.value.rule_id == "SEED-3T2S1X"
    with pytest.raises(RuleViolation, match="已经登记过"):
        round_order_check(THREE, [RoundKind.INITIAL_NOMINATION], RoundKind.INITIAL_NOMINATION)
    three = [RoundKind.INITIAL_NOMINATION, RoundKind.MASS_TRUST, RoundKind.TOWNSHIP_VOTE]
    round_order_check(THREE, three, RoundKind.MEMBERS_MEETING)  # 两述之二 after the vote
    with pytest.raises(RuleViolation, match="不属于两推"):
        round_order_check(TWO, [], RoundKind.MEMBERS_MEETING)


def test_SEED_3T2S1X_a_round_of_the_other_procedure_is_refused() -> None:
    with pytest.raises(RuleViolation, match="不属于两推；两推依次为：党员和群众推荐、乡镇党委推荐"):
        round_order_check(TWO, [], RoundKind.MASS_TRUST)
    with pytest.raises(RuleViolation, match="不属于三推"):
        round_order_check(THREE, [], RoundKind.PARTY_MASSES)
    round_order_check(TWO, [RoundKind.PARTY_MASSES], RoundKind.TOWNSHIP_RECOMMENDATION)


def test_SEED_GTZX_1_nonmember_representatives_at_most_three_tenths_of_members() -> None:
    share = Fraction(3, 10)
    assert nonmember_limit(30, share) == 9
    check_participants(30, 9, share)  # 9 × 10 = 90 ≤ 3 × 30
    with pytest.raises(
        RuleViolation, match="非党员代表10人，超过党员30人的3/10（最多9人）；请减少1名"
    ):
        check_participants(30, 10, share)
    check_participants(0, 0, share)
    with pytest.raises(RuleViolation, match="负数"):
        check_participants(-1, 0, share)


def _mass_trust(**over: object) -> Tally:
    base: dict[str, object] = {
        "eligible": 120,
        "present": 100,
        "ballots": 100,
        "void": 4,
        "votes": {"甲": 80, "乙": 62, "丙": 51, "丁": 50, "戊": 30},
        "places": 3,
    }
    base.update(over)
    return Tally(**base)  # type: ignore[arg-type]


def test_SEED_3T2S1X_mass_trust_recommendation_gives_provisional_candidates() -> None:
    # 100 ballots: support is more than half, i.e. at least 51 votes; 丁 with 50 falls short.
    result = count_round(_mass_trust(), RoundKind.MASS_TRUST)
    assert result.valid == 96
    assert result.needed == 51
    assert result.advancing == ("甲", "乙", "丙")
    assert [(p.key, p.votes, p.supported, p.advances) for p in result.ranked] == [
        ("甲", 80, True, True),
        ("乙", 62, True, True),
        ("丙", 51, True, True),
        ("丁", 50, False, False),
        ("戊", 30, False, False),
    ]
    assert result.ranked[0].share == Fraction(4, 5)
    assert result.findings == ()


def test_PB_NOM_1_low_support_may_not_become_a_candidate() -> None:
    result = count_round(_mass_trust(places=4), RoundKind.MASS_TRUST)
    assert result.advancing == ("甲", "乙", "丙")
    [finding] = result.findings
    assert finding.severity is Severity.BLOCK and finding.rule_id == "PB-NOM-1"
    assert "至少51票）的只有3人，少于本轮应产生的4人" in finding.message


def test_PB_NOM_1_a_tie_across_the_last_place_advances_none_of_the_tied() -> None:
    votes = {"甲": 70, "乙": 60, "丙": 60}
    result = count_round(_mass_trust(votes=votes, places=2), RoundKind.MASS_TRUST)
    assert result.advancing == ("甲",)
    assert sorted(result.tied_at_cut) == sorted(["乙", "丙"])
    assert "并列于第2名" in result.findings[0].message


def test_PB_NOM_1_a_thin_meeting_is_warned() -> None:
    result = count_round(
        _mass_trust(present=90, ballots=90, votes={"甲": 80, "乙": 62, "丙": 51}),
        RoundKind.PARTY_MASSES,
    )
    [finding] = result.findings
    assert finding.severity is Severity.WARNING
    assert "实到90人，不足应到120人的五分之四" in finding.message


def test_SEED_3T2S1X_township_vote_is_competitive() -> None:
    # 9 committee members vote on 4 provisional candidates for 3 formal places.
    tally = Tally(9, 9, 9, 0, {"甲": 9, "乙": 8, "丙": 6, "丁": 3}, 3)
    result = count_round(tally, RoundKind.TOWNSHIP_VOTE, provisional=4)
    assert result.needed == 5
    assert result.advancing == ("甲", "乙", "丙")
    assert result.findings == ()
    equal = Tally(9, 9, 9, 0, {"甲": 9, "乙": 8, "丙": 6, "丁": 5}, 4)
    [finding] = count_round(equal, RoundKind.TOWNSHIP_VOTE, provisional=4).findings
    assert finding.rule_id == "SEED-3T2S1X" and "未实行差额" in finding.message
    # a township round never warns about attendance (its members are not villagers)
    thin = Tally(9, 5, 5, 0, {"甲": 5}, 1)
    assert count_round(thin, RoundKind.TOWNSHIP_RECOMMENDATION).findings == ()


def test_PB_NOM_1_at_least_half_and_empty_rounds() -> None:
    tally = Tally(10, 10, 10, 0, {"甲": 5, "乙": 0}, 1)
    assert count_round(tally, RoundKind.PARTY_MASSES, cmp=Cmp.AT_LEAST).advancing == ("甲",)
    empty = Tally(10, 10, 0, 0, {"甲": 0}, 1)
    result = count_round(empty, RoundKind.MASS_TRUST, cmp=Cmp.AT_LEAST)
    assert result.advancing == ()
    assert result.ranked[0].share == 0


@pytest.mark.parametrize(
    ("over", "text"),
    [
        ({"present": 130}, "实到130人多于应到120人"),
        ({"ballots": 101}, "收回101票多于实到100人"),
        ({"void": 101}, "无效票101张多于收回的100张"),
        ({"places": 0}, "本轮产生人数至少为1"),
        ({"votes": {"甲": 97}}, "甲的得票多于有效票96张"),
        (
            {"votes": {"甲": 96, "乙": 96, "丙": 96, "丁": 1}},
            "得票合计289票，多于有效票96张×每票最多3人",
        ),
        ({"void": -1}, "不能为负数"),
        ({"votes": {"甲": -1}}, "不能为负数"),
    ],
)
def test_PB_NOM_1_impossible_tallies_are_refused(over: dict[str, object], text: str) -> None:
    with pytest.raises(RuleViolation, match=text) as err:
        count_round(_mass_trust(**over), RoundKind.MASS_TRUST)
    assert err.value.rule_id == "PB-NOM-1"


ITEMS = (
    CompetencyItem("politics", "政治素质", 30, 10),
    CompetencyItem("ability", "带富能力", 40, 10),
    CompetencyItem("reputation", "群众口碑", 30, 5),
)


def test_SEED_3T2S1X_competency_index_weighs_household_assessments() -> None:
    sheets = [
        {"politics": 9, "ability": 8, "reputation": 5},
        {"politics": 7, "ability": 6, "reputation": 3},
    ]
    summary = competency_summary(ITEMS, sheets)
    assert summary.assessments == 2
    assert summary.item_means == (
        ("politics", Fraction(8)),
        ("ability", Fraction(7)),
        ("reputation", Fraction(4)),
    )
    # 30 × 8/10 + 40 × 7/10 + 30 × 4/5 = 24 + 28 + 24 = 76 of 100
    assert summary.index == 76
    nobody = competency_summary(ITEMS, [])
    assert nobody.assessments == 0 and nobody.index == 0


def test_SEED_3T2S1X_competency_sheets_are_checked() -> None:
    with pytest.raises(RuleViolation, match="还没有设置胜任指数测评项目"):
        competency_summary([], [])
    with pytest.raises(RuleViolation, match="权重和满分都须大于0"):
        competency_summary([CompetencyItem("a", "甲项", 0, 10)], [])
    with pytest.raises(RuleViolation, match="第1份测评表缺少“群众口碑”的分数"):
        competency_summary(ITEMS, [{"politics": 9, "ability": 8}])
    with pytest.raises(RuleViolation, match="第2份测评表“群众口碑”6分，不在0至5分之间"):
        competency_summary(
            ITEMS,
            [
                {"politics": 9, "ability": 8, "reputation": 5},
                {"politics": 9, "ability": 8, "reputation": 6},
            ],
        )


def test_SEED_GTZX_1_speech_order_replays_from_its_seed() -> None:
    first = draw_speech_order(["甲", "乙", "丙", "丁"], 20260315)
    again = draw_speech_order(["丁", "丙", "乙", "甲"], 20260315)
    assert first.order == again.order and first.seed == 20260315
    assert sorted(first.order) == ["丁", "丙", "乙", "甲"]
