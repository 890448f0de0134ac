"""`demo_seed` in the database: the same seed gives the same rows; the command's options."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings

from huanjie.accounts.models import Role, User
from huanjie.audit.models import AuditEntry
from huanjie.calendar.selectors import working_calendar
from huanjie.demo.generate import build_county
from huanjie.demo.seeding import seed_county
from huanjie.demo.tests.demo_dump import dump_demo_tables
from huanjie.people.models import Person
from huanjie.regions.models import Level, Region

# Hashing eight real passwords would cost seconds; the tests only need them to check.
FAST_HASHER = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_database() -> None:
    dumps = []
    for _ in range(2):
        with FAST_HASHER, transaction.atomic():
            plan = build_county(
                seed=3,
                townships=1,
                villages_per_township=2,
                today=date(2026, 11, 2),
                calendar=working_calendar(),
            )
            seed_county(plan)
            dumps.append(dump_demo_tables())
            transaction.set_rollback(True)
    assert dumps[0]["people"], "the seed wrote nobody"
    assert dumps[0] == dumps[1]


def _seed_command(*args: str) -> str:
    out = StringIO()
    with FAST_HASHER:
        call_command("demo_seed", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


SMALL = ("--townships", "1", "--villages-per-township", "1", "--seed", "2")


@pytest.mark.django_db
def test_demo_seed_command_then_if_empty_is_a_no_op() -> None:
    assert "已生成演示县景宁畲族自治县" in _seed_command(*SMALL)
    before = (Person.objects.count(), AuditEntry.objects.count())
    assert "已存在，未重新生成" in _seed_command(*SMALL, "--if-empty")
    assert (Person.objects.count(), AuditEntry.objects.count()) == before
    with pytest.raises(CommandError, match="已在数据库中") as refused:
        _seed_command(*SMALL)
    # It names the database in use, not the default file (which may hold other data).
    assert str(connection.settings_dict["NAME"]) in str(refused.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--townships", "0"), "--townships 应在 1 到 99 之间"),
        (("--villages-per-township", "200"), "--villages-per-township 应在 1 到 199 之间"),
    ],
    ids=["no_township", "too_many_villages"],
)
def test_demo_seed_refuses_sizes_out_of_range(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _seed_command(*args)
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_demo_seed_refuses_to_overwrite_a_taken_username() -> None:
    User.objects.create(username="township", role=Role.OBSERVER)
    with pytest.raises(CommandError, match="用户名已被占用：township"):
        _seed_command(*SMALL)
    assert not Region.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "existing",
    [
        lambda: Region.objects.create(code="320000000000", name="江苏省", level=Level.PROVINCE),
        lambda: User.objects.create(username="chen", role=Role.OBSERVER),
    ],
    ids=["another_region", "an_account"],
)
def test_make_run_never_seeds_a_database_in_use(existing: Callable[[], object]) -> None:
    existing()
    before = (Region.objects.count(), User.objects.count(), AuditEntry.objects.count())
    assert "不是空数据库，未生成演示县" in _seed_command(*SMALL, "--if-empty")
    assert (Region.objects.count(), User.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.django_db
def test_demo_logins_without_a_demo_says_how_to_make_one() -> None:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "请先运行 huanjie demo_seed" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "message"),
    [("2026-13-01", "--today 应是 YYYY-MM-DD 形式的日期"), ("2025-12-31", "不能早于 2026-01-02")],
    ids=["not_a_date", "before_the_register_day"],
)
def test_demo_seed_refuses_a_wrong_day(today: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _seed_command(*SMALL, "--today", today)
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_demo_seed_names_the_day_and_the_holiday_years_it_lacks() -> None:
    # 2027's notice is not in the table chinese-calendar seeds (it knows up to 2026).
    out = _seed_command(*SMALL, "--today", "2026-12-04")
    assert "生成日 2026-12-04" in out and "进行中" in out
    assert "节假日表还没有2027年的完整安排" in out


@pytest.mark.django_db
def test_the_village_ahead_has_applications_and_candidates() -> None:
    from huanjie.nominations.models import Application, Status

    with FAST_HASHER:
        plan = build_county(
            seed=3,
            townships=1,
            villages_per_township=2,
            today=date(2026, 11, 2),
            calendar=working_calendar(),
        )
        seed_county(plan)
    rows = list(Application.objects.select_related("recruitment"))
    posts = {a.recruitment.post for a in rows}
    assert "chair" in posts and posts <= {"chair", "vice_chair"}
    assert {a.kind for a in rows} == {"self", "joint", "organization"}
    assert sum(a.status == Status.ACCEPTED for a in rows) == 2 * len(posts)
    assert all(a.filed_on < date(2026, 11, 2) for a in rows)
