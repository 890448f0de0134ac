"""Proxy voting (委托投票, PROXY-1..5, VC-VOTE-2; none in party elections, PB-RIGHTS-3).

One holder's requests are checked in rules.md §C.5's order; the first check a request fails
decides it:

1. the holder is a relative within `proxy.allowed_relations`;
2. the holder is a registered voter of the same village;
3. the holder is not a candidate or self-nominee, where `proxy.candidate_may_hold` is false;
4. the request was made by election day − `proxy.request_days_before`;
5. the election committee approved it and published it by election day −
   `proxy.publish_days_before` (an unpublished proxy is invalid);
6. at most `proxy.max_per_holder` proxies, accepted in the order the committee approved them;
7. no sub-delegation: a holder who has entrusted their own vote to someone may hold none.

A failed proxy leaves the principal without a vote; the holder's own vote stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from huanjie.rules.errors import RuleViolation
from huanjie.rules.kinship.relations import RelationKind
from huanjie.rules.kinship.terms import RELATION_SET_LABELS
from huanjie.rules.profiles.profile import Body, Profile


class ProxyCheck(StrEnum):
    PARTY = "party"
    RELATION = "relation"
    VOTER = "voter"
    CANDIDATE = "candidate"
    DEADLINE = "deadline"
    PUBLISHED = "published"
    CAP = "cap"
    SUB_DELEGATION = "sub_delegation"


# The rules that set each check (rules.md §A.5, §C.5, §B.3).
RULES: dict[ProxyCheck, tuple[str, ...]] = {
    ProxyCheck.PARTY: ("PB-RIGHTS-3",),
    ProxyCheck.RELATION: ("VC-VOTE-2", "PROXY-1"),
    ProxyCheck.VOTER: ("VC-VOTE-2", "PROXY-1"),
    ProxyCheck.CANDIDATE: ("PROXY-2", "PROXY-4"),
    ProxyCheck.DEADLINE: ("PROXY-2", "PROXY-3"),
    ProxyCheck.PUBLISHED: ("PROXY-1", "PROXY-2", "PROXY-3"),
    ProxyCheck.CAP: ("PROXY-2", "PROXY-3", "PROXY-4", "PROXY-5"),
    ProxyCheck.SUB_DELEGATION: ("PROXY-2", "PROXY-3"),
}


@dataclass(frozen=True, slots=True)
class ProxyRequest:
    principal: str
    holder: str
    relation: RelationKind | None  # the holder's close-relative link to the principal, if any
    filed_on: date
    approved_at: datetime | None  # the election committee's approval; None = not yet approved
    published_on: date | None  # the day the principal–holder list was published


@dataclass(frozen=True, slots=True)
class Holder:
    key: str
    village: str
    registered: bool  # on the village's voter register
    candidate: bool  # a candidate or self-nominee
    delegated_own_vote: bool = False  # has entrusted their own vote to someone else


@dataclass(frozen=True, slots=True)
class ProxyDecision:
    request: ProxyRequest
    valid: bool
    failed: ProxyCheck | None
    rule_ids: tuple[str, ...]
    reason: str
    position: int | None = None  # order of acceptance among the holder's proxies (1-based)


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _invalid(request: ProxyRequest, check: ProxyCheck, reason: str) -> ProxyDecision:
    return ProxyDecision(request, False, check, RULES[check], f"委托无效：{reason}")


def _first_failure(
    profile: Profile, election_day: date, village: str, holder: Holder, request: ProxyRequest
) -> ProxyDecision | None:
    """Checks 1–5 of §C.5 for one request, in order."""
    allowed = profile.get_relation_set("proxy.allowed_relations")
    if request.relation is None or not allowed.covers(request.relation):
        return _invalid(
            request,
            ProxyCheck.RELATION,
            f"受托人不是委托人的{RELATION_SET_LABELS[allowed]}，请改为委托上述近亲属。",
        )
    if not holder.registered or holder.village != village:
        return _invalid(
            request,
            ProxyCheck.VOTER,
            "受托人不是本村登记的选民，请改为委托在本村有选举权的近亲属。",
        )
    if holder.candidate and not profile.get_bool("proxy.candidate_may_hold"):
        return _invalid(
            request,
            ProxyCheck.CANDIDATE,
            "受托人是候选人（自荐人），不得接受委托，请改为委托其他近亲属。",
        )
    request_days = profile.get_int("proxy.request_days_before")
    request_cutoff = election_day - timedelta(days=request_days)
    if request.filed_on > request_cutoff:
        return _invalid(
            request,
            ProxyCheck.DEADLINE,
            f"委托于{_day(request.filed_on)}提出，晚于截止日{_day(request_cutoff)}"
            f"（选举日前{request_days}日）。",
        )
    publish_cutoff = election_day - timedelta(days=profile.get_int("proxy.publish_days_before"))
    if request.approved_at is None or request.published_on is None:
        return _invalid(
            request,
            ProxyCheck.PUBLISHED,
            f"选举委员会尚未审核公布该委托；请于{_day(publish_cutoff)}前审核并公布委托名单。",
        )
    if request.published_on > publish_cutoff:
        return _invalid(
            request,
            ProxyCheck.PUBLISHED,
            f"委托名单于{_day(request.published_on)}公布，晚于{_day(publish_cutoff)}，"
            "未按时公布的委托无效。",
        )
    return None


def _acceptance_order(request: ProxyRequest) -> tuple[datetime, date, str]:
    assert request.approved_at is not None  # checks 1–5 passed
    return request.approved_at, request.filed_on, request.principal


def validate_proxies(
    profile: Profile,
    election_day: date,
    village: str,
    holder: Holder,
    requests: Sequence[ProxyRequest],
) -> list[ProxyDecision]:
    """A decision for each of `holder`'s proxy requests, in the order given."""
    strangers = sorted({r.holder for r in requests if r.holder != holder.key})
    if strangers:
        raise RuleViolation(
            "PROXY-1",
            f"委托申请的受托人 {'、'.join(strangers)} 不是 {holder.key}，请按受托人分别审核",
        )
    if profile.body is Body.PARTY_ORGANIZATION and not profile.get_bool("pb.proxy_allowed"):
        reason = "党员不能委托他人投票；不能到会的党员不参加本次投票。"
        return [_invalid(r, ProxyCheck.PARTY, reason) for r in requests]
    decided: dict[int, ProxyDecision] = {}
    passing: list[int] = []
    for i, request in enumerate(requests):
        failure = _first_failure(profile, election_day, village, holder, request)
        if failure is None:
            passing.append(i)
        else:
            decided[i] = failure
    cap = profile.get_optional_int("proxy.max_per_holder")
    passing.sort(key=lambda i: _acceptance_order(requests[i]))
    for position, i in enumerate(passing, start=1):
        request = requests[i]
        if cap is not None and position > cap:
            decided[i] = _invalid(
                request,
                ProxyCheck.CAP,
                f"受托人已接受{cap}人委托，达到上限；请委托人另行委托其他近亲属。",
            )
        elif holder.delegated_own_vote:
            decided[i] = _invalid(
                request,
                ProxyCheck.SUB_DELEGATION,
                "受托人本人已委托他人投票，不得再接受委托（不得转委托）。",
            )
        else:
            limit = "不限人数" if cap is None else f"上限{cap}人"
            decided[i] = ProxyDecision(
                request,
                True,
                None,
                ("VC-VOTE-2", "PROXY-1"),
                f"委托有效：受托第{position}人（{limit}）。",
                position,
            )
    return [decided[i] for i in range(len(requests))]
