"""Writes of the joint review, each with its audit entry in the same transaction: the campaign's
negative list copied from the profile's `qual.list` (SEED-QUAL), a review round opened with its
departments and deadline, and one department's result for one candidate. A refusal changes
nothing."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.campaigns.models import Campaign, CampaignStatus
from huanjie.nominations.models import Application, Status
from huanjie.people.files import keep_private
from huanjie.rules.eligibility.joint_review import finding_verdict
from huanjie.rules.eligibility.qualification import Outcome, load_list
from huanjie.rules.eligibility.qualification import Status as QualStatus
from huanjie.rules.profiles.profile import load_profile
from huanjie.vetting import messages as msg
from huanjie.vetting.models import (
    Department,
    NegativeListItem,
    ReviewResult,
    ReviewRound,
    Verdict,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from huanjie.accounts.models import User

LIST_SEED = AuditAction("vetting.negative_list", "设置联审负面清单")
ROUND_OPEN = AuditAction("vetting.round", "开设联审轮次")
RESULT = AuditAction("vetting.result", "登记联审结果")
DEPARTMENT = AuditAction("vetting.department", "调整联审部门")

VERDICT_OF = {
    QualStatus.ELIGIBLE: Verdict.CLEARED,
    QualStatus.INELIGIBLE: Verdict.INELIGIBLE,
    QualStatus.UNSUITABLE: Verdict.UNSUITABLE,
}


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _open_campaign(campaign: Campaign) -> None:
    if campaign.status == CampaignStatus.CLOSED:
        raise _refuse(msg.CAMPAIGN_CLOSED.format(campaign=campaign.name), "closed")


@transaction.atomic
def department_add(*, name: str, acting_user: User | None) -> Department:
    """A new reviewing department, listed last."""
    name = name.strip()
    if not name or len(name) > 32:
        raise _refuse(msg.DEPARTMENT_NAME, "name")
    if Department.objects.filter(name=name).exists():
        raise _refuse(msg.DEPARTMENT_EXISTS.format(department=name), "exists")
    last = Department.objects.order_by("-order").values_list("order", flat=True).first() or 0
    department = Department.objects.create(name=name, order=last + 1)
    record_audit(actor=acting_user, action=DEPARTMENT, target=department, after={"name": name})
    return department


@transaction.atomic
def department_activate(
    *, department: Department, active: bool, acting_user: User | None
) -> Department:
    """Retire a department from new rounds (its results stay), or bring it back."""
    before = {"active": department.active}
    department.active = active
    department.save(update_fields=["active"])
    record_audit(
        actor=acting_user,
        action=DEPARTMENT,
        target=department,
        before=before,
        after={"active": active},
    )
    return department


@transaction.atomic
def negative_list_seed(*, campaign: Campaign, acting_user: User | None) -> list[NegativeListItem]:
    """The campaign's negative list from its profile's `qual.list` data file (QUAL-4..7), once:
    a list already set (and perhaps extended by the county) is kept as it is."""
    existing = list(NegativeListItem.objects.filter(campaign=campaign))
    if existing:
        return existing
    list_id = load_profile(campaign.profile_id).get_str("qual.list")
    data = load_list(list_id)
    items = NegativeListItem.objects.bulk_create(
        NegativeListItem(
            campaign=campaign,
            code=item.id,
            no=item.no,
            text=item.text,
            outcome=item.outcome.value,
            window_years=item.window_years,
            rule_id=data.rule_id,
            source=item.source[:200],
            order=n,
        )
        for n, item in enumerate(data.items, start=1)
    )
    record_audit(
        actor=acting_user,
        action=LIST_SEED,
        target=campaign,
        after={"list": list_id, "title": data.title, "items": len(items)},
        region=campaign.region,
        target_repr=f"{campaign.name}联审负面清单（{data.title}）",
    )
    return list(NegativeListItem.objects.filter(campaign=campaign))


@transaction.atomic
def round_open(
    *,
    campaign: Campaign,
    title: str,
    opens_on: date,
    due_on: date,
    departments: Sequence[Department],
    acting_user: User | None,
) -> ReviewRound:
    """Open the campaign's next review round for these departments, due by `due_on`; the
    negative list is set from the profile first if the campaign has none yet."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _open_campaign(campaign)
    chosen = list(dict.fromkeys(departments))
    faults = []
    if not chosen:
        faults.append(msg.NO_DEPARTMENTS)
    faults += [msg.DEPARTMENT_INACTIVE.format(department=d.name) for d in chosen if not d.active]
    if due_on < opens_on:
        faults.append(msg.ROUND_DATES.format(due=due_on, opens=opens_on))
    if opens_on < campaign.window_start or due_on > campaign.window_end:
        faults.append(
            msg.ROUND_OUTSIDE_CAMPAIGN.format(start=campaign.window_start, end=campaign.window_end)
        )
    if faults:
        raise ValidationError([ValidationError(m, code="refused") for m in faults])
    negative_list_seed(campaign=campaign, acting_user=acting_user)
    number = ReviewRound.objects.filter(campaign=campaign).count() + 1
    review_round = ReviewRound.objects.create(
        campaign=campaign,
        number=number,
        title=title.strip() or "县级联审",
        opens_on=opens_on,
        due_on=due_on,
    )
    review_round.departments.set(chosen)
    record_audit(
        actor=acting_user,
        action=ROUND_OPEN,
        target=review_round,
        after={
            "number": number,
            "title": review_round.title,
            "opens_on": opens_on,
            "due_on": due_on,
            "departments": [d.name for d in chosen],
        },
        region=campaign.region,
        target_repr=f"{campaign.name}第{number}轮{review_round.title}",
    )
    return review_round


