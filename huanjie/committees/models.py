"""The villagers' election committee of a villagers' committee election (VC-EC-1..4) and the
villager representatives chosen for the term (REP-3, REP-4, REP-7).

Both hang on the round's villagers' committee election (`elections.Election`, body
villagers_committee): the committee presides over that election and serves until the handover
(VC-EC-6); the representatives serve the same term as the committee elected (REP-4).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class ChosenBy(models.TextChoices):
    """Who chose (推选) the committee (VC-EC-1)."""

    VILLAGERS_ASSEMBLY = "villagers_assembly", "村民会议"
    REPRESENTATIVES_ASSEMBLY = "representatives_assembly", "村民代表会议"
    GROUP_MEETINGS = "group_meetings", "各村民小组会议"


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", "主任"
    VICE_CHAIR = "vice_chair", "副主任"
    MEMBER = "member", "委员"


class Seating(models.TextChoices):
    """How a member came onto the committee."""

    SELECTED = "selected", "推选产生"
    REFILLED = "refilled", "依次递补"


class Stage(models.TextChoices):
    """How far a nominee has come (`ec.withdraw_trigger` decides which stage makes members
    leave): the values of `rules.bodies.election_committee.Candidacy`."""

    NOMINATED = "nominated", "已被提名或登记为自荐人"
    CONFIRMED = "confirmed", "已列入正式候选人（自荐人）名单"


class ElectionCommittee(models.Model):
    election = models.OneToOneField(
        "elections.Election",
        verbose_name="村民委员会选举",
        on_delete=models.PROTECT,
        related_name="election_committee",
    )
    village = models.ForeignKey(
        "regions.Region",
        verbose_name="村",
        on_delete=models.PROTECT,
        related_name="election_committees",
    )
    chosen_by = models.CharField("推选方式", max_length=32, choices=ChosenBy.choices)
    chosen_on = models.DateField("推选日期")
    should_attend = models.PositiveIntegerField("应到人数")
    present = models.PositiveIntegerField("实到人数")
    seats = models.PositiveSmallIntegerField("推选产生的成员人数")
    # A vacancy the original 推选 cannot fill (a tie at the last vacancy, nobody left): VC-EC-3's
    # words, shown until the committee is complete again.
    vacancy_note = models.CharField("待补足", max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "村民选举委员会"
        verbose_name_plural = "村民选举委员会"
        ordering = ["village_id", "-chosen_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(chosen_by__in=ChosenBy.values), name="committee_chosen_by_known"
            ),
            models.CheckConstraint(
                condition=Q(present__lte=F("should_attend")), name="committee_present_le_should"
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="committee_seats_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.village.name}村民选举委员会"


class CommitteeVote(models.Model):
    """One person the 推选 gave votes to (seated or not): the order refills follow (VC-EC-3)."""

    committee = models.ForeignKey(ElectionCommittee, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    votes = models.PositiveIntegerField("得票")
    position = models.PositiveSmallIntegerField("名次")

    class Meta:
        verbose_name = "推选得票"
        verbose_name_plural = "推选得票"
        ordering = ["committee_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "person"], name="committee_vote_one_per_person"
            ),
            models.UniqueConstraint(
                fields=["committee", "position"], name="committee_vote_unique_position"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="committee_vote_position"),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} {self.votes}票"


class CommitteeMember(models.Model):
    """A seat on the committee: who, in which role, since when and how; and, once left, when,
    under which rule and why (VC-EC-2 / VC-EC-4 with the kinship chain)."""

    committee = models.ForeignKey(
        ElectionCommittee, on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("职务", max_length=16, choices=CommitteeRole.choices)
    # The role the member took when seated (announcement 2 lists the committee as chosen).
    first_role = models.CharField("初任职务", max_length=16, choices=CommitteeRole.choices)
    seated_on = models.DateField("任职日期")
    seating = models.CharField("产生方式", max_length=16, choices=Seating.choices)
    replaces = models.ForeignKey(
        "self",
        verbose_name="递补谁的空缺",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refilled_by",
    )
    left_on = models.DateField("退出日期", null=True, blank=True)
    leave_rule_ids = models.CharField("退出依据", max_length=64, blank=True)
    leave_reason = models.CharField("退出原因", max_length=400, blank=True)
    leave_chain = models.CharField("亲属关系", max_length=200, blank=True)
    leave_because = models.ForeignKey(
        "people.Person",
        verbose_name="因谁参选",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "村民选举委员会成员"
        verbose_name_plural = "村民选举委员会成员"
        ordering = ["committee_id", "seated_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "person"], name="committee_member_once"),
            models.CheckConstraint(
                condition=Q(role__in=CommitteeRole.values), name="committee_member_role_known"
            ),
            models.CheckConstraint(
                condition=Q(seating__in=Seating.values), name="committee_member_seating_known"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True, leave_reason="")
                | Q(left_on__isnull=False) & ~Q(leave_reason=""),
                name="committee_member_leaving_explained",
            ),
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(role="chair", left_on__isnull=True),
                name="committee_one_sitting_chair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.get_role_display()}）"

    @property
    def sitting(self) -> bool:
        return self.left_on is None


class CommitteeNominee(models.Model):
    """A villager recorded as nominated or registered as a self-nominee for the villagers'
    committee, as far as the committee's withdrawals need it (VC-EC-2, VC-EC-4). The
    nominations themselves are a later feature; it passes its nominees to the same service."""

    committee = models.ForeignKey(
        ElectionCommittee, on_delete=models.CASCADE, related_name="nominees"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField("阶段", max_length=16, choices=Stage.choices)
    self_nominee = models.BooleanField("自荐人", default=False)
    on = models.DateField("日期")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "参选人"
        verbose_name_plural = "参选人"
        ordering = ["committee_id", "on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "person"], name="committee_nominee_once"),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="committee_nominee_stage_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{'自荐人' if self.self_nominee else '被提名人'}）"


# --- villager representatives (村民代表) ------------------------------------------------------


class Basis(models.TextChoices):
    """How seats are apportioned (REP-4)."""

    HOUSEHOLDS = "households", "按户推选（每五户至十五户推选一人）"
    GROUPS = "groups", "按村民小组推选"


class RepresentativePlan(models.Model):
    """The apportionment of the representatives' seats into constituencies (推选单元)."""

    election = models.OneToOneField(
        "elections.Election",
        verbose_name="村民委员会选举",
        on_delete=models.PROTECT,
        related_name="representative_plan",
    )
    village = models.ForeignKey(
        "regions.Region",
        verbose_name="村",
        on_delete=models.PROTECT,
        related_name="representative_plans",
    )
    basis = models.CharField("名额分配方式", max_length=16, choices=Basis.choices)
    decided_on = models.DateField("确定日期")
    # The register when the seats were apportioned: what REP-4 and REP-7 were counted on.
    households = models.PositiveIntegerField("在册户数")
    population = models.PositiveIntegerField("在册人数")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "村民代表名额分配"
        verbose_name_plural = "村民代表名额分配"
        constraints = [
            models.CheckConstraint(condition=Q(basis__in=Basis.values), name="rep_plan_basis_known")
        ]

    def __str__(self) -> str:
        return f"{self.village.name}村民代表名额分配"


