"""The ballot paper (选票) of an election, and its print run.

One section per post in the election's seats, in the posts' order; under the profile's
`women_seat_mode = separate_section` the women member's section is its own, for women only
(ZJ-E20 art 21(3)). Each section lists the post's published candidates in surname-stroke order
(VC-NOM-6) — a later round's candidates are the ones the system set for it — then one write-in
line per seat (另选他人). The instructions say how to mark and what makes a ballot invalid, as
the profile counts it (VC-TALLY-3, `ballot.overvote_scope`, `ballot.same_person_multi_post_invalid`);
a party organization's ballot follows the party's rules instead (PB-BALLOT-2..5: ○ for, × against,
a write-in only beside a vote against, nothing else marked) and is sealed by the party
organization.

The print run is one copy per voter on the round's register, counted per villager group: no
profile or practice text sets a reserve (备用票), so none is added — the committee writes any
reserve it prints on the form, and the unused ballots after voting, for the archives (VC-TALLY-11).
A party round's run is its should-attend: the voting members on the party roll (PB-QUORUM-2), or
the new committee at its first plenary.

A public document: names only. The caller has passed the village's gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Min

from huanjie.ballots import party_contest
from huanjie.ballots.models import Box
from huanjie.ballots.party import meeting_boxes
from huanjie.ballots.voters import register_for
from huanjie.committees.services.common import profile_of
from huanjie.documents.party_results import organization_name
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.elections.models import Body, Election, Post, Round
from huanjie.nominations.selectors import village_nominations
from huanjie.registration.selectors import active_voters
from huanjie.rules.ordering.strokes import load_stroke_table, sort_by_surname_strokes

if TYPE_CHECKING:
    from django.http import HttpRequest

BODY_WORDS = dict(Body.choices)
POST_ORDER = list(Post.values)
POST_LABELS = dict(Post.choices)


@dataclass(frozen=True)
class Section:
    post: str
    title: str
    seats: int
    note: str
    candidates: list[str]
    write_ins: int

    @property
    def write_in_rows(self) -> range:
        return range(self.write_ins)


@dataclass(frozen=True)
class GroupCount:
    name: str
    voters: int


def _candidates(election: Election) -> dict[str, list[str]]:
    """Each post's names in surname-stroke order: the published candidate list for a first vote
    or a re-vote; for a tie re-vote or a 另行选举, the names the system set for that round."""
    if election.round in (Round.FIRST, Round.REVOTE):
        if election.body != Body.VILLAGERS_COMMITTEE:
            return {}
        view = village_nominations(election.plan.village)
        if view.election is None or view.election.plan_id != election.plan_id:
            return {}
        return {
            p.post: [a.person.name for a in p.candidates]
            for p in view.posts
            if p.recruitment is not None and p.recruitment.list_published_on is not None
        }
    link = getattr(election, "round_link", None)  # ballots' next-step round, when there is one
    chosen: dict[str, list[str]] = dict(getattr(link, "candidates", {}) or {})
    table = load_stroke_table()
    return {post: sort_by_surname_strokes(names, table).items for post, names in chosen.items()}


def sections_of(election: Election) -> list[Section]:
    profile = profile_of(election)
    separate = profile.get_str("women_seat_mode") == "separate_section"
    names = _candidates(election)
    sections = []
    for seat in sorted(election.seats.all(), key=lambda s: POST_ORDER.index(s.post)):
        note = f"选{seat.seats}人，多选作废"
        if seat.post == Post.WOMEN_MEMBER:
            note = (
                f"妇女委员单独选举，只能选女性，选{seat.seats}人"
                if separate
                else f"只能选女性，选{seat.seats}人"
            )
        sections.append(
            Section(
                post=seat.post,
                title=f"{POST_LABELS[seat.post]}（应选{seat.seats}名）",
                seats=seat.seats,
                note=note,
                candidates=names.get(seat.post, []),
                write_ins=seat.seats,
            )
        )
    return sections


def party_instructions(election: Election) -> list[str]:
    """How to mark a party ballot (PB-BALLOT-2..5), in the words of the sample 选举办法."""
    lines = [
        "请用黑色或蓝色钢笔、签字笔填写，字迹清楚，不得涂改。",
        "同意候选人的，在其姓名左边的方格内划“○”；不同意的划“×”；弃权的不划任何符号。",
    ]
    write_in = "不同意某候选人而另选他人的，在“另选他人”栏内写上其姓名"
    if party_contest.profile_of(election).get_bool("pb.writein_requires_mark"):
        write_in += "，并在左边的方格内划“○”，不划的不算同意"
    lines.append(write_in + "；对候选人弃权的，不得另选他人（PB-BALLOT-4）。")
    if party_contest.plenary_root(election) is not None:
        lines.append("另选他人只能选新当选的委员会委员（PB-BALLOT-5）。")
    lines.append("所选人数（含另选他人）多于应选人数的，选票无效（PB-BALLOT-2）。")
    lines.append("选票上除规定的符号外不得作任何标记，否则作废（PB-BALLOT-3）。")
    return lines


def instructions(election: Election) -> list[str]:
    if election.body == Body.PARTY_ORGANIZATION:
        return party_instructions(election)
    profile = profile_of(election)
    scope = profile.get_str("ballot.overvote_scope")
    lines = [
        "请用黑色或蓝色钢笔、签字笔填写，字迹清楚，不得涂改。",
        "同意候选人的，在其姓名左边的方格内划“○”；不划的视为不选。",
        "另选他人的，在“另选他人”栏内写上其姓名，并在左边的方格内划“○”。",
    ]
    if scope == "position_section":
        lines.append(
            "某一职位所选人数多于应选人数的，该职位的选票无效，其他职位仍然有效（VC-TALLY-3）。"
        )
    else:
        lines.append("任一职位所选人数多于应选人数的，整张选票无效（VC-TALLY-3）。")
    if profile.get_bool("ballot.same_person_multi_post_invalid"):
        lines.append("同一人在不同职位被选的，选票无效。")
    else:
        lines.append("同一人在不同职位当选的，只保留其较高的职位（VC-MULTI-1）。")
    lines.append("空白票、无法辨认的选票、撕毁或非正式选票均为无效票（第15号公告所列情形）。")
    return lines


def print_run(election: Election) -> tuple[list[GroupCount], int]:
    """Voters per villager group on the round's register (in the register's order), and the
    total: one ballot each. A party round prints one per member who should attend."""
    if election.body == Body.PARTY_ORGANIZATION:
        plenary = party_contest.plenary_root(election) is not None
        should, _ = party_contest.should_attend(election)
        label = "新当选委员会委员" if plenary else "应到会有表决权的党员"
        return [GroupCount(label, should)], should
    register = register_for(election)
    if register is None:
        return [], 0
    rows = (
        active_voters(register)
        .order_by()
        .values("group_name")
        .annotate(n=Count("id"), first=Min("sort_key"))
        .order_by("first")
    )
    groups = [GroupCount(r["group_name"] or "（未分组）", r["n"]) for r in rows]
    return groups, sum(g.voters for g in groups)


@dataclass(frozen=True)
class BoxRow:
    box: Box
    received: int | None
    issued: int | None
    unused: int | None


def box_rows(election: Election) -> list[BoxRow]:
    """Each box with what the committee recorded (received, unused) and the tally sheet's
    ballots issued: blank cells on the form until they are known."""
    from huanjie.documents.ballot_use import BallotUse, issued_by_box

    uses = {u.box_id: u for u in BallotUse.objects.filter(election=election)}
    issued = issued_by_box(election)
    rows = []
    boxes = Box.objects.filter(village=election.plan.village)
    if election.body == Body.PARTY_ORGANIZATION:
        boxes = meeting_boxes(election)  # no mobile box at a party meeting (PB-RIGHTS-3)
    for box in boxes:
        use = uses.get(box.pk)
        rows.append(
            BoxRow(
                box,
                use.received if use else None,
                issued.get(box.pk),
                use.unused if use else None,
            )
        )
    return rows


def ballot_context(election: Election) -> dict[str, Any]:
    village = election.plan.village
    groups, total = print_run(election)
    heading = f"{village.name}{BODY_WORDS[election.body]}选举选票"
    if election.body == Body.PARTY_ORGANIZATION:  # 东坑村党支部委员会, not 东坑村村党组织
        plenary = party_contest.plenary_root(election) is not None
        heading = f"{organization_name(election)}{'书记、副书记' if plenary else '委员会'}选举选票"
    return {
        "title": heading,
        "author": village.name,
        "village": village,
        "election": election,
        "heading": heading,
        "sub": (
            f"{election.plan.campaign.term_start_year}年换届 · {election.get_round_display()}"
            + (f" · {election.election_day:%Y年%-m月%-d日}" if election.election_day else "")
        ),
        "sections": sections_of(election),
        "instructions": instructions(election),
        "groups": groups,
        "total": total,
        "boxes": box_rows(election),
        **_issuer(election),
    }


def _issuer(election: Election) -> dict[str, str]:
    """Who seals the ballot and signs its print run: the party organization for its own
    election, otherwise the village election committee."""
    village = election.plan.village
    if election.body == Body.PARTY_ORGANIZATION:
        return {"issuer": organization_name(election), "seal": "党组织印章", "party": "1"}
    return {"issuer": f"{village.name}村民选举委员会", "seal": "选委会印章", "party": ""}


def ballot_paper_document(
    election: Election, *, request: HttpRequest | None = None, extra: dict[str, Any] | None = None
) -> PrintedDocument:
    context = {**ballot_context(election), **(extra or {})}
    return render_document("documents/ballot_paper.html", context, request=request)
