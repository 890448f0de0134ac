"""Reads of the joint review: each candidate's state (who has cleared them, who has not), the
gate on publishing a candidate list, a reviewer's queue and a township's overview.

A candidate is asked of every department of every round of their campaign; the state comes from
the pure rule (`huanjie.rules.eligibility.joint_review.review_state`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from huanjie.nominations.models import Application, Recruitment, Status
from huanjie.rules.eligibility.joint_review import ReviewState, review_state
from huanjie.rules.eligibility.qualification import Status as QualStatus
from huanjie.rules.eligibility.qualification import VettingStatus
from huanjie.vetting import messages as msg
from huanjie.vetting.models import Department, NegativeListItem, ReviewResult, ReviewRound, Verdict

if TYPE_CHECKING:
    from huanjie.regions.models import Region

Key = tuple[int, int]  # (round id, department id)

QUAL_STATUS = {
    Verdict.CLEARED: QualStatus.ELIGIBLE,
    Verdict.INELIGIBLE: QualStatus.INELIGIBLE,
    Verdict.UNSUITABLE: QualStatus.UNSUITABLE,
}
STATUS_LABELS = {
    VettingStatus.PENDING: "联审中",
    VettingStatus.CLEARED: "联审通过",
    VettingStatus.REJECTED: "联审不通过",
}


@dataclass(frozen=True)
class Slot:
    """One department asked in one round, with what it recorded (None: not yet)."""

    round: ReviewRound
    department: Department
    result: ReviewResult | None

    @property
    def overdue_on(self) -> date | None:
        return self.round.due_on if self.result is None else None


@dataclass
class CandidateReview:
    application: Application
    slots: list[Slot] = field(default_factory=list)

    @property
    def state(self) -> ReviewState[Key]:
        recorded = {
            (s.round.pk, s.department.pk): QUAL_STATUS[Verdict(s.result.verdict)]
            for s in self.slots
            if s.result is not None
        }
        return review_state(((s.round.pk, s.department.pk) for s in self.slots), recorded)

    @property
    def status(self) -> VettingStatus:
        return self.state.status

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def _names(self, keys: Iterable[Key]) -> list[str]:
        wanted = set(keys)
        names = [s.department.name for s in self.slots if (s.round.pk, s.department.pk) in wanted]
        return list(dict.fromkeys(names))

    @property
    def missing(self) -> list[str]:
        return self._names(self.state.missing)

    @property
    def flagged(self) -> list[str]:
        return self._names(self.state.flagged)

    @property
    def rejected(self) -> list[str]:
        return self._names(self.state.rejected)

    @property
    def uncleared(self) -> list[str]:
        return self._names(self.state.uncleared)


def campaign_rounds(campaign_ids: Iterable[int]) -> dict[int, list[ReviewRound]]:
    rounds: dict[int, list[ReviewRound]] = defaultdict(list)
    qs = ReviewRound.objects.filter(campaign_id__in=set(campaign_ids)).prefetch_related(
        Prefetch("departments", queryset=Department.objects.order_by("order", "id"))
    )
    for r in qs.order_by("number"):
        rounds[r.campaign_id].append(r)
    return rounds


def reviews(applications: Iterable[Application]) -> dict[int, CandidateReview]:
    """The review of each application (its recruitment's election's plan loaded): three
    queries whatever their number."""
    apps = list(applications)
    campaign_of = {a.pk: a.recruitment.election.plan.campaign_id for a in apps}
    rounds = campaign_rounds(campaign_of.values())
    results: dict[tuple[int, int, int], ReviewResult] = {}
    qs = ReviewResult.objects.filter(application__in=[a.pk for a in apps]).select_related(
        "item", "recorded_by"
    )
    for r in qs:
        results[r.application_id, r.round_id, r.department_id] = r
    found: dict[int, CandidateReview] = {}
    for a in apps:
        review = CandidateReview(a)
        for rnd in rounds.get(campaign_of[a.pk], []):
            for dept in rnd.departments.all():
                review.slots.append(Slot(rnd, dept, results.get((a.pk, rnd.pk, dept.pk))))
        found[a.pk] = review
    return found


def _with_plan(qs: QuerySet[Application]) -> QuerySet[Application]:
    return qs.select_related(
        "person", "recruitment__election__plan__village", "recruitment__election__plan__campaign"
    )


def candidate_review(application: Application) -> CandidateReview:
    application = _with_plan(Application.objects.filter(pk=application.pk)).get()
    return reviews([application])[application.pk]


def publication_blockers(recruitment: Recruitment) -> list[str]:
    """Why the post's candidate list may not be published yet: a candidate not cleared by every
    department (QUAL-3), each named with the departments; [] when all are cleared."""
    accepted = _with_plan(recruitment.applications.filter(status=Status.ACCEPTED))
    found = reviews(accepted.order_by("id"))
    if not found:
        return []
    if all(not r.slots for r in found.values()):
        return [msg.NOT_REVIEWED_YET]
    post = recruitment.get_post_display()
    said = []
    for review in found.values():
        name = review.application.person.name
        if review.rejected:
            template, departments = msg.REJECTED, review.rejected
        elif review.flagged:
            template, departments = msg.FLAGGED, review.flagged
        elif review.missing:
            template, departments = msg.UNCLEARED, review.missing
        else:
            continue
        said.append(template.format(name=name, post=post, departments="、".join(departments)))
    return said


def candidates_in(villages: QuerySet[Region]) -> QuerySet[Application]:
    """The accepted candidates of the villagers' committee elections of these villages."""
    return _with_plan(
        Application.objects.filter(
            status=Status.ACCEPTED, recruitment__election__plan__village__in=villages
        )
    ).order_by("recruitment__election__plan__village__code", "recruitment_id", "id")


