"""The counting law read from a profile, per body (profiles.md; tally-io.md rule 4 sets)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.relations import RelationSet
from huanjie.rules.profiles.profile import Profile, load_profile
from huanjie.rules.tally import Body
from huanjie.rules.tally.counting_rules import counting_rules


class _Broken:
    """A profile whose one parameter has a value of the wrong type."""

    def __init__(self, real: Profile, name: str, value: Any) -> None:
        self.id = real.id
        self._real, self._name, self._value = real, name, value

    def get(self, name: str) -> Any:
        return self._value if name == self._name else self._real.get(name)


@pytest.mark.parametrize(
    ("profile", "body", "name", "value"),
    [
        ("ZJ_2020", Body.VILLAGERS_COMMITTEE, "vc.win_base", 3),
        ("ZJ_2020", Body.VILLAGERS_COMMITTEE, "ballot.overvote_scope", RelationSet.NONE),
        ("ZJ_2020", Body.VILLAGERS_COMMITTEE, "supp.requires_turnout", 1),
        ("ZJ_2020", Body.VILLAGERS_COMMITTEE, "supp.min_elected_to_allow_vacancy", True),
        ("ZJ_2020", Body.VILLAGERS_COMMITTEE, "kin.yjt_set", "near_relatives"),
        ("PB_2020", Body.PARTY_ORGANIZATION, "pb.quorum_fraction", "4/5"),
    ],
    ids=["str", "str-not-relation-set", "bool", "int", "relation-set", "fraction"],
)
def test_profile_value_of_wrong_type_is_a_broken_precondition(
    profile: str, body: Body, name: str, value: Any
) -> None:
    broken = _Broken(load_profile(profile), name, value)
    with pytest.raises(RuleViolation) as raised:
        counting_rules(broken, body)  # type: ignore[arg-type]
    assert raised.value.rule_id == "PROFILE"
    assert name in raised.value.message


def test_kin_1a_vc_set_and_kin_6_widening_zj_2020() -> None:
    rules = counting_rules(load_profile("ZJ_2020"), Body.VILLAGERS_COMMITTEE)
    assert rules.kin_set is RelationSet.SPOUSE_PARENT_CHILD_SIBLING
    assert rules.yjt_set is RelationSet.NEAR_RELATIVES
    assert rules.multi_position_mode == "exclusive_sections"
    assert rules.women_seat_mode == "separate_section"


@pytest.mark.parametrize(
    ("body", "kin_set"),
    [
        (Body.SUPERVISION_COMMITTEE, RelationSet.SPOUSE_PARENT_CHILD_SIBLING),
        (Body.COOPERATIVE_BOARD, RelationSet.NEAR_RELATIVES),
        (Body.COOPERATIVE_SUPERVISORS, RelationSet.NEAR_RELATIVES),
    ],
    ids=["supervision-vc-set", "kin-5-board", "kin-5-supervisors"],
)
def test_kin_5_relation_set_by_body(body: Body, kin_set: RelationSet) -> None:
    rules = counting_rules(load_profile("ZJ_2020"), body)
    assert rules.kin_set is kin_set
    assert (rules.multi_position_mode, rules.women_seat_mode) == ("exclusive_sections", "none")


def test_pb_quorum_1_party_rules_pb_2020() -> None:
    rules = counting_rules(load_profile("PB_2020"), Body.PARTY_ORGANIZATION)
    assert (rules.quorum_base, rules.quorum_cmp, rules.win_base) == (
        "should_attend",
        ">=",
        "should_attend",
    )
    assert rules.quorum_fraction == Fraction(4, 5)
    assert rules.reconcile_against == "min_issued_present"
    assert rules.kin_set is RelationSet.NONE
