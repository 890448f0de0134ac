"""`parse_contest`: a JSON contest → a checked, canonical `Contest`, or `ContestError` (exit 2).

Which fields each body takes is tally-io.md's table: R required, O optional, — refused.
"""

from __future__ import annotations

from collections.abc import Mapping

from huanjie.rules.profiles.profile import Profile, ProfileError, load_profile
from huanjie.rules.tally.consistency import check_election, check_recall
from huanjie.rules.tally.contest import Contest, ElectionContest, RecallContest
from huanjie.rules.tally.counting_rules import CountingRules, counting_rules
from huanjie.rules.tally.fields import (
    choice,
    distinct_names,
    integer,
    obj,
    only_keys,
    optional_integer,
    required,
    text,
)
from huanjie.rules.tally.model import BODY_NAMES, Assembly, Body, ContestError, Round
from huanjie.rules.tally.sections import (
    read_ballots,
    read_candidates,
    read_elected_before,
    read_invalid_by_rule,
    read_people,
    read_relations,
    read_seats,
    read_votes,
)

_COMMON = ("profile", "profile_overrides", "body")
_ELECTION = (
    *_COMMON,
    "round",
    "tie_of",
    "ballots_issued",
    "ballots_collected",
    "invalid_ballots",
    "invalid_by_rule",
    "seats",
    "votes",
    "ballots",
    "candidates",
    "people",
    "relations",
    "elected_before",
    "party_secretary",
)
_ASSEMBLY = ("present", "assembly", "assembly_size", "barred")
_FIELDS: dict[Body, tuple[str, ...]] = {
    Body.VILLAGERS_COMMITTEE: (*_ELECTION, "registered", "participants"),
    Body.PARTY_ORGANIZATION: (*_ELECTION, "should_attend", "voting_members", "present"),
    Body.SUPERVISION_COMMITTEE: (*_ELECTION, *_ASSEMBLY),
    Body.COOPERATIVE_BOARD: (*_ELECTION, *_ASSEMBLY),
    Body.COOPERATIVE_SUPERVISORS: (*_ELECTION, *_ASSEMBLY),
    Body.RECALL: (*_COMMON, "registered", "participants", "yes"),
}
_ASSEMBLIES: dict[Body, tuple[Assembly, ...]] = {
    Body.SUPERVISION_COMMITTEE: (Assembly.VILLAGERS, Assembly.REPRESENTATIVES),
    Body.COOPERATIVE_BOARD: (Assembly.MEMBERS, Assembly.REPRESENTATIVES),
    Body.COOPERATIVE_SUPERVISORS: (Assembly.MEMBERS, Assembly.REPRESENTATIVES),
}
_PARTY_PROFILE = "party_organization"


def parse_contest(data: Mapping[str, object]) -> Contest:
    """Read and check one contest (tally-io.md "Contest"); raises `ContestError`."""
    data = obj(data, "(整个输入)")
    body = choice(required(data, "body"), "body", tuple(Body))
    only_keys(data, _FIELDS[body], "")
    profile = _profile(data, body)
    rules = counting_rules(profile, body)
    if body is Body.RECALL:
        recall = RecallContest(
            profile_id=profile.id,
            rules=rules,
            registered=integer(required(data, "registered"), "registered"),
            participants=integer(required(data, "participants"), "participants"),
            yes=integer(required(data, "yes"), "yes"),
        )
        check_recall(recall)
        return recall
    contest = _election(data, body, profile.id, rules)
    check_election(contest)
    return contest


def _profile(data: Mapping[str, object], body: Body) -> Profile:
    profile_id = text(required(data, "profile"), "profile")
    overrides = (
        dict(obj(data["profile_overrides"], "profile_overrides"))
        if "profile_overrides" in data
        else None
    )
    try:
        profile = load_profile(profile_id, overrides=overrides)
    except ProfileError as error:
        field = (
            f"profile_overrides.{error.parameter}"
            if overrides and error.parameter in overrides
            else "profile"
        )
        raise ContestError(field, error.message) from error
    party_profile = profile.body == _PARTY_PROFILE
    if party_profile != (body is Body.PARTY_ORGANIZATION):
        wanted = (
            "党组织规则（PB_*、GTZX）"
            if body is Body.PARTY_ORGANIZATION
            else "村民委员会规则（NAT_*、ZJ_*、SH_*、BJ_*、GD_*）"
        )
        raise ContestError(
            "profile", f"规则 {profile_id} 不适用于{BODY_NAMES[body]}，请改用{wanted}"
        )
    return profile


