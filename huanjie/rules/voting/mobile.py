"""Mobile ballot boxes (流动票箱, MOBILE-1..2) and box-by-box ballot reconciliation.

A mobile box serves only the voters on its published list; where the profile says so the
township approves it, and at least `mobile.min_scrutineers` scrutineers go with it. Its ballots
count in `participants` like any other. Reconciliation is checked per box (a box that returns
more ballots than it issued points at that box) and over all boxes together (VC-TALLY-2: more
ballots collected than issued makes the vote invalid).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from huanjie.rules.checks import Finding, block
from huanjie.rules.errors import RuleViolation
from huanjie.rules.profiles.profile import Profile


@dataclass(frozen=True, slots=True)
class MobileBox:
    name: str
    voters: frozenset[str]  # the published list of voters who vote at this box
    scrutineers: frozenset[str]
    lists_published: bool  # the voter list and the scrutineer list were both published
    township_approved: bool


@dataclass(frozen=True, slots=True)
class BallotBox:
    """One box's counts: the main station's, a polling station's or a mobile box's."""

    name: str
    issued: int
    collected: int
    listed: int | None = None  # a mobile box: the number of voters on its published list


def check_box(profile: Profile, box: MobileBox) -> list[Finding]:
    """What stops `box` from going out (MOBILE-1, MOBILE-2)."""
    findings = []
    if profile.get_bool("mobile.requires_approval") and not box.township_approved:
        findings.append(
            block(
                "MOBILE-1",
                f"流动票箱“{box.name}”尚未经乡镇选举工作指导机构批准，批准后方可使用。",
            )
        )
    if not box.lists_published:
        findings.append(
            block(
                "MOBILE-1",
                f"流动票箱“{box.name}”的投票选民名单和监票人名单尚未公布，请先张榜公布。",
            )
        )
    minimum = profile.get_int("mobile.min_scrutineers")
    if len(box.scrutineers) < minimum:
        findings.append(
            block(
                "MOBILE-2",
                f"流动票箱“{box.name}”只有{len(box.scrutineers)}名监票人，"
                f"每个流动票箱至少需要{minimum}名，请补足后再出发。",
            )
        )
    return findings


def check_station(profile: Profile, name: str, scrutineers: int) -> list[Finding]:
    """A polling station (or the central venue) short of the profile's minimum number of
    scrutineers per station (BJ art 23, MOBILE-2); none where the profile sets no minimum."""
    minimum = profile.get_optional_int("station.min_scrutineers")
    if minimum is None or scrutineers >= minimum:
        return []
    return [
        block(
            "MOBILE-2",
            f"投票站“{name}”只有{scrutineers}名监票人，每个投票站至少需要{minimum}名，"
            "请补足后再公布。",
        )
    ]


def may_issue(box: MobileBox, voter: str) -> Finding | None:
    """A mobile-box ballot goes only to a voter on the box's published list (MOBILE-1)."""
    if box.lists_published and voter in box.voters:
        return None
    return block(
        "MOBILE-1",
        f"该选民不在流动票箱“{box.name}”已公布的投票名单中，不能在流动票箱领取选票；"
        "请其到投票站投票。",
    )


def reconcile(boxes: Sequence[BallotBox]) -> list[Finding]:
    """Issued and collected ballots, per box and over all boxes."""
    findings = []
    for box in boxes:
        if box.issued < 0 or box.collected < 0:
            raise RuleViolation(
                "VC-TALLY-2", f"票箱“{box.name}”的发出或收回选票数为负数，请核对后重新录入"
            )
        if box.listed is not None and box.issued > box.listed:
            findings.append(
                block(
                    "MOBILE-1",
                    f"流动票箱“{box.name}”发出选票{box.issued}张，多于名单上的{box.listed}名选民，"
                    "请核对发票记录。",
                )
            )
        if box.collected > box.issued:
            findings.append(
                block(
                    "MOBILE-1",
                    f"票箱“{box.name}”收回选票{box.collected}张，多于发出的{box.issued}张，"
                    "请监票人核查该票箱。",
                )
            )
    issued = sum(box.issued for box in boxes)
    collected = sum(box.collected for box in boxes)
    if collected > issued:
        findings.append(
            block(
                "VC-TALLY-2",
                f"全部票箱收回选票合计{collected}张，多于发出的{issued}张，本次投票无效，"
                "应重新投票。",
            )
        )
    return findings
