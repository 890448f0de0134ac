"""A village's 后备干部 pool and each sitting office holder's path at the election, and the
village facts the slate's structure check reads (former villages, smaller ethnic groups).

Kept by the township officer (`RUN_NOMINATIONS`) or the village party organization
(`ARRANGE_PARTY_ELECTION`): the reserve pool is the party's to build (seed 000: 党员群众推荐、
组织考察推荐、培养选拔推荐). Every write is one function with its audit entry in the same
transaction; a refusal changes nothing. A reserve cadre is a source of applications: the keeper
files them as an organization recommendation (组织推荐) for a post of the round's election.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch

from huanjie.accounts.policy import Capability, can_change_in
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.elections.models import Body, OfficeHolder, Post
from huanjie.nominations.models import (
    Application,
    FormerVillage,
    Kind,
    MinorityGroup,
    OutgoingChoice,
    OutgoingPath,
    Recruitment,
    ReserveCadre,
    ReserveSource,
)
from huanjie.nominations.services import application_file
from huanjie.people.models import Person, RegisterStatus
from huanjie.regions.models import VillagerGroup

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.regions.models import Region

RESERVE_ADD = AuditAction("nomination.reserve_add", "列入后备干部")
RESERVE_LEAVE = AuditAction("nomination.reserve_leave", "移出后备干部")
RESERVE_TRAINING = AuditAction("nomination.reserve_training", "登记后备干部培训")
OUTGOING = AuditAction("nomination.outgoing", "登记现任干部去向")
FORMER_VILLAGE = AuditAction("nomination.former_village", "登记合并前原村")
MINORITY = AuditAction("nomination.minority_group", "登记村内少数民族")

NOT_A_KEEPER = (
    "您的角色不能办理后备干部和现任干部去向。它们由乡镇组织委员或本村党组织办理，请联系他们。"
)
RESERVE_OTHER_VILLAGE = "{name}不是{village}的村民，不能列入本村后备干部。"
RESERVE_NOT_ON_REGISTER = "{name}{status}，不能列入后备干部。"
RESERVE_TWICE = "{name}已于{since}列入本村后备干部，不用重复登记。"
RESERVE_LEFT = "{name}已于{on}移出后备干部，不能再修改；需要时请重新列入。"
LEAVE_BEFORE_SINCE = "移出日期{on}早于列入后备的日期{since}，请核对日期。"
TRAINING_EMPTY = "请填写培训情况（时间、班次、内容）。"
HOLDER_NOT_SITTING = "{name}的{post}任期已于{end}届满，只登记现任干部的去向。"
FORMER_EMPTY = "请填写原村名称。"
FORMER_NOT_MERGED = "{village}没有标为合并村，请先在村情中标为合并村，再登记合并前的原村。"
FORMER_GROUP_TAKEN = "村民小组{group}已属于原{other}，一个村民小组只属于一个原村。"
MINORITY_EMPTY = "请填写民族名称，如“畲族”。"
MINORITY_HAN = "汉族不是少数民族；请填写本村人数较少的民族。"
MINORITY_TWICE = "{village}已登记{ethnicity}。"
RESERVE_OTHER_RECRUITMENT = "这份招贤榜不是本村的，请从本村的招贤榜报名。"
RESERVE_NOMINATOR = "村党组织（后备干部）"


def may_keep(user: User | AnonymousUser, village: Region) -> bool:
    return can_change_in(user, Capability.RUN_NOMINATIONS, village) or can_change_in(
        user, Capability.ARRANGE_PARTY_ELECTION, village
    )


def keeper(user: User | AnonymousUser, village: Region) -> User:
    """The acting user, or a 403 that says who keeps the reserve pool."""
    if not may_keep(user, village):
        raise PermissionDenied(NOT_A_KEEPER)
    return user  # type: ignore[return-value]  # authenticated: it holds a capability


def _refuse(messages: list[str], code: str) -> ValidationError:
    return ValidationError([ValidationError(m, code=code) for m in messages], code=code)


# Reads ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sitting:
    holder: OfficeHolder
    choice: OutgoingChoice | None


@dataclass
class VillageReserve:
    village: Region
    pool: list[ReserveCadre]
    left: list[ReserveCadre]
    sitting: list[Sitting]
    former_villages: list[FormerVillage]
    minority_groups: list[MinorityGroup]
    paths: dict[str, int] = field(default_factory=dict)  # path label → count, every path listed


def path_counts(choices: list[OutgoingChoice | None]) -> dict[str, int]:
    """Each path's label with how many chose it, and 未登记 for the holders without one."""
    counts = Counter(c.path if c else "" for c in choices)
    found = {label: counts[code] for code, label in OutgoingPath.choices}
    found["未登记"] = counts[""]
    return found


