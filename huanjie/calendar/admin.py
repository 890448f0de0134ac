"""The holiday table in the Django admin: day-by-day edits and the notice import, all audited."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from huanjie.accounts.models import User
from huanjie.calendar import messages as texts
from huanjie.calendar.holiday_files import HolidayFileError
from huanjie.calendar.models import HolidayDay, HolidayYear
from huanjie.calendar.services import (
    holiday_day_delete,
    holiday_day_save,
    holiday_import,
    holiday_year_save,
)


def _acting_user(request: HttpRequest) -> User:
    # The admin site lets in only active staff accounts: never an AnonymousUser.
    return cast(User, request.user)


class HolidayImportForm(forms.Form):
    file = forms.FileField(
        label="节假日安排文件", help_text="xlsx 或 csv，列：日期、类型（放假/调休上班）、名称"
    )
    replace = forms.BooleanField(label="替换已录入的年份", required=False)


@admin.register(HolidayDay)
class HolidayDayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in django-stubs only
    list_display = ["date", "kind", "name", "source"]
    list_filter = ["kind", "name"]
    search_fields = ["name", "source"]
    date_hierarchy = "date"

    def save_model(self, request: HttpRequest, obj: HolidayDay, form: Any, change: bool) -> None:
        holiday_day_save(day=obj, acting_user=_acting_user(request))

    def delete_model(self, request: HttpRequest, obj: HolidayDay) -> None:
        holiday_day_delete(day=obj, acting_user=_acting_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[HolidayDay]) -> None:
        with transaction.atomic():  # all of the selection or none
            for day in queryset:
                holiday_day_delete(day=day, acting_user=_acting_user(request))


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in django-stubs only
    list_display = ["year", "complete", "source", "changed_at"]
    list_filter = ["complete"]
    change_list_template = "admin/calendar/holidayyear/change_list.html"

    @admin.display(description="更新时间", ordering="updated_at")
    def changed_at(self, obj: HolidayYear) -> datetime:
        return obj.updated_at

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A covered year is withdrawn by unticking 已完整录入, which keeps the trail readable.
        return False

    def save_model(self, request: HttpRequest, obj: HolidayYear, form: Any, change: bool) -> None:
        holiday_year_save(holiday_year=obj, acting_user=_acting_user(request))

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="calendar_holidayyear_import"), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = HolidayImportForm(request.POST or None, request.FILES or None)
        errors: list[str] = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = holiday_import(
                    file=upload,
                    acting_user=_acting_user(request),
                    replace=form.cleaned_data["replace"],
                    name=upload.name,
                )
            except HolidayFileError as exc:
                errors = [str(e) for e in exc.errors]
            else:
                self.message_user(request, str(result), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:calendar_holidayyear_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "导入节假日安排",
            "form": form,
            "errors": errors,
            "refused": texts.IMPORT_REFUSED,
        }
        return TemplateResponse(request, "admin/calendar/holidayyear/import.html", context)
