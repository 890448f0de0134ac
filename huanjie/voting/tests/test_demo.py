"""The demo's village that published its voter list has begun its voting arrangements: a
central venue, a mobile box waiting for the township, its voters and three scrutineers, a
caller and a counter none of whom is a candidate's relative, and spouses' proxies."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from huanjie.calendar.selectors import working_calendar
from huanjie.demo.generate import build_county
from huanjie.demo.seeding import seed_county
from huanjie.voting.models import Duty, MobileVoter, ProxyRequest, ProxyStatus, Station
from huanjie.voting.selectors import arrangements_view, proxies_view

pytestmark = pytest.mark.django_db


def test_demo_village_has_arrangements_and_proxies() -> None:
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        plan = build_county(
            seed=3,
            townships=1,
            villages_per_township=2,
            today=date(2026, 11, 2),
            calendar=working_calendar(),
        )
        seed_county(plan)
    mobile = Station.objects.get(box__kind="mobile")
    assert mobile.approved_at is None and MobileVoter.objects.count() == 2
    view = arrangements_view(mobile.election)
    assert view.problems == []
    assert len(view.callers) == len(view.counters) == 1
    (box,) = [s for s in view.stations if s.mobile]
    assert len(box.scrutineers) == 3 and [f.rule_id for f in box.findings] == ["MOBILE-1"]
    assert {m.duty for m in box.scrutineers} == {Duty.SCRUTINEER}
    statuses = sorted(ProxyRequest.objects.values_list("status", flat=True))
    assert statuses == [ProxyStatus.APPROVED, ProxyStatus.APPROVED, ProxyStatus.FILED]
    assert all(row.chain for row in proxies_view(mobile.election).rows)
