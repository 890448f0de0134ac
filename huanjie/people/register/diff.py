"""What a checked register file would change in the village's register: the import's preview.

A first import only adds. A later one is an update: people are matched by ID number, households
by 户号, and the preview lists every household and person to add, every person whose entry
changes (field by field), who comes back or moves in, and who leaves the register. The file is
the truth for what it covers (`RegisterCoverage`): the households it lists — a member of such a
household who is not in the file anywhere leaves it — or the whole village. What the preview
shows is exactly what the confirmed import applies (`people.register.updating`): the import
computes the diff again when it writes and compares the digests.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

import numpy as np
from numpy.typing import NDArray

from huanjie.people import messages as msg
from huanjie.people.models import (
    Education,
    HeadRelation,
    Household,
    Person,
    PersonTag,
    PersonTagKind,
    PoliticalStatus,
    RegisterCoverage,
    RegisterStatus,
)
from huanjie.people.register import columns as col
from huanjie.people.register.checks import (
    LOOKUP_CHUNK,
    id_lookup_chunk,
    id_numbers_in,
    new_groups,
    other_village_message,
)
from huanjie.people.register.inputs import CheckedMember, CheckOutcome, Problem
from huanjie.people.register.members import FileMembers
from huanjie.regions.models import Level, Region

if TYPE_CHECKING:
    from huanjie.accounts.policy import Scope

# How many entries of each section the stored preview keeps for the page (the rest is counted).
PREVIEW_ROWS = 300
_SPLICE = "\x00added\x00"

# The register's fields an import compares, with their column names (the preview's words).
COMPARED = {
    "name": col.NAME,
    "relation_to_head": col.RELATION,
    "ethnicity": col.ETHNICITY,
    "education": col.EDUCATION,
    "political_status": col.POLITICAL_STATUS,
    "hukou_in_village": col.HUKOU,
    "resides_in_village": col.RESIDES,
    "phone": col.PHONE,
}
_LABELS: dict[str, dict[str, str]] = {
    "relation_to_head": dict(HeadRelation.choices),
    "education": dict(Education.choices),
    "political_status": dict(PoliticalStatus.choices),
}
_TAG_LABELS = dict(PersonTagKind.choices)


@dataclass(frozen=True)
class FieldChange:
    column: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    """One person in the preview. `person_id` is the stored person (None for a new one);
    `member` the file's checked row (None for a person who leaves)."""

    id_number: str
    name: str
    household: str  # the 户号 in the file, or on the register for a person who leaves
    row: int | None
    person_id: int | None = None
    member: CheckedMember | None = None
    changes: tuple[FieldChange, ...] = ()
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "id_number": self.id_number,
            "name": self.name,
            "household": self.household,
            "row": self.row,
            "changes": [[c.column, c.before, c.after] for c in self.changes],
            "note": self.note,
        }


@dataclass
class RegisterDiff:
    coverage: str
    new_households: list[tuple[str, str, int]] = field(default_factory=list)  # 户号, 小组, 人数
    regrouped: list[tuple[str, str, str]] = field(default_factory=list)  # 户号, 原小组, 新小组
    added: Sequence[Entry] = field(default_factory=list)
    moved_in: list[Entry] = field(default_factory=list)
    returned: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)
    leaving: list[Entry] = field(default_factory=list)
    unchanged: int = 0
    _digest: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def sections(self) -> dict[str, Sequence[Entry]]:
        return {
            "added": self.added,
            "moved_in": self.moved_in,
            "returned": self.returned,
            "changed": self.changed,
            "leaving": self.leaving,
        }

    @property
    def only_adds(self) -> bool:
        """New households and new people only, in the households the file lists: nothing that
        a change elsewhere in the register could alter without breaking a unique constraint."""
        return self.coverage == RegisterCoverage.HOUSEHOLDS and not (
            self.regrouped or self.changed or self.leaving or self.returned or self.moved_in
        )

    def added_households(self) -> set[str]:
        """The 户号 of the people added."""
        if isinstance(self.added, AddedEntries):
            return set(self.added.households())
        return {e.household for e in self.added}

    def counts(self) -> dict[str, int]:
        return {
            "new_households": len(self.new_households),
            "regrouped": len(self.regrouped),
            **{name: len(entries) for name, entries in self.sections.items()},
            "unchanged": self.unchanged,
        }

    def digest(self) -> str:
        """A fingerprint of everything the import would do: equal digests, equal changes.
        Computed once (a diff is not changed once made: a million people take a second)."""
        if self._digest is None:
            self._digest = self._fingerprint()
        return self._digest

    def _fingerprint(self) -> str:
        # The people added, often nearly everyone, are encoded apart and spliced in.
        added = self.added if isinstance(self.added, AddedEntries) else None
        content: dict[str, Any] = {
            "coverage": self.coverage,
            "new_households": sorted(self.new_households),
            "regrouped": sorted(self.regrouped),
            **{
                name: _SPLICE
                if added is not None and entries is added
                else sorted(
                    (
                        e.id_number,
                        e.household,
                        e.person_id or 0,
                        [[c.column, c.before, c.after] for c in e.changes],
                    )
                    for e in entries
                )
                for name, entries in self.sections.items()
            },
        }
        encoded = json.dumps(content, ensure_ascii=False, sort_keys=True, default=list)
        digest = hashlib.sha256()
        if added is not None:
            marker = json.dumps(_SPLICE)
            if encoded.count(marker) == 1:
                before, after = encoded.split(marker)
                digest.update(before.encode())
                digest.update(added.digest_json())
                digest.update(after.encode())
                return digest.hexdigest()
            # The marker's text is in the file too: encode the slow way.
            content["added"] = sorted((e.id_number, e.household, 0, []) for e in added)
            encoded = json.dumps(content, ensure_ascii=False, sort_keys=True, default=list)
        digest.update(encoded.encode())
        return digest.hexdigest()

    def as_json(self, limit: int = PREVIEW_ROWS) -> dict[str, Any]:
        """The preview as stored on the import: counts, the digest, the first `limit` rows of
        each section (ID numbers in full: the page masks them for its reader)."""
        return {
            "coverage": self.coverage,
            "counts": self.counts(),
            "digest": self.digest(),
            "new_households": [list(h) for h in self.new_households[:limit]],
            "regrouped": [list(r) for r in self.regrouped[:limit]],
            **{
                name: [e.as_json() for e in entries[:limit]]
                for name, entries in self.sections.items()
            },
        }


