"""The holiday table: statutory holidays and make-up working days (rules.md "Product decisions" 3).

It is seeded from `chinese-calendar` and extended by an administrator from the State Council's
annual notice; deadlines are computed only from it (`huanjie.calendar.selectors.working_calendar`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from huanjie.calendar import messages


class HolidayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    MAKEUP_WORKDAY = "makeup_workday", "调休上班"


class HolidayDay(models.Model):
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=16, choices=HolidayKind.choices)
    name = models.CharField("名称", max_length=64, help_text="节日名称，例如：劳动节")
    source = models.CharField("来源", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=HolidayKind.values), name="holiday_day_kind_known"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="holiday_day_name_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"

    def clean(self) -> None:
        # A weekday is a working day already: a 调休 entry on it is a typo in the date or type.
        if self.kind == HolidayKind.MAKEUP_WORKDAY and self.date and self.date.weekday() < 5:
            weekday = messages.WEEKDAYS[self.date.weekday()]
            text = messages.MAKEUP_ON_WEEKDAY.format(date=f"{self.date:%Y-%m-%d}", weekday=weekday)
            raise ValidationError({"kind": text})


class HolidayYear(models.Model):
    """A year the table covers. Only a complete year counts as covered; for any other year
    deadlines use weekends alone and carry a warning."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=200)
    complete = models.BooleanField(
        "已完整录入", default=False, help_text="该年国务院办公厅节假日安排通知已全部录入"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "节假日年度"
        verbose_name_plural = "节假日年度"
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1949, year__lte=2999), name="holiday_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年"
