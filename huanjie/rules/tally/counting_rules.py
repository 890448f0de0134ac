"""The counting law of one contest, read once from its profile (profiles.md).

A VC profile also governs supervision, cooperative and recall contests; a party profile governs
party contests. Parameters that only the villagers' committee's ballot uses (the multi-post
mode, the women's seat) are neutral for the other bodies, and the relation set for kinship is
the one tally-io.md rule 4 names for the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.relations import RelationSet
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.tally.model import Body


@dataclass(frozen=True, slots=True)
class CountingRules:
    """The parameters a count needs, with their profiles.md names in the comments."""

    win_base: str  # vc.win_base | pb.win_base
    tie_revote_requires_majority: bool  # vc.* | pb.tie_revote_requires_majority
    overvote_scope: str = "whole_ballot"  # ballot.overvote_scope
    same_person_multi_post_invalid: bool = False  # ballot.same_person_multi_post_invalid
    multi_position_mode: str = "exclusive_sections"  # ballot.multi_position_mode (VC only)
    women_seat_mode: str = "none"  # women_seat_mode (VC only)
    supp_requires_turnout: bool = True  # supp.requires_turnout
    min_elected_to_allow_vacancy: int = 3  # supp.min_elected_to_allow_vacancy
    vacancy_requires_chair: bool = False  # supp.vacancy_requires_chair
    kin_set: RelationSet = RelationSet.NONE  # kin.vc_internal_set | pb.kin_set | KIN-5
    yjt_set: RelationSet = RelationSet.NONE  # kin.yjt_set (KIN-6)
    quorum_base: str = "should_attend"  # pb.quorum_base
    quorum_fraction: Fraction = Fraction(4, 5)  # pb.quorum_fraction
    quorum_cmp: str = ">="  # pb.quorum_cmp
    plenary_quorum: Fraction = Fraction(4, 5)  # pb.plenary_quorum (PB-QUORUM-3, always >=)
    reconcile_against: str = "min_issued_present"  # pb.ballot_reconcile_against


def counting_rules(profile: Profile, body: Body) -> CountingRules:
    """The counting law `profile` gives `body`; the caller has checked the profile governs it."""
    if body is Body.PARTY_ORGANIZATION:
        return CountingRules(
            win_base=_str(profile, "pb.win_base"),
            tie_revote_requires_majority=_bool(profile, "pb.tie_revote_requires_majority"),
            kin_set=_relations(profile, "pb.kin_set"),
            quorum_base=_str(profile, "pb.quorum_base"),
            quorum_fraction=_fraction(profile, "pb.quorum_fraction"),
            quorum_cmp=_str(profile, "pb.quorum_cmp"),
            plenary_quorum=_fraction(profile, "pb.plenary_quorum"),
            reconcile_against=_str(profile, "pb.ballot_reconcile_against"),
        )
    vc = body is Body.VILLAGERS_COMMITTEE
    # Cooperatives: near relatives by national law (KIN-5, CEO-4), not a profile parameter.
    kin_set = (
        RelationSet.NEAR_RELATIVES
        if body.is_cooperative
        else _relations(profile, "kin.vc_internal_set")
    )
    return CountingRules(
        win_base=_str(profile, "vc.win_base"),
        tie_revote_requires_majority=_bool(profile, "vc.tie_revote_requires_majority"),
        overvote_scope=_str(profile, "ballot.overvote_scope"),
        same_person_multi_post_invalid=_bool(profile, "ballot.same_person_multi_post_invalid"),
        multi_position_mode=(
            _str(profile, "ballot.multi_position_mode") if vc else "exclusive_sections"
        ),
        women_seat_mode=_str(profile, "women_seat_mode") if vc else "none",
        supp_requires_turnout=_bool(profile, "supp.requires_turnout"),
        min_elected_to_allow_vacancy=_int(profile, "supp.min_elected_to_allow_vacancy"),
        vacancy_requires_chair=_bool(profile, "supp.vacancy_requires_chair"),
        kin_set=kin_set,
        yjt_set=_relations(profile, "kin.yjt_set"),
    )


def _broken(profile: Profile, name: str, expected: str) -> RuleViolation:
    return RuleViolation(
        "PROFILE", f"规则配置 {profile.id} 的参数 {name} 应为{expected}，请修正配置"
    )


def _str(profile: Profile, name: str) -> str:
    value = profile.get(name)
    if not isinstance(value, str) or isinstance(value, RelationSet):
        raise _broken(profile, name, "文字选项")
    return value


def _bool(profile: Profile, name: str) -> bool:
    value = profile.get(name)
    if not isinstance(value, bool):
        raise _broken(profile, name, "是或否")
    return value


def _int(profile: Profile, name: str) -> int:
    value = profile.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _broken(profile, name, "整数")
    return value


def _fraction(profile: Profile, name: str) -> Fraction:
    value = profile.get(name)
    if not isinstance(value, Fraction):
        raise _broken(profile, name, "分数")
    return value


def _relations(profile: Profile, name: str) -> RelationSet:
    value = profile.get(name)
    if not isinstance(value, RelationSet):
        raise _broken(profile, name, "亲属范围")
    return value
