"""Proxy validation (PROXY-1..5, PB-RIGHTS-3) on rules.md §H-10."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.relations import RelationKind
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.voting.proxy import (
    Holder,
    ProxyCheck,
    ProxyDecision,
    ProxyRequest,
    validate_proxies,
)

E = date(2026, 3, 28)
VILLAGE = "330110001001"
H = Holder(key="H", village=VILLAGE, registered=True, candidate=False)
SP, PC, SIB, GP = (
    RelationKind.SPOUSE,
    RelationKind.PARENT_CHILD,
    RelationKind.SIBLING,
    RelationKind.GRANDPARENT_GRANDCHILD,
)


def request(
    principal: str,
    relation: RelationKind | None,
    filed: int,
    approved: int | None = None,
    published: int | None = 26,
) -> ProxyRequest:
    """A request filed on March `filed`, approved that day at 10:00 (or on March `approved`)."""
    day = approved if approved is not None else filed
    return ProxyRequest(
        principal=principal,
        holder="H",
        relation=relation,
        filed_on=date(2026, 3, filed),
        approved_at=datetime(2026, 3, day, 10, 0),
        published_on=None if published is None else date(2026, 3, published),
    )


# §H-10: W spouse, F father, G grandson (son's son), Br brother, C cousin, M mother.
H10 = [
    request("W", SP, 20),
    request("F", PC, 21),
    request("G", GP, 22),
    request("Br", SIB, 23),
    request("C", None, 22),
    request("M", PC, 26),
]


def outcome(decisions: list[ProxyDecision]) -> list[tuple[str, int | ProxyCheck]]:
    return [
        (d.request.principal, d.position if d.valid and d.position else d.failed or 0)
        for d in decisions
    ]


def test_proxy_2_h10_zj_2020_three_valid_then_cap_relation_and_deadline() -> None:
    decisions = validate_proxies(load_profile("ZJ_2020"), E, VILLAGE, H, H10)
    assert outcome(decisions) == [
        ("W", 1),
        ("F", 2),
        ("G", 3),
        ("Br", ProxyCheck.CAP),
        ("C", ProxyCheck.RELATION),
        ("M", ProxyCheck.DEADLINE),
    ]
    assert decisions[0].reason == "委托有效：受托第1人（上限3人）。"
    assert (
        decisions[3].reason
        == "委托无效：受托人已接受3人委托，达到上限；请委托人另行委托其他近亲属。"
    )
    assert "晚于截止日2026年3月25日（选举日前3日）" in decisions[5].reason
    assert "配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女" in decisions[4].reason
    assert decisions[3].rule_ids == ("PROXY-2", "PROXY-3", "PROXY-4", "PROXY-5")


def test_proxy_2_h10_candidate_holder_makes_every_proxy_invalid() -> None:
    candidate = replace(H, candidate=True)
    decisions = validate_proxies(load_profile("ZJ_2020"), E, VILLAGE, candidate, H10)
    assert [d.failed for d in decisions] == [
        ProxyCheck.CANDIDATE,
        ProxyCheck.CANDIDATE,
        ProxyCheck.CANDIDATE,
        ProxyCheck.CANDIDATE,
        ProxyCheck.RELATION,  # checked before candidacy (§C.5 order)
        ProxyCheck.CANDIDATE,
    ]


@pytest.mark.parametrize(
    ("published", "approved", "message"),
    [(None, 20, "尚未审核公布"), (28, 20, "委托名单于2026年3月28日公布，晚于2026年3月27日")],
    ids=["not_published", "published_on_election_day"],
)
def test_proxy_2_h10_unpublished_proxy_is_invalid(
    published: int | None, approved: int, message: str
) -> None:
    late = request("W", SP, 20, approved=approved, published=published)
    (decision,) = validate_proxies(load_profile("ZJ_2020"), E, VILLAGE, H, [late])
    assert decision.failed is ProxyCheck.PUBLISHED
    assert message in decision.reason


def test_proxy_2_unapproved_proxy_is_invalid() -> None:
    unapproved = replace(request("W", SP, 20), approved_at=None)
    (decision,) = validate_proxies(load_profile("ZJ_2020"), E, VILLAGE, H, [unapproved])
    assert decision.failed is ProxyCheck.PUBLISHED


def test_proxy_3_h10_sh_cut_offs_are_03_23_and_03_26() -> None:
    sh = load_profile("SH_2020")
    decisions = validate_proxies(sh, E, VILLAGE, H, [*H10, request("Sis", SIB, 24)])
    assert outcome(decisions) == [
        ("W", 1),
        ("F", 2),
        ("G", 3),
        ("Br", ProxyCheck.CAP),  # filed on the 03-23 cut-off itself: in time
        ("C", ProxyCheck.RELATION),
        ("M", ProxyCheck.DEADLINE),
        ("Sis", ProxyCheck.DEADLINE),
    ]
    published_27 = request("W", SP, 20, published=27)
    (decision,) = validate_proxies(sh, E, VILLAGE, H, [published_27])
    assert decision.failed is ProxyCheck.PUBLISHED
    assert decision.valid is False


def test_proxy_1_h10_nat_2018_has_no_cap_and_lets_a_candidate_hold() -> None:
    nat = load_profile("NAT_2018")
    decisions = validate_proxies(nat, E, VILLAGE, replace(H, candidate=True), H10)
    assert outcome(decisions) == [
        ("W", 1),
        ("F", 2),
        ("G", 3),
        ("Br", 4),
        ("C", ProxyCheck.RELATION),
        ("M", 5),  # NAT_2018: by election day − 1
    ]
    assert decisions[0].reason == "委托有效：受托第1人（不限人数）。"


@pytest.mark.parametrize("profile_id", ["NAT_2026", "BJ_2012"])
def test_proxy_4_candidates_may_not_hold_proxies(profile_id: str) -> None:
    decisions = validate_proxies(
        load_profile(profile_id), E, VILLAGE, replace(H, candidate=True), H10[:1]
    )
    assert decisions[0].failed is ProxyCheck.CANDIDATE


def test_proxy_5_a_county_cap_of_two() -> None:
    county = load_profile("ZJ_2020").derive("COUNTY_TEST", {"proxy.max_per_holder": 2})
    decisions = validate_proxies(county, E, VILLAGE, H, H10[:3])
    assert outcome(decisions) == [("W", 1), ("F", 2), ("G", ProxyCheck.CAP)]


def test_proxy_2_accepted_in_order_of_approval_not_of_filing() -> None:
    requests = [
        request("W", SP, 20, approved=25),  # filed first, approved last
        request("F", PC, 21),
        request("G", GP, 22),
        request("S", PC, 23),
    ]
    decisions = validate_proxies(load_profile("ZJ_2020"), E, VILLAGE, H, requests)
    assert outcome(decisions) == [("W", ProxyCheck.CAP), ("F", 1), ("G", 2), ("S", 3)]


@pytest.mark.parametrize(
    "holder",
    [replace(H, registered=False), replace(H, village="330110001002")],
    ids=["not_registered", "other_village"],
)
def test_proxy_1_holder_must_be_a_registered_voter_of_the_village(holder: Holder) -> None:
    (decision,) = validate_proxies(load_profile("ZJ_2020"), E, VILLAGE, holder, H10[:1])
    assert decision.failed is ProxyCheck.VOTER
    assert decision.rule_ids == ("VC-VOTE-2", "PROXY-1")


def test_proxy_2_no_sub_delegation() -> None:
    away = replace(H, delegated_own_vote=True)
    decisions = validate_proxies(load_profile("ZJ_2020"), E, VILLAGE, away, H10)
    assert [d.failed for d in decisions[:4]] == [
        ProxyCheck.SUB_DELEGATION,
        ProxyCheck.SUB_DELEGATION,
        ProxyCheck.SUB_DELEGATION,
        ProxyCheck.CAP,
    ]
    assert "不得转委托" in decisions[0].reason


def test_proxy_1_relation_outside_a_narrower_county_set() -> None:
    # A set narrower than 近亲属 (a county's own profile) refuses a grandchild.
    zj = load_profile("ZJ_2020")
    county = zj.derive("COUNTY_TEST", {"proxy.allowed_relations": "spouse_parent_child_sibling"})
    (decision,) = validate_proxies(county, E, VILLAGE, H, [H10[2]])
    assert decision.failed is ProxyCheck.RELATION
    assert "配偶、父母、子女、兄弟姐妹，" in decision.reason


def test_pb_rights_3_party_members_cannot_vote_by_proxy() -> None:
    decisions = validate_proxies(load_profile("PB_2020"), E, VILLAGE, H, H10[:2])
    assert [d.failed for d in decisions] == [ProxyCheck.PARTY, ProxyCheck.PARTY]
    assert decisions[0].rule_ids == ("PB-RIGHTS-3",)


def test_requests_for_another_holder_are_refused() -> None:
    other = replace(H10[0], holder="K")
    with pytest.raises(RuleViolation, match="受托人 K 不是 H"):
        validate_proxies(load_profile("ZJ_2020"), E, VILLAGE, H, [other])
