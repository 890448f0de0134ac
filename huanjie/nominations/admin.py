"""The 胜任指数 items of each county in the Django admin (SEED-3T2S1X: items and weights set per
county); every change through the audited services."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from huanjie.accounts.models import User
from huanjie.nominations.models import CompetencyItem
from huanjie.nominations.recommendation import competency_item_delete, competency_item_save
from huanjie.regions.models import Level, Region


def _acting_user(request: HttpRequest) -> User:
    # The admin site lets in only active staff accounts: never an AnonymousUser.
    return cast(User, request.user)


@admin.register(CompetencyItem)
class CompetencyItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in django-stubs only
    list_display = ["county", "name", "weight", "full_mark", "position"]
    list_filter = ["county"]
    search_fields = ["name", "county__name"]
    list_select_related = ["county"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "county":  # items are set per county: only counties are offered
            kwargs["queryset"] = Region.objects.filter(level=Level.COUNTY)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(
        self, request: HttpRequest, obj: CompetencyItem, form: Any, change: bool
    ) -> None:
        competency_item_save(item=obj, acting_user=_acting_user(request))

    def delete_model(self, request: HttpRequest, obj: CompetencyItem) -> None:
        competency_item_delete(item=obj, acting_user=_acting_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CompetencyItem]) -> None:
        with transaction.atomic():  # all of the selection or none
            for item in queryset.select_related("county"):
                competency_item_delete(item=item, acting_user=_acting_user(request))
