"""`tally --explain`: each test, with its numbers, in plain Chinese (rules.md §H numbers)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from huanjie.rules.tally import ElectionContest, count, parse_contest
from huanjie.rules.tally.explain import explain


def vc(**changes: Any) -> dict[str, Any]:
    contest: dict[str, Any] = {
        "profile": "ZJ_2020",
        "body": "villagers_committee",
        "registered": 900,
        "participants": 800,
        "ballots_collected": 800,
        "invalid_ballots": 0,
        "seats": {"member": 2},
        "votes": {"member": {"A": 500, "B": 430, "C": 430, "D": 200}},
    }
    return contest | changes


def party(**changes: Any) -> dict[str, Any]:
    contest: dict[str, Any] = {
        "profile": "PB_2020",
        "body": "party_organization",
        "should_attend": 40,
        "present": 32,
        "ballots_collected": 32,
        "invalid_ballots": 1,
        "invalid_by_rule": {"PB-BALLOT-2": 1},
        "seats": {"member": 5},
        "votes": {"member": {"A": 30, "B": 28, "C": 22, "D": 21, "E": 20, "F": 16}},
    }
    return contest | changes


def assembly(body: str, kind: str, size: int, present: int, **changes: Any) -> dict[str, Any]:
    contest: dict[str, Any] = {
        "profile": "ZJ_2025",
        "body": body,
        "assembly": kind,
        "assembly_size": size,
        "present": present,
        "ballots_collected": present,
        "invalid_ballots": 0,
        "seats": {"chair": 1},
        "votes": {"chair": {"P": present - 5, "Q": 5}},
    }
    return contest | changes


def h3_supplementary(**changes: Any) -> dict[str, Any]:
    contest: dict[str, Any] = {
        "profile": "ZJ_2020",
        "body": "villagers_committee",
        "round": "supplementary",
        "registered": 1200,
        "participants": 610,
        "ballots_collected": 610,
        "invalid_ballots": 40,
        "seats": {"vice_chair": 1},
        "votes": {"vice_chair": {"F1": 215, "F2": 205, "X": 150}},
        "elected_before": [
            {"person": "Z1", "post": "chair"},
            {"person": "A", "post": "member"},
            {"person": "B", "post": "member"},
            {"person": "N1", "post": "women_member"},
        ],
        "people": {"N1": {"sex": "F"}},
    }
    return contest | changes


def h5(relations: list[list[str]], **changes: Any) -> dict[str, Any]:
    votes = {
        "chair": {"X": 610},
        "vice_chair": {"Y": 500},
        "member": {"Z": 450, "W": 420, "T": 410, "V": 405, "U": 390},
    }
    return (
        vc(
            registered=1000,
            seats={"chair": 1, "vice_chair": 1, "member": 3},
            votes=votes,
            relations=relations,
        )
        | changes
    )


def recall(participants: int, yes: int) -> dict[str, Any]:
    return {
        "profile": "ZJ_2020",
        "body": "recall",
        "registered": 900,
        "participants": participants,
        "yes": yes,
    }


def sentences(contest: dict[str, Any]) -> str:
    parsed = parse_contest(contest)
    return "\n".join(explain(parsed, count(parsed)))


CASES: list[tuple[str, dict[str, Any], list[str], list[str]]] = [
    # label, contest, sentences that must appear, fragments that must not
    (
        "vc-tally-1-h1-turnout-fails",
        vc(registered=1000, participants=500, ballots_collected=500, votes={"member": {"A": 300}}),
        ["2×500=1000 ≤ 1000", "（VC-TALLY-1），不符合。", "本次投票无效（VC-TALLY-1）。"],
        ["收回选票", "当选线"],
    ),
    (
        "vc-tally-2-h2-reconciliation-fails",
        vc(registered=1000, participants=620, ballots_collected=623, votes={"member": {"A": 400}}),
        [
            "2×620=1240 > 1000",
            "623 > 620",
            "（VC-TALLY-2），不符合。",
            "下一步：按原方式重新投票。",
        ],
        ["当选线"],
    ),
    (
        "vc-tally-5-h2-bar-311",
        vc(
            registered=1000,
            participants=620,
            ballots_collected=618,
            seats={"chair": 1},
            votes={"chair": {"X": 311, "Y": 300}},
            people={"X": {"sex": "F"}},
        ),
        [
            "618 ≤ 620",
            "当选线 311 票，须 2×得票 > 参加投票人数 620（VC-TALLY-5）",
            "达到当选线：X 311 票；未达到：Y 300 票。",
            "当选：主任 X（311 票）。",
            "妇女成员：X 为女性",
            "下一步：本轮选举结束",
        ],
        ["提示"],
    ),
    (
        "vc-win-base-ballots-collected",
        vc(
            registered=1000,
            participants=700,
            ballots_collected=700,
            invalid_ballots=100,
            profile_overrides={"vc.win_base": "ballots_collected"},
            seats={"chair": 1},
            votes={"chair": {"X": 330, "Y": 270}},
        ),
        [
            "须 2×得票 > 收回选票 700 张（VC-TALLY-5，vc.win_base）",
            "本轮无人当选。",
            "主任还有 1 个名额空缺。",
            "有效票 600 张，无效票 100 张。",
        ],
        [],
    ),
    (
        "vc-tally-6-h4-tie",
        vc(),
        [
            "委员最后 1 个名额：B、C 得票同为 430 票",
            "（VC-TALLY-6）",
            "下一步：在得票相等的人之间",
            "提示（VC-ORG-2）：",
        ],
        ["妇女成员："],
    ),
    (
        "vc-tally-6-h4-tie-revote-no-bar",
        vc(
            round="tie_revote",
            participants=760,
            ballots_collected=760,
            invalid_ballots=5,
            seats={"member": 1},
            candidates={"member": ["B", "C"]},
            votes={"member": {"B": 390, "C": 365}},
            elected_before=[{"person": "A", "post": "member"}],
        ),
        [
            "规则方案 ZJ_2020：村民委员会选举，等票重选。",
            "等票重选只在 B、C 之间进行，得票多者当选，不再要求达到当选线（VC-TALLY-6）",
            "当选：委员 B（390 票）。",
        ],
        ["达到当选线："],
    ),
    (
        "vc-tally-6-tie-revote-keeps-the-majority-bar",
        vc(
            round="tie_revote",
            participants=760,
            ballots_collected=760,
            invalid_ballots=5,
            profile_overrides={"vc.tie_revote_requires_majority": True},
            seats={"member": 1},
            candidates={"member": ["B", "C"]},
            votes={"member": {"B": 390, "C": 365}},
        ),
        [
            "等票重选仍须达到第一次投票的当选线 381 票，须 2×得票 > 参加投票人数 760",
            "达到当选线：B 390 票；未达到：C 365 票。",
        ],
        [],
    ),
    (
        "vc-tally-7-h3-supplementary",
        h3_supplementary(votes={"vice_chair": {"F1": 215, "F2": 205, "X": 140, "Z1": 10}}),
        [
            "当选线 204 票，另行选举须 3×得票 ≥ 投出的选票 610 张（VC-TALLY-7）",
            "Z1 已在此前当选，本轮的得票不计（VC-MULTI-1）。",
            "妇女成员：N1 为女性",
        ],
        [],
    ),
    (
        "vc-multi-1-earlier-winner-named-under-the-post-that-had-the-votes",
        h3_supplementary(
            seats={"vice_chair": 1, "member": 1},
            votes={"vice_chair": {"F1": 400, "Z1": 150}, "member": {"M1": 300}},
        ),
        [
            "Z1 已在此前当选，本轮的得票不计（VC-MULTI-1）。\n"
            "达到当选线：F1 400 票；未达到：无。\n委员（应选 1 名）",
        ],
        [
            "委员（应选 1 名）：当选线 204 票，另行选举须 3×得票 ≥ 投出的选票 610 张（VC-TALLY-7）。\nZ1"
        ],
    ),
    (
        "vc-multi-1-earlier-winner-in-ballot-mode",
        h3_supplementary(
            registered=10,
            participants=6,
            ballots_collected=6,
            votes=None,
            invalid_ballots=None,
            ballots=[{"vice_chair": ["F1"]}] * 4 + [{"vice_chair": ["Z1"]}] * 2,
        ),
        ["Z1 已在此前当选，本轮的得票不计（VC-MULTI-1）。", "当选：副主任 F1（4 票）。"],
        [],
    ),
    (
        "vc-tally-1-supplementary-without-turnout-rule",
        h3_supplementary(
            participants=598,
            ballots_collected=598,
            invalid_ballots=28,
            profile_overrides={"supp.requires_turnout": False},
        ),
        [
            "本规则方案的另行选举不要求过半数选民参加投票（supp.requires_turnout），符合。",
            "当选：副主任 F1（215 票）。",
        ],
        ["2×598"],
    ),
    (
        "vc-tally-9-h5a-kinship",
        h5([["X", "Z", "parent_child"]]),
        [
            "Z 当选委员无效：与 X 是父母子女关系，须任职回避，保留职位较高或得票较多的一方（VC-TALLY-9）。",
            "空出的名额按得票顺序",
            "当选：主任 X（610 票）；副主任 Y（500 票）；委员 W（420 票）",
        ],
        [],
    ),
    (
        "vc-tally-9-names-only-the-relation-the-profile-avoids",
        # ZJ_2020 avoids spouse, parent-child and sibling: Z's grandparent Y is no reason.
        h5([["X", "Z", "parent_child"], ["Y", "Z", "grandparent_grandchild"]]),
        [
            "Z 当选委员无效：与 X 是父母子女关系，须任职回避，保留职位较高或得票较多的一方（VC-TALLY-9）。",
        ],
        ["与 Y"],
    ),
    (
        "vc-tally-9-earlier-round-stands-even-below-the-later-post",
        h3_supplementary(
            seats={"chair": 1},
            votes={"chair": {"F1": 340, "F2": 230}},
            elected_before=[{"person": "M", "post": "member"}],
            relations=[["F1", "M", "sibling"]],
            people={"F2": {"sex": "F"}},
        ),
        [
            "F1 当选主任无效：与 M 是兄弟姐妹，须任职回避；此前轮次的当选结果不变，"
            "由本轮当选的一方让出席位（VC-TALLY-9）。",
            "当选：主任 F2（230 票）。",
        ],
        ["保留职位较高"],
    ),
    (
        "kin-6-party-secretary-conflict",
        h5([["X", "Z", "grandparent_grandchild"]], party_secretary="X"),
        ["Z 当选委员无效：与 X 是祖孙关系，须任职回避", "（KIN-6）"],
        [],
    ),
    (
        "vc-tally-9-related-winners-with-equal-votes-re-vote",
        h5(
            [["W", "T", "sibling"]],
            votes={
                "chair": {"X": 610},
                "vice_chair": {"Y": 500},
                "member": {"Z": 450, "W": 420, "T": 420, "U": 390},
            },
        ),
        [
            "委员：T、W 得票同为 420 票，都达到当选线；但 T 与 W 是兄弟姐妹，须任职回避"
            "（VC-TALLY-9），只能一人当选，须只在他们之间等票重选 1 个名额（VC-TALLY-6）。",
            "委员还有 1 个名额空缺。",
        ],
        ["委员最后"],
    ),
    (
        "kin-6-tied-relatives-of-the-party-secretary",
        vc(
            seats={"member": 3},
            votes={"member": {"A": 500, "G": 430, "H": 430}},
            relations=[["G", "H", "grandparent_grandchild"]],
            party_secretary="G",
        ),
        [
            "委员：G、H 得票同为 430 票，都达到当选线；但 G 与 H 是祖孙关系，须任职回避"
            "（KIN-6），只能一人当选，须只在他们之间等票重选 1 个名额（VC-TALLY-6）。",
        ],
        ["委员最后"],
    ),
    (
        "c3-vote-sinking-h13-totals-leave-out-higher-winners",
        vc(
            profile="NAT_2018",
            profile_overrides={"ballot.multi_position_mode": "vote_sinking"},
            registered=1500,
            participants=1000,
            ballots_collected=1000,
            seats={"chair": 1, "vice_chair": 1, "member": 3},
            votes={
                "chair": {"A": 520, "B": 430},
                "vice_chair": {"B": 300, "C": 420, "D": 200},
                "member": {"A": 100, "C": 200, "D": 480, "E": 560, "F": 530, "G": 300},
            },
        ),
        [
            "达到当选线：B 730 票；未达到：C 420 票、D 200 票。",
            "达到当选线：D 680 票、C 620 票、E 560 票、F 530 票；未达到：G 300 票。",
        ],
        ["A 520 票、", "B 730 票、"],
    ),
    (
        "qual-9-ineligible-winner",
        vc(
            people={"A": {"ineligible": True, "sex": "F"}, "B": {"sex": "F"}},
            votes={"member": {"A": 500, "B": 430, "C": 420}},
        ),
        [
            "A 当选委员无效：未通过资格审查或不具有被选举资格，当选无效（QUAL-9）。",
            "妇女成员：B 为女性",
        ],
        [],
    ),
    (
        "vc-org-2-top-woman-replaces",
        vc(
            profile="NAT_2018",
            profile_overrides={"women_seat_mode": "top_woman_replaces"},
            votes={"member": {"A": 500, "B": 450, "C": 300}},
            people={"A": {"sex": "M"}, "B": {"sex": "M"}, "C": {"sex": "F"}},
        ),
        ["当选人中没有女性：由得票最多的女性委员候选人替换得票最少的当选委员（VC-ORG-2）"],
        ["空出的名额"],
    ),
    (
        "vc-tally-3-h14-ballot-mode",
        vc(
            registered=10,
            participants=8,
            ballots_collected=8,
            seats={"chair": 1, "member": 3},
            votes=None,
            invalid_ballots=None,
            ballots=[{"chair": ["Z1"], "member": ["A", "B", "C"]}] * 7
            + [{"chair": ["Z1"], "member": ["A", "B", "C", "D"]}],
        ),
        [
            "有效票 7 张，无效票 1 张：多选或一人选多个职位（VC-TALLY-3）1 张。",
            "达到当选线：Z1 7 票；未达到：无。",
        ],
        [],
    ),
    (
        "pb-quorum-1-h7-should-attend",
        party(),
        [
            "应到会有选举权的党员 40 人，实到会 32 人：5×32=160 ≥ 4×40=160，到会人数须不少于 4/5",
            "（PB-QUORUM-1），符合。",
            "发出选票 32 张、实到会 32 人：32 ≤ 32",
            "赞成人数超过应选人数（PB-BALLOT-2）1 张",
            "当选线 21 票，须 2×赞成票 > 应到会有选举权的党员 40 人（PB-WIN-1）",
            "提示（PB-WIN-3）：",
        ],
        ["妇女成员"],
    ),
    (
        "pb-quorum-1-literal-greater-than",
        party(profile_overrides={"pb.quorum_cmp": ">"}),
        [
            "5×32=160 ≤ 4×40=160，到会人数须超过 4/5（PB-QUORUM-1），不符合。",
            "下一步：会议未达到法定到会人数",
        ],
        ["收回选票"],
    ),
    (
        "pb-win-1-h7-present-base",
        party(profile="PB_1990", ballots_issued=32),
        [
            "收回选票 32 张，发出选票 32 张：32 ≤ 32，收回的选票不得多于发出的选票和投票人数（PB-BALLOT-1）",
            "须 2×赞成票 > 实到会有选举权的党员 32 人（PB-WIN-1）",
        ],
        [],
    ),
    (
        "seed-gtzx-2-quorum-on-all-voting-members",
        party(profile="GTZX", voting_members=50),
        ["全体有选举权的党员 50 人，实到会 32 人：5×32=160 < 4×50=200", "不符合。"],
        [],
    ),
    (
        "pb-win-2-party-tie",
        party(
            invalid_ballots=0,
            invalid_by_rule={},
            seats={"member": 2},
            votes={"member": {"A": 22, "B": 21, "C": 21}},
        ),
        ["委员最后 1 个名额：B、C 得票同为 21 票，无法都当选，须只在他们之间等票重选（PB-WIN-2）"],
        [],
    ),
    (
        "pb-win-2-party-tie-revote",
        party(
            round="tie_revote",
            invalid_ballots=0,
            invalid_by_rule={},
            seats={"member": 1},
            candidates={"member": ["A", "B"]},
            votes={"member": {"A": 20, "B": 12}},
        ),
        ["不再要求达到当选线（PB-WIN-2）"],
        [],
    ),
    (
        "rep-2-supervision-villagers",
        assembly("supervision_committee", "villagers", 1500, 800),
        [
            "村务监督委员会选举",
            "村民会议：18 周岁以上村民 1500 人，到会 800 人：2×800=1600 > 1500",
            "发出选票 800 张、到会 800 人：800 ≤ 800",
            "须 2×得票 > 到会 800 人（过半数）",
            "当选：主任 P（795 票）。",
        ],
        ["妇女成员"],
    ),
    (
        "rep-5-supervision-representatives",
        assembly("supervision_committee", "representatives", 55, 36),
        [
            "应到代表 55 人，到会 36 人：3×36=108 < 2×55=110，到会须不少于三分之二（REP-5），不符合。",
            "本次投票无效（REP-5）。",
        ],
        [],
    ),
    (
        "ceo-2-h12-cooperative-members",
        assembly(
            "cooperative_board",
            "members",
            300,
            240,
            votes={"chair": {"P": 190, "Q": 40}},
            invalid_ballots=10,
        ),
        [
            "应到成员 300 人，到会 240 人：3×240=720 ≥ 2×300=600",
            "（CEO-2），符合。",
            "当选线 200 票，须 3×得票 ≥ 2×全体成员 300 人（CEO-2）",
            "理事长还有 1 个名额空缺。",
        ],
        ["主任"],
    ),
    (
        "ceo-3-cooperative-supervisors-representatives",
        assembly("cooperative_supervisors", "representatives", 30, 25),
        ["须 3×得票 ≥ 2×全体代表 30 人（CEO-3）", "当选：监事长 P（20 票）。"],
        [],
    ),
    (
        "ceo-3-cooperative-reconciliation-fails",
        assembly("cooperative_board", "members", 300, 240, ballots_collected=241),
        ["发出选票 240 张、到会 240 人：241 > 240", "本次投票无效（VC-TALLY-2）。"],
        [],
    ),
    (
        "rec-2-h6-recalled",
        recall(451, 226),
        [
            "规则方案 ZJ_2020：罢免投票。",
            "2×451=902 > 900，参加投票的选民超过半数（REC-2）。",
            "赞成罢免 226 票：2×226=452 > 451，超过参加投票人数的一半（REC-2），罢免通过。",
        ],
        [],
    ),
    (
        "rec-2-h6-not-recalled",
        recall(451, 225),
        ["2×225=450 ≤ 451，未超过参加投票人数的一半（REC-2），罢免未通过。"],
        [],
    ),
    (
        "rec-2-h6-void",
        recall(450, 300),
        ["2×450=900 ≤ 900，参加投票的选民未超过半数（REC-2）。", "罢免投票无效"],
        ["赞成罢免"],
    ),
]


@pytest.mark.parametrize(
    ("contest", "present", "absent"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_explain_states_each_test_with_its_numbers(
    contest: dict[str, Any], present: list[str], absent: list[str]
) -> None:
    text = sentences({key: value for key, value in contest.items() if value is not None})
    for sentence in present:
        assert sentence in text, f"{sentence!r} missing from:\n{text}"
    for fragment in absent:
        assert fragment not in text, f"{fragment!r} unexpected in:\n{text}"


def test_explain_follows_the_order_of_checks() -> None:
    lines = explain(parse_contest(vc()), count(parse_contest(vc())))
    order = [
        "规则方案",
        "登记选民",
        "收回选票",
        "有效票",
        "委员（应选",
        "达到当选线",
        "当选：",
        "委员最后",
    ]
    positions = [next(i for i, line in enumerate(lines) if line.startswith(key)) for key in order]
    assert positions == sorted(positions)
    assert lines[-2].startswith("下一步：") and lines[-1].startswith("提示（VC-ORG-2）")


def test_explain_never_contradicts_the_outcome() -> None:
    # The verdicts come from the outcome: a void vote says so and lists nothing elected.
    text = sentences(vc(ballots_collected=801))
    assert "本次投票无效（VC-TALLY-2）" in text and "当选：" not in text


@pytest.mark.parametrize(
    ("profile", "overrides", "present", "expected"),
    [
        (
            "PB_2020",
            {},
            4,
            [
                "规则方案 PB_2020：村党组织委员会第一次全体会议选举书记、副书记，第一次投票。",
                "委员会委员 5 人，到会 4 人：5×4=20 ≥ 4×5=20，全体会议到会人数须不少于 4/5"
                "（PB-QUORUM-3），符合。",
                "书记（应选 1 名）：当选线 3 票，须 2×赞成票 > 委员会委员 5 人（PB-WIN-1）。",
            ],
        ),
        (
            "PB_1990",
            {},
            4,
            ["书记（应选 1 名）：当选线 3 票，须 2×赞成票 > 实到会委员 4 人（PB-WIN-1）。"],
        ),
        (
            "PB_2020",
            {"pb.plenary_quorum": "2/3"},
            3,
            [
                "委员会委员 5 人，到会 3 人：3×3=9 < 2×5=10，全体会议到会人数须不少于 2/3"
                "（PB-QUORUM-3），不符合。",
                "本次投票无效（PB-QUORUM-3）。",
            ],
        ),
    ],
    ids=["pb2020-4-of-5", "pb1990-present-base", "county-2-3-3-of-5"],
)
def test_pb_quorum_3_explain_the_committee_plenary(
    profile: str, overrides: dict[str, str], present: int, expected: list[str]
) -> None:
    contest = parse_contest(
        party(
            profile=profile,
            profile_overrides=overrides,
            should_attend=5,
            present=present,
            ballots_issued=present,
            ballots_collected=present,
            invalid_ballots=0,
            invalid_by_rule={},
            seats={"secretary": 1},
            votes={"secretary": {"A": present - 1, "B": 1}},
        )
    )
    assert isinstance(contest, ElectionContest)
    plenary = replace(contest, plenary=True)
    lines = explain(plenary, count(plenary))
    for sentence in expected:
        assert sentence in lines, f"{sentence!r} missing from:\n" + "\n".join(lines)
