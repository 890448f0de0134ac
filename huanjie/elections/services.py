"""Writes to elections (one per body and village in a campaign) and office holders."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.campaigns.models import CampaignStatus, VillagePlan
from huanjie.elections import messages as msg
from huanjie.elections.models import (
    Body,
    Election,
    ElectionSeat,
    ElectionStatus,
    Method,
    OfficeHolder,
    Post,
)
from huanjie.people.models import Person
from huanjie.regions.models import Region
from huanjie.rules.bodies.composition import check_board_size, check_vc_size
from huanjie.rules.checks import Finding
from huanjie.rules.profiles.profile import load_profile

if TYPE_CHECKING:
    from huanjie.accounts.models import User

ELECTION_CREATE = AuditAction("election.create", "建立选举")
OFFICE_HOLDER_RECORD = AuditAction("election.office_holder_record", "登记任职")

METHODS: dict[str, tuple[str, ...]] = {
    Body.PARTY_ORGANIZATION: (
        Method.TWO_RECOMMENDATIONS,
        Method.THREE_RECOMMENDATIONS,
        Method.DIRECT_PARTY,
    ),
    Body.VILLAGERS_COMMITTEE: (Method.WITH_CANDIDATES, Method.SELF_NOMINATION),
    Body.SUPERVISION_COMMITTEE: (Method.ASSEMBLY, Method.WITH_CANDIDATES),
    Body.COOPERATIVE_BOARD: (Method.ASSEMBLY, Method.WITH_CANDIDATES),
    Body.COOPERATIVE_SUPERVISORS: (Method.ASSEMBLY, Method.WITH_CANDIDATES),
}
POSTS: dict[str, tuple[str, ...]] = {
    Body.PARTY_ORGANIZATION: (Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.MEMBER),
    Body.VILLAGERS_COMMITTEE: (Post.CHAIR, Post.VICE_CHAIR, Post.MEMBER, Post.WOMEN_MEMBER),
    Body.SUPERVISION_COMMITTEE: (Post.CHAIR, Post.VICE_CHAIR, Post.MEMBER),
    Body.COOPERATIVE_BOARD: (Post.CHAIR, Post.VICE_CHAIR, Post.MEMBER),
    Body.COOPERATIVE_SUPERVISORS: (Post.CHAIR, Post.MEMBER),
}
SINGLE_POSTS = frozenset({Post.CHAIR, Post.SECRETARY})


def _labels(choices: type[Body] | type[Method] | type[Post], values: tuple[str, ...]) -> str:
    return "、".join(str(choices(v).label) for v in values)


def _check_seats(body: str, seats: Mapping[str, int]) -> None:
    body_label = Body(body).label
    if not seats:
        raise ValidationError(msg.SEATS_EMPTY, code="seats")
    for post, n in seats.items():
        if post not in POSTS[body]:
            raise ValidationError(
                msg.POST_NOT_FOR_BODY.format(
                    body=body_label,
                    post=Post(post).label if post in Post.values else post,
                    choices=_labels(Post, POSTS[body]),
                ),
                code="post",
            )
        if not isinstance(n, int) or n < 1:
            raise ValidationError(
                msg.SEATS_NOT_POSITIVE.format(post=Post(post).label, seats=n), code="seats"
            )
        if post in SINGLE_POSTS and n != 1:
            raise ValidationError(
                msg.SINGLE_POST.format(post=Post(post).label, seats=n), code="seats"
            )


def _check_size(plan: VillagePlan, body: str, total: int) -> None:
    """VC-ORG-1 (VC size) and CEO-4 (board size), with the bounds of the campaign's profile."""
    profile = load_profile(plan.campaign.profile_id)
    findings: list[Finding] = []
    if body == Body.VILLAGERS_COMMITTEE:
        findings = check_vc_size(total, profile)
    elif body == Body.COOPERATIVE_BOARD:
        findings = check_board_size(total, profile)
    blocking = [f for f in findings if f.blocking]
    if blocking:
        raise ValidationError(
            [msg.BLOCKED_BY_RULE.format(message=f.message, rule_id=f.rule_id) for f in blocking],
            code="size",
        )


