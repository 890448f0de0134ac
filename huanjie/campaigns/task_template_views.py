"""A campaign's task template on the web (issue 11 item 1): every step with its planned day,
owner, legal basis and how-to, and the form changing one step. Only for whom may change it (the
campaign's county election office or township officer): others get a 404 as for a missing one.
A refusal (a legal minimum broken) comes back above the form with the rule ID and the last
lawful offset; nothing changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from huanjie.accounts.models import Role
from huanjie.campaigns.models import Campaign
from huanjie.campaigns.task_access import owner_label
from huanjie.campaigns.task_selectors import STAGE_LABELS
from huanjie.campaigns.task_services import campaign_template
from huanjie.campaigns.task_template_services import (
    EARLIEST,
    LATEST,
    OWNERS,
    may_edit_template,
    task_template_step_set,
)
from huanjie.campaigns.template_models import TaskTemplateStep
from huanjie.people.forms_edit import EditForm

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

NOT_FOUND = "找不到这次换届的任务模板，或您不能修改它（模板由组织换届的换届办或乡镇组织委员修改）。"


class StepForm(EditForm):
    offset = forms.IntegerField(
        label="计划日期（距选举日天数）",
        required=False,
        min_value=-EARLIEST,
        max_value=LATEST,
        help_text="选举日前填负数（如 -15 即选举日前15天），选举日当天填0，选举日后填正数。",
        error_messages={
            "invalid": "计划日期应为整数天数，如 -15。",
            "min_value": f"计划日期不能早于选举日前{EARLIEST}日。",
            "max_value": f"计划日期不能晚于选举日后{LATEST}日。",
        },
    )
    owner = forms.ChoiceField(label="负责", choices=[(r.value, r.label) for r in OWNERS])
    how_to = forms.CharField(
        label="怎么做",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请写明这一步怎么做。"},
    )


def _campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    found = Campaign.objects.filter(pk=campaign_id).select_related("region").first()
    if found is None or not may_edit_template(request.user, found):
        raise Http404(NOT_FOUND)
    return found


@login_required
@require_GET
def template_steps(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    changed = set(TaskTemplateStep.objects.filter(campaign=campaign).values_list("key", flat=True))
    rows = [
        {
            "item": item,
            "stage": STAGE_LABELS.get(item.body, item.body),
            "owner": owner_label(item.owner),
            "changed": item.key in changed,
        }
        for item in campaign_template(campaign)
    ]
    return render(request, "campaigns/template_steps.html", {"campaign": campaign, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def template_step(request: HttpRequest, campaign_id: int, key: str) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    item = next((t for t in campaign_template(campaign) if t.key == key), None)
    if item is None:
        raise Http404(NOT_FOUND)
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = {"offset": item.offset, "owner": item.owner, "how_to": item.how_to}
    form = StepForm(data, initial=initial)
    if item.offset is None:
        form.fields["offset"].disabled = True
        form.fields[
            "offset"
        ].help_text = "这一步的日期由法律规定（法定最晚日），不能改；负责人和做法可以修改。"
    if data is not None and form.is_valid():
        try:
            task_template_step_set(
                campaign=campaign,
                key=key,
                offset=form.cleaned_data["offset"] if item.offset is not None else None,
                owner=form.cleaned_data["owner"],
                how_to=form.cleaned_data["how_to"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            flash.success(request, f"已修改“{item.title}”，各村的任务日期已按新模板重新推算。")
            return redirect("plan_tasks:template_steps", campaign.pk)
    form.mark_invalid()
    context = {
        "campaign": campaign,
        "item": item,
        "stage": STAGE_LABELS.get(item.body, item.body),
        "form": form,
        "owner_default": Role(item.owner).label if item.owner in Role.values else item.owner,
    }
    return render(
        request, "campaigns/template_step.html", context, status=400 if form.errors else 200
    )
