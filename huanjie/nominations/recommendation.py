"""Recommendation rounds of a post (两推 / 三推, SEED-3T2S1X): opening a round's meeting, its
tally entered once, the speech order drawn by lot, 两述 statements and questions, and the
胜任指数 assessments — writes with their audit entry in one transaction, and the reads the page,
the CLI and the API share.

The engine counts (`huanjie.rules.party.recommendation`); people are keyed by their
application's id. The first tallied round gives the provisional candidates (初步人选 /
预备人选); the township committee's round gives the formal ones, which are accepted as
candidates of the post — the same acceptance as on the nominations page, so the slate, the
joint review and the list's publication see them.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.committees.services.common import profile_of
from huanjie.elections.models import Body, Post
from huanjie.nominations.models import (
    LIVE,
    Application,
    CompetencyAssessment,
    CompetencyItem,
    Question,
    RecommendationRound,
    Recruitment,
    RoundVote,
    Statement,
    Status,
)
from huanjie.nominations.selectors import village_nominations
from huanjie.nominations.services import _open_recruitment, application_accept
from huanjie.regions.models import Level, Region
from huanjie.rules.errors import RuleViolation
from huanjie.rules.party import recommendation as rules
from huanjie.rules.party.gtzx import draw_speech_order

if TYPE_CHECKING:
    from huanjie.accounts.models import User

OPEN = AuditAction("recommendation.open", "登记推荐会议")
TALLY = AuditAction("recommendation.tally", "登记推荐计票结果")
DRAW = AuditAction("recommendation.draw", "抽签确定发言顺序")
STATEMENT = AuditAction("recommendation.statement", "登记陈述")
QUESTION = AuditAction("recommendation.question", "登记提问和回答")
ASSESS = AuditAction("recommendation.assess", "登记户代表胜任指数测评")

# SEED-GTZX-1 (seed 002): non-member representatives at most 3/10 of the members. Profiles
# carry it as `gtzx.nonmember_rep_share_max` only for 公推直选 (GTZX); a village's 两推 / 三推
# under another profile uses the same figure as the engine's default [I].
DEFAULT_NONMEMBER_SHARE = Fraction(3, 10)
NONMEMBER_PARAM = "gtzx.nonmember_rep_share_max"

# The 胜任指数 items a county starts from until its administrator sets its own (seed 001:
# "政治强、敢担当、能带富、善治理、口碑好"), equal weights, 10 points each.
DEFAULT_ITEMS = tuple(
    rules.CompetencyItem(key=name, name=name, weight=20, full_mark=10)
    for name in ("政治强", "敢担当", "能带富", "善治理", "口碑好")
)


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _village(recruitment: Recruitment) -> Region:
    return recruitment.election.plan.village


def nonmember_share(recruitment: Recruitment) -> Fraction:
    profile = profile_of(recruitment.election)
    if profile.has(NONMEMBER_PARAM):
        return profile.get_fraction(NONMEMBER_PARAM)
    return DEFAULT_NONMEMBER_SHARE


def county_of(region: Region) -> Region | None:
    place: Region | None = region
    while place is not None and place.level != Level.COUNTY:
        place = place.parent
    return place


def competency_items(village: Region) -> tuple[rules.CompetencyItem, ...]:
    """The county's items (admin-edited), or the seed's five when it has set none."""
    county = county_of(village)
    rows = list(CompetencyItem.objects.filter(county=county)) if county else []
    if not rows:
        return DEFAULT_ITEMS
    return tuple(rules.CompetencyItem(r.name, r.name, r.weight, r.full_mark) for r in rows)


# Reads ------------------------------------------------------------------------------------------

# The bodies whose posts hold recommendation rounds, in domain.md §2's order: the party
# organization's (its 两推 / 三推) first, then the villagers' committee's.
BODIES = (Body.PARTY_ORGANIZATION, Body.VILLAGERS_COMMITTEE)


def post_label(body: str, post: str) -> str:
    """The post with its body's name (村党组织委员, 村民委员会委员): both bodies have 委员."""
    return f"{Body(body).label}{Post(post).label}"


@dataclass(frozen=True)
class BodyRecruitments:
    body: str
    label: str
    posts: list[str]  # the election's posts (its seats)
    recruitments: list[Recruitment]  # the 招贤榜 of those posts published so far, in that order


