"""候选人联审档案: one candidate's joint-review dossier (QUAL-3) — who they are, how they were
nominated, every round's every department's result against the negative list (with the item,
the note and the attachment's name), and the kinship conflicts found for them — on screen and as
PDF. For the township officer, the county election office and the village's own readers (those
who may open the village's pages); reviewers see only their own department's queue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from huanjie.accounts.gates import access_one, scoped_villages
from huanjie.documents.downloads import pdf_response, record_download
from huanjie.documents.rendering import PrintedDocument, render_document
from huanjie.nominations.models import Application
from huanjie.rules.timeline.periods import age_on
from huanjie.vetting.recusal import village_recusal
from huanjie.vetting.selectors import candidate_review

if TYPE_CHECKING:
    from django.http import HttpRequest

    from huanjie.accounts.models import User

TEMPLATE = "documents/vetting_dossier.html"
TITLE = "候选人联审档案"
NOT_FOUND = "没有找到这名候选人，或不在您负责的村。"


def dossier_context(application: Application) -> dict[str, Any]:
    review = candidate_review(application)
    application = review.application
    plan = application.recruitment.election.plan
    village = plan.village
    day = application.recruitment.election.election_day or timezone.localdate()
    recusal = village_recusal(village, timezone.localdate())
    person = application.person
    return {
        "title": TITLE,
        "author": village.name,
        "application": application,
        "person": person,
        "age": age_on(person.birth_date, day),
        "village": village,
        "campaign": plan.campaign,
        "review": review,
        "conflicts": recusal.of_person(person.pk),
        "recusal": recusal,
        "printed_on": timezone.localdate(),
    }


def dossier_document(
    application: Application,
    *,
    request: HttpRequest | None = None,
    extra: dict[str, Any] | None = None,
) -> PrintedDocument:
    context = {**dossier_context(application), **(extra or {})}
    return render_document(TEMPLATE, context, paper="A4", orientation="portrait", request=request)


def _candidate(request: HttpRequest, application_id: int) -> Application:
    qs = Application.objects.filter(
        recruitment__election__plan__village__in=scoped_villages(request.user)
    ).select_related("person", "recruitment__election__plan__village")
    return access_one(qs, application_id, NOT_FOUND)


@login_required
@require_GET
def dossier_preview(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _candidate(request, application_id)
    links = {
        "pdf_url": reverse("vetting_documents:dossier_pdf", args=[application.pk]),
        "back_url": reverse("vetting:index"),
    }
    return HttpResponse(dossier_document(application, request=request, extra=links).html)


@login_required
@require_GET
def dossier_pdf(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _candidate(request, application_id)
    data, pages = dossier_document(application, request=request).pdf_and_pages()
    village = application.recruitment.election.plan.village
    user = cast("User", request.user)  # login_required
    record_download(user=user, villages=[village], document=TITLE, pages=pages)
    return pdf_response(data, f"{village.name}{application.person.name}{TITLE}.pdf")
