"""Users, their role and the region they cover (domain.md §1, the permission matrix)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return f"{self.get_full_name() or self.username}（{self.get_role_display()}）"