@dataclass(frozen=True)
class _Stored:
    """A person as the register holds them, with what the comparison needs."""

    pk: int
    id_number: str
    name: str
    village_id: int
    village_code: str
    village_name: str
    status: str
    status_on: Any
    household: str  # 户号, "" when none
    values: dict[str, Any]


def diff_register(
    village: Region,
    outcome: CheckOutcome,
    *,
    coverage: str = RegisterCoverage.HOUSEHOLDS,
    scope: Scope | None = None,
) -> RegisterDiff:
    """The changes the checked file `outcome` would make to `village`'s register.

    What cannot be applied is added to `outcome.problems` as errors (a person registered as
    deceased, or on the register of another village; a household left without its head), and
    `outcome.new_groups` is filled. Reads only; a few set-based queries per 2,000 people.
    """
    diff = RegisterDiff(coverage=coverage)
    outcome.new_groups = new_groups(village, outcome)
    members = FileMembers(outcome)
    stored = _stored_people(village, members.ids)
    tags = _tags([s.pk for s in stored.values()])
    households = dict(
        Household.objects.filter(village=village).values_list("number", "villager_group__name")
    )
    file_numbers = set(members.numbers)
    for number, group, count in zip(
        members.numbers, members.groups, members.counts().tolist(), strict=True
    ):
        if number not in households:
            diff.new_households.append((number, group, count))
        elif households[number] != group:
            diff.regrouped.append((number, households[number], group))
    # Everyone not registered anywhere is added; the others, in the file's order, are compared.
    found = sorted(members.positions[n] for n in stored if n in members.positions)
    known = np.zeros(len(members), bool)
    known[found] = True
    diff.added = AddedEntries(members, np.flatnonzero(~known))
    seen_names: dict[int, bool] = {}
    for position in found:
        id_number, number, checked = (
            members.ids[position],
            members.number(position),
            members.checked(position),
        )
        person = stored[id_number]
        member = checked.member
        if person.village_id != village.pk:
            _from_elsewhere(diff, village, person, number, checked, scope, seen_names, outcome)
            continue
        if person.status == RegisterStatus.DECEASED:
            outcome.problems.append(
                Problem(
                    member.row,
                    col.ID_NUMBER,
                    msg.IMPORT_PERSON_DECEASED.format(on=person.status_on),
                    id_number,
                    name=member.name,
                )
            )
            continue
        changes = _changes(person, number, checked, tags.get(person.pk, set()))
        if person.status == RegisterStatus.MOVED_OUT:
            note = msg.PREVIEW_RETURNED.format(on=person.status_on)
            diff.returned.append(
                Entry(id_number, member.name, number, member.row, person.pk, checked, changes, note)
            )
        elif changes:
            diff.changed.append(
                Entry(id_number, member.name, number, member.row, person.pk, checked, changes)
            )
        else:
            diff.unchanged += 1
    _leaving(diff, village, members, file_numbers, coverage)
    _check_heads(diff, village, members, file_numbers, outcome)
    outcome.problems.sort(key=lambda p: (p.row is None, p.row or 0))
    return diff


