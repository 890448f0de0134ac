"""Households, people, close-relative links and the party roll (domain.md §1, §7)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from huanjie.rules.eligibility.preferences import Education as Schooling
from huanjie.rules.kinship.relations import RelationKind


class Sex(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class PoliticalStatus(models.TextChoices):
    MASSES = "masses", "群众"
    YOUTH_LEAGUE = "youth_league", "共青团员"
    PROBATIONARY_MEMBER = "probationary_member", "预备党员"
    FULL_MEMBER = "full_member", "正式党员"


def _level(level: Schooling) -> tuple[str, str]:
    return level.value, level.label


class Education(models.TextChoices):
    """文化程度 as stored: the rules' scale (`huanjie.rules.eligibility.preferences.Education`),
    its values and labels taken from there. The members are spelled out so that type checkers
    see them; people/tests/test_education.py holds both to the same names, order and labels."""

    ILLITERATE = _level(Schooling.ILLITERATE)
    PRIMARY = _level(Schooling.PRIMARY)
    JUNIOR_HIGH = _level(Schooling.JUNIOR_HIGH)
    HIGH_SCHOOL = _level(Schooling.HIGH_SCHOOL)
    SECONDARY_VOCATIONAL = _level(Schooling.SECONDARY_VOCATIONAL)
    COLLEGE = _level(Schooling.COLLEGE)
    BACHELOR = _level(Schooling.BACHELOR)
    POSTGRADUATE = _level(Schooling.POSTGRADUATE)

    @property
    def schooling(self) -> Schooling:
        """The same level on the rules' scale (its rank, `college_or_above`)."""
        return Schooling(self.value)


class HeadRelation(models.TextChoices):
    """与户主关系 (GB/T 4761 family relationship names used on the register)."""

    HEAD = "head", "户主"
    SPOUSE = "spouse", "配偶"
    SON = "son", "子"
    DAUGHTER = "daughter", "女"
    GRANDSON = "grandson", "孙子"
    GRANDDAUGHTER = "granddaughter", "孙女"
    PARENT = "parent", "父母"
    GRANDPARENT = "grandparent", "祖父母"
    SIBLING = "sibling", "兄弟姐妹"
    DAUGHTER_IN_LAW = "daughter_in_law", "儿媳"
    SON_IN_LAW = "son_in_law", "女婿"
    OTHER = "other", "其他"


class PersonTagKind(models.TextChoices):
    BUSINESS_LEADER = "business_leader", "致富带头人"
    VETERAN = "veteran", "退役军人"
    RETURNEE = "returnee", "回乡创业"
    COLLEGE_GRADUATE = "college_graduate", "大学生"


class RegisterStatus(models.TextChoices):
    """Whether a person is still on the village's household register. A person who left is
    kept (with the date and why), never deleted: relations, offices and the audit trail point
    at them, and the 四增四减 of the next round counts them (practice.md §4)."""

    ACTIVE = "active", "在册"
    MOVED_OUT = "moved_out", "已迁出"
    DECEASED = "deceased", "已死亡"


class PersonQuerySet(models.QuerySet["Person"]):
    def on_register(self) -> PersonQuerySet:
        """People still on the register (neither moved out nor deceased)."""
        return self.filter(status=RegisterStatus.ACTIVE)


