"""What the party organization records for its election beyond the roll itself (the roll is
huanjie.people's PartyOrganization / PartyMembership):

- `AttendanceExclusion`: a voting member left out of "should attend" (PB-QUORUM-2) on one of the
  grounds, counted only once BOTH the higher Party organization's consent and the members'
  meeting's approval are recorded; withdrawn, never deleted.
- `MemberRegistration`: a member's election registration (SEED-PB-REG), which decides "should
  attend" only where the party profile's `pb.registration_defines_should_attend` is on.

Imported by huanjie/elections/models.py, so they belong to the elections app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from huanjie.rules.party.member_rights import ExclusionGround


class Ground(models.TextChoices):
    """ExclusionGround with the words of the 中组部 list (rules.md PB-QUORUM-2)."""

    ILLNESS = ExclusionGround.ILLNESS.value, "患病不能表达本人意志"
    ABROAD = ExclusionGround.ABROAD.value, "自费出国（境）半年以上或不能按时回国"
    SERVING_SENTENCE = ExclusionGround.SERVING_SENTENCE.value, "正在服刑（未受留党察看以上处分）"
    BEDRIDDEN = ExclusionGround.BEDRIDDEN.value, "年老体弱卧床不起或长期生病生活不能自理"
    AWAY = ExclusionGround.AWAY.value, "外出工作、学习等半年以上，组织关系应转未转"
    RETIRED_ELSEWHERE = ExclusionGround.RETIRED_ELSEWHERE.value, "退休后回原籍居住，组织关系未转"
    FLOATING = ExclusionGround.FLOATING.value, "流动党员外出不能参加，本人申请不列入"


class AttendanceExclusion(models.Model):
    election = models.ForeignKey(
        "elections.Election",
        verbose_name="选举",
        on_delete=models.PROTECT,
        related_name="attendance_exclusions",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name="党员",
        on_delete=models.PROTECT,
        related_name="attendance_exclusions",
    )
    ground = models.CharField("不列入应到会人数的情形", max_length=32, choices=Ground.choices)
    detail = models.CharField("具体情况", max_length=200)
    # The higher Party organization's consent (上级党组织同意): when, who, its document.
    higher_approved_on = models.DateField("上级党组织同意日期", null=True, blank=True)
    higher_approver = models.CharField("同意的上级党组织", max_length=100, blank=True)
    higher_document = models.CharField("同意文件或文号", max_length=100, blank=True)
    higher_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上级同意登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The members' meeting's approval (党员大会通过).
    meeting_approved_on = models.DateField("党员大会通过日期", null=True, blank=True)
    meeting_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="党员大会通过登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤回人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_reason = models.CharField("撤回理由", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提出人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "不列入应到会人数"
        verbose_name_plural = "不列入应到会人数"
        ordering = ["election_id", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "person"],
                condition=Q(withdrawn_at__isnull=True),
                name="exclusion_one_open_per_member",
            ),
            models.CheckConstraint(
                condition=Q(ground__in=Ground.values), name="exclusion_ground_known"
            ),
            models.CheckConstraint(
                condition=Q(higher_approved_on__isnull=True) | ~Q(higher_approver=""),
                name="exclusion_consent_names_its_organization",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="exclusion_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}不列入应到会人数（{self.get_ground_display()}）"

    @property
    def approved(self) -> bool:
        """Both approvals recorded and not withdrawn: it counts (PB-QUORUM-2)."""
        return (
            self.withdrawn_at is None
            and self.higher_approved_on is not None
            and self.meeting_approved_on is not None
        )


class RegistrationMethod(models.TextChoices):
    IN_PERSON = "in_person", "本人到场登记"
    PHONE = "phone", "电话登记"
    WRITTEN = "written", "书面（信函）登记"
    ONLINE = "online", "网上登记"
    BY_OTHER = "by_other", "委托他人代为登记"


class MemberRegistration(models.Model):
    election = models.ForeignKey(
        "elections.Election",
        verbose_name="选举",
        on_delete=models.PROTECT,
        related_name="member_registrations",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name="党员",
        on_delete=models.PROTECT,
        related_name="member_registrations",
    )
    registered_on = models.DateField("登记日期")
    method = models.CharField("登记方式", max_length=16, choices=RegistrationMethod.choices)
    note = models.CharField("备注", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "党员选举登记"
        verbose_name_plural = "党员选举登记"
        ordering = ["election_id", "registered_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="member_registration_once"),
            models.CheckConstraint(
                condition=Q(method__in=RegistrationMethod.values),
                name="member_registration_method_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}参加选举登记（{self.registered_on}）"