class Constituency(models.Model):
    """One unit that chooses representatives: a villager group, or some of its households."""

    plan = models.ForeignKey(
        RepresentativePlan, on_delete=models.CASCADE, related_name="constituencies"
    )
    number = models.PositiveSmallIntegerField("序号")
    name = models.CharField("推选单元", max_length=64)
    villager_group = models.ForeignKey(
        "regions.VillagerGroup", verbose_name="村民小组", on_delete=models.PROTECT, related_name="+"
    )
    # Household basis: the households of the unit; group basis: none (the whole group).
    households = models.ManyToManyField("people.Household", verbose_name="户", related_name="+")
    seats = models.PositiveSmallIntegerField("代表名额")
    women_seats = models.PositiveSmallIntegerField("其中单列妇女名额", default=0)

    class Meta:
        verbose_name = "推选单元"
        verbose_name_plural = "推选单元"
        ordering = ["plan_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="constituency_unique_number"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="constituency_seats_positive"),
            models.CheckConstraint(
                condition=Q(women_seats__lte=F("seats")), name="constituency_women_le_seats"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Selection(models.Model):
    """The meeting of one constituency that chose its representatives, with its turnout (REP-7)."""

    constituency = models.OneToOneField(
        Constituency, on_delete=models.CASCADE, related_name="selection"
    )
    held_on = models.DateField("推选日期")
    voters_eligible = models.PositiveIntegerField("本单元选民")
    voters_present = models.PositiveIntegerField("到会选民")
    households_eligible = models.PositiveIntegerField("本单元户数")
    households_present = models.PositiveIntegerField("到会户代表")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "村民代表推选"
        verbose_name_plural = "村民代表推选"
        constraints = [
            models.CheckConstraint(
                condition=Q(voters_present__lte=F("voters_eligible")),
                name="selection_voters_present_le_eligible",
            ),
            models.CheckConstraint(
                condition=Q(households_present__lte=F("households_eligible")),
                name="selection_households_present_le_eligible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.constituency.name}推选"


class SelectionVote(models.Model):
    """A person's votes at a constituency's selection; `elected` marks the representatives."""

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    votes = models.PositiveIntegerField("得票")
    elected = models.BooleanField("当选")

    class Meta:
        verbose_name = "村民代表推选得票"
        verbose_name_plural = "村民代表推选得票"
        ordering = ["selection_id", "-votes", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "person"], name="selection_vote_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.name} {self.votes}票"


# --- villager group leaders (村民小组长、副组长) -------------------------------------------------


class GroupPost(models.TextChoices):
    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"


class GroupElectionNotice(models.Model):
    """Announcement 5 (关于村民代表和小组长选举的公告): when and where the villager groups meet
    to choose their representatives and group leaders."""

    election = models.OneToOneField(
        "elections.Election",
        verbose_name="村民委员会选举",
        on_delete=models.PROTECT,
        related_name="group_election_notice",
    )
    village = models.ForeignKey(
        "regions.Region", verbose_name="村", on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField("公告日期")
    held_on = models.DateField("推选日期")
    starts_at = models.TimeField("开始时间")
    ends_at = models.TimeField("结束时间")
    place = models.CharField("地点", max_length=200)
    note = models.CharField("其他事项", max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "村民代表和小组长选举公告"
        verbose_name_plural = "村民代表和小组长选举公告"
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")), name="group_notice_hours_ordered"
            ),
            models.CheckConstraint(
                condition=Q(issued_on__lte=F("held_on")), name="group_notice_before_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village.name}村民代表和小组长选举公告"


class GroupLeaderSelection(models.Model):
    """The villager-group meeting that chose its group leader and deputies (REP-6: quorum and
    more than half of those present)."""

    election = models.ForeignKey(
        "elections.Election",
        verbose_name="村民委员会选举",
        on_delete=models.PROTECT,
        related_name="group_leader_selections",
    )
    village = models.ForeignKey(
        "regions.Region", verbose_name="村", on_delete=models.PROTECT, related_name="+"
    )
    villager_group = models.ForeignKey(
        "regions.VillagerGroup", verbose_name="村民小组", on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField("推选日期")
    adults_eligible = models.PositiveIntegerField("本组年满十八周岁的村民")
    adults_present = models.PositiveIntegerField("到会村民")
    households_eligible = models.PositiveIntegerField("本组户数")
    households_present = models.PositiveIntegerField("到会户代表")
    deputy_seats = models.PositiveSmallIntegerField("副组长名额", default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "村民小组长推选"
        verbose_name_plural = "村民小组长推选"
        ordering = ["election_id", "villager_group_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "villager_group"], name="group_leader_selection_once"
            ),
            models.CheckConstraint(
                condition=Q(adults_present__lte=F("adults_eligible")),
                name="group_leader_adults_present_le_eligible",
            ),
            models.CheckConstraint(
                condition=Q(households_present__lte=F("households_eligible")),
                name="group_leader_households_present_le_eligible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.villager_group.name}小组长推选"


class GroupLeaderVote(models.Model):
    """A person's votes for one post at a group's meeting; `elected` marks who took it."""

    selection = models.ForeignKey(
        GroupLeaderSelection, on_delete=models.CASCADE, related_name="votes"
    )
    post = models.CharField("职务", max_length=8, choices=GroupPost.choices)
    person = models.ForeignKey(
        "people.Person", verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    votes = models.PositiveIntegerField("得票")
    elected = models.BooleanField("当选")

    class Meta:
        verbose_name = "村民小组长推选得票"
        verbose_name_plural = "村民小组长推选得票"
        ordering = ["selection_id", "post", "-votes", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "post", "person"], name="group_leader_vote_once_per_post"
            ),
            models.CheckConstraint(
                condition=Q(post__in=GroupPost.values), name="group_leader_vote_post_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} {self.votes}票（{self.get_post_display()}）"
