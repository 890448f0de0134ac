"""Users, their role and the region they cover (domain.md §1, the permission matrix)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "系统管理员"
    ELECTION_OFFICE = "election_office", "换届办"
    TOWNSHIP_OFFICER = "township_officer", "乡镇组织委员"
    ELECTION_COMMITTEE = "election_committee", "村选委会"
    REVIEWER = "reviewer", "联审人员"
    VILLAGE_CADRE = "village_cadre", "包村干部"
    VILLAGE_PARTY = "village_party", "村党组织"
    OBSERVER = "observer", "观察员"


class User(AbstractUser):
    role = models.CharField("角色", max_length=32, choices=Role.choices, default=Role.OBSERVER)
    # The region this user covers, by its 12-digit statistical code; every list is filtered by
    # this prefix (an administrator covers everything and has it blank).
    scope_code = models.CharField("管辖区划代码", max_length=12, blank=True, default="")
    # 联审人员: the department whose review results this user records.
    department = models.CharField("联审部门", max_length=32, blank=True, default="")
    # 包村干部: the villages this cadre is assigned to (their whole scope).
    assigned_villages = models.ManyToManyField(
        "regions.Region",
        verbose_name="包村",
        blank=True,
        related_name="assigned_cadres",
        limit_choices_to={"level": "village"},
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return f"{self.get_full_name()}（{self.get_role_display()}）"

    def get_full_name(self) -> str:
        """The name as Chinese writes it, surname first and no space (柳志强): the one way every
        page, list, export and document names a user. Django's own puts the given name first
        with a space ("志强 柳"). The username when no name is set."""
        return f"{self.last_name.strip()}{self.first_name.strip()}" or self.username

    def get_short_name(self) -> str:
        # A Chinese given name alone is too familiar for an official list: the full name.
        return self.get_full_name()

    def clean(self) -> None:
        super().clean()
        from huanjie.accounts.messages import (
            REVIEWER_NEEDS_DEPARTMENT,
            SCOPE_LEVEL_WRONG,
            SCOPE_REQUIRED,
            SCOPE_UNKNOWN,
        )
        from huanjie.regions.models import Level, Region

        # 管理员 covers everything; a 包村干部's reach is the villages assigned to it.
        optional = self.role in {Role.ADMINISTRATOR, Role.VILLAGE_CADRE}
        if not self.scope_code:
            if not optional:
                raise ValidationError({"scope_code": SCOPE_REQUIRED})
            return
        region = Region.objects.filter(code=self.scope_code).first()
        if region is None:
            raise ValidationError({"scope_code": SCOPE_UNKNOWN.format(code=self.scope_code)})
        wanted = {
            Role.ELECTION_OFFICE: {Level.PROVINCE, Level.CITY, Level.COUNTY},
            Role.TOWNSHIP_OFFICER: {Level.TOWNSHIP},
            Role.ELECTION_COMMITTEE: {Level.VILLAGE},
            Role.VILLAGE_PARTY: {Level.VILLAGE},
            Role.REVIEWER: {Level.COUNTY},
        }.get(Role(self.role))
        if wanted is not None and region.level not in wanted:
            levels = "、".join(Level(v).label for v in sorted(wanted))
            raise ValidationError(
                {
                    "scope_code": SCOPE_LEVEL_WRONG.format(
                        role=self.get_role_display(), levels=levels
                    )
                }
            )
        if self.role == Role.REVIEWER and not self.department:
            raise ValidationError({"department": REVIEWER_NEEDS_DEPARTMENT})