def _election(
    data: Mapping[str, object], body: Body, profile_id: str, rules: CountingRules
) -> ElectionContest:
    round_ = choice(data.get("round", Round.FIRST.value), "round", tuple(Round))
    tie_of = None
    if round_ is Round.TIE_REVOTE:
        tie_of = choice(
            data.get("tie_of", Round.FIRST.value), "tie_of", (Round.FIRST, Round.SUPPLEMENTARY)
        )
    elif "tie_of" in data:
        raise ContestError(
            "tie_of",
            "只有等票重选轮（JSON 字段 round 为 tie_revote）才填写所重选的轮次（tie_of），"
            "请删除 tie_of",
        )
    seats = read_seats(required(data, "seats"), body)
    people = read_people(data["people"]) if "people" in data else None
    numbers = _numbers(data, body, rules.quorum_base)
    ballots_collected = integer(required(data, "ballots_collected"), "ballots_collected")
    head_count = "participants" if body is Body.VILLAGERS_COMMITTEE else "present"
    ballots_issued = optional_integer(data, "ballots_issued")
    if ballots_issued is None:  # every participant (or member present) received one
        ballots_issued = numbers[head_count] or 0
    votes = invalid = by_rule = ballots = None
    if "votes" in data and "ballots" in data:
        raise ContestError("ballots", "votes（计票单）与 ballots（逐张选票）只能二选一，请删除其一")
    if "ballots" in data:
        for key in ("invalid_ballots", "invalid_by_rule"):
            if key in data:
                raise ContestError(key, "逐张选票模式下由引擎自行判定无效票，请删除此字段")
        ballots = read_ballots(data["ballots"], body, seats)
    else:
        if "votes" not in data:
            raise ContestError("votes", "缺少 votes（计票单）或 ballots（逐张选票），请二选一补上")
        votes = read_votes(data["votes"], body, seats)
        invalid = integer(required(data, "invalid_ballots"), "invalid_ballots")
        if "invalid_by_rule" in data:
            by_rule = read_invalid_by_rule(data["invalid_by_rule"], invalid)
    candidates = None
    if "candidates" in data:
        candidates = read_candidates(data["candidates"], body, seats)
    elif round_ is Round.TIE_REVOTE:
        raise ContestError(
            "candidates", "等票重选轮须在等票人名单（JSON 字段 candidates）中列出每个职位的等票人"
        )
    return ElectionContest(
        profile_id=profile_id,
        rules=rules,
        body=body,
        round=round_,
        tie_of=tie_of,
        seats=seats,
        ballots_issued=ballots_issued,
        ballots_collected=ballots_collected,
        registered=numbers["registered"],
        participants=numbers["participants"],
        should_attend=numbers["should_attend"],
        voting_members=numbers["voting_members"],
        present=numbers["present"],
        assembly=_assembly(data, body),
        assembly_size=numbers["assembly_size"],
        votes=votes,
        invalid_ballots=invalid,
        invalid_by_rule=by_rule,
        ballots=ballots,
        candidates=candidates,
        people=people,
        relations=read_relations(data["relations"]) if "relations" in data else (),
        elected_before=(
            read_elected_before(data["elected_before"], body) if "elected_before" in data else ()
        ),
        party_secretary=(
            text(data["party_secretary"], "party_secretary") if "party_secretary" in data else None
        ),
        barred=frozenset(_barred(data)),
    )


def _numbers(data: Mapping[str, object], body: Body, quorum_base: str) -> dict[str, int | None]:
    """The head counts of the body; every field the body does not take is None."""
    names = ("registered", "participants", "should_attend", "voting_members", "present")
    numbers: dict[str, int | None] = dict.fromkeys((*names, "assembly_size"))
    required_here: tuple[str, ...]
    if body is Body.VILLAGERS_COMMITTEE:
        required_here = ("registered", "participants")
    elif body is Body.PARTY_ORGANIZATION:
        required_here = ("should_attend", "present")
        if quorum_base == "all_voting_members":
            required_here = (*required_here, "voting_members")
        numbers["voting_members"] = optional_integer(data, "voting_members")
    else:
        required_here = ("present", "assembly_size")
    for key in required_here:
        numbers[key] = integer(required(data, key), key)
    return numbers


def _assembly(data: Mapping[str, object], body: Body) -> Assembly | None:
    if body not in _ASSEMBLIES:
        return None
    return choice(required(data, "assembly"), "assembly", _ASSEMBLIES[body])


def _barred(data: Mapping[str, object]) -> tuple[str, ...]:
    return distinct_names(data["barred"], "barred") if "barred" in data else ()
