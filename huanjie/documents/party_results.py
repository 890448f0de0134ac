"""The words of a party organization's result documents (公告, 报告单, 当选证书): the members'
meeting or the committee's first plenary, its head count (应到会有表决权党员 / 实到会; 全体委员 /
实到会委员), the party's rule IDs (PB-QUORUM-1/3, PB-BALLOT-1, PB-WIN-2/3/4), who announces and
to whom the result is reported (报上级党委审批). Everything from the stored contest."""

from __future__ import annotations

from typing import Any

from huanjie.ballots import party_seats
from huanjie.ballots.party_contest import plenary_root
from huanjie.elections.models import Election, Round
from huanjie.rules.party.seats import RULE

PARTY_BODY = "party_organization"
LAW = "《中国共产党章程》和《中国共产党基层组织选举工作条例》"
VOID_WORDS = {
    "PB-QUORUM-1": "到会的有表决权党员没有达到应到会人数的法定比例",
    "PB-QUORUM-3": "到会委员没有达到全体委员的法定比例",
    "PB-BALLOT-1": "收回的选票多于发出的选票",
}
TIE_RULE = "PB-WIN-2"
# PB-WIN-3: the open seats go to a 另行选举, or the meeting reduces the seats instead.
SEATS_RULE = RULE


def reduction_of(election: Election) -> party_seats.Shortfall | None:
    """The members' meeting's decision to reduce the committee's seats instead of the 另行选举,
    with the committee as elected; None without one."""
    state = party_seats.shortfall(election)
    return state if state is not None and state.reduction is not None else None


def reduction_sentence(reduced: party_seats.Shortfall) -> str:
    """2026年12月8日，经超过半数的选举人同意，委员职数由5名减为4名，不再另行选举。委员会由……组成。"""
    assert reduced.reduction is not None
    return party_seats.decision_words(reduced.reduction) + party_seats.committee_words(reduced)


def is_party(contest: dict[str, Any]) -> bool:
    return contest.get("body") == PARTY_BODY


def is_plenary(election: Election) -> bool:
    """The round is the committee plenary or one of its later rounds."""
    return election.round == Round.PLENARY or plenary_root(election) is not None


def head_words(election: Election) -> tuple[str, str]:
    """(the base's words, those present's words) of the figures."""
    if is_plenary(election):
        return "全体委员", "实到会委员"
    return "应到会有表决权党员", "实到会"


def organization_name(election: Election) -> str:
    organization = election.plan.village.party_organizations.order_by("pk").first()
    return organization.name if organization is not None else f"{election.plan.village.name}党组织"


def higher_committee(township: str) -> str:
    """The township's party committee (a street office's is a 工作委员会)."""
    return f"中共{township}{'工作委员会' if township.endswith('街道') else '委员会'}"


def titles(election: Election) -> tuple[str, str]:
    """(the announcement's title, the report's subject)."""
    if is_plenary(election):
        return "关于选举产生党组织书记、副书记的公告", "党组织书记、副书记选举结果报告单"
    return "关于党组织委员会委员选举结果的公告", "党组织委员会选举结果报告单"


def meeting_name(election: Election) -> str:
    return "委员会第一次全体会议" if is_plenary(election) else "党员大会"


def approval_sentence(election: Election) -> str:
    return (
        "以上选举结果报上级党委审批，批准后任职。"
        if is_plenary(election)
        else "委员会选出后，召开委员会第一次全体会议选举书记、副书记，选举结果报上级党委审批。"
    )
