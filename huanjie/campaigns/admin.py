"""Campaigns and village plans in the Django admin, read-only (changes go through services)."""

from __future__ import annotations

from django.contrib import admin

from huanjie.audit.admin import ReadOnlyAdmin
from huanjie.campaigns.models import Campaign, VillagePlan


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["name", "term_start_year", "region", "profile_id", "status"]
    list_filter = ["status", "term_start_year"]
    search_fields = ["name", "region__name"]
    list_select_related = ["region"]


@admin.register(VillagePlan)
class VillagePlanAdmin(ReadOnlyAdmin):
    list_display = ["village", "campaign", "risk_level"]
    list_filter = ["risk_level"]
    search_fields = ["village__name", "village__code"]
    list_select_related = ["village", "campaign"]


from huanjie.campaigns import prep_admin  # noqa: E402, F401  (risk and readiness, registered there)