def body_recruitments(village: Region) -> list[BodyRecruitments]:
    """Each body that has an election in the village's round, with its posts' 招贤榜."""
    found = []
    for body in BODIES:
        view = village_nominations(village, body)
        if view.election is not None:
            published = [p.recruitment for p in view.posts if p.recruitment is not None]
            seats = [p.post for p in view.posts]
            found.append(BodyRecruitments(body, Body(body).label, seats, published))
    return found


@dataclass(frozen=True)
class Standing:
    application: Application
    votes: int | None
    share: Fraction | None
    supported: bool
    advances: bool

    @property
    def percent(self) -> str:
        """The share of the ballots collected, as 86.4%."""
        return "" if self.share is None else f"{float(self.share) * 100:.1f}%"


@dataclass(frozen=True)
class RoundView:
    round: RecommendationRound
    candidates: list[Application]
    count: rules.RoundCount | None
    standings: list[Standing]
    speakers: list[Application]  # in the drawn order
    statements: list[Statement]

    @property
    def advancing(self) -> list[Application]:
        return [s.application for s in self.standings if s.advances]

    @property
    def formal(self) -> bool:
        return rules.RoundKind(self.round.kind) in rules.FORMAL_ROUNDS


def _live(recruitment: Recruitment) -> list[Application]:
    return list(
        recruitment.applications.filter(status__in=LIVE)
        .select_related("person")
        .order_by("filed_on", "id")
    )


def _rounds(recruitment: Recruitment) -> list[RecommendationRound]:
    return list(recruitment.recommendation_rounds.prefetch_related("votes").order_by("id"))


def _count(rnd: RecommendationRound, candidates: Sequence[Application]) -> rules.RoundCount | None:
    if not rnd.tallied:
        return None
    assert rnd.ballots is not None and rnd.void_ballots is not None and rnd.places is not None
    votes = {str(v.application_id): v.votes for v in rnd.votes.all()}
    kind = rules.RoundKind(rnd.kind)
    return rules.count_round(
        rules.Tally(rnd.eligible, rnd.present, rnd.ballots, rnd.void_ballots, votes, rnd.places),
        kind,
        provisional=len(candidates) if kind is rules.RoundKind.TOWNSHIP_VOTE else None,
    )


def round_views(recruitment: Recruitment) -> list[RoundView]:
    """Every round of the post in order, each with who stood, the count and the draw."""
    live = _live(recruitment)
    by_id = {a.pk: a for a in live}
    views: list[RoundView] = []
    previous: list[Application] | None = None
    for rnd in _rounds(recruitment):
        kind = rules.RoundKind(rnd.kind)
        follows = kind in rules.TOWNSHIP_ROUNDS or kind is rules.RoundKind.MEMBERS_MEETING
        candidates = previous if follows and previous is not None else live
        count = _count(rnd, candidates)
        by_key = {p.key: p for p in count.ranked} if count else {}
        standings = []
        for app in candidates:
            ranked = by_key.get(str(app.pk))
            standings.append(
                Standing(
                    application=app,
                    votes=ranked.votes if ranked else None,
                    share=ranked.share if ranked else None,
                    supported=bool(ranked and ranked.supported),
                    advances=bool(ranked and ranked.advances),
                )
            )
        standings.sort(key=lambda s: (-(s.votes or 0), s.application.pk))
        speakers = [by_id[int(k)] for k in rnd.draw_order if int(k) in by_id]
        statements = list(
            rnd.statements.select_related("application__person")
            .prefetch_related("questions")
            .order_by("application_id", "kind")
        )
        view = RoundView(rnd, candidates, count, standings, speakers, statements)
        views.append(view)
        if kind is rules.RoundKind.INITIAL_NOMINATION:
            previous = live
        elif count is not None:
            previous = view.advancing
    return views


def round_view(rnd: RecommendationRound) -> RoundView:
    return next(v for v in round_views(rnd.recruitment) if v.round.pk == rnd.pk)


@dataclass(frozen=True)
class CompetencyRow:
    application: Application
    summary: rules.CompetencySummary


