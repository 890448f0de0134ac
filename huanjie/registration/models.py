"""The voter register (选民名单) of a villagers' committee election (rules.md §A.3, §G.1).

One register per villagers' committee election of a round: built from the household register
and what the election committee recorded (a wish to vote from away, an application to register
by residence, an exclusion the profile allows), published on a lawful day, then changed only by
an upheld objection. A person is on at most one register of a round anywhere in the system
(VC-REG-3): `Voter`'s constraint says so to the database itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from huanjie.rules.eligibility.voters import ExclusionReason, RegistrationCategory


class Category(models.TextChoices):
    """VC-REG-2's categories (the rules' `RegistrationCategory`), in the words of a list."""

    HUKOU_RESIDENT = RegistrationCategory.HUKOU_RESIDENT.value, "户籍在本村并在本村居住"
    HUKOU_AWAY = RegistrationCategory.HUKOU_AWAY.value, "户籍在本村、外出，本人表示参加选举"
    RESIDENT = RegistrationCategory.RESIDENT.value, "户籍不在本村、在本村居住满规定年限"
    VILLAGE_AFFAIRS = RegistrationCategory.VILLAGE_AFFAIRS.value, "户籍不在本村、从事村务满规定年限"


class ListStatus(models.TextChoices):
    DRAFT = "draft", "未公布（草稿）"
    PUBLISHED = "published", "已公布"


class VoterRegister(models.Model):
    """The register of one villagers' committee election (the round's first election)."""

    election = models.OneToOneField(
        "elections.Election",
        verbose_name="选举",
        on_delete=models.PROTECT,
        related_name="voter_register",
    )
    village = models.ForeignKey(
        "regions.Region", verbose_name="村", on_delete=models.PROTECT, related_name="+"
    )
    # The campaign's term: a person is registered once per term in the whole system (VC-REG-3).
    term_year = models.PositiveSmallIntegerField("届期起始年")
    status = models.CharField(
        "状态", max_length=16, choices=ListStatus.choices, default=ListStatus.DRAFT
    )
    # The election day ages and residence years were counted to when the list was built: a
    # list built for another day is built again before it is published.
    election_day = models.DateField("生成时的选举日", null=True, blank=True)
    built_on = models.DateField("生成日期", null=True, blank=True)
    built_at = models.DateTimeField("生成时间", null=True, blank=True)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="生成人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_on = models.DateField("公布日期", null=True, blank=True)
    published_at = models.DateTimeField("公布操作时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # VC-REG-6's last day to object, counted with the holiday table on the day of publication
    # (what the announcement says), and the table's warning when a year was not yet entered.
    objection_deadline = models.DateField("异议截止日", null=True, blank=True)
    deadline_warning = models.CharField("期限提示", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "选民名单"
        verbose_name_plural = "选民名单"
        ordering = ["-term_year", "village__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ListStatus.values), name="voter_register_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=ListStatus.DRAFT)
                | Q(published_on__isnull=False, objection_deadline__isnull=False),
                name="voter_register_published_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village.name}选民名单（{self.term_year}年）"

    @property
    def published(self) -> bool:
        return self.status == ListStatus.PUBLISHED


class Voter(models.Model):
    """One person on a register, with what the list shows of them as it was built (name, sex,
    group): the published list stays as published while the household register moves on."""

    # register: voter_register_order_idx leads with it (no index of its own; W2 writes a
    # million voters, each index one more write per voter).
    register = models.ForeignKey(
        VoterRegister, on_delete=models.CASCADE, related_name="voters", db_index=False
    )
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    term_year = models.PositiveSmallIntegerField("届期起始年")
    category = models.CharField("登记类别", max_length=24, choices=Category.choices)
    name = models.CharField("姓名", max_length=64)
    sex = models.CharField("性别", max_length=1)
    villager_group = models.ForeignKey(
        "regions.VillagerGroup",
        verbose_name="村民小组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    group_name = models.CharField("村民小组", max_length=64, blank=True)
    household_number = models.CharField("户号", max_length=32, blank=True)
    # The list's order: group, household (户号 as people count), head first, then age.
    sort_key = models.CharField(max_length=120)
    added_by = models.ForeignKey(
        "Objection",
        verbose_name="经异议增加",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # indexed where set (Meta)
    )
    removed_at = models.DateTimeField("取消时间", null=True, blank=True)
    removed_by = models.ForeignKey(
        "Objection",
        verbose_name="经异议取消",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # indexed where set (Meta)
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "选民"
        verbose_name_plural = "选民"
        ordering = ["register_id", "sort_key"]
        constraints = [
            # VC-REG-3: nobody on two registers of the same term, anywhere in the system.
            models.UniqueConstraint(
                fields=["term_year", "person"],
                condition=Q(removed_at__isnull=True),
                name="voter_one_register_per_term",
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="voter_category_known"
            ),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True) | Q(removed_by__isnull=False),
                name="voter_removed_by_decision",
            ),
        ]
        indexes = [
            models.Index(fields=["register", "sort_key"], name="voter_register_order_idx"),
            # Partial: only the few voters an objection added or removed have these set.
            models.Index(
                fields=["added_by"], condition=Q(added_by__isnull=False), name="voter_added_by_idx"
            ),
            models.Index(
                fields=["removed_by"],
                condition=Q(removed_by__isnull=False),
                name="voter_removed_by_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.removed_at is None


class LeftOffKind(models.TextChoices):
    MINOR = "minor", "未满十八周岁"
    DEPRIVED = "deprived", "被剥夺政治权利"
    EXCLUDED = "excluded", "依本省办法不列入"
    NO_CATEGORY = "no_category", "不符合登记条件"
    ELSEWHERE = "elsewhere", "在其他村登记"
    OBJECTION = "objection", "经异议处理取消"


class LeftOff(models.Model):
    """Someone the build considered and left off, with the rules and the reasons."""

    register = models.ForeignKey(VoterRegister, on_delete=models.CASCADE, related_name="left_off")
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("情形", max_length=16, choices=LeftOffKind.choices)
    rule_ids = models.CharField("规则", max_length=100)
    # The rules' reasons, one a line; for ELSEWHERE empty: the page names the other village (or
    # not) as its reader may see it (`other`).
    reasons = models.TextField("原因", blank=True)
    other = models.ForeignKey(
        VoterRegister,
        verbose_name="登记在",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    sort_key = models.CharField(max_length=120)

    class Meta:
        verbose_name = "未列入选民名单的人员"
        verbose_name_plural = "未列入选民名单的人员"
        ordering = ["register_id", "kind", "sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=LeftOffKind.values), name="left_off_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_kind_display()}）"

    @property
    def rules(self) -> str:
        return self.rule_ids.replace(",", "、")

    @property
    def reason_lines(self) -> list[str]:
        return [line for line in self.reasons.split("\n") if line]


class WishMeans(models.TextChoices):
    IN_PERSON = "in_person", "本人当面表示"
    PHONE = "phone", "电话"
    WRITING = "writing", "书面（含短信、微信）"
    RELATIVE = "relative", "委托近亲属转告"
    OTHER = "other", "其他方式"


class AwayWish(models.Model):
    """VC-REG-2 category 2: a villager registered here and living away said they will vote."""

    register = models.ForeignKey(VoterRegister, on_delete=models.CASCADE, related_name="wishes")
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    expressed_on = models.DateField("表示日期")
    means = models.CharField("表示方式", max_length=16, choices=WishMeans.choices)
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "外出人员参选意愿"
        verbose_name_plural = "外出人员参选意愿"
        ordering = ["register_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["register", "person"], name="away_wish_once"),
            models.CheckConstraint(
                condition=Q(means__in=WishMeans.values), name="wish_means_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_means_display()}）"


class Basis(models.TextChoices):
    RESIDENT = RegistrationCategory.RESIDENT.value, "在本村居住"
    VILLAGE_AFFAIRS = RegistrationCategory.VILLAGE_AFFAIRS.value, "在本村从事村务工作"


class Meeting(models.TextChoices):
    ASSEMBLY = "assembly", "村民会议"
    REPRESENTATIVES = "representatives", "村民代表会议"


class ResidentApplication(models.Model):
    """VC-REG-2 category 3 (and the profile's village-affairs category): someone without the
    village's household registration who applied, and whether the assembly agreed."""

    register = models.ForeignKey(
        VoterRegister, on_delete=models.CASCADE, related_name="applications"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    basis = models.CharField("依据", max_length=24, choices=Basis.choices)
    since = models.DateField("起始日期")
    applied_on = models.DateField("申请日期")
    approved_on = models.DateField("会议同意日期", null=True, blank=True)
    meeting = models.CharField("同意的会议", max_length=16, choices=Meeting.choices, blank=True)
    villager_group = models.ForeignKey(
        "regions.VillagerGroup",
        verbose_name="居住的村民小组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField("说明", max_length=200, blank=True)
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
        verbose_name = "登记申请"
        verbose_name_plural = "登记申请"
        ordering = ["register_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["register", "person"], name="application_once"),
            models.CheckConstraint(condition=Q(basis__in=Basis.values), name="application_basis"),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True, meeting="")
                | Q(approved_on__isnull=False) & ~Q(meeting=""),
                name="application_approval_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_basis_display()}）"


class Exclusion(models.Model):
    """VC-REG-4: a condition the province's measures leave off the list (until a day, or open)."""

    register = models.ForeignKey(VoterRegister, on_delete=models.CASCADE, related_name="exclusions")
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(
        "情形",
        max_length=32,
        choices=[
            (ExclusionReason.NO_CIVIL_CAPACITY.value, "无民事行为能力"),
            (ExclusionReason.UNREACHABLE.value, "登记期间经多方通知仍无法联系"),
        ],
    )
    until = models.DateField("情形消除日", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "不列入情形"
        verbose_name_plural = "不列入情形"
        ordering = ["register_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["register", "person"], name="exclusion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_reason_display()}）"


class Conflict(models.Model):
    """VC-REG-3: a person the `claimant` register would list who is already on `holder`'s.

    Open conflicts block the publication of both registers. A resolution records which register
    keeps the person; every later build of either register follows it.
    """

    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    term_year = models.PositiveSmallIntegerField("届期起始年")
    claimant = models.ForeignKey(
        VoterRegister, on_delete=models.CASCADE, related_name="claims", verbose_name="申请登记的村"
    )
    holder = models.ForeignKey(
        VoterRegister, on_delete=models.CASCADE, related_name="holds", verbose_name="已登记的村"
    )
    kept = models.ForeignKey(
        VoterRegister,
        verbose_name="保留登记的村",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.CharField("协调情况", max_length=200, blank=True)
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "重复登记"
        verbose_name_plural = "重复登记"
        ordering = ["term_year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claimant", "person"],
                condition=Q(resolved_at__isnull=True),
                name="conflict_one_open_per_claim",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True, kept__isnull=True)
                | Q(resolved_at__isnull=False, kept__isnull=False),
                name="conflict_resolution_complete",
            ),
            models.CheckConstraint(
                condition=~Q(claimant=models.F("holder")), name="conflict_two_registers"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}（重复登记）"

    @property
    def open(self) -> bool:
        return self.resolved_at is None


class ObjectionKind(models.TextChoices):
    ADD = "add", "应列入而未列入（新增选民）"
    REMOVE = "remove", "不应列入而列入（取消选民资格）"
    CORRECT = "correct", "登记信息有误（更正信息）"


class ObjectionStatus(models.TextChoices):
    OPEN = "open", "待处理"
    UPHELD = "upheld", "异议成立"
    REJECTED = "rejected", "异议不成立"
    LATE = "late", "逾期不予受理"


class SupplementaryNotice(models.Model):
    """A 关于选民名单更正的补充公告: the decisions on objections, published."""

    register = models.ForeignKey(VoterRegister, on_delete=models.CASCADE, related_name="notices")
    number = models.PositiveSmallIntegerField("序号")
    published_on = models.DateField("公布日期")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "选民名单补充公告"
        verbose_name_plural = "选民名单补充公告"
        ordering = ["register_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="notice_number_unique"),
        ]

    def __str__(self) -> str:
        return f"补充公告（第{self.number}号）"


class Objection(models.Model):
    """An objection to the published list (异议/申诉) and the committee's decision on it."""

    register = models.ForeignKey(VoterRegister, on_delete=models.CASCADE, related_name="objections")
    received_on = models.DateField("收到日期")
    filed_by = models.CharField("提出人", max_length=64)
    kind = models.CharField("异议事项", max_length=16, choices=ObjectionKind.choices)
    person = models.ForeignKey(
        "people.Person", verbose_name="涉及人员", on_delete=models.PROTECT, related_name="+"
    )
    claim = models.TextField("异议内容")
    # What a correction asks for (更正信息); blank: unchanged.
    new_name = models.CharField("更正后的姓名", max_length=64, blank=True)
    new_sex = models.CharField("更正后的性别", max_length=1, blank=True)
    new_group = models.ForeignKey(
        "regions.VillagerGroup",
        verbose_name="更正后的村民小组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "处理状态", max_length=16, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    # A late objection: the last day of the period it missed (VC-REG-6), as it was refused.
    period_closed_on = models.DateField("异议期届满日", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    reasons = models.TextField("决定理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice = models.ForeignKey(
        SupplementaryNotice,
        verbose_name="公布于",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="objections",
    )
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
        verbose_name = "选民名单异议"
        verbose_name_plural = "选民名单异议"
        ordering = ["register_id", "received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ObjectionKind.values), name="objection_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ObjectionStatus.values), name="objection_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ObjectionStatus.UPHELD, ObjectionStatus.REJECTED])
                | Q(decided_on__isnull=False) & ~Q(reasons=""),
                name="objection_decision_has_reasons",
            ),
            models.CheckConstraint(
                condition=~Q(status=ObjectionStatus.LATE) | Q(period_closed_on__isnull=False),
                name="objection_late_has_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_kind_display()}）"

    @property
    def decided(self) -> bool:
        return self.status in (ObjectionStatus.UPHELD, ObjectionStatus.REJECTED)


class VoterCard(models.Model):
    """A 选民证, numbered per register; a reissue voids the lost card's number."""

    register = models.ForeignKey(VoterRegister, on_delete=models.CASCADE, related_name="cards")
    voter = models.ForeignKey(Voter, on_delete=models.PROTECT, related_name="cards")
    number = models.PositiveIntegerField("选民证编号")
    issued_at = models.DateTimeField("发证时间")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发证人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    void_reason = models.CharField("作废原因", max_length=200, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作废人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name="补发自",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    class Meta:
        verbose_name = "选民证"
        verbose_name_plural = "选民证"
        ordering = ["register_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="card_number_unique"),
            models.UniqueConstraint(
                fields=["voter"], condition=Q(voided_at__isnull=True), name="card_one_valid"
            ),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                name="card_void_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"选民证第{self.number:05d}号"


class PreviousList(models.Model):
    """The previous term's register as ID numbers (an xlsx), for the 四增四减 when the system
    holds no register of that round (practice.md §4)."""

    register = models.OneToOneField(
        VoterRegister, on_delete=models.CASCADE, related_name="previous_list"
    )
    election_day = models.DateField("上届选举日")
    source_name = models.CharField("文件名", max_length=255)
    id_numbers = models.JSONField("身份证号", default=list)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "上届选民名单"
        verbose_name_plural = "上届选民名单"

    def __str__(self) -> str:
        return f"上届选民名单（{len(self.id_numbers)}人）"