def sitting_holders(village: Region, on: date) -> list[OfficeHolder]:
    return list(
        OfficeHolder.objects.filter(village=village, term_start__lte=on, term_end__gt=on)
        .select_related("person", "outgoing__recorded_by")
        .order_by("body", "id")
    )


def _body_order(holder: OfficeHolder) -> tuple[int, int]:
    return (list(Body.values).index(holder.body), list(Post.values).index(holder.post))


def village_reserve(village: Region, on: date) -> VillageReserve:
    """The village's pool (in it, and moved out), its sitting office holders with their paths,
    and the facts of its structure check."""
    entries = list(
        ReserveCadre.objects.filter(village=village)
        .select_related("person")
        .order_by("since", "id")
    )
    holders = sorted(sitting_holders(village, on), key=_body_order)
    sitting = [Sitting(h, getattr(h, "outgoing", None)) for h in holders]
    return VillageReserve(
        village=village,
        pool=[e for e in entries if e.left_on is None],
        left=[e for e in entries if e.left_on is not None],
        sitting=sitting,
        former_villages=list(
            FormerVillage.objects.filter(village=village).prefetch_related(
                Prefetch("groups", queryset=VillagerGroup.objects.order_by("id"))
            )
        ),
        minority_groups=list(MinorityGroup.objects.filter(village=village)),
        paths=path_counts([s.choice for s in sitting]),
    )


# Writes ---------------------------------------------------------------------------------------


@transaction.atomic
def reserve_add(
    *,
    village: Region,
    person: Person,
    since: date,
    source: str,
    training: str,
    acting_user: User | None,
) -> ReserveCadre:
    """Put a villager of `village` on the register into its reserve pool."""
    faults = []
    if person.village_id != village.pk:
        faults.append(RESERVE_OTHER_VILLAGE.format(name=person.name, village=village.name))
    elif person.status != RegisterStatus.ACTIVE:
        status = person.get_status_display()
        faults.append(RESERVE_NOT_ON_REGISTER.format(name=person.name, status=status))
    earlier = ReserveCadre.objects.filter(
        village=village, person=person, left_on__isnull=True
    ).first()
    if earlier is not None:
        faults.append(RESERVE_TWICE.format(name=person.name, since=earlier.since))
    if faults:
        raise _refuse(faults, "refused")
    entry = ReserveCadre.objects.create(
        village=village,
        person=person,
        since=since,
        source=ReserveSource(source),
        training=training.strip(),
    )
    record_audit(
        actor=acting_user,
        action=RESERVE_ADD,
        target=entry,
        after={"person": person.name, "since": since, "source": source, "training": entry.training},
        village=village,
        target_repr=f"{person.name}列入后备干部",
    )
    return entry


def _open_entry(entry: ReserveCadre) -> ReserveCadre:
    entry = (
        ReserveCadre.objects.select_for_update()
        .select_related("person", "village")
        .get(pk=entry.pk)
    )
    if entry.left_on is not None:
        raise _refuse([RESERVE_LEFT.format(name=entry.person.name, on=entry.left_on)], "left")
    return entry


@transaction.atomic
def reserve_training(
    *, entry: ReserveCadre, training: str, acting_user: User | None
) -> ReserveCadre:
    """Replace the training record of a reserve cadre still in the pool."""
    entry = _open_entry(entry)
    text = training.strip()
    if not text:
        raise _refuse([TRAINING_EMPTY], "training")
    before = entry.training
    entry.training = text
    entry.save(update_fields=["training", "updated_at"])
    record_audit(
        actor=acting_user,
        action=RESERVE_TRAINING,
        target=entry,
        before={"training": before},
        after={"training": text},
        village=entry.village,
        target_repr=f"{entry.person.name}的培训情况",
    )
    return entry


