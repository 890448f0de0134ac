"""The party parts of a round's contest (tally-io.md, body `party_organization`).

A party organization elects in two meetings (PB-SEC-1): the members' meeting (党员大会) elects
the committee — every seat of the committee as `member` when the profile's `pb.secretary_mode`
is `by_committee` — and the new committee's first plenary (一届一次全委会) elects the secretary
and deputy from its own members. A branch of one seat, or a pilot where the members' meeting
elects the secretary (PB-SEC-2/3), votes the posts as seated.

The members' meeting's `should_attend` (and `voting_members`) come from the party roll
(huanjie.elections.party.roll, PB-QUORUM-2) on the round's day; `present` from the sheet. The
plenary's contest is the members' meeting's contract with the committee as those who should
attend and, where `pb.plenary_quorum` differs from the meeting's quorum, `profile_overrides`
that make PB-QUORUM-3's share the quorum — so that `huanjie tally` re-counts the stored JSON
exactly. Nothing here decides a count.
"""

from __future__ import annotations

from typing import Any

from huanjie.ballots.models import RoundLink
from huanjie.elections.models import Body, Election, Round
from huanjie.rules.profiles.profile import Profile, load_profile

OFFICER_POSTS = ("secretary", "deputy_secretary")
MEETING_QUORUM = "PB-QUORUM-1"


def is_party(election: Election) -> bool:
    return election.body == Body.PARTY_ORGANIZATION


def profile_id(election: Election) -> str:
    return str(election.plan.campaign.party_profile_id)


def profile_of(election: Election) -> Profile:
    return load_profile(profile_id(election))


def _link(election: Election) -> RoundLink | None:
    if election.round == Round.FIRST:
        return None
    return RoundLink.objects.filter(election=election).select_related("previous").first()


def plenary_root(election: Election) -> Election | None:
    """The plenary round this election belongs to (itself, or the round its later rounds —
    tie re-vote, 另行选举, a new meeting — go back to); None for a members' meeting round."""
    current: Election | None = election
    seen = 0
    while current is not None and seen < 100:
        if current.round == Round.PLENARY:
            return current
        link = _link(current)
        current = link.previous if link is not None else None
        seen += 1
    return None


def committee_of(plenary: Election) -> list[str]:
    """The newly elected committee the plenary elects from (its RoundLink's candidates)."""
    link = RoundLink.objects.get(election=plenary)
    return sorted({name for names in link.candidates.values() for name in names})


def by_plenary(election: Election, seats: dict[str, int]) -> bool:
    """Whether the secretary and deputy are left to the committee's plenary (PB-SEC-1): the
    profile says so, the election has those posts and a committee of more than one seat."""
    officers = [post for post in seats if post in OFFICER_POSTS]
    return (
        bool(officers)
        and sum(seats.values()) > 1
        and profile_of(election).get_str("pb.secretary_mode") == "by_committee"
    )


def contest_seats(election: Election, seats: dict[str, int]) -> dict[str, int]:
    """The seats the round votes on: a members' meeting whose plenary elects the officers
    votes every committee seat as `member`."""
    if election.round == Round.PLENARY or _link(election) is not None:
        return seats  # created by the system with the seats it votes on
    if by_plenary(election, seats):
        return {"member": sum(seats.values())}
    return seats


def officer_seats(election: Election) -> dict[str, int]:
    """The secretary and deputy seats of the election's first round (those the plenary fills)."""
    first = (
        Election.objects.filter(plan=election.plan, body=election.body, round=Round.FIRST)
        .prefetch_related("seats")
        .first()
    ) or election
    return {s.post: s.seats for s in first.seats.order_by("id") if s.post in OFFICER_POSTS}


def should_attend(election: Election) -> tuple[int, int]:
    """(should_attend, voting_members) of the round: the committee at a plenary, else the party
    roll on the round's day (PB-QUORUM-2)."""
    plenary = plenary_root(election)
    if plenary is not None:
        size = len(committee_of(plenary))
        return size, size
    # Imported here: the roll reads the elections app's party models (no cycle at load time).
    from huanjie.elections.party.roll import party_roll

    roll = party_roll(village=election.plan.village, on=election.election_day)
    return roll.outcome.should_attend, roll.outcome.voting_members


def head_fields(
    election: Election, present: int | None, *, box_only: bool = False
) -> dict[str, Any]:
    """The contest's party fields: profile, overrides, should_attend, voting_members, present.
    `box_only`: one box's entry checked on its own (its quorum is the round's business)."""
    profile = profile_of(election)
    fields: dict[str, Any] = {"profile": profile_id(election)}
    plenary = plenary_root(election) is not None
    overrides = _plenary_overrides(profile) if plenary else {}
    if overrides:
        fields["profile_overrides"] = overrides
    if box_only:
        base = members = present if present is not None else 0
    else:
        base, members = should_attend(election)
    fields["should_attend"] = base
    quorum_base = overrides.get("pb.quorum_base", profile.get_str("pb.quorum_base"))
    if quorum_base == "all_voting_members":
        fields["voting_members"] = members
    if present is not None:
        fields["present"] = present
    return fields


def _plenary_overrides(profile: Profile) -> dict[str, str]:
    """PB-QUORUM-3 as the contract's quorum: the committee is `should_attend`, the share is
    `pb.plenary_quorum`, reached at exactly the share."""
    share = profile.get_fraction("pb.plenary_quorum")
    wanted = {
        "pb.quorum_base": "should_attend",
        "pb.quorum_fraction": f"{share.numerator}/{share.denominator}",
        "pb.quorum_cmp": ">=",
    }
    current = {
        "pb.quorum_base": profile.get_str("pb.quorum_base"),
        "pb.quorum_fraction": _fraction_text(profile.get_fraction("pb.quorum_fraction")),
        "pb.quorum_cmp": profile.get_str("pb.quorum_cmp"),
    }
    return {key: value for key, value in wanted.items() if current[key] != value}


def _fraction_text(value: Any) -> str:
    return f"{value.numerator}/{value.denominator}"