@dataclass(frozen=True)
class QueueRow:
    review: CandidateReview
    slot: Slot
    today: date

    @property
    def application(self) -> Application:
        return self.review.application

    @property
    def overdue(self) -> bool:
        return self.slot.result is None and self.slot.round.due_on < self.today


def department_queue(
    prefix: str, department: Department, *, today: date
) -> tuple[list[QueueRow], list[QueueRow]]:
    """A department's candidates in the county `prefix`: (to review, reviewed). Only rounds
    the department takes part in; the pending ones by deadline."""
    if not prefix:
        return [], []
    qs = _with_plan(
        Application.objects.filter(
            status=Status.ACCEPTED,
            recruitment__election__plan__village__code__startswith=prefix,
            recruitment__election__plan__campaign__review_rounds__departments=department,
        ).distinct()
    ).order_by("recruitment__election__plan__village__code", "id")
    todo: list[QueueRow] = []
    done: list[QueueRow] = []
    for review in reviews(qs).values():
        for slot in review.slots:
            if slot.department.pk != department.pk:
                continue
            (todo if slot.result is None else done).append(QueueRow(review, slot, today))
    todo.sort(key=lambda row: (row.slot.round.due_on, row.slot.round.number))
    return todo, done


@dataclass(frozen=True)
class VillageReviews:
    village: Region
    candidates: list[CandidateReview]

    @property
    def cleared(self) -> int:
        return sum(1 for c in self.candidates if c.status is VettingStatus.CLEARED)


def village_reviews(villages: QuerySet[Region]) -> list[VillageReviews]:
    """The review state of every candidate of these villages, village by village."""
    by_village: dict[int, VillageReviews] = {}
    found = reviews(candidates_in(villages))
    for review in found.values():
        village = review.application.recruitment.election.plan.village
        entry = by_village.setdefault(village.pk, VillageReviews(village, []))
        entry.candidates.append(review)
    return sorted(by_village.values(), key=lambda v: v.village.code)


def negative_list(campaign_id: int) -> list[NegativeListItem]:
    return list(NegativeListItem.objects.filter(campaign_id=campaign_id))
