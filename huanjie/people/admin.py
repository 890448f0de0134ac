"""The register in the Django admin, read-only (changes go through the audited services)."""

from __future__ import annotations

from django.contrib import admin

from huanjie.audit.admin import ReadOnlyAdmin
from huanjie.people.models import (
    CloseRelative,
    Household,
    PartyMembership,
    PartyOrganization,
    Person,
    RegisterImport,
)


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdmin):
    list_display = ["number", "village", "villager_group"]
    search_fields = ["number", "village__name", "village__code"]
    list_select_related = ["village", "villager_group"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["name", "sex", "birth_date", "village", "household", "relation_to_head"]
    list_filter = ["sex", "political_status", "hukou_in_village", "resides_in_village"]
    search_fields = ["name", "id_number", "village__name"]
    list_select_related = ["village", "household"]


@admin.register(CloseRelative)
class CloseRelativeAdmin(ReadOnlyAdmin):
    list_display = ["person_a", "person_b", "kind", "source", "confirmed_at"]
    list_filter = ["kind", "source"]
    search_fields = ["person_a__name", "person_b__name"]
    list_select_related = ["person_a", "person_b"]


@admin.register(PartyOrganization)
class PartyOrganizationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "village"]
    search_fields = ["name", "village__name"]
    list_select_related = ["village"]


@admin.register(PartyMembership)
class PartyMembershipAdmin(ReadOnlyAdmin):
    list_display = ["person", "organization", "status", "suspended", "floating"]
    list_filter = ["status", "suspended", "floating"]
    search_fields = ["person__name"]
    list_select_related = ["person", "organization"]


@admin.register(RegisterImport)
class RegisterImportAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "village", "status", "households", "people", "created_at"]
    list_filter = ["status"]
    search_fields = ["original_name", "village__name", "village__code"]
    list_select_related = ["village"]
