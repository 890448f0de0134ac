"""The documents of a counted round (practice.md §2 announcements 16 and 17, VC-TALLY-10):

- 选举结果公告: announced on the spot by the village election committee — the figures, who is
  elected to which post, every person's votes, and, where a rule decided, its ID (a void vote, a
  void election of a relative, a tie re-vote, a 另行选举, or a party members' meeting's decision
  to reduce the committee's seats instead of it, PB-WIN-3);
- 选举结果报告单: the same result reported to the township on one form, with the signatures;
- 当选证书: one page per elected person.

Everything comes from the round's stored contest and outcome (the JSON `huanjie tally`
re-counts), never from anything typed again. Public documents: names only, never an ID number.
The caller has passed the village's gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from huanjie.ballots import party_seats
from huanjie.ballots.assemblies import BODY_TITLES, assembly_label
from huanjie.ballots.models import RoundResult
from huanjie.committees.services.common import profile_of
from huanjie.documents import party_results as pr
from huanjie.documents.committee_notices import law_names
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.elections.models import Body, Election, Post
from huanjie.rules.tally.explain_text import INVALID_NAMES
from huanjie.rules.tally.model import Body as EngineBody
from huanjie.rules.tally.model import Post as EnginePost
from huanjie.rules.tally.model import post_name

if TYPE_CHECKING:
    from django.http import HttpRequest

NOTICE_TITLES = {
    Body.VILLAGERS_COMMITTEE: "关于村民委员会选举结果的公告",
    Body.SUPERVISION_COMMITTEE: "关于村务监督委员会成员选举结果的公告",
    Body.COOPERATIVE_BOARD: "关于集体经济组织理事会（社管会）成员选举结果的公告",
    Body.COOPERATIVE_SUPERVISORS: "关于集体经济组织监事会（社监会）成员选举结果的公告",
}
BODY_WORDS = {**dict(Body.choices), **BODY_TITLES}
NEXT_WORDS = {
    "revote": "须按原方式重新投票",
    "new_meeting": "会议未达到法定人数，须另行召开会议选举",
    "tie_revote": "得票相等，须在得票相等的人中重新投票（VC-TALLY-6）",
    "supplementary_round": "名额未选足，须对空缺的名额另行选举（VC-TALLY-7）",
}
VOID_WORDS = {
    "VC-TALLY-1": "参加投票的选民没有超过登记选民的半数",
    "VC-TALLY-2": "收回的选票多于发出的选票",
    "REP-2": "到会人数没有超过本村年满十八周岁村民的半数",
    "REP-5": "到会的村民代表不足组成人员的三分之二",
    "CEO-2": "到会成员不足全体成员的三分之二",
    "CEO-3": "到会的成员代表不足全体成员代表的三分之二",
    **pr.VOID_WORDS,
}
VOIDED_WORDS = {
    "VC-TALLY-9": "与其他当选人有近亲属关系，按任职回避规定其当选无效",
    "VC-MULTI-1": "同时当选两个职位，保留较高职位",
    "SUP-1": "是村民委员会成员或其近亲属，不得担任村务监督委员会成员",
    "CEO-5": "是理事会成员、财务人员或其近亲属，不得担任监事",
}


class NotCounted(LookupError):
    """The election has no counted result yet."""


@dataclass(frozen=True)
class PersonVotes:
    name: str
    votes: int
    elected: bool
    note: str


@dataclass(frozen=True)
class PostResult:
    post: str
    label: str
    seats: int
    elected: list[PersonVotes]
    everyone: list[PersonVotes]  # every person who had a vote, most votes first
    unfilled: int
    threshold: int | None
    # The committee's seats before and after the meeting reduced them instead of the 另行选举
    # (PB-WIN-3), on the member post of the round the decision was recorded on. The committee's
    # numbers, not this round's: a 另行选举 or a tie re-vote carries seats from earlier rounds.
    reduced_from: int | None = None
    reduced_to: int | None = None

    @property
    def reduced_here(self) -> bool:
        """The round's own seats are the committee's: "应选5名，减为4名" reads right."""
        return self.reduced_to is not None and self.reduced_from == self.seats

    @property
    def seats_words(self) -> str:
        """应选5名 / 应选5名，减为4名 / 应选1名；委员职数由5名减为4名."""
        words = f"应选{self.seats}名"
        if self.reduced_to is None:
            return words
        if self.reduced_here:
            return f"{words}，减为{self.reduced_to}名"
        return f"{words}；委员职数由{self.reduced_from}名减为{self.reduced_to}名"


@dataclass(frozen=True)
class Figures:
    registered: int
    participants: int
    issued: int
    collected: int
    invalid: int
    # An assembly's count (supervision, cooperative): its size and those present.
    base_word: str = "登记选民"
    head_word: str = "参加投票"

    @property
    def valid_ballots(self) -> int:
        return self.collected - self.invalid

    @property
    def turnout(self) -> str:
        return f"{self.participants * 100 / self.registered:.1f}%" if self.registered else "—"


@dataclass(frozen=True)
class Decision:
    """A sentence and the rule that decided it."""

    text: str
    rule: str


def _day(day: date | None) -> str:
    return "" if day is None else f"{day.year}年{day.month}月{day.day}日"


def _label(body: str, post: str) -> str:
    try:
        return post_name(EngineBody(body), EnginePost(post))
    except ValueError:
        return post


def result_of(election: Election) -> RoundResult:
    result = RoundResult.objects.filter(election=election).first()
    if result is None:
        raise NotCounted(f"{election}还没有计出结果。")
    return result


def posts_of(
    election: Election, result: RoundResult, reduced: party_seats.Shortfall | None = None
) -> list[PostResult]:
    contest: dict[str, Any] = result.contest
    outcome: dict[str, Any] = result.outcome
    elected = {(e["post"], e["person"]): e["votes"] for e in outcome.get("elected", [])}
    voided = {(v["post"], v["person"]): v["rule"] for v in outcome.get("voided", [])}
    ties = {t["post"]: set(t["persons"]) for t in outcome.get("tie_revote", [])}
    rows = []
    # jsonb keeps no key order (PostgreSQL): the posts in the glossary's order, as on the ballot.
    order = list(Post.values)
    seats_by_post: dict[str, int] = contest.get("seats", {})
    reduction = reduced.reduction if reduced is not None else None
    if reduction is not None and reduction.result_id != result.pk:
        reduction = None  # recorded on another round
    for post in sorted(seats_by_post, key=lambda p: order.index(p) if p in order else len(order)):
        seats = seats_by_post[post]
        votes: dict[str, int] = contest.get("votes", {}).get(post, {})
        everyone = []
        for name, n in sorted(votes.items(), key=lambda item: (-item[1], item[0])):
            note = ""
            if (post, name) in voided:
                rule = voided[(post, name)]
                note = f"当选无效（{rule}）"
            elif name in ties.get(post, set()):
                note = f"得票相等，须重新投票（{_tie_rule(contest)}）"
            everyone.append(PersonVotes(name, n, (post, name) in elected, note))
        winners = [p for p in everyone if p.elected]
        on_member = reduction if post == Post.MEMBER else None
        rows.append(
            PostResult(
                post=post,
                label=_label(election.body, post),
                seats=seats,
                elected=winners,
                everyone=everyone,
                unfilled=int(outcome.get("unfilled", {}).get(post, 0)),
                threshold=outcome.get("threshold", {}).get(post),
                reduced_from=on_member.seats_before if on_member is not None else None,
                reduced_to=on_member.seats_after if on_member is not None else None,
            )
        )
    return rows


def _tie_rule(contest: dict[str, Any]) -> str:
    return pr.TIE_RULE if pr.is_party(contest) else "VC-TALLY-6"


def _supplementary_rule(contest: dict[str, Any]) -> str:
    return pr.SEATS_RULE if pr.is_party(contest) else "VC-TALLY-7"


def figures_of(result: RoundResult) -> Figures:
    c: dict[str, Any] = result.contest
    if pr.is_party(c):  # a meeting of the party: those who should attend and those present
        base_word, head_word = pr.head_words(result.election)
        return Figures(
            registered=int(c.get("should_attend", 0)),
            participants=int(c.get("present", 0)),
            issued=int(c.get("ballots_issued", 0)),
            collected=int(c.get("ballots_collected", 0)),
            invalid=int(c.get("invalid_ballots", 0)),
            base_word=base_word,
            head_word=head_word,
        )
    if "assembly" in c:
        return Figures(
            registered=int(c.get("assembly_size", 0)),
            participants=int(c.get("present", 0)),
            issued=int(c.get("ballots_issued", 0)),
            collected=int(c.get("ballots_collected", 0)),
            invalid=int(c.get("invalid_ballots", 0)),
            base_word=f"{assembly_label(str(c['body']), str(c['assembly']))}应到",
            head_word="实到",
        )
    return Figures(
        registered=int(c.get("registered", 0)),
        participants=int(c.get("participants", 0)),
        issued=int(c.get("ballots_issued", 0)),
        collected=int(c.get("ballots_collected", 0)),
        invalid=int(c.get("invalid_ballots", 0)),
    )


def decisions_of(
    result: RoundResult, posts: list[PostResult], reduced: party_seats.Shortfall | None = None
) -> list[Decision]:
    """What a rule decided, each with its ID: a void vote, a voided winner, a tie, open seats —
    or, where the members' meeting reduced the seats instead (PB-WIN-3), its decision and the
    committee as elected."""
    outcome: dict[str, Any] = result.outcome
    found: list[Decision] = []
    if not outcome.get("valid", False):
        rule = str(outcome.get("rule") or "")
        why = VOID_WORDS.get(rule, "不符合选举有效的规定")
        next_words = NEXT_WORDS.get(str(outcome.get("next")), "")
        found.append(Decision(f"本次投票无效：{why}；{next_words}。", rule))
        return found
    labels = {p.post: p.label for p in posts}
    for v in outcome.get("voided", []):
        why = VOIDED_WORDS.get(v["rule"], "依照规定当选无效")
        found.append(Decision(f"{v['person']}（{labels.get(v['post'], '')}）{why}。", v["rule"]))
    for t in outcome.get("tie_revote", []):
        names = "、".join(t["persons"])
        found.append(
            Decision(
                f"{labels.get(t['post'], '')}{names}得票相等，应在其中重新投票选出{t['seats']}名。",
                _tie_rule(result.contest),
            )
        )
    if reduced is not None:
        # Once, whichever post's seats were open: the committee's seats are reduced instead.
        found.append(Decision(pr.reduction_sentence(reduced), pr.SEATS_RULE))
    for p in posts:
        if p.unfilled and reduced is None:
            found.append(
                Decision(
                    f"{p.label}应选{p.seats}名，当选{len(p.elected)}名，"
                    f"尚缺{p.unfilled}名，须另行选举。",
                    _supplementary_rule(result.contest),
                )
            )
    for w in outcome.get("warnings", []):
        if reduced is not None and w["rule"] == pr.SEATS_RULE:
            continue  # the choice it offered is made
        found.append(Decision(str(w["message"]), str(w["rule"])))
    if pr.is_party(result.contest) and (outcome.get("next") == "complete" or reduced is not None):
        found.append(Decision(pr.approval_sentence(result.election), "PB-WIN-4"))
    return found


def invalid_lines(result: RoundResult) -> list[str]:
    by_rule: dict[str, int] = result.contest.get("invalid_by_rule", {})
    return [f"{INVALID_NAMES.get(rule, rule)}{n}张" for rule, n in by_rule.items() if n]


def _base(election: Election, result: RoundResult) -> dict[str, Any]:
    village = election.plan.village
    reduced = pr.reduction_of(election)
    posts = posts_of(election, result, reduced)
    day = election.election_day or timezone.localdate(result.counted_at)
    return {
        "village": village,
        "election": election,
        "result": result,
        "posts": posts,
        "figures": figures_of(result),
        "decisions": decisions_of(result, posts, reduced),
        "invalid_lines": invalid_lines(result),
        "valid": bool(result.outcome.get("valid")),
        "complete": result.outcome.get("next") == "complete" or reduced is not None,
        "election_day": day,
        "election_name": (
            f"{village.name}{election.plan.campaign.term_start_year}年"
            f"{BODY_WORDS[election.body]}换届选举（{election.get_round_display()}）"
        ),
        "issuer": (
            pr.organization_name(election)
            if election.body == Body.PARTY_ORGANIZATION
            else f"{village.name}村民选举委员会"
        ),
        "issued_on": day,
        "author": village.name,
        "certified": getattr(result, "certified_at", None) is not None,
    }


def notice_context(election: Election) -> dict[str, Any]:
    result = result_of(election)
    context = _base(election, result)
    f: Figures = context["figures"]
    party = election.body == Body.PARTY_ORGANIZATION
    law = pr.LAW if party else law_names(profile_of(election).title)
    if election.body in (Body.COOPERATIVE_BOARD, Body.COOPERATIVE_SUPERVISORS):
        law = "《中华人民共和国农村集体经济组织法》和本组织章程"  # CEO24 art 26–34
    title = NOTICE_TITLES.get(Body(election.body), f"关于{BODY_WORDS[election.body]}选举结果的公告")
    if party:
        title = pr.titles(election)[0]
    opening = (
        f"根据{law}的有关规定，{context['election_name']}于{_day(context['election_day'])}"
        f"举行。{_head_count(f)}；"
        f"发出选票{f.issued}张，收回选票{f.collected}张，其中有效票{f.valid_ballots}张、"
        f"无效票{f.invalid}张。"
    )
    if context["valid"]:
        opening += "经审核，本次选举有效。经公开唱票、计票，选举结果公告如下："
    context.update({"title": title, "opening": opening})
    if party:
        context["objection_line"] = (
            f"对选举结果有异议的，可以向{pr.higher_committee(_township(election))}反映。"
        )
    return context


def _township(election: Election) -> str:
    village = election.plan.village
    return village.parent.name if village.parent else "乡镇"


def _head_count(f: Figures) -> str:
    if f.base_word == "登记选民":
        return f"本村登记选民{f.registered}人，参加投票{f.participants}人"
    return f"{f.base_word}{f.registered}人，{f.head_word}{f.participants}人"


def report_context(election: Election) -> dict[str, Any]:
    result = result_of(election)
    context = _base(election, result)
    village = context["village"]
    township = village.parent.name if village.parent else "乡镇"
    context.update(
        {
            "title": f"{village.name}{BODY_WORDS[election.body]}选举结果报告单",
            "township": township,
            "addressee": f"{township}人民政府（换届选举工作指导组）：",
        }
    )
    if election.body == Body.PARTY_ORGANIZATION:  # 报上级党委审批
        context.update(
            {
                "title": f"{village.name}{pr.titles(election)[1]}",
                "addressee": f"{pr.higher_committee(township)}：",
                "signer": f"{pr.meeting_name(election)}主持人",
            }
        )
    return context


def certificates_context(election: Election) -> dict[str, Any]:
    result = result_of(election)
    context = _base(election, result)
    village = context["village"]
    people = [(p.label, person) for p in context["posts"] for person in p.elected]
    context.update(
        {
            "title": f"{village.name}{BODY_WORDS[election.body]}当选证书",
            "body_name": BODY_WORDS[election.body],
            "people": people,
        }
    )
    return context


def result_notice_document(
    election: Election, *, request: HttpRequest | None = None, extra: dict[str, Any] | None = None
) -> PrintedDocument:
    context = {**notice_context(election), **(extra or {})}
    return render_document("documents/result_notice.html", context, request=request)


def result_report_document(
    election: Election, *, request: HttpRequest | None = None, extra: dict[str, Any] | None = None
) -> PrintedDocument:
    context = {**report_context(election), **(extra or {})}
    return render_document("documents/result_report.html", context, request=request)


def certificates_document(
    election: Election, *, request: HttpRequest | None = None, extra: dict[str, Any] | None = None
) -> PrintedDocument:
    context = {**certificates_context(election), **(extra or {})}
    return render_document(
        "documents/certificates.html", context, paper="A4", orientation="landscape", request=request
    )
