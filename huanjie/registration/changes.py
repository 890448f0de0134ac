"""四增四减: the register against the previous term's (practice.md §4).

Everyone on the new list and not on the old is an increase, everyone on the old and not on the
new a decrease, each in exactly one class, so that old + Σ增 − Σ减 = new holds by construction
and is checked. The class is what the data says: age on the previous election day (新满十八周岁),
the registration category (新登记的居住人员), the household register's status and its audited
moves and rights (迁入, 迁出, 死亡, 恢复 / 被剥夺政治权利); the rest is 其他, with what is known.
The sub-counters of the provincial forms (因婚姻迁入, 参军, 因婚嫁迁出) are counted where the
register says so (relation to the head; the note of a leaving) [I].
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType

from huanjie.audit.models import AuditEntry
from huanjie.people.models import HeadRelation, Person, RegisterStatus
from huanjie.registration.models import Category, LeftOff, Voter, VoterRegister
from huanjie.registration.services.previous import previous_register
from huanjie.rules.eligibility.identity import mask_id_number
from huanjie.rules.eligibility.voters import VOTING_AGE
from huanjie.rules.timeline.periods import age_on

MOVE_IN_ACTIONS = ("people.person_move_in", "people.import_person_move_in", "people.person_add")
UPDATE_ACTIONS = ("people.person_update", "people.import_person_update")
MARRIAGE_RELATIONS = {HeadRelation.SPOUSE, HeadRelation.DAUGHTER_IN_LAW, HeadRelation.SON_IN_LAW}
ENLISTED_WORDS = ("参军", "入伍", "服兵役")
MARRIAGE_WORDS = ("婚", "嫁")
NOT_IN_SYSTEM = "（不在本系统中）"


@dataclass(frozen=True)
class ChangedPerson:
    name: str
    group: str
    note: str


@dataclass
class ChangeClass:
    key: str
    label: str
    people: list[ChangedPerson] = field(default_factory=list)
    # (label, count) of the provincial forms' sub-counters within this class
    subs: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.people)


INCREASES = (
    ("new_adult", "新满十八周岁"),
    ("moved_in", "迁入"),
    ("rights_restored", "恢复政治权利"),
    ("newly_resident", "新登记的居住人员"),
    ("other_in", "其他"),
)
DECREASES = (
    ("deceased", "死亡"),
    ("moved_out", "迁出"),
    ("rights_lost", "被剥夺政治权利"),
    ("other_out", "其他"),
)


@dataclass
class ChangesReport:
    register: VoterRegister
    source: str  # "system" (a register of the system) or "import" (an imported list)
    source_label: str
    previous_day: date
    old_total: int
    new_total: int
    increases: list[ChangeClass]
    decreases: list[ChangeClass]

    @property
    def increase_total(self) -> int:
        return sum(c.count for c in self.increases)

    @property
    def decrease_total(self) -> int:
        return sum(c.count for c in self.decreases)

    @property
    def balanced(self) -> bool:
        """practice.md §4: the new register = old register + Σ四增 − Σ四减."""
        return self.old_total + self.increase_total - self.decrease_total == self.new_total


def register_changes(register: VoterRegister) -> ChangesReport | None:
    """The report, or None when there is nothing to compare with (no earlier register in the
    system and no list imported)."""
    earlier = previous_register(register)
    if earlier is not None:
        old_numbers = set(
            Voter.objects.filter(register=earlier, removed_at__isnull=True).values_list(
                "person__id_number", flat=True
            )
        )
        day = earlier.election.election_day or earlier.election_day
        assert day is not None  # published
        source, label = "system", f"本系统中{earlier.term_year}年的选民名单"
    else:
        imported = getattr(register, "previous_list", None)
        if imported is None:
            return None
        old_numbers = set(imported.id_numbers)
        day = imported.election_day
        source, label = "import", f"导入的上届选民名单“{imported.source_name}”"
    current = list(
        Voter.objects.filter(register=register, removed_at__isnull=True).select_related("person")
    )
    new_numbers = {v.person.id_number for v in current}
    increases = {key: ChangeClass(key, text) for key, text in INCREASES}
    decreases = {key: ChangeClass(key, text) for key, text in DECREASES}
    added = [v for v in current if v.person.id_number not in old_numbers]
    _classify_added(added, day, increases)
    removed = sorted(old_numbers - new_numbers)
    _classify_removed(register, removed, decreases)
    return ChangesReport(
        register=register,
        source=source,
        source_label=label,
        previous_day=day,
        old_total=len(old_numbers),
        new_total=len(current),
        increases=list(increases.values()),
        decreases=list(decreases.values()),
    )


def _audited(person_ids: Iterable[int], actions: tuple[str, ...], since: date) -> list[AuditEntry]:
    ids = [str(pk) for pk in person_ids]
    if not ids:
        return []
    return list(
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Person),
            target_id__in=ids,
            action__in=actions,
            created_at__date__gt=since,
        ).only("target_id", "action", "before", "after")
    )


def _classify_added(added: list[Voter], day: date, into: dict[str, ChangeClass]) -> None:
    ids = [v.person_id for v in added]
    moved_in = {int(e.target_id) for e in _audited(ids, MOVE_IN_ACTIONS, day)}
    restored = {
        int(e.target_id)
        for e in _audited(ids, UPDATE_ACTIONS, day)
        if (e.before or {}).get("deprived_of_political_rights") is True
        and (e.after or {}).get("deprived_of_political_rights") is False
    }
    for voter in added:
        person = voter.person
        line = ChangedPerson(voter.name, voter.group_name, "")
        if age_on(person.birth_date, day) < VOTING_AGE:
            key = "new_adult"
        elif voter.category in (Category.RESIDENT, Category.VILLAGE_AFFAIRS):
            key = "newly_resident"
        elif person.pk in restored:
            key = "rights_restored"
        elif person.pk in moved_in:
            key = "moved_in"
            if person.relation_to_head in MARRIAGE_RELATIONS:
                _sub(into[key], "其中因婚姻迁入")
        else:
            key = "other_in"
            line = ChangedPerson(voter.name, voter.group_name, voter.get_category_display())
        into[key].people.append(line)


def _classify_removed(
    register: VoterRegister, numbers: list[str], into: dict[str, ChangeClass]
) -> None:
    people = {
        p.id_number: p
        for p in Person.objects.filter(id_number__in=numbers).select_related(
            "village", "household__villager_group"
        )
    }
    left = {
        lo.person_id: lo
        for lo in LeftOff.objects.filter(register=register, person__id_number__in=numbers)
    }
    for number in numbers:
        person = people.get(number)
        if person is None:
            into["other_out"].people.append(
                ChangedPerson(mask_id_number(number), "", NOT_IN_SYSTEM)
            )
            continue
        household = person.household
        group = household.villager_group.name if household is not None else ""
        note = person.status_note
        if person.status == RegisterStatus.DECEASED:
            key = "deceased"
        elif person.status == RegisterStatus.MOVED_OUT or person.village_id != register.village_id:
            key = "moved_out"
            if person.village_id != register.village_id and not note:
                note = "已迁入其他村（社区）"
            if any(word in note for word in ENLISTED_WORDS):
                _sub(into[key], "其中参军")
            elif any(word in note for word in MARRIAGE_WORDS):
                _sub(into[key], "其中因婚嫁迁出")
        elif person.deprived_of_political_rights:
            key = "rights_lost"
        else:
            key = "other_out"
            row = left.get(person.pk)
            note = row.get_kind_display() if row is not None else "未列入本届名单"
        into[key].people.append(ChangedPerson(person.name, group, note))


def _sub(change: ChangeClass, label: str) -> None:
    change.subs[label] = change.subs.get(label, 0) + 1