class AddedEntries(Sequence[Entry]):
    """The people new to the register, in the file's order: entries made when read (a first
    import of a large village adds everyone; their numbers and 户号 are kept as lists)."""

    def __init__(self, members: FileMembers, indexes: NDArray[np.int64]) -> None:
        self.members = members
        self.indexes = indexes

    def __len__(self) -> int:
        return len(self.indexes)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self._entry(int(i)) for i in self.indexes[index]]
        return self._entry(int(self.indexes[index]))

    def _entry(self, position: int) -> Entry:
        checked = self.members.checked(position)
        number = self.members.number(position)
        return Entry(
            checked.id_number, checked.member.name, number, checked.member.row, member=checked
        )

    def id_numbers(self) -> list[str]:
        return [self.members.ids[i] for i in self.indexes.tolist()]

    def households(self) -> list[str]:
        numbers = self.members.numbers
        return [numbers[h] for h in self.members.household[self.indexes].tolist()]

    def digest_json(self) -> bytes:
        """The section as `RegisterDiff.digest` encodes a section, UTF-8: its entries sorted,
        each ["number", "户号", 0, []] (no stored person, no changes). Built as one byte array:
        ID numbers (18 ASCII characters) need no escaping, each 户号 is encoded once."""
        if not len(self.indexes):
            return b"[]"
        ids = np.array(self.id_numbers(), dtype="S18")
        ranked = np.argsort(ids, kind="stable")
        ids, households = ids[ranked], self.members.household[self.indexes][ranked]
        encoded = [json.dumps(n, ensure_ascii=False).encode() for n in self.members.numbers]
        table = np.frombuffer(b"".join(encoded), np.uint8)
        widths = np.array([len(e) for e in encoded], np.int64)
        firsts = np.cumsum(widths) - widths
        lead, middle, tail = b'["', b'", ', b", 0, []]"
        width = widths[households]
        size = len(lead) + 18 + len(middle) + width + len(tail)
        starts = 1 + np.cumsum(size + 2) - (size + 2)  # after "[", each entry then ", "
        out = np.empty(int(size.sum() + 2 * len(size)), np.uint8)
        out[0], out[-1] = ord("["), ord("]")
        out[starts[1:] - 2], out[starts[1:] - 1] = ord(","), ord(" ")
        _put(out, starts, lead)
        out[starts[:, None] + len(lead) + np.arange(18)] = ids.view(np.uint8).reshape(-1, 18)
        _put(out, starts + len(lead) + 18, middle)
        number_at = starts + len(lead) + 18 + len(middle)
        within = np.arange(int(width.sum())) - np.repeat(np.cumsum(width) - width, width)
        out[np.repeat(number_at, width) + within] = table[
            np.repeat(firsts[households], width) + within
        ]
        _put(out, number_at + width, tail)
        return out.tobytes()


def _put(out: NDArray[np.uint8], starts: NDArray[np.int64], text: bytes) -> None:
    out[starts[:, None] + np.arange(len(text))] = np.frombuffer(text, np.uint8)


def _stored_people(village: Region, numbers: list[str]) -> dict[str, _Stored]:
    """The file's people wherever they are registered, and everyone of this village."""
    fields = (
        "pk",
        "id_number",
        "name",
        "village_id",
        "village__code",
        "village__name",
        "status",
        "status_on",
        "household__number",
        *(f for f in COMPARED if f != "name"),
    )
    rows = list(Person.objects.filter(village=village).values_list(*fields))
    size = id_lookup_chunk()
    for start in range(0, len(numbers), size):
        chunk = numbers[start : start + size]
        rows += (
            Person.objects.filter(id_number__in=id_numbers_in(chunk))
            .exclude(village=village)
            .order_by()
            .values_list(*fields)
        )
    compared = [f for f in COMPARED if f != "name"]
    result = {}
    for row in rows:
        pk, id_number, name, village_id, code, village_name, status, status_on, number = row[:9]
        values = {"name": name, **dict(zip(compared, row[9:], strict=True))}
        result[id_number] = _Stored(
            pk, id_number, name, village_id, code, village_name, status, status_on,
            number or "", values,
        )  # fmt: skip
    return result