class Household(models.Model):
    village = models.ForeignKey(
        "regions.Region", verbose_name="村", on_delete=models.PROTECT, related_name="households"
    )
    villager_group = models.ForeignKey(
        "regions.VillagerGroup",
        verbose_name="村民小组",
        on_delete=models.PROTECT,
        related_name="households",
    )
    number = models.CharField("户号", max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "户"
        verbose_name_plural = "户"
        ordering = ["village_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["village", "number"], name="household_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}户"


class Person(models.Model):
    id_number = models.CharField("身份证号", max_length=18, unique=True)
    name = models.CharField("姓名", max_length=64)
    # Derived from the ID number and cross-checked against the register's 性别 column.
    sex = models.CharField("性别", max_length=1, choices=Sex.choices)
    birth_date = models.DateField("出生日期")
    ethnicity = models.CharField("民族", max_length=16, default="汉族")
    education = models.CharField("文化程度", max_length=24, choices=Education.choices, blank=True)
    political_status = models.CharField(
        "政治面貌", max_length=24, choices=PoliticalStatus.choices, default=PoliticalStatus.MASSES
    )
    phone = models.CharField("联系电话", max_length=20, blank=True)
    # The village whose register lists the person; the household, when there is one, is in it.
    # No index of its own: the (village, name) and (village, status) indexes lead with it, and
    # every index is one more write per person of a million-row import (W2).
    village = models.ForeignKey(
        "regions.Region",
        verbose_name="村",
        on_delete=models.PROTECT,
        related_name="people",
        db_index=False,
    )
    household = models.ForeignKey(
        Household,
        verbose_name="户",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    relation_to_head = models.CharField(
        "与户主关系", max_length=24, choices=HeadRelation.choices, blank=True
    )
    hukou_in_village = models.BooleanField("户籍在本村", default=True)
    resides_in_village = models.BooleanField("在本村居住", default=True)
    deprived_of_political_rights = models.BooleanField("被剥夺政治权利", default=False)
    # Leaving the register: the household and relation stay as they were (the history), the
    # status says the person is no longer counted, from which day and why.
    status = models.CharField(
        "登记状态", max_length=16, choices=RegisterStatus.choices, default=RegisterStatus.ACTIVE
    )
    status_on = models.DateField("迁出或死亡日期", null=True, blank=True)
    status_note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["village_id", "household_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(id_number__regex=r"^[0-9]{17}[0-9X]$"),
                name="person_id_number_18_chars",
            ),
            models.CheckConstraint(condition=Q(sex__in=Sex.values), name="person_sex_known"),
            models.CheckConstraint(
                condition=Q(household__isnull=True, relation_to_head="")
                | Q(household__isnull=False) & ~Q(relation_to_head=""),
                name="person_relation_iff_household",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegisterStatus.values), name="person_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=RegisterStatus.ACTIVE, status_on__isnull=True)
                | ~Q(status=RegisterStatus.ACTIVE) & Q(status_on__isnull=False),
                name="person_left_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["village", "name"], name="person_village_name_idx"),
            models.Index(fields=["village", "status"], name="person_village_status_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def schooling(self) -> Schooling | None:
        """文化程度 on the rules' scale, for their checks (QUAL-8); None when not recorded."""
        return Schooling(self.education) if self.education else None


class PersonTag(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tags")
    tag = models.CharField("标签", max_length=24, choices=PersonTagKind.choices)

    class Meta:
        verbose_name = "人员标签"
        verbose_name_plural = "人员标签"
        constraints = [
            models.UniqueConstraint(fields=["person", "tag"], name="person_tag_unique"),
            models.CheckConstraint(
                condition=Q(tag__in=PersonTagKind.values), name="person_tag_known"
            ),
        ]

    def __str__(self) -> str:
        return self.get_tag_display()


class RelationSource(models.TextChoices):
    DERIVED = "derived", "由户籍关系推导"
    DECLARED = "declared", "选委会登记"


RELATION_KIND_CHOICES = [
    (RelationKind.SPOUSE.value, "配偶"),
    (RelationKind.PARENT_CHILD.value, "父母子女"),
    (RelationKind.SIBLING.value, "兄弟姐妹"),
    (RelationKind.GRANDPARENT_GRANDCHILD.value, "祖孙"),
]
SYMMETRIC_KINDS = [RelationKind.SPOUSE.value, RelationKind.SIBLING.value]


class CloseRelativeQuerySet(models.QuerySet["CloseRelative"]):
    def for_recusal(self) -> CloseRelativeQuerySet:
        """The links kinship recusal may rely on: confirmed by the committee (a declared link
        is confirmed when entered) and not rejected. A derived link nobody has checked yet
        is a suggestion, not a fact (KIN-1..6 decide on facts)."""
        return self.filter(confirmed_at__isnull=False, rejected_at__isnull=True)

    def pending(self) -> CloseRelativeQuerySet:
        """Derived links still waiting for the committee to confirm or reject them."""
        return self.filter(confirmed_at__isnull=True, rejected_at__isnull=True)


class CloseRelative(models.Model):
    """One close-relative link. Directed kinds: `person_a` is the parent / grandparent.

    Symmetric kinds (spouse, sibling) are stored once, the lower id first. A derived link is
    pending until the committee confirms or rejects it; a rejected link is kept (with who and
    when) so that deriving the household again does not bring it back.
    """

    # person_a: close_relative_unique leads with it (no index of its own).
    person_a = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relations_as_a", db_index=False
    )
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations_as_b")
    kind = models.CharField("关系", max_length=32, choices=RELATION_KIND_CHOICES)
    source = models.CharField("来源", max_length=16, choices=RelationSource.choices)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # indexed where set (Meta): most links are never confirmed or rejected
    )
    rejected_at = models.DateTimeField("否定时间", null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="否定人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # indexed where set (Meta)
    )
    # What the link rests on: the household register for a derived one; for a declared one
    # what the committee saw (结婚证, 出生医学证明, 村民证实 …), and why a derived one is wrong.
    basis = models.CharField("依据", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CloseRelativeQuerySet.as_manager()

    class Meta:
        verbose_name = "近亲属关系"
        verbose_name_plural = "近亲属关系"
        constraints = [
            models.UniqueConstraint(
                fields=["person_a", "person_b", "kind"], name="close_relative_unique"
            ),
            models.CheckConstraint(
                condition=~Q(person_a=F("person_b")), name="close_relative_not_self"
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=SYMMETRIC_KINDS) | Q(person_a__lt=F("person_b")),
                name="close_relative_symmetric_ordered",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k for k, _ in RELATION_KIND_CHOICES]),
                name="close_relative_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(rejected_at__isnull=True),
                name="close_relative_confirmed_or_rejected",
            ),
        ]
        indexes = [
            # Partial: a user's links (SET_NULL when the user goes) are found without an
            # index entry for each of the millions derived and never confirmed nor rejected.
            models.Index(
                fields=["confirmed_by"],
                condition=Q(confirmed_by__isnull=False),
                name="close_relative_confirmer_idx",
            ),
            models.Index(
                fields=["rejected_by"],
                condition=Q(rejected_by__isnull=False),
                name="close_relative_rejecter_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} — {self.person_b}（{self.get_kind_display()}）"


class PartyOrganizationKind(models.TextChoices):
    BRANCH = "branch", "党支部"
    GENERAL_BRANCH = "general_branch", "党总支"
    COMMITTEE = "committee", "党委"


class PartyOrganization(models.Model):
    village = models.ForeignKey(
        "regions.Region",
        verbose_name="村",
        on_delete=models.PROTECT,
        related_name="party_organizations",
    )
    name = models.CharField("名称", max_length=64)
    kind = models.CharField("类型", max_length=16, choices=PartyOrganizationKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "村党组织"
        verbose_name_plural = "村党组织"
        constraints = [
            models.UniqueConstraint(fields=["village", "name"], name="party_org_unique_name"),
            models.CheckConstraint(
                condition=Q(kind__in=PartyOrganizationKind.values), name="party_org_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipStatus(models.TextChoices):
    FULL = "full", "正式党员"
    PROBATIONARY = "probationary", "预备党员"


class PartyMembership(models.Model):
    person = models.OneToOneField(
        Person, verbose_name="党员", on_delete=models.PROTECT, related_name="party_membership"
    )
    organization = models.ForeignKey(
        PartyOrganization,
        verbose_name="所在党组织",
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    status = models.CharField("党员类别", max_length=16, choices=MembershipStatus.choices)
    joined_on = models.DateField("入党时间", null=True, blank=True)
    # 留党察看: no rights until the day after this date (PB-RIGHTS-1/2).
    probation_until = models.DateField("留党察看期满", null=True, blank=True)
    # Rights suspended after 留置 or arrest (PB-RIGHTS-1).
    suspended = models.BooleanField("权利暂停", default=False)
    floating = models.BooleanField("流动党员（外出）", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "党员"
        verbose_name_plural = "党员"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MembershipStatus.values), name="membership_status_known"
            ),
            models.CheckConstraint(
                condition=Q(probation_until__isnull=True) | Q(status=MembershipStatus.FULL),
                name="membership_probation_only_full",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_status_display()}）"


class RegisterImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "已上传，正在校验"
    VALIDATED = "validated", "校验通过，待确认导入"
    FAILED = "failed", "有错误，未导入"
    IMPORTING = "importing", "正在导入"
    IMPORTED = "imported", "已导入"


class RegisterCoverage(models.TextChoices):
    """What an imported file says about the register: the households it lists (the others stay
    as they are), or the whole village (people on the register and not in the file left it)."""

    HOUSEHOLDS = "households", "只更新文件中列出的户"
    VILLAGE = "village", "文件是全村完整的户籍登记"


class RegisterImport(models.Model):
    """One uploaded household register, kept with its row-level report (architecture.md §3)."""

    village = models.ForeignKey(
        "regions.Region",
        verbose_name="村",
        on_delete=models.PROTECT,
        related_name="register_imports",
    )
    file = models.FileField("文件", upload_to="register_imports/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=255)
    status = models.CharField(
        "状态",
        max_length=16,
        choices=RegisterImportStatus.choices,
        default=RegisterImportStatus.UPLOADED,
    )
    coverage = models.CharField(
        "文件范围",
        max_length=16,
        choices=RegisterCoverage.choices,
        default=RegisterCoverage.HOUSEHOLDS,
    )
    # Progress of the running step, in rows (the page polls these two numbers).
    processed = models.PositiveIntegerField("已处理行数", default=0)
    total = models.PositiveIntegerField("总行数", default=0)
    households = models.PositiveIntegerField("户数", default=0)
    people = models.PositiveIntegerField("人数", default=0)
    relations = models.PositiveIntegerField("推导的近亲属关系", default=0)
    error_count = models.PositiveIntegerField("错误数", default=0)
    warning_count = models.PositiveIntegerField("提示数", default=0)
    # {"file_error": str | None, "problems": [...], "new_groups": [...]}: see people.register.
    report = models.JSONField("校验报告", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认导入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField("导入时间", null=True, blank=True)
    # The lease of the worker running a step: refreshed while it works; a running import whose
    # heartbeat is older than HUANJIE_IMPORT_LEASE_SECONDS lost its worker. Each run of a step
    # has its own `attempt`, so a run that was given up cannot publish after a retry began.
    heartbeat_at = models.DateTimeField("心跳时间", null=True, blank=True)
    attempt = models.PositiveIntegerField("运行次数", default=0)
    # Removed from the village's list of recent imports by the committee (a failed or
    # abandoned upload); the record and its audit entries stay.
    dismissed_at = models.DateTimeField("移除时间", null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="移除人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "户籍导入"
        verbose_name_plural = "户籍导入"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RegisterImportStatus.values),
                name="register_import_status_known",
            ),
            models.CheckConstraint(
                condition=Q(processed__lte=F("total")), name="register_import_progress_bounded"
            ),
            models.CheckConstraint(
                condition=~Q(status=RegisterImportStatus.IMPORTED) | Q(imported_at__isnull=False),
                name="register_import_imported_has_time",
            ),
            models.CheckConstraint(
                condition=Q(coverage__in=RegisterCoverage.values),
                name="register_import_coverage_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} · {self.original_name}"


class StagedPerson(models.Model):
    """A checked register row of a person new to the register, waiting for its import.

    The import writes these in short batches (others may write in between) and then publishes
    them into people and tags in one short set-based transaction (their households are created
    just before, in the same transaction); until then no page sees them, and the rows of a run
    that died are deleted with the run.
    """

    register_import = models.ForeignKey(
        RegisterImport, on_delete=models.CASCADE, related_name="staged_people"
    )
    household_number = models.CharField(max_length=32)
    villager_group = models.CharField(max_length=64)
    id_number = models.CharField(max_length=18)
    name = models.CharField(max_length=64)
    sex = models.CharField(max_length=1)
    birth_date = models.DateField()
    ethnicity = models.CharField(max_length=16)
    education = models.CharField(max_length=24, blank=True)
    political_status = models.CharField(max_length=24)
    phone = models.CharField(max_length=20, blank=True)
    relation_to_head = models.CharField(max_length=24)
    hukou_in_village = models.BooleanField()
    resides_in_village = models.BooleanField()
    # ",veteran,returnee," — one LIKE per tag kind publishes them set-based on every backend.
    tags = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "待写入人员"
        verbose_name_plural = "待写入人员"

    def __str__(self) -> str:
        return self.name


class StagedRelation(models.Model):
    """A derived close-relative link waiting with its import, by the two ID numbers."""

    register_import = models.ForeignKey(
        RegisterImport, on_delete=models.CASCADE, related_name="staged_relations"
    )
    id_number_a = models.CharField(max_length=18)
    id_number_b = models.CharField(max_length=18)
    kind = models.CharField(max_length=32)
    symmetric = models.BooleanField(default=False)

    class Meta:
        verbose_name = "待写入近亲属关系"
        verbose_name_plural = "待写入近亲属关系"

    def __str__(self) -> str:
        return self.kind


class RegisterExportStatus(models.TextChoices):
    QUEUED = "queued", "排队等待生成"
    RUNNING = "running", "正在生成"
    READY = "ready", "已生成"
    FAILED = "failed", "生成失败"


class RegisterExportMode(models.TextChoices):
    DIRECT = "direct", "直接下载"
    BACKGROUND = "background", "后台生成"
    COMMAND = "command", "命令行导出"


class RegisterExport(models.Model):
    """One export of a village's register (full ID numbers): who asked, when, and its file.

    A small register is written inside the request (DIRECT, no file kept); a large one in the
    background (BACKGROUND), its file kept 0600 under MEDIA_ROOT for the requester to download
    until the retention period ends. Every download is audited (`people.register.downloads`).
    """

    village = models.ForeignKey(
        "regions.Region",
        verbose_name="村",
        on_delete=models.PROTECT,
        related_name="register_exports",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导出人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mode = models.CharField("导出方式", max_length=16, choices=RegisterExportMode.choices)
    status = models.CharField(
        "状态",
        max_length=16,
        choices=RegisterExportStatus.choices,
        default=RegisterExportStatus.QUEUED,
    )
    # Progress of the background build, in people (the page polls these two numbers).
    processed = models.PositiveIntegerField("已处理人数", default=0)
    total = models.PositiveIntegerField("总人数", default=0)
    households = models.PositiveIntegerField("户数", default=0)
    people = models.PositiveIntegerField("人数", default=0)
    file = models.FileField("文件", upload_to="register_exports/%Y/%m/", blank=True)
    error = models.CharField("失败原因", max_length=300, blank=True)
    # The lease of the worker building the file, as for imports: one silent for longer than
    # HUANJIE_IMPORT_LEASE_SECONDS died, and the export is marked failed.
    heartbeat_at = models.DateTimeField("心跳时间", null=True, blank=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    finished_at = models.DateTimeField("生成时间", null=True, blank=True)

    class Meta:
        verbose_name = "户籍导出"
        verbose_name_plural = "户籍导出"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RegisterExportStatus.values),
                name="register_export_status_known",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=RegisterExportMode.values),
                name="register_export_mode_known",
            ),
            models.CheckConstraint(
                condition=Q(processed__lte=F("total")), name="register_export_progress_bounded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} · 户籍导出"
