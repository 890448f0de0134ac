"""A village's 后备干部 pool, each sitting office holder's path at the election (stands again,
光荣让贤, a mentor or other role), and what a village's structure check needs to know of it: the
former villages of a merged village (合并村) with their villager groups, and the smaller ethnic
groups of a minority village (少数民族村).

Models of `huanjie.nominations` (imported by its `models` module)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class ReserveSource(models.TextChoices):
    """How a reserve cadre was found (seed 000)."""

    RECOMMENDED = "recommended", "党员群众推荐"
    INSPECTED = "inspected", "组织考察推荐"
    TRAINED = "trained", "培养选拔推荐"


class ReserveCadre(models.Model):
    """One person in a village's 后备干部 pool: since when, how found, what training."""

    village = models.ForeignKey(
        "regions.Region", verbose_name="村", on_delete=models.PROTECT, related_name="reserve_cadres"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name="后备干部",
        on_delete=models.PROTECT,
        related_name="reserve_entries",
    )
    since = models.DateField("列入后备日期")
    source = models.CharField("产生方式", max_length=16, choices=ReserveSource.choices)
    training = models.TextField("培训情况", blank=True, max_length=1000)
    left_on = models.DateField("移出后备日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "后备干部"
        verbose_name_plural = "后备干部"
        ordering = ["village_id", "since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "person"],
                condition=Q(left_on__isnull=True),
                name="reserve_once_in_pool",
            ),
            models.CheckConstraint(
                condition=Q(source__in=ReserveSource.values), name="reserve_source_known"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("since")),
                name="reserve_left_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · 后备干部"


class OutgoingPath(models.TextChoices):
    STANDS_AGAIN = "stands_again", "继续参选"
    STEPS_ASIDE = "steps_aside", "光荣让贤"
    MENTOR = "mentor", "担任导师（传帮带）"
    OTHER_ROLE = "other_role", "转任其他职务"


class OutgoingChoice(models.Model):
    """What a sitting office holder does at this election, recorded once per term held."""

    holder = models.OneToOneField(
        "elections.OfficeHolder",
        verbose_name="现任职务",
        on_delete=models.CASCADE,
        related_name="outgoing",
    )
    path = models.CharField("去向", max_length=16, choices=OutgoingPath.choices)
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_on = models.DateField("登记日期")
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name="登记人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "现任干部去向"
        verbose_name_plural = "现任干部去向"
        constraints = [
            models.CheckConstraint(
                condition=Q(path__in=OutgoingPath.values), name="outgoing_path_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} · {self.get_path_display()}"


class FormerVillage(models.Model):
    """One of the villages a merged village (合并村) was made of, by its villager groups."""

    village = models.ForeignKey(
        "regions.Region",
        verbose_name="村",
        on_delete=models.CASCADE,
        related_name="former_villages",
    )
    name = models.CharField("原村名称", max_length=32)
    groups = models.ManyToManyField(
        "regions.VillagerGroup", verbose_name="所含村民小组", related_name="former_villages"
    )

    class Meta:
        verbose_name = "合并前原村"
        verbose_name_plural = "合并前原村"
        ordering = ["village_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["village", "name"], name="former_village_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class MinorityGroup(models.Model):
    """A smaller ethnic group of a minority village, to be represented on the slate (VC-ORG-2)."""

    village = models.ForeignKey(
        "regions.Region",
        verbose_name="村",
        on_delete=models.CASCADE,
        related_name="minority_groups",
    )
    ethnicity = models.CharField("民族", max_length=16)

    class Meta:
        verbose_name = "村内少数民族"
        verbose_name_plural = "村内少数民族"
        ordering = ["village_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["village", "ethnicity"], name="minority_group_unique"),
        ]

    def __str__(self) -> str:
        return self.ethnicity