def _tags(person_ids: list[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(person_ids), LOOKUP_CHUNK):
        chunk = person_ids[start : start + LOOKUP_CHUNK]
        for person_id, tag in PersonTag.objects.filter(person_id__in=chunk).values_list(
            "person_id", "tag"
        ):
            found[person_id].add(tag)
    return found


def _shown(field_name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    labels = _LABELS.get(field_name)
    if labels is not None:
        return str(labels.get(value, value)) if value else ""
    return str(value or "")


def _tags_shown(tags: Iterable[str]) -> str:
    return "、".join(str(_TAG_LABELS[t]) for t in sorted(tags, key=list(_TAG_LABELS).index))


def _changes(
    person: _Stored, number: str, checked: CheckedMember, tags: set[str]
) -> tuple[FieldChange, ...]:
    member = checked.member
    wanted = {
        "name": member.name,
        "relation_to_head": member.relation,
        "ethnicity": member.ethnicity,
        "education": member.education,
        "political_status": member.political_status,
        "hukou_in_village": member.hukou_in_village,
        "resides_in_village": member.resides_in_village,
        "phone": member.phone,
    }
    changes = []
    if person.household != number:
        changes.append(FieldChange(col.HOUSEHOLD_NUMBER, person.household, number))
    for name, column in COMPARED.items():
        before, after = person.values[name], wanted[name]
        if before != after:
            changes.append(FieldChange(column, _shown(name, before), _shown(name, after)))
    if tags != set(member.tags):
        changes.append(FieldChange(col.TAGS, _tags_shown(tags), _tags_shown(member.tags)))
    return tuple(changes)


def _from_elsewhere(
    diff: RegisterDiff,
    village: Region,
    person: _Stored,
    number: str,
    checked: CheckedMember,
    scope: Scope | None,
    seen_names: dict[int, bool],
    outcome: CheckOutcome,
) -> None:
    """A person registered in another village: moves in if they moved out of it."""
    member = checked.member
    if person.village_id not in seen_names:
        seen_names[person.village_id] = scope is not None and scope.contains(
            Region(pk=person.village_id, code=person.village_code, level=Level.VILLAGE)
        )
    may_name = seen_names[person.village_id]
    if person.status == RegisterStatus.MOVED_OUT:
        where = person.village_name if may_name else msg.PREVIEW_OTHER_VILLAGE
        note = msg.PREVIEW_MOVED_IN.format(village=where, on=person.status_on)
        diff.moved_in.append(
            Entry(person.id_number, member.name, number, member.row, person.pk, checked, (), note)
        )
        return
    if person.status == RegisterStatus.DECEASED:
        message = msg.IMPORT_PERSON_DECEASED_ELSEWHERE
    else:
        message = other_village_message(village, person.village_code, person.village_name, may_name)
    outcome.problems.append(
        Problem(member.row, col.ID_NUMBER, message, person.id_number, name=member.name)
    )


def _leaving(
    diff: RegisterDiff,
    village: Region,
    members: FileMembers,
    file_numbers: set[str],
    coverage: str,
) -> None:
    """People on the register whom the file no longer lists, where the file covers them.
    (The file's 户号 are matched here, not in the query: a file may list more of them than a
    query may carry.)"""
    staying = Person.objects.on_register().filter(village=village)
    everyone = coverage == RegisterCoverage.VILLAGE
    note = msg.PREVIEW_LEAVING
    for pk, id_number, name, number in staying.order_by("household__number", "id").values_list(
        "pk", "id_number", "name", "household__number"
    ):
        if (everyone or number in file_numbers) and id_number not in members.positions:
            diff.leaving.append(Entry(id_number, name, number or "", None, pk, note=note))


def _check_heads(
    diff: RegisterDiff,
    village: Region,
    file: FileMembers,
    file_numbers: set[str],
    outcome: CheckOutcome,
) -> None:
    """A household the file does not list keeps the members it does not move or remove: it
    must keep its head if anyone stays (the file's own households were checked already)."""
    leaving = {e.id_number for e in diff.leaving}
    rows = (
        Person.objects.on_register()
        .filter(village=village, household__isnull=False)
        .values_list("household__number", "id_number", "name", "relation_to_head")
    )
    kept: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for number, id_number, name, relation in rows:
        if number not in file_numbers and id_number not in leaving:
            kept[number].append((id_number, name, relation))
    in_file = file.positions if kept else {}
    for number, members in kept.items():
        head = next((m for m in members if m[2] == HeadRelation.HEAD), None)
        staying = [m for m in members if m[0] not in in_file]
        if head is None or head[0] not in in_file or not staying:
            continue
        moved_to, checked = file.number(in_file[head[0]]), file.checked(in_file[head[0]])
        outcome.problems.append(
            Problem(
                checked.member.row,
                col.HOUSEHOLD_NUMBER,
                msg.IMPORT_HEAD_LEAVES_HOUSEHOLD.format(
                    name=head[1], old=number, new=moved_to, others=len(staying)
                ),
                moved_to,
                name=checked.member.name,
            )
        )
