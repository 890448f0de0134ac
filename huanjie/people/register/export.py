"""A village's register back into the template's shape (the import reads it back unchanged)."""

from __future__ import annotations

from collections.abc import Iterator

from huanjie.people.models import Education, HeadRelation, Person, PersonTagKind, PoliticalStatus
from huanjie.people.register import columns as col
from huanjie.people.register.workbook import register_workbook
from huanjie.regions.models import Region

_SEX = {code: label for label, code in col.SEX_BY_LABEL.items()}
_YES_NO = {True: "是", False: "否"}
_RELATION = dict(HeadRelation.choices)
_EDUCATION = dict(Education.choices)
_POLITICAL = dict(PoliticalStatus.choices)
_TAG = dict(PersonTagKind.choices)
EXPORT_BATCH = 2000


def village_register_rows(village: Region) -> Iterator[list[str]]:
    """One row per member of a household on the register, households in registration order:
    the file a committee edits and imports again (those who moved out or died are not on it,
    so importing it back changes nothing).

    People listed in the village without a household (none come from the register) have no
    户号 and are not part of the register's shape, so they are left out.
    """
    people = (
        Person.objects.on_register()
        .filter(village=village, household__isnull=False)
        .select_related("household__villager_group")
        .prefetch_related("tags")
        .order_by("household_id", "id")
    )
    for person in people.iterator(chunk_size=EXPORT_BATCH):
        household = person.household
        assert household is not None  # filtered above
        yield [
            household.number,
            household.villager_group.name,
            person.name,
            _SEX[person.sex],
            person.id_number,
            str(_RELATION[person.relation_to_head]),
            person.ethnicity,
            str(_EDUCATION[person.education]) if person.education else "",
            str(_POLITICAL[person.political_status]),
            _YES_NO[person.hukou_in_village],
            _YES_NO[person.resides_in_village],
            person.phone,
            "；".join(str(_TAG[t.tag]) for t in sorted(person.tags.all(), key=lambda t: t.pk)),
        ]


def village_register_workbook(village: Region) -> bytes:
    return register_workbook(village_register_rows(village), example=False)