def competency_rows(recruitment: Recruitment) -> list[CompetencyRow]:
    items = competency_items(_village(recruitment))
    rows = []
    for app in _live(recruitment):
        sheets = [a.scores for a in app.competency_assessments.all()]
        rows.append(CompetencyRow(app, rules.competency_summary(items, sheets)))
    rows.sort(key=lambda r: (-r.summary.index, r.application.pk))
    return rows


# Writes -----------------------------------------------------------------------------------------


def _violation(error: RuleViolation) -> ValidationError:
    return _refuse(f"{error.message}（{error.rule_id}）", error.rule_id)


@transaction.atomic
def round_open(
    *,
    recruitment: Recruitment,
    procedure: str,
    kind: str,
    held_on: date,
    place: str,
    meeting: str,
    eligible: int,
    members_present: int,
    nonmember_representatives: int,
    acting_user: User | None,
) -> RecommendationRound:
    """Record a round's meeting: in the procedure's order, one procedure per post, the
    non-member representatives within the share (SEED-GTZX-1), none at a township round."""
    recruitment = Recruitment.objects.select_for_update().get(pk=recruitment.pk)
    _open_recruitment(recruitment)
    rounds = _rounds(recruitment)
    if rounds and rounds[0].procedure != procedure:
        raise _refuse(
            f"本职位已按“{rounds[0].get_procedure_display()}”推荐；同一职位只能用一种推荐方式。",
            "procedure",
        )
    if rounds and not rounds[-1].tallied and rounds[-1].kind not in rules.NO_TALLY_ROUNDS:
        raise _refuse(
            f"“{rounds[-1].get_kind_display()}”还没有登记计票结果；请先登记，再召开下一轮。",
            "untallied",
        )
    if rounds and held_on < rounds[-1].held_on:
        raise _refuse(
            f"会议日期{held_on:%Y-%m-%d}早于上一轮“{rounds[-1].get_kind_display()}”"
            f"（{rounds[-1].held_on:%Y-%m-%d}）；请按推荐顺序核对日期。",
            "held_on",
        )
    rule_kind = rules.RoundKind(kind)
    try:
        rules.round_order_check(
            rules.Procedure(procedure), [rules.RoundKind(r.kind) for r in rounds], rule_kind
        )
        if rule_kind in rules.TOWNSHIP_ROUNDS and nonmember_representatives:
            raise RuleViolation(
                "SEED-3T2S1X", "乡镇党委会议只由党委委员参加，非党员代表人数应为0；请改正。"
            )
        if rule_kind is rules.RoundKind.MEMBERS_MEETING and nonmember_representatives:
            raise RuleViolation(
                "SEED-3T2S1X", "党员大会只由党员参加，非党员代表人数应为0；请改正。"
            )
        rules.check_participants(
            members_present, nonmember_representatives, nonmember_share(recruitment)
        )
    except RuleViolation as error:
        raise _violation(error) from error
    if members_present + nonmember_representatives > eligible:
        raise _refuse(
            f"实到{members_present + nonmember_representatives}人多于应到{eligible}人；请核对。",
            "present",
        )
    rnd = RecommendationRound.objects.create(
        recruitment=recruitment,
        procedure=procedure,
        kind=kind,
        held_on=held_on,
        place=place,
        meeting=meeting,
        eligible=eligible,
        members_present=members_present,
        nonmember_representatives=nonmember_representatives,
    )
    record_audit(
        actor=acting_user,
        action=OPEN,
        target=rnd,
        after={
            "kind": kind,
            "held_on": held_on,
            "place": place,
            "eligible": eligible,
            "members_present": members_present,
            "nonmember_representatives": nonmember_representatives,
        },
        village=_village(recruitment),
    )
    return rnd


