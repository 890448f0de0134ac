"""The demo's 逐村研判选情 and readiness items: red and orange villages rated with reasons and
history by the demo's officers, the villages ahead ready with their audits published before
the VC election day (SUP-3), the others showing what they miss."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.db import transaction
from django.test import override_settings
from pytest_django import DjangoDbBlocker

from huanjie.calendar.selectors import working_calendar
from huanjie.campaigns.models import RiskLevel, VillagePlan
from huanjie.campaigns.prep_models import ReadinessKind, RiskChange
from huanjie.campaigns.prep_selectors import readiness_by_plan
from huanjie.campaigns.prep_services import vc_election_day
from huanjie.demo.generate import build_county
from huanjie.demo.plan import DemoCounty, Stage
from huanjie.demo.seeding import seed_county
from huanjie.demo.tests.calendars import add_assumed_years

FAST_HASHER = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
DAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def county(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[DemoCounty]:
    with django_db_blocker.unblock(), FAST_HASHER, transaction.atomic():
        add_assumed_years()
        plan = build_county(
            seed=5, townships=2, villages_per_township=4, today=DAY, calendar=working_calendar()
        )
        seed_county(plan)
        yield plan
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_flagged_villages_have_reasons_and_history_by_the_demo_officers(
    county: DemoCounty,
) -> None:
    levels = {v.code: v.risk_level for v in county.villages}
    plans = list(VillagePlan.objects.select_related("village", "risk"))
    assert {p.village.code: p.risk_level for p in plans} == levels
    assert {RiskLevel.RED, RiskLevel.ORANGE} <= set(levels.values())
    for plan in plans:
        changes = list(RiskChange.objects.filter(plan=plan).order_by("at"))
        if plan.risk_level == RiskLevel.GREEN:
            assert changes == []
            continue
        assert plan.risk.reasons.exists() and plan.risk.flagged_at is not None
        assert plan.risk.report == plan.notes  # the demo note is its analysis report
        expected = ["orange", "red"] if plan.risk_level == RiskLevel.RED else ["orange"]
        assert [c.level_to for c in changes] == expected
        assert changes[0].level_from == "green"
        assert all(c.actor is not None and c.actor.username in {"township", "county"}
                   for c in changes)  # fmt: skip


@pytest.mark.django_db
def test_villages_ahead_are_ready_with_their_audits_published_before_the_election(
    county: DemoCounty,
) -> None:
    stages = {v.code: v.stage for v in county.villages}
    plans = list(VillagePlan.objects.select_related("village").prefetch_related("elections"))
    found = readiness_by_plan(plans)
    for plan in plans:
        ready = found[plan.pk]
        stage = stages[plan.village.code]
        if stage == Stage.AHEAD and plan.risk_level == RiskLevel.GREEN:
            assert ready.ready, ready.missing
            day = vc_election_day(plan)
            assert day is not None
            for kind in (ReadinessKind.FINANCE_AUDIT, ReadinessKind.DEPARTURE_AUDIT):
                item = ready.items[kind]
                assert item.published_on is not None and item.published_on < day
        if stage == Stage.POSTPONED:
            assert not ready.ready and len(ready.missing) == 4