def _snapshot(result: ReviewResult) -> dict[str, object]:
    return {
        "verdict": result.verdict,
        "item": result.item.text if result.item else None,
        "event_date": result.event_date,
        "note": result.note,
        "attachment": result.attachment.name or None,
        "recorded_on": result.recorded_on,
    }


ATTACHMENT_TYPES = (".pdf", ".jpg", ".jpeg", ".png")
ATTACHMENT_MAX = 10 * 1024 * 1024


def attachment_fault(upload: UploadedFile) -> str | None:
    """Why an attachment is not taken: only PDF and images, at most 10 MB."""
    if PurePath(upload.name or "").suffix.lower() not in ATTACHMENT_TYPES:
        return msg.ATTACHMENT_TYPE
    if (upload.size or 0) > ATTACHMENT_MAX:
        return msg.ATTACHMENT_SIZE
    return None


def _check_candidate(
    review_round: ReviewRound, application: Application, department: Department, on: date
) -> list[str]:
    name = application.person.name
    plan = application.recruitment.election.plan
    faults = []
    if plan.campaign_id != review_round.campaign_id:
        faults.append(msg.NOT_IN_CAMPAIGN.format(name=name, round=review_round))
    if application.status != Status.ACCEPTED:
        faults.append(
            msg.NOT_A_CANDIDATE.format(name=name, status=application.get_status_display())
        )
    if not review_round.departments.filter(pk=department.pk).exists():
        faults.append(msg.NOT_IN_ROUND.format(department=department.name, round=review_round))
    if on < review_round.opens_on:
        faults.append(
            msg.ROUND_NOT_OPEN.format(round=review_round, opens=review_round.opens_on, on=on)
        )
    if application.accepted_on is not None and on < application.accepted_on:
        faults.append(
            msg.RESULT_BEFORE_CANDIDACY.format(on=on, name=name, accepted=application.accepted_on)
        )
    return faults


@transaction.atomic
def result_record(
    *,
    review_round: ReviewRound,
    application: Application,
    department: Department,
    on: date,
    item: NegativeListItem | None = None,
    event_date: date | None = None,
    note: str = "",
    attachment: UploadedFile | None = None,
    acting_user: User | None,
) -> ReviewResult:
    """Record (or correct) one department's result for one candidate: cleared when `item` is
    None, else the item's outcome — 不能 or 不宜 — unless its look-back window has passed by
    `on` (then cleared, the lapsed item kept on record). A 不能 result is final."""
    application = (
        Application.objects.select_for_update()
        .select_related("person", "recruitment__election__plan__campaign")
        .get(pk=application.pk)
    )
    campaign = application.recruitment.election.plan.campaign
    _open_campaign(campaign)
    faults = _check_candidate(review_round, application, department, on)
    if item is not None and item.campaign_id != review_round.campaign_id:
        faults.append(msg.ITEM_NOT_ON_LIST)
    if item is None and event_date is not None:
        faults.append(msg.CLEARED_WITH_ITEM)
    if event_date is not None and event_date > on:
        faults.append(msg.EVENT_AFTER_REVIEW.format(event=event_date, on=on))
    if len(note) > 500:
        faults.append(msg.NOTE_TOO_LONG)
    fault = attachment_fault(attachment) if attachment is not None else None
    if fault is not None:
        faults.append(fault)
    existing = (
        ReviewResult.objects.select_for_update(of=("self",))
        .select_related("item")
        .filter(round=review_round, application=application, department=department)
        .first()
    )
    refusals = [ValidationError(m, code="refused") for m in faults]
    published = application.recruitment.list_published_on
    if published is not None:
        name = application.person.name
        refusals.append(_refuse(msg.LIST_PUBLISHED.format(name=name, on=published), "published"))
    if existing is not None and existing.verdict == Verdict.INELIGIBLE:
        final = msg.FINAL_REJECTION.format(
            department=department.name,
            name=application.person.name,
            item=existing.item.text if existing.item else "",
        )
        refusals.append(_refuse(final, "final"))
    if refusals:
        raise ValidationError(refusals)
    verdict = Verdict.CLEARED
    if item is not None:
        found = finding_verdict(Outcome(item.outcome), item.window_years, event_date, on)
        verdict = VERDICT_OF[found.status]
    before = _snapshot(existing) if existing is not None else None
    result = existing or ReviewResult(
        round=review_round, application=application, department=department
    )
    result.verdict, result.item, result.event_date = verdict, item, event_date
    result.note, result.recorded_on, result.recorded_by = note.strip(), on, acting_user
    if attachment is not None:
        result.attachment.save(attachment.name or "附件", attachment, save=False)
    result.save()
    if attachment is not None:
        keep_private(result.attachment.path, "vetting")  # it may tell of a criminal record
    record_audit(
        actor=acting_user,
        action=RESULT,
        target=result,
        before=before,
        after=_snapshot(result),
        village=application.recruitment.election.plan.village,
        target_repr=(
            f"{department.name}对{application.person.name}的联审结果（第{review_round.number}轮）"
        ),
    )
    return result
