"""Kinship avoidance rule by rule (KIN-1..6, SEED-KIN-X): which set, which groups, how severe.

Each helper asks a `KinshipIndex` built once for the village (or for many villages) and returns
the conflicts with the rule's ID. Holding two posts oneself (a VC member on the supervision
committee, a candidate among the counting staff) is not kinship: SUP-1, CEO-5, VC-VOTE-5 and
VC-EC-2 judge that.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from huanjie.rules.kinship.avoidance import KinConflict, KinshipIndex
from huanjie.rules.kinship.relations import RelationSet
from huanjie.rules.profiles.profile import Profile

NEAR = RelationSet.NEAR_RELATIVES


@dataclass(frozen=True, slots=True)
class KinQuery:
    """What a rule asks of the relation graph, for a kernel that asks it of many villages at
    once (huanjie.bulk.recusal): the relation set and the rule's ID."""

    relation_set: RelationSet
    rule_id: str


# KIN-1 has three variants, one per relation set a profile may name.
_KIN_1_RULE = {
    RelationSet.SPOUSE_PARENT_CHILD_SIBLING: "KIN-1a",
    RelationSet.NEAR_RELATIVES: "KIN-1b",
    RelationSet.SPOUSE_LINEAL: "KIN-1c",
}


def _cross_body_blocks(profile: Profile) -> bool:
    return profile.get_str("kin.cross_body") == "block"


def kin_1_vc_members(
    index: KinshipIndex, profile: Profile, vc_members: Collection[str]
) -> list[KinConflict]:
    """No two VC members related within `kin.vc_internal_set` (VC-TALLY-9 resolves them)."""
    relation_set = profile.get_relation_set("kin.vc_internal_set")
    if relation_set is RelationSet.NONE:
        return []
    return index.conflicts(relation_set, among=vc_members, rule_id=_KIN_1_RULE[relation_set])


def kin_2_supervision(
    index: KinshipIndex, vc_members: Collection[str], supervisors: Collection[str]
) -> list[KinConflict]:
    """Near relatives of VC members may not sit on the supervision committee (VCOL18 art 32)."""
    return index.conflicts(NEAR, across=(supervisors, vc_members), rule_id="KIN-2")


def kin_3_counting_staff(
    index: KinshipIndex,
    candidates: Collection[str],
    staff: Collection[str],
    relation_set: RelationSet,
) -> list[KinConflict]:
    """Candidates' relatives may not call, scrutinize or count votes (VC-VOTE-5).

    profiles.md has no parameter for this set: ZJ art 22 names spouse, parents, children and
    siblings (`spouse_parent_child_sibling`), SH art 14 and BJ art 21 spouse and lineal relatives
    (`spouse_lineal`); the caller passes the province's.
    """
    query = kin_3_query(relation_set)
    return index.conflicts(query.relation_set, across=(staff, candidates), rule_id=query.rule_id)


def kin_3_query(relation_set: RelationSet) -> KinQuery:
    """KIN-3 as a query: the province's set, passed by the caller."""
    return KinQuery(relation_set, "KIN-3")


def kin_4_election_committee(
    index: KinshipIndex,
    profile: Profile,
    candidates: Collection[str],
    ec_members: Collection[str],
) -> list[KinConflict]:
    """An EC member related to a candidate within `ec.withdraw_relatives` leaves (VC-EC-4)."""
    query = kin_4_query(profile)
    return index.conflicts(
        query.relation_set, across=(ec_members, candidates), rule_id=query.rule_id
    )


def kin_4_query(profile: Profile) -> KinQuery:
    """KIN-4 (VC-EC-4) as a query: the profile's `ec.withdraw_relatives`."""
    return KinQuery(profile.get_relation_set("ec.withdraw_relatives"), "KIN-4")


def kin_5_cooperative(
    index: KinshipIndex,
    board: Collection[str],
    finance_staff: Collection[str],
    supervisors: Collection[str],
) -> list[KinConflict]:
    """No near relatives on the cooperative board, and none of the board's or the finance
    staff's near relatives among the supervisors (CEO24 art 29, 34)."""
    inside = index.conflicts(NEAR, among=board, rule_id="KIN-5")
    barred = set(board) | set(finance_staff)
    return inside + index.conflicts(NEAR, across=(supervisors, barred), rule_id="KIN-5")


def seed_kin_x_cross_body(
    index: KinshipIndex,
    profile: Profile,
    party: Collection[str],
    vc: Collection[str],
    cooperative: Collection[str],
) -> list[KinConflict]:
    """Relatives within `kin.cross_body_set` serving in two different bodies (seed 001); a
    warning or a block per `kin.cross_body`. One person in two bodies (交叉任职) is no conflict."""
    relation_set = profile.get_relation_set("kin.cross_body_set")
    bodies = (set(party), set(vc), set(cooperative))
    found = index.conflicts(
        relation_set,
        among=set().union(*bodies),
        rule_id="SEED-KIN-X",
        blocking=_cross_body_blocks(profile),
    )

    def bodies_of(key: str) -> set[int]:
        return {i for i, body in enumerate(bodies) if key in body}

    return [c for c in found if len(bodies_of(c.a) | bodies_of(c.b)) >= 2]


def kin_6_concurrent_posts(
    index: KinshipIndex, profile: Profile, holder: str, members: Collection[str]
) -> list[KinConflict]:
    """Relatives of the 一肩挑 holder within `kin.yjt_set` among the members of the party
    organization, the VC and the cooperative (seed 001, local practice: severity per
    `kin.cross_body`; inside the VC count the tally widens its own set)."""
    relation_set = profile.get_relation_set("kin.yjt_set")
    others = set(members) - {holder}
    return index.conflicts(
        relation_set,
        across=([holder], others),
        rule_id="KIN-6",
        blocking=_cross_body_blocks(profile),
    )
