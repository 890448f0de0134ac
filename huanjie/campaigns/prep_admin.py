"""The difficult-village reasons in the admin (the administrator's list, each change audited);
the ratings, their history and the readiness items read-only (changes go through services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from huanjie.accounts.models import User
from huanjie.audit.admin import ReadOnlyAdmin
from huanjie.campaigns.prep_models import ReadinessItem, RiskAssessment, RiskChange, RiskReason
from huanjie.campaigns.prep_services import risk_reason_save


@admin.register(RiskReason)
class RiskReasonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in django-stubs only
    list_display = ["name", "position", "active"]
    list_editable = ["position", "active"]
    fields = ["name", "position", "active"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A reason no longer used is unticked (可选用), so that past ratings still read.
        return False

    def save_model(self, request: HttpRequest, obj: RiskReason, form: Any, change: bool) -> None:
        user = request.user if isinstance(request.user, User) else None
        risk_reason_save(reason=obj, acting_user=user)


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["plan", "category", "cadre", "flagged_at"]
    list_select_related = ["plan__village", "plan__campaign", "cadre"]


@admin.register(RiskChange)
class RiskChangeAdmin(ReadOnlyAdmin):
    list_display = ["plan", "kind", "level_from", "level_to", "actor", "at"]
    list_filter = ["kind", "level_to"]
    list_select_related = ["plan__village", "plan__campaign", "actor"]


@admin.register(ReadinessItem)
class ReadinessItemAdmin(ReadOnlyAdmin):
    list_display = ["plan", "kind", "done_on", "published_on", "outcome"]
    list_filter = ["kind", "outcome"]
    list_select_related = ["plan__village", "plan__campaign"]
