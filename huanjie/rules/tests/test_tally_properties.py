"""Invariants of the count, on generated contests (Hypothesis; derandomized, so deterministic)."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from huanjie.rules.tally import ContestError, count, parse_contest

POOL = ("A", "B", "C", "D", "E", "F")
EARLIER = ("G", "H")
KINDS = ("spouse", "parent_child", "sibling", "grandparent_grandchild")
VC_POSTS = ("chair", "vice_chair", "member", "women_member")
PARTY_POSTS = ("secretary", "deputy_secretary", "member")
PROFILES: list[tuple[str, str, dict[str, Any]]] = [
    ("ZJ_2020", "villagers_committee", {}),
    ("NAT_2026", "villagers_committee", {"ballot.multi_position_mode": "vote_sinking"}),
    ("NAT_2018", "villagers_committee", {"women_seat_mode": "top_woman_replaces"}),
    ("ZJ_2025", "supervision_committee", {}),
    ("ZJ_2025", "cooperative_board", {}),
    ("PB_2020", "party_organization", {"pb.kin_set": "near_relatives"}),
]
SETTINGS = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)


@st.composite
def contests(draw: st.DrawFn, ballot_mode: bool = False) -> dict[str, Any]:
    profile, body, overrides = draw(st.sampled_from(PROFILES))
    posts = {
        "villagers_committee": VC_POSTS,
        "party_organization": PARTY_POSTS,
        "supervision_committee": ("chair", "member"),
        "cooperative_board": ("chair", "vice_chair", "member"),
    }[body]
    chosen = draw(st.lists(st.sampled_from(posts), min_size=1, max_size=len(posts), unique=True))
    seats = {post: draw(st.integers(1, 3)) for post in chosen}
    heads = draw(st.integers(8, 60))
    collected = draw(st.integers(heads // 2, heads))
    data: dict[str, Any] = {
        "profile": profile,
        "profile_overrides": overrides,
        "body": body,
        "round": draw(st.sampled_from(["first", "supplementary"])),
        "ballots_collected": collected,
        "seats": seats,
    }
    if body == "villagers_committee":
        data |= {"registered": draw(st.integers(heads, 2 * heads - 1)), "participants": heads}
    elif body == "party_organization":
        data |= {"should_attend": draw(st.integers(heads, heads + heads // 4)), "present": heads}
    else:
        assembly = "members" if body == "cooperative_board" else "villagers"
        data |= {"assembly": assembly, "assembly_size": heads, "present": heads}
    if ballot_mode:
        data["ballots"] = draw(st.lists(ballots(seats), min_size=collected, max_size=collected))
    else:
        invalid = draw(st.integers(0, collected // 4))
        valid = collected - invalid
        data["invalid_ballots"] = invalid
        data["votes"] = _possible(
            {
                post: {p: draw(st.integers(0, valid)) for p in draw(st.sets(st.sampled_from(POOL)))}
                for post in seats
            },
            seats,
            valid,
        )
    data["people"] = {
        person: {"sex": draw(st.sampled_from(["F", "M"])), "ineligible": draw(st.booleans())}
        for person in draw(st.sets(st.sampled_from(POOL + EARLIER)))
    }
    everyone = st.sampled_from(POOL + EARLIER)
    relations = draw(st.lists(st.tuples(everyone, everyone, st.sampled_from(KINDS)), max_size=5))
    data["relations"] = [[a, b, kind] for a, b, kind in relations if a != b]
    earlier = draw(st.sets(st.sampled_from(EARLIER)))
    data["elected_before"] = [{"person": p, "post": posts[-1]} for p in sorted(earlier)]
    if body == "villagers_committee" and draw(st.booleans()):
        data["party_secretary"] = draw(st.sampled_from(POOL))
    if body in ("supervision_committee", "cooperative_board"):
        data["barred"] = sorted(draw(st.sets(st.sampled_from(POOL), max_size=2)))
    return data


def _possible(
    votes: dict[str, dict[str, int]], seats: dict[str, int], valid: int
) -> dict[str, dict[str, int]]:
    """Scale generated counts down until they could all be true (one vote per ballot and person)."""
    for post, section in votes.items():
        total = sum(section.values())
        if total > seats[post] * valid:
            votes[post] = {p: v * seats[post] * valid // total for p, v in section.items()}
    for person in POOL:
        total = sum(section.get(person, 0) for section in votes.values())
        for section in votes.values():
            if person in section and total > valid:
                section[person] = section[person] * valid // total
    return votes


def ballots(seats: dict[str, int]) -> st.SearchStrategy[dict[str, Any]]:
    marked = st.fixed_dictionaries(
        {
            post: st.lists(st.sampled_from(POOL + EARLIER), max_size=n + 1)
            for post, n in seats.items()
        }
    )
    physical = st.sampled_from(["INVALID-TORN", "INVALID-OTHER"]).map(lambda r: {"invalid": r})
    return st.one_of(marked, marked, marked, physical)


def parsed(data: dict[str, Any]) -> Any:
    try:
        return parse_contest(data)
    except ContestError:
        assume(False)


@SETTINGS
@given(contests())
def test_vc_tally_6_never_more_elected_than_seats(data: dict[str, Any]) -> None:
    outcome = count(parsed(data))
    for post, seats in data["seats"].items():
        taken = sum(1 for e in outcome.elected if e.post == post)
        pending = sum(t.seats for t in outcome.tie_revote if t.post == post)
        assert taken + pending + outcome.unfilled.get(post, 0) == (seats if outcome.valid else 0)
        assert taken <= seats
    persons = [e.person for e in outcome.elected]
    assert len(persons) == len(set(persons))  # VC-MULTI-1: one seat per person


def _shuffled(data: dict[str, Any], seed: int) -> dict[str, Any]:
    rng = random.Random(seed)

    def mix(mapping: dict[str, Any]) -> dict[str, Any]:
        items = list(mapping.items())
        rng.shuffle(items)
        return dict(items)

    out = mix(data)
    if "votes" in out:
        out["votes"] = mix({post: mix(section) for post, section in out["votes"].items()})
    if "ballots" in out:
        out["ballots"] = rng.sample(out["ballots"], len(out["ballots"]))
    out["people"] = mix(out["people"])
    out["seats"] = mix(out["seats"])
    relations = [
        [b, a, k] if k in ("spouse", "sibling") else [a, b, k] for a, b, k in out["relations"]
    ]
    out["relations"] = rng.sample(relations, len(relations))
    out["elected_before"] = rng.sample(out["elected_before"], len(out["elected_before"]))
    return out


@SETTINGS
@given(st.one_of(contests(), contests(ballot_mode=True)), st.integers(0, 2**16))
def test_io_1_outcome_independent_of_input_order(data: dict[str, Any], seed: int) -> None:
    outcome = count(parsed(data)).to_dict()
    assert count(parse_contest(_shuffled(data, seed))).to_dict() == outcome


@SETTINGS
@given(contests(ballot_mode=True))
def test_vc_tally_3_valid_plus_invalid_is_collected(data: dict[str, Any]) -> None:
    outcome = count(parsed(data))
    assume(outcome.valid)
    assert outcome.valid_ballots is not None
    assert (
        outcome.valid_ballots + sum(outcome.invalid_by_rule.values()) == data["ballots_collected"]
    )


@SETTINGS
@given(contests(), st.data())
def test_vc_tally_5_more_votes_never_unseat_a_winner(
    data: dict[str, Any], more: st.DataObject
) -> None:
    outcome = count(parsed(data))
    assume(outcome.elected)
    winner = more.draw(st.sampled_from(outcome.elected))
    section = data["votes"][winner.post]
    raised = {**data, "votes": {**data["votes"], winner.post: {**section}}}
    # In vote-sinking mode the winner may hold no votes in the post's own section yet.
    raised["votes"][winner.post][winner.person] = section.get(winner.person, 0) + more.draw(
        st.integers(1, 5)
    )
    again = count(parsed(raised))
    assert (winner.person, winner.post) in {(e.person, e.post) for e in again.elected}
