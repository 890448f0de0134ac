"""The bulk count against the rule: each village re-counted as a ballot-mode contest by
huanjie.rules.tally (parse_contest, count_votes, validity, count) must give the same votes per
candidate, invalid ballots, checks, bar and majorities."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from huanjie.bulk.tally import (
    CANDIDATES,
    Packed,
    Tally,
    contest_template,
    count_bits,
    pack_ballots,
    tally,
    word_starts,
)
from huanjie.rules.tally import ContestError, ElectionContest, Post, count, parse_contest
from huanjie.rules.tally.ballots import count_votes
from huanjie.rules.tally.thresholds import validity

POSTS = {"chair": 1, "vice_chair": 2, "member": 5}


@dataclass(frozen=True)
class Village:
    ballots: list[list[frozenset[int]]]  # per ballot, per post: the candidates marked yes
    registered: int
    participants: int
    issued: int


@dataclass(frozen=True)
class Case:
    profile: str
    overrides: dict[str, object]
    round: str
    seats: dict[str, int]
    villages: list[Village]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    chosen = draw(st.lists(st.sampled_from(list(POSTS)), min_size=1, max_size=3, unique=True))
    posts = [post for post in POSTS if post in chosen]  # the body's order, as the contest's
    seats = {post: draw(st.integers(1, POSTS[post])) for post in posts}
    overrides: dict[str, object] = {}
    if draw(st.booleans()):
        overrides["ballot.overvote_scope"] = draw(
            st.sampled_from(["whole_ballot", "position_section"])
        )
    if draw(st.booleans()):
        overrides["vc.win_base"] = draw(st.sampled_from(["participants", "ballots_collected"]))
    if draw(st.booleans()):
        overrides["supp.requires_turnout"] = draw(st.booleans())
    villages = []
    for _ in range(draw(st.integers(1, 5))):
        # Mostly a few candidates; sometimes the 64th (the word's top bit).
        top = draw(st.sampled_from([2, 3, 5, CANDIDATES]))
        section = [
            st.frozensets(st.integers(0, top - 1), max_size=seats[post] + 1) for post in posts
        ]
        ballot = st.tuples(*section).map(list)
        many = draw(st.sampled_from([8, 8, 150]))  # now and then more than two words
        ballots = draw(st.lists(ballot, max_size=many))
        collected = len(ballots)
        participants = max(0, collected + draw(st.integers(-2, 3)))
        registered = participants + draw(st.integers(0, participants + 2))
        issued = participants + draw(st.integers(0, 2))
        villages.append(Village(ballots, registered, participants, issued))
    return Case(
        profile=draw(st.sampled_from(["NAT_2018", "ZJ_2020", "BJ_2012", "NAT_2026"])),
        overrides=overrides,
        round=draw(st.sampled_from(["first", "supplementary"])),
        seats=seats,
        villages=villages,
    )


def _name(post: str, candidate: int) -> str:
    return f"{post}-{candidate}"


def _by_rule(case: Case, village: Village) -> ElectionContest:
    data: dict[str, object] = {
        "profile": case.profile,
        "body": "villagers_committee",
        "round": case.round,
        "registered": village.registered,
        "participants": village.participants,
        "ballots_issued": village.issued,
        "ballots_collected": len(village.ballots),
        "seats": case.seats,
        "ballots": [
            {
                post: [_name(post, c) for c in sorted(marked)]
                for post, marked in zip(case.seats, ballot, strict=True)
            }
            for ballot in village.ballots
        ],
    }
    if case.overrides:
        data["profile_overrides"] = case.overrides
    contest = parse_contest(data)
    assert isinstance(contest, ElectionContest)
    return contest


def _bulk(case: Case) -> tuple[Packed, Tally]:
    template = contest_template(case.profile, case.seats, case.round, case.overrides)
    assert list(template.seats) == list(case.seats)  # marks go in the contest's post order
    marks = [
        np.array(
            [
                sum(1 << c for c in ballot[p])
                for village in case.villages
                for ballot in village.ballots
            ],
            np.uint64,
        )
        for p in range(len(case.seats))
    ]
    collected = np.array([len(v.ballots) for v in case.villages], np.int64)
    packed = pack_ballots(marks, collected, template)
    heads = [
        np.array([getattr(v, field) for v in case.villages], np.int64)
        for field in ("registered", "participants", "issued")
    ]
    return packed, tally(packed, heads[0], heads[1], heads[2], template)


@given(cases())
def test_the_same_count_as_the_rule_village_by_village(case: Case) -> None:
    try:
        contests = [_by_rule(case, village) for village in case.villages]
    except ContestError as refused:  # a profile that rejects an override: nothing to compare
        assert refused.field.startswith("profile_overrides")
        return
    packed, found = _bulk(case)
    posts = list(case.seats)
    for v, contest in enumerate(contests):
        counted = count_votes(contest)
        assert int(packed.invalid[v]) == sum(counted.invalid_by_rule.values())
        assert int(found.valid_ballots[v]) == counted.valid
        for p, post in enumerate(posts):
            votes = {_name(post, c): n for c, n in enumerate(found.votes[p, :, v].tolist()) if n}
            by_rule = counted.votes[Post(post)]
            assert votes == {person: n for person, n in by_rule.items() if n}
        checked = validity(contest)
        assert found.checks[: len(checked.applied)] == checked.applied
        assert found.failed(v) == checked.failed
        assert bool(found.stands[v]) == (checked.failed is None)
        outcome = count(contest)
        assert outcome.valid == bool(found.stands[v])
        for p, post in enumerate(posts):
            reached = {_name(post, c) for c in range(CANDIDATES) if found.majority[p, c, v]}
            if not outcome.valid:
                assert reached == set()
                continue
            threshold = outcome.threshold[Post(post)]
            assert threshold == int(found.threshold[v])
            votes_by_rule = counted.votes[Post(post)]
            assert reached == {person for person, n in votes_by_rule.items() if n >= threshold}


def test_every_village_starts_on_a_word_of_its_own() -> None:
    collected = np.array([0, 1, 64, 65, 128], np.int64)
    assert word_starts(collected).tolist() == [0, 1, 2, 3, 5, 7]


def test_a_tie_revote_is_left_to_the_rule() -> None:
    with pytest.raises(ValueError, match="tie re-vote"):
        contest_template("NAT_2018", {"member": 1}, "tie_revote")


def test_marks_must_match_the_posts_and_the_ballots() -> None:
    template = contest_template("NAT_2018", {"chair": 1, "member": 3})
    one = np.zeros(3, np.uint64)
    with pytest.raises(ValueError, match="2 posts"):
        pack_ballots([one], np.array([3], np.int64), template)
    with pytest.raises(ValueError, match="3 ballots"):
        pack_ballots([one, one[:2]], np.array([3], np.int64), template)


def test_threads_count_the_same_as_one() -> None:
    rng = np.random.default_rng(7)
    collected = rng.integers(0, 300, 700).astype(np.int64)
    starts = word_starts(collected)
    bits = rng.integers(0, 2**63, (2, CANDIDATES, int(starts[-1])), dtype=np.uint64)
    one = count_bits(bits, starts, threads=1)
    assert np.array_equal(count_bits(bits, starts, threads=2), one)
    village = 500
    words = bits[1, 3, starts[village] : starts[village + 1]]
    assert one[1, 3, village] == sum(bin(int(w)).count("1") for w in words)
