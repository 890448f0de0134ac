"""`huanjie tally --explain`: the decision of one count as Chinese sentences for a county reviewer.

Built from the contest (its numbers) and the outcome (its verdicts): the sentences state each
test with the numbers that went into it, in the order the count applied them (tally-io.md rule
1), and never re-decide anything — a test "passed" or "failed" because the outcome says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from huanjie.rules.tally import Outcome
from huanjie.rules.tally.avoidance import Avoidance
from huanjie.rules.tally.contest import Contest, ElectionContest, RecallContest
from huanjie.rules.tally.explain_checks import gt, members_word, reconciliation, turnout
from huanjie.rules.tally.explain_text import (
    INVALID_NAMES,
    NEXT_STEPS,
    PLENARY_NAME,
    RELATION_NAMES,
    ROUND_NAMES,
    VOID_REASONS,
)
from huanjie.rules.tally.model import BODY_NAMES, Body, Post, Round, Sex, post_name
from huanjie.rules.tally.outcome import Elected, TallyWarning, TieRevote, Voided
from huanjie.rules.tally.thresholds import assembly_rule


def explain(contest: Contest, outcome: Outcome) -> list[str]:
    """The outcome of `contest` in plain Chinese, one sentence per line."""
    if isinstance(contest, RecallContest):
        return _recall(contest, outcome)
    body = PLENARY_NAME if contest.plenary else BODY_NAMES[contest.body]
    lines = [f"规则方案 {contest.profile_id}：{body}，{ROUND_NAMES[contest.round]}。"]
    turnout_rule, attendance = turnout(contest)
    lines.append(attendance + _verdict(outcome.rule != turnout_rule))
    if outcome.rule != turnout_rule:
        lines.append(reconciliation(contest) + _verdict(outcome.valid))
    if not outcome.valid:
        lines += [f"本次投票无效（{outcome.rule}）。", f"下一步：{NEXT_STEPS[outcome.next]}"]
        return lines + _warnings(outcome.warnings)
    lines.append(_ballot_count(contest, outcome))
    for post, bar in outcome.threshold.items():
        lines.extend(_post_lines(contest, outcome, post, bar))
    lines.append(_elected(contest.body, outcome.elected))
    lines.extend(_voided(contest, outcome.voided, outcome.elected))
    lines.extend(_tie(contest, outcome, tie) for tie in outcome.tie_revote)
    if contest.body is Body.VILLAGERS_COMMITTEE and (women := _women(contest, outcome.elected)):
        lines.append(f"妇女成员：{'、'.join(women)} 为女性，村民委员会已有妇女成员（VC-ORG-2）。")
    lines.extend(
        f"{post_name(contest.body, post)}还有 {seats} 个名额空缺。"
        for post, seats in outcome.unfilled.items()
    )
    lines.append(f"下一步：{NEXT_STEPS[outcome.next]}")
    return lines + _warnings(outcome.warnings)


def _recall(contest: RecallContest, outcome: Outcome) -> list[str]:
    p, r, yes = contest.participants, contest.registered, contest.yes
    lines = [
        f"规则方案 {contest.profile_id}：罢免投票。",
        f"登记选民 {r} 人，参加投票 {p} 人：2×{p}={2 * p} {gt(2 * p > r)} {r}，"
        f"参加投票的选民{'超过' if outcome.valid else '未超过'}半数（REC-2）。",
    ]
    if outcome.recalled is None:
        lines.append("罢免投票无效：参加投票的选民须超过登记选民的一半，可依法重新组织罢免投票。")
    else:
        lines.append(
            f"赞成罢免 {yes} 票：2×{yes}={2 * yes} {gt(2 * yes > p)} {p}，"
            f"{'超过' if outcome.recalled else '未超过'}参加投票人数的一半（REC-2），"
            f"罢免{'通过' if outcome.recalled else '未通过'}。"
        )
    return lines + _warnings(outcome.warnings)


def _ballot_count(contest: ElectionContest, outcome: Outcome) -> str:
    by_rule = outcome.invalid_by_rule
    # Ballot mode: the engine classified every ballot; the sheet's own count otherwise.
    invalid = sum(by_rule.values()) if contest.invalid_ballots is None else contest.invalid_ballots
    valid = contest.ballots_collected - invalid
    detail = "、".join(f"{INVALID_NAMES[rule]}（{rule}）{n} 张" for rule, n in by_rule.items())
    return f"有效票 {valid} 张，无效票 {invalid} 张" + (f"：{detail}。" if detail else "。")


def _post_lines(
    contest: ElectionContest, outcome: Outcome, post: Post, bar: int | None
) -> list[str]:
    name, seats = post_name(contest.body, post), contest.seats[post]
    if bar is None:
        tied = "、".join((contest.candidates or {}).get(post, ()))
        head = (
            f"{name}（应选 {seats} 名）：等票重选只在 {tied} 之间进行，得票多者当选，"
            f"不再要求达到当选线（{_tie_rule(contest)}）。"
        )
    elif contest.round is Round.TIE_REVOTE:
        head = (
            f"{name}（应选 {seats} 名）：等票重选仍须达到{ROUND_NAMES[contest.bar_round]}的"
            f"当选线 {bar} 票，{_bar_test(contest)}。"
        )
    else:
        head = f"{name}（应选 {seats} 名）：当选线 {bar} 票，{_bar_test(contest)}。"
    return [head, *_standing(contest, post, outcome.tallies.get(post, ()), bar)]


def _bar_test(contest: ElectionContest) -> str:
    """The winning test of the round whose bar applies (a tie re-vote keeps its origin's)."""
    body, round_ = contest.body, contest.bar_round
    if body is Body.VILLAGERS_COMMITTEE:
        if round_ is Round.SUPPLEMENTARY:
            return f"另行选举须 3×得票 ≥ 投出的选票 {contest.ballots_collected} 张（VC-TALLY-7）"
        if contest.rules.win_base == "ballots_collected":
            return f"须 2×得票 > 收回选票 {contest.ballots_collected} 张（VC-TALLY-5，vc.win_base）"
        return f"须 2×得票 > 参加投票人数 {contest.participants}（VC-TALLY-5）"
    if body is Body.PARTY_ORGANIZATION:
        if contest.rules.win_base == "present":
            who = "实到会委员" if contest.plenary else "实到会有选举权的党员"
            return f"须 2×赞成票 > {who} {contest.present} 人（PB-WIN-1）"
        who = "委员会委员" if contest.plenary else "应到会有选举权的党员"
        return f"须 2×赞成票 > {who} {contest.should_attend} 人（PB-WIN-1）"
    if body is Body.SUPERVISION_COMMITTEE:
        return f"须 2×得票 > 到会 {contest.present} 人（过半数）"
    return (
        f"须 3×得票 ≥ 2×全体{members_word(contest)} {contest.assembly_size} 人"
        f"（{assembly_rule(contest)}）"
    )


def _standing(
    contest: ElectionContest, post: Post, tally: Sequence[tuple[str, int]], bar: int | None
) -> list[str]:
    """Who reached the bar, on the totals the post was decided on (sunk totals included)."""
    lines = []
    earlier = {seat.person for seat in contest.elected_before}
    named = set((contest.votes or {}).get(post, {}))
    for ballot in contest.ballots or ():
        named.update(
            person for section, persons in ballot.marks if section is post for person in persons
        )
    if skipped := sorted(named & earlier):
        lines.append(f"{'、'.join(skipped)} 已在此前当选，本轮的得票不计（VC-MULTI-1）。")
    if bar is not None and tally:
        passed = [f"{person} {n} 票" for person, n in tally if n >= bar]
        below = [f"{person} {n} 票" for person, n in tally if n < bar]
        lines.append(
            f"达到当选线：{'、'.join(passed) or '无'}；未达到：{'、'.join(below) or '无'}。"
        )
    return lines


def _elected(body: Body, rows: Sequence[Elected]) -> str:
    if not rows:
        return "本轮无人当选。"
    named = "；".join(f"{post_name(body, row.post)} {row.person}（{row.votes} 票）" for row in rows)
    return f"当选：{named}。"


def _voided(
    contest: ElectionContest, rows: Sequence[Voided], elected: Sequence[Elected]
) -> list[str]:
    lines = []
    for row in rows:
        reason = VOID_REASONS.get(row.rule) or _kin_reason(contest, row.person, elected)
        name = post_name(contest.body, row.post)
        lines.append(f"{row.person} 当选{name}无效：{reason}（{row.rule}）。")
    if any(row.rule != "VC-ORG-2" for row in rows):  # the women's seat is not refilled by rank
        lines.append("空出的名额按得票顺序，由达到本轮当选线的下一人递补；无人达到则留待后续投票。")
    return lines


def _kin_reason(contest: ElectionContest, person: str, elected: Sequence[Elected]) -> str:
    """The relatives who keep their seat, and why they win (tally-io.md rule 4)."""
    earlier = {seat.person for seat in contest.elected_before}
    seated = {row.person for row in elected} | earlier
    avoidance = Avoidance(contest)
    kept = [
        relation
        for relation in contest.relations
        if relation.involves(person)
        and relation.other(person) in seated
        and avoidance.conflict(person, relation.other(person)) is not None
    ]
    links = "".join(
        f"与 {relation.other(person)} 是{RELATION_NAMES[relation.kind]}，" for relation in kept
    )
    if any(relation.other(person) in earlier for relation in kept):
        # Earlier rounds stand whatever the posts: the later winner gives way.
        return f"{links}须任职回避；此前轮次的当选结果不变，由本轮当选的一方让出席位"
    return f"{links}须任职回避，保留职位较高或得票较多的一方"


def _tie(contest: ElectionContest, outcome: Outcome, tie: TieRevote) -> str:
    """Why these persons re-vote: a tie at the last seats, or related winners (rule 4)."""
    name, persons = post_name(contest.body, tie.post), "、".join(tie.persons)
    # The engine's totals always hold every tied person (sunk totals in vote-sinking mode).
    votes = dict(outcome.tallies[tie.post])[tie.persons[0]]
    if not tie.kinship:
        return (
            f"{name}最后 {tie.seats} 个名额：{persons} 得票同为 {votes} 票，无法都当选，"
            f"须只在他们之间等票重选（{_tie_rule(contest)}）。"
        )
    avoidance = Avoidance(contest)
    links = "，".join(
        f"{relation.a} 与 {relation.b} 是{RELATION_NAMES[relation.kind]}"
        for relation in contest.relations
        if {relation.a, relation.b} <= set(tie.persons)
        and avoidance.conflict(relation.a, relation.b) is not None
    )
    return (
        f"{name}：{persons} 得票同为 {votes} 票，都达到当选线；但 {links}，须任职回避"
        f"（{'、'.join(tie.kinship)}），只能一人当选，须只在他们之间等票重选 {tie.seats} 个名额"
        f"（{_tie_rule(contest)}）。"
    )


def _tie_rule(contest: ElectionContest) -> str:
    return "PB-WIN-2" if contest.body is Body.PARTY_ORGANIZATION else "VC-TALLY-6"


def _women(contest: ElectionContest, elected: Sequence[Elected]) -> list[str]:
    seated = {row.person for row in elected} | {seat.person for seat in contest.elected_before}
    return sorted(person for person in seated if contest.facts(person).sex is Sex.FEMALE)


def _warnings(rows: Sequence[TallyWarning]) -> list[str]:
    return [f"提示（{row.rule}）：{row.message}" for row in rows]


def _verdict(holds: bool) -> str:
    return "，符合。" if holds else "，不符合。"