@transaction.atomic
def tally_record(
    *,
    rnd: RecommendationRound,
    ballots: int,
    void_ballots: int,
    places: int,
    votes: Mapping[int, int],
    acting_user: User | None,
) -> RoundView:
    """Enter a round's tally once: ballots, void ballots, places and each person's votes. The
    engine counts; a formal round's winners become the post's candidates when nothing blocks."""
    rnd = RecommendationRound.objects.select_for_update().get(pk=rnd.pk)
    _open_recruitment(rnd.recruitment)
    if rnd.kind == rules.RoundKind.INITIAL_NOMINATION:
        raise _refuse("初始提名推荐就是报名本身，不投票计票；请在下一轮登记计票结果。", "no_tally")
    if rnd.kind == rules.RoundKind.MEMBERS_MEETING:
        raise _refuse("党员大会竞职陈述不计票；正式候选人由党员大会选举产生。", "no_tally")
    if rnd.tallied:
        raise _refuse(
            f"“{rnd.get_kind_display()}”的计票结果已于{timezone.localtime(rnd.tallied_at):%Y-%m-%d %H:%M}"
            "登记，每轮只登记一次。",
            "tallied",
        )
    view = round_view(rnd)
    expected = {a.pk for a in view.candidates}
    if set(votes) != expected:
        names = "、".join(a.person.name for a in view.candidates) or "（无）"
        raise _refuse(f"请为本轮每一位人选填写得票（本轮人选：{names}），不要多填或漏填。", "votes")
    tally = rules.Tally(
        rnd.eligible,
        rnd.present,
        ballots,
        void_ballots,
        {str(k): v for k, v in votes.items()},
        places,
    )
    kind = rules.RoundKind(rnd.kind)
    try:
        count = rules.count_round(
            tally,
            kind,
            provisional=len(view.candidates) if kind is rules.RoundKind.TOWNSHIP_VOTE else None,
        )
    except RuleViolation as error:
        raise _violation(error) from error
    RoundVote.objects.bulk_create(
        RoundVote(round=rnd, application_id=k, votes=v) for k, v in votes.items()
    )
    rnd.ballots, rnd.void_ballots, rnd.places = ballots, void_ballots, places
    rnd.tallied_at = timezone.now()
    rnd.save(update_fields=["ballots", "void_ballots", "places", "tallied_at"])
    record_audit(
        actor=acting_user,
        action=TALLY,
        target=rnd,
        after={
            "ballots": ballots,
            "void_ballots": void_ballots,
            "places": places,
            "votes": {str(k): v for k, v in votes.items()},
            "advancing": list(count.advancing),
        },
        village=_village(rnd.recruitment),
    )
    if kind in rules.FORMAL_ROUNDS and not any(f.blocking for f in count.findings):
        for app in Application.objects.filter(pk__in=[int(k) for k in count.advancing]):
            if app.status == Status.FILED:
                application_accept(application=app, on=rnd.held_on, acting_user=acting_user)
    return round_view(rnd)


@transaction.atomic
def speech_draw(
    *, rnd: RecommendationRound, seed: int | None, acting_user: User | None
) -> RecommendationRound:
    """Draw the speech order by lot; the seed is kept so anyone can replay it (SEED-GTZX-1)."""
    rnd = RecommendationRound.objects.select_for_update().get(pk=rnd.pk)
    if rnd.draw_seed is not None:
        raise _refuse(
            f"本轮已抽签（种子{rnd.draw_seed}），抽签结果不能重抽；如需核对，请用种子重放。",
            "drawn",
        )
    if rnd.kind in rules.TOWNSHIP_ROUNDS:
        raise _refuse("乡镇党委会议不安排人选陈述，无需抽签。", "township")
    candidates = round_view(rnd).candidates
    if not candidates:
        raise _refuse("本轮还没有人选，无法抽签；请先受理报名。", "nobody")
    chosen = seed if seed is not None else secrets.randbelow(2**31)
    draw = draw_speech_order([str(a.pk) for a in candidates], chosen)
    rnd.draw_seed, rnd.draw_order, rnd.drawn_at = chosen, list(draw.order), timezone.now()
    rnd.save(update_fields=["draw_seed", "draw_order", "drawn_at"])
    names = {str(a.pk): a.person.name for a in candidates}
    record_audit(
        actor=acting_user,
        action=DRAW,
        target=rnd,
        after={"seed": chosen, "order": [names[k] for k in draw.order]},
        village=_village(rnd.recruitment),
    )
    return rnd


def replay_draw(rnd: RecommendationRound) -> bool:
    """Whether the kept seed reproduces the kept order."""
    if rnd.draw_seed is None:
        return False
    return list(draw_speech_order(rnd.draw_order, rnd.draw_seed).order) == list(rnd.draw_order)


