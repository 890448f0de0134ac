"""The previous term's structure of a village's 两委 as the upper level's table gave it, where
the office holders of that term are not in the system (the first term it is used): the counts of
`huanjie.rules.structure.Structure` for one village, so that sums stay sums."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class PreviousTermFigures(models.Model):
    village = models.ForeignKey(
        "regions.Region", verbose_name="村", on_delete=models.PROTECT, related_name="+"
    )
    term_start_year = models.PositiveSmallIntegerField("上届换届年份")
    members = models.PositiveSmallIntegerField("两委成员数")
    age_total = models.PositiveIntegerField("年龄合计")  # 平均年龄 × 成员数, rounded
    up_to_35 = models.PositiveSmallIntegerField("35岁及以下人数")
    up_to_45 = models.PositiveSmallIntegerField("45岁及以下人数")
    college = models.PositiveSmallIntegerField("大专及以上人数")
    high_school = models.PositiveSmallIntegerField("高中（中专）及以上人数")
    women = models.PositiveSmallIntegerField("女性人数")
    minority = models.PositiveSmallIntegerField("少数民族人数")
    vc_members = models.PositiveSmallIntegerField("村委会成员数")
    vc_party_members = models.PositiveSmallIntegerField("村委会成员中党员数")
    business_leaders = models.PositiveSmallIntegerField("致富带头人数")
    veterans = models.PositiveSmallIntegerField("退役军人数")
    returnees = models.PositiveSmallIntegerField("回乡创业人数")
    secretary_age = models.PositiveSmallIntegerField("书记年龄", null=True, blank=True)
    secretary_college = models.BooleanField("书记大专及以上", default=False)
    one_person = models.BooleanField("书记、主任一肩挑", default=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField("导入时间", auto_now=True)

    class Meta:
        verbose_name = "上届班子结构（导入）"
        verbose_name_plural = "上届班子结构（导入）"
        constraints = [
            models.UniqueConstraint(
                fields=["village", "term_start_year"], name="previous_figures_one_per_term"
            ),
            models.CheckConstraint(
                condition=Q(up_to_35__lte=F("up_to_45"))
                & Q(up_to_45__lte=F("members"))
                & Q(high_school__lte=F("members"))
                & Q(college__lte=F("high_school"))
                & Q(women__lte=F("members"))
                & Q(minority__lte=F("members"))
                & Q(vc_members__lte=F("members"))
                & Q(vc_party_members__lte=F("vc_members")),
                name="previous_figures_parts_within_members",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.term_start_year}年班子结构"