@transaction.atomic
def reserve_leave(*, entry: ReserveCadre, on: date, acting_user: User | None) -> ReserveCadre:
    """Move a reserve cadre out of the pool on `on` (kept as history)."""
    entry = _open_entry(entry)
    if on < entry.since:
        raise _refuse([LEAVE_BEFORE_SINCE.format(on=on, since=entry.since)], "date")
    entry.left_on = on
    entry.save(update_fields=["left_on", "updated_at"])
    record_audit(
        actor=acting_user,
        action=RESERVE_LEAVE,
        target=entry,
        after={"person": entry.person.name, "left_on": on},
        village=entry.village,
        target_repr=f"{entry.person.name}移出后备干部",
    )
    return entry


def reserve_apply(
    *, entry: ReserveCadre, recruitment: Recruitment, on: date, acting_user: User | None
) -> Application:
    """File an organization recommendation (组织推荐) of a reserve cadre for a post's 招贤榜 of
    the same village: the application's own rules and audit apply."""
    entry = ReserveCadre.objects.select_related("person").get(pk=entry.pk)
    if entry.left_on is not None:
        raise _refuse([RESERVE_LEFT.format(name=entry.person.name, on=entry.left_on)], "left")
    if recruitment.election.plan.village_id != entry.village_id:
        raise _refuse([RESERVE_OTHER_RECRUITMENT], "village")
    return application_file(
        recruitment=recruitment,
        person=entry.person,
        kind=Kind.ORGANIZATION,
        filed_on=on,
        nominated_by=RESERVE_NOMINATOR,
        acting_user=acting_user,
    )


@transaction.atomic
def outgoing_record(
    *, holder: OfficeHolder, path: str, note: str, on: date, acting_user: User | None
) -> OutgoingChoice:
    """Record (or correct) what a sitting office holder does at this election."""
    holder = OfficeHolder.objects.select_related("person", "village").get(pk=holder.pk)
    if holder.term_end <= on:
        post = holder.get_post_display()
        msg = HOLDER_NOT_SITTING.format(name=holder.person.name, post=post, end=holder.term_end)
        raise _refuse([msg], "not_sitting")
    existing = OutgoingChoice.objects.select_for_update().filter(holder=holder).first()
    before = {"path": existing.path, "note": existing.note} if existing else None
    choice, _ = OutgoingChoice.objects.update_or_create(
        holder=holder,
        defaults={
            "path": OutgoingPath(path),
            "note": note.strip(),
            "recorded_on": on,
            "recorded_by": acting_user,
        },
    )
    record_audit(
        actor=acting_user,
        action=OUTGOING,
        target=choice,
        before=before,
        after={"path": choice.path, "note": choice.note},
        village=holder.village,
        target_repr=f"{holder.person.name}（{holder.get_body_display()}{holder.get_post_display()}）"
        f"{choice.get_path_display()}",
    )
    return choice


@transaction.atomic
def former_village_record(
    *, village: Region, name: str, groups: list[VillagerGroup], acting_user: User | None
) -> FormerVillage:
    """Record one former village of a merged village with the villager groups it became."""
    text = name.strip()
    if not text:
        raise _refuse([FORMER_EMPTY], "name")
    if not village.merged_village:
        raise _refuse([FORMER_NOT_MERGED.format(village=village.name)], "not_merged")
    taken = [
        FORMER_GROUP_TAKEN.format(group=g.name, other=f.name)
        for g in groups
        for f in g.former_villages.all()
        if f.name != text
    ]
    if taken:
        raise _refuse(taken, "group")
    former, _ = FormerVillage.objects.get_or_create(village=village, name=text)
    former.groups.set(groups)
    record_audit(
        actor=acting_user,
        action=FORMER_VILLAGE,
        target=former,
        after={"name": text, "groups": sorted(g.name for g in groups)},
        village=village,
        target_repr=f"原{text}",
    )
    return former


@transaction.atomic
def minority_group_record(
    *, village: Region, ethnicity: str, acting_user: User | None
) -> MinorityGroup:
    """Record a smaller ethnic group of the village (VC-ORG-2 then looks for it on the slate)."""
    text = ethnicity.strip()
    if not text:
        raise _refuse([MINORITY_EMPTY], "ethnicity")
    if text == "汉族":
        raise _refuse([MINORITY_HAN], "ethnicity")
    if MinorityGroup.objects.filter(village=village, ethnicity=text).exists():
        raise _refuse([MINORITY_TWICE.format(village=village.name, ethnicity=text)], "twice")
    group = MinorityGroup.objects.create(village=village, ethnicity=text)
    record_audit(
        actor=acting_user,
        action=MINORITY,
        target=group,
        after={"ethnicity": text},
        village=village,
        target_repr=f"村内少数民族{text}",
    )
    return group