@transaction.atomic
def statement_record(
    *,
    rnd: RecommendationRound,
    application: Application,
    kind: str,
    summary: str,
    acting_user: User | None,
) -> Statement:
    """两述: a person's statement (述职 / 竞职陈述) at this round's meeting."""
    if rnd.kind in rules.TOWNSHIP_ROUNDS:
        raise _refuse("陈述在党员群众会议上进行；乡镇党委会议不登记陈述。", "township")
    if application.pk not in {a.pk for a in round_view(rnd).candidates}:
        raise _refuse(f"{application.person.name}不是本轮人选，不能登记陈述。", "not_candidate")
    if Statement.objects.filter(round=rnd, application=application, kind=kind).exists():
        raise _refuse(f"{application.person.name}在本轮的这项陈述已经登记。", "duplicate")
    statement = Statement.objects.create(
        round=rnd, application=application, kind=kind, summary=summary
    )
    record_audit(
        actor=acting_user,
        action=STATEMENT,
        target=statement,
        after={"person": application.person.name, "kind": kind, "summary": summary},
        village=_village(rnd.recruitment),
    )
    return statement


@transaction.atomic
def question_record(
    *, statement: Statement, asked_by: str, question: str, answer: str, acting_user: User | None
) -> Question:
    row = Question.objects.create(
        statement=statement, asked_by=asked_by, question=question, answer=answer
    )
    record_audit(
        actor=acting_user,
        action=QUESTION,
        target=row,
        after={"asked_by": asked_by, "question": question, "answer": answer},
        village=_village(statement.round.recruitment),
    )
    return row


@transaction.atomic
def assessment_record(
    *,
    application: Application,
    household: str,
    assessed_on: date,
    scores: Mapping[str, int],
    acting_user: User | None,
) -> CompetencyAssessment:
    """One household representative's 胜任指数 sheet for one applicant, checked by the engine."""
    recruitment = application.recruitment
    _open_recruitment(recruitment)
    if application.status not in LIVE:
        raise _refuse(f"{application.person.name}已退出，不再测评。", "withdrawn")
    items = competency_items(_village(recruitment))
    try:
        rules.competency_summary(items, [scores])
    except RuleViolation as error:
        raise _violation(error) from error
    if CompetencyAssessment.objects.filter(application=application, household=household).exists():
        raise _refuse(
            f"户代表{household}已测评过{application.person.name}，每户只测评一次。", "duplicate"
        )
    sheet = {i.key: scores[i.key] for i in items}
    row = CompetencyAssessment.objects.create(
        application=application, household=household, assessed_on=assessed_on, scores=sheet
    )
    record_audit(
        actor=acting_user,
        action=ASSESS,
        target=row,
        after={"person": application.person.name, "household": household, "scores": sheet},
        village=_village(recruitment),
    )
    return row


ITEM_SAVE = AuditAction("recommendation.item_save", "修改胜任指数测评项目")
ITEM_DELETE = AuditAction("recommendation.item_delete", "删除胜任指数测评项目")


def _item_snapshot(item: CompetencyItem) -> dict[str, object]:
    return {
        "county": item.county.name,
        "name": item.name,
        "weight": item.weight,
        "full_mark": item.full_mark,
        "position": item.position,
    }


@transaction.atomic
def competency_item_save(*, item: CompetencyItem, acting_user: User) -> CompetencyItem:
    """A county's 胜任指数 item added or changed (in the admin), audited. Sheets already entered
    keep their scores; an item they lack makes the summary ask for the missing score."""
    if item.county.level != Level.COUNTY:
        raise _refuse("胜任指数测评项目按县设置；请选择一个县（市、区）。", "county")
    before = None
    if item.pk is not None:
        before = _item_snapshot(CompetencyItem.objects.select_related("county").get(pk=item.pk))
    item.save()
    record_audit(
        actor=acting_user,
        action=ITEM_SAVE,
        target=item,
        before=before,
        after=_item_snapshot(item),
        region=item.county,
    )
    return item


@transaction.atomic
def competency_item_delete(*, item: CompetencyItem, acting_user: User) -> None:
    record_audit(
        actor=acting_user,
        action=ITEM_DELETE,
        target=item,
        before=_item_snapshot(item),
        region=item.county,
    )
    item.delete()
