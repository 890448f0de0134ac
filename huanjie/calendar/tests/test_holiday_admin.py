"""The holiday table in the admin: every edit and import leaves an audit entry."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from huanjie.accounts.tests.factories import AdministratorFactory, ObserverFactory
from huanjie.audit.models import AuditEntry
from huanjie.calendar.models import HolidayDay, HolidayYear
from huanjie.calendar.tests.test_holiday_import import NOTICE_2027, csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def holiday_admin(client: Client) -> Client:
    client.force_login(AdministratorFactory.create(is_superuser=True))
    return client


def test_adding_a_day_is_audited(holiday_admin: Client) -> None:
    response = holiday_admin.post(
        reverse("admin:calendar_holidayday_add"),
        {
            "date": "2027-10-01",
            "kind": "holiday",
            "name": "国庆节",
            "source": "国办发明电〔2026〕号",
        },
    )
    assert response.status_code == 302
    day = HolidayDay.objects.get(date=date(2027, 10, 1))
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_id, entry.before) == (
        "holiday.day_create",
        str(day.pk),
        None,
    )
    assert entry.after is not None
    assert entry.after["name"] == "国庆节"


def test_a_makeup_day_on_a_weekday_is_refused(holiday_admin: Client) -> None:
    response = holiday_admin.post(
        reverse("admin:calendar_holidayday_add"),
        {"date": "2027-05-06", "kind": "makeup_workday", "name": "劳动节", "source": "通知"},
    )
    assert response.status_code == 200
    assert "2027-05-06 是星期四，本来就是工作日" in response.content.decode()
    assert not HolidayDay.objects.filter(date=date(2027, 5, 6)).exists()
    assert not AuditEntry.objects.exists()


def test_deleting_a_day_is_audited(holiday_admin: Client) -> None:
    day = HolidayDay.objects.get(date=date(2026, 5, 5))
    response = holiday_admin.post(
        reverse("admin:calendar_holidayday_delete", args=[day.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert entry.before is not None
    assert (entry.action, entry.before["date"], entry.after) == (
        "holiday.day_delete",
        "2026-05-05",
        None,
    )


def test_marking_a_year_is_audited(holiday_admin: Client) -> None:
    year = HolidayYear.objects.get(year=2026)
    response = holiday_admin.post(
        reverse("admin:calendar_holidayyear_change", args=[year.pk]),
        {"year": "2026", "source": year.source},  # unticking 已完整录入
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert entry.before is not None and entry.after is not None
    assert (entry.before["complete"], entry.after["complete"]) == (True, False)


def test_import_page(holiday_admin: Client) -> None:
    url = reverse("admin:calendar_holidayyear_import")
    assert "导入节假日安排" in holiday_admin.get(url).content.decode()
    bad = SimpleUploadedFile("2026.csv", csv_file([["2026-05-01", "放假", "劳动节"]]).getvalue())
    refused = holiday_admin.post(url, {"file": bad})
    assert "2026年的节假日安排已完整录入" in refused.content.decode()
    good = SimpleUploadedFile("2027.csv", csv_file(NOTICE_2027).getvalue())
    accepted = holiday_admin.post(url, {"file": good})
    assert accepted.status_code == 302
    assert HolidayYear.objects.get(year=2027).complete
    actor = AuditEntry.objects.get().actor
    assert actor is not None and actor.is_superuser


def test_import_page_needs_the_admin(client: Client) -> None:
    client.force_login(ObserverFactory.create(is_staff=True))
    response = client.get(reverse("admin:calendar_holidayyear_import"))
    # The admin site itself turns away every role but the administrator (to its login page).
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