@transaction.atomic
def election_create(
    *,
    plan: VillagePlan,
    body: str,
    method: str,
    seats: Mapping[str, int],
    election_day: date | None,
    acting_user: User | None,
) -> Election:
    """The first-round election of one body in a village's plan, with its seats by post."""
    plan = VillagePlan.objects.select_related("campaign", "village").get(pk=plan.pk)
    if plan.campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(msg.PLAN_CLOSED.format(name=plan.campaign.name), code="closed")
    if body not in Body.values:
        raise ValidationError(msg.BODY_UNKNOWN.format(body=body), code="body")
    if method not in METHODS[body]:
        raise ValidationError(
            msg.METHOD_NOT_FOR_BODY.format(
                body=Body(body).label,
                method=Method(method).label if method in Method.values else method,
                choices=_labels(Method, METHODS[body]),
            ),
            code="method",
        )
    _check_seats(body, seats)
    _check_size(plan, body, sum(seats.values()))
    campaign = plan.campaign
    if (
        election_day is not None
        and not campaign.window_start <= election_day <= campaign.window_end
    ):
        raise ValidationError(
            msg.DAY_OUTSIDE_WINDOW.format(
                day=election_day, start=campaign.window_start, end=campaign.window_end
            ),
            code="election_day",
        )
    if Election.objects.filter(plan=plan, body=body).exists():
        raise ValidationError(
            msg.ELECTION_EXISTS.format(village=plan.village.name, body=Body(body).label),
            code="exists",
        )
    # A fixed day is what 已确定选举日 means; without one the election is still 筹备中.
    status = ElectionStatus.PLANNED if election_day is None else ElectionStatus.SCHEDULED
    election = Election.objects.create(
        plan=plan, body=body, method=method, election_day=election_day, status=status
    )
    ElectionSeat.objects.bulk_create(
        [ElectionSeat(election=election, post=post, seats=n) for post, n in seats.items()]
    )
    record_audit(
        actor=acting_user,
        action=ELECTION_CREATE,
        target=election,
        after={**snapshot(election), "seats": dict(seats)},
        village=plan.village,
    )
    return election


@transaction.atomic
def office_holder_record(
    *,
    village: Region,
    body: str,
    post: str,
    person: Person,
    term_start: date,
    term_end: date,
    election: Election | None = None,
    acting_user: User | None,
) -> OfficeHolder:
    """Who holds a post: the outgoing committee, or a winner once the result stands."""
    if body not in Body.values:
        raise ValidationError(msg.BODY_UNKNOWN.format(body=body), code="body")
    _check_seats(body, {post: 1})
    if person.village_id != village.pk:
        raise ValidationError(
            msg.PERSON_OTHER_VILLAGE.format(name=person.name, village=village.name),
            code="person",
        )
    if term_start >= term_end:
        raise ValidationError(msg.TERM_ORDER.format(start=term_start, end=term_end), code="term")
    if election is not None and (election.plan.village_id != village.pk or election.body != body):
        raise ValidationError(
            msg.ELECTION_MISMATCH.format(village=village.name, body=Body(body).label),
            code="election",
        )
    if OfficeHolder.objects.filter(
        village=village, body=body, person=person, term_start=term_start
    ).exists():
        raise ValidationError(
            msg.OFFICE_EXISTS.format(name=person.name, body=Body(body).label, start=term_start),
            code="exists",
        )
    holder = OfficeHolder.objects.create(
        village=village,
        body=body,
        post=post,
        person=person,
        term_start=term_start,
        term_end=term_end,
        election=election,
    )
    record_audit(
        actor=acting_user,
        action=OFFICE_HOLDER_RECORD,
        target=holder,
        after=snapshot(holder),
        village=village,
    )
    return holder
