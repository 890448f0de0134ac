"""PRAC-2T1X-2: the 两推一选 weighted tally of the members' and the villagers' representatives'
separate ballots, `score = w_party × party_votes + w_rep × rep_votes`.

The source's county sample leaves its numbers blank (rules.md E.1), so the worked numbers here
are this file's own: weights 6/10 and 4/10, three places, four people.

| person | party votes | rep votes | score |
|---|---|---|---|
| 丙 | 30 | 45 | 18 + 18 = 36 |
| 乙 | 35 | 30 | 21 + 12 = 33 |
| 甲 | 40 | 20 | 24 + 8 = 32 |
| 丁 | 10 | 50 | 6 + 20 = 26 |

丙, 乙, 甲 go forward. Added up unweighted, 甲 and 丁 would tie at 60 votes for the third place;
the weights decide it for 甲, whom the members' meeting put first.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import pytest

from huanjie.rules.checks import Severity
from huanjie.rules.errors import RuleViolation
from huanjie.rules.party.recommendation import Tally, count_weighted

SIX, FOUR = Fraction(6, 10), Fraction(4, 10)


def _tally(votes: Mapping[str, int], *, people: int = 50, places: int = 3) -> Tally:
    return Tally(
        eligible=people, present=people, ballots=people, void=0, votes=votes, places=places
    )


def test_PRAC_2T1X_2_weighted_tally_on_the_worked_numbers() -> None:
    party = _tally({"甲": 40, "乙": 35, "丙": 30, "丁": 10, "戊": 0}, people=45)
    reps = _tally({"甲": 20, "乙": 30, "丙": 45, "丁": 50}, people=55)
    count = count_weighted(party, reps, SIX, FOUR)
    assert [(p.key, p.score) for p in count.ranked] == [
        ("丙", Fraction(36)),
        ("乙", Fraction(33)),
        ("甲", Fraction(32)),
        ("丁", Fraction(26)),
        ("戊", Fraction(0)),
    ]
    assert count.advancing == ("丙", "乙", "甲")
    assert [p.key for p in count.ranked if p.advances] == ["丙", "乙", "甲"]
    assert count.ranked[2].party_votes == 40 and count.ranked[2].rep_votes == 20
    assert count.findings == () and count.tied_at_cut == ()
    # Each meeting is still counted on its own (more than half of its ballots for support).
    assert count.party.advancing == ("甲", "乙", "丙")
    assert count.reps.advancing == ("丁", "丙", "乙")


def test_PRAC_2T1X_2_a_tie_across_the_last_place_advances_none_of_the_tied() -> None:
    half = Fraction(1, 2)
    count = count_weighted(
        _tally({"甲": 10, "乙": 20}, places=1), _tally({"甲": 10}, places=1), half, half
    )
    assert count.advancing == () and count.tied_at_cut == ("乙", "甲")
    [finding] = count.findings
    assert finding.rule_id == "PRAC-2T1X-2" and finding.severity is Severity.BLOCK
    assert "乙、甲加权得分均为10分，并列于第1名" in finding.message
    count = count_weighted(
        _tally({"甲": 2, "丙": 5}, places=2), _tally({"乙": 3, "丙": 5}, places=2), SIX, FOUR
    )
    assert count.advancing == ("丙",) and count.tied_at_cut == ("乙", "甲")
    assert "加权得分均为1.2分，并列于第2名" in count.findings[0].message


def test_PRAC_2T1X_2_fewer_people_with_a_score_than_places_is_a_block() -> None:
    count = count_weighted(_tally({"甲": 30}), _tally({"甲": 40, "乙": 0}), SIX, FOUR)
    assert count.advancing == ("甲",)
    [finding] = count.findings
    assert (
        finding.severity is Severity.BLOCK and "合计只有1人得票，少于应产生的3人" in finding.message
    )


@pytest.mark.parametrize(
    ("w_party", "w_rep"),
    [(Fraction(-1, 10), FOUR), (SIX, Fraction(-1, 10)), (Fraction(0), Fraction(0))],
)
def test_PRAC_2T1X_2_weights_neither_negative_nor_both_zero(
    w_party: Fraction, w_rep: Fraction
) -> None:
    with pytest.raises(RuleViolation) as refused:
        count_weighted(_tally({"甲": 1}), _tally({"甲": 1}), w_party, w_rep)
    assert refused.value.rule_id == "PRAC-2T1X-2" and "权重" in str(refused.value)


def test_PRAC_2T1X_2_both_meetings_fill_the_same_places() -> None:
    with pytest.raises(RuleViolation) as refused:
        count_weighted(_tally({"甲": 1}, places=3), _tally({"甲": 1}, places=5), SIX, FOUR)
    assert refused.value.rule_id == "PRAC-2T1X-2" and "须相同" in str(refused.value)
