"""Changing a person's entry: the fields of the register row, 与户主关系 and the tags.

A new ID number is checked, and sex and birth date follow it; 与户主关系 keeps one head on the
register per household (a head is changed with `household_head_change`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.people import messages as msg
from huanjie.people.models import (
    Education,
    HeadRelation,
    Person,
    PersonTagKind,
    PoliticalStatus,
    RegisterStatus,
    Sex,
)
from huanjie.people.register.derivation import rederive_household_relations
from huanjie.people.services.editing import set_tags, tag_labels
from huanjie.people.services.faults import (
    Errors,
    add_error,
    other_village_message,
    reader_scope,
    text_faults,
)
from huanjie.people.services.heads import (
    head_among,
    locked_household,
    locked_person,
    on_register,
    refuse,
)
from huanjie.rules.eligibility.identity import check_id_number

if TYPE_CHECKING:
    from huanjie.accounts.models import User

PERSON_UPDATE = AuditAction("people.person_update", "修改人员信息")

SEX_LABELS = {Sex.MALE: "男", Sex.FEMALE: "女"}
PERSON_FIELDS = {
    "name": "姓名",
    "id_number": "身份证号",
    "sex": "性别",
    "ethnicity": "民族",
    "education": "文化程度",
    "political_status": "政治面貌",
    "phone": "联系电话",
    "relation_to_head": "与户主关系",
    "hukou_in_village": "户籍在本村",
    "resides_in_village": "在本村居住",
    "deprived_of_political_rights": "被剥夺政治权利",
    "tags": "标签",
}
BOOLEAN_FIELDS = ("hukou_in_village", "resides_in_village", "deprived_of_political_rights")
TEXT_FIELDS = ("name", "ethnicity", "phone")
_CHOICES: dict[str, type[models.TextChoices]] = {
    "sex": Sex,
    "education": Education,
    "political_status": PoliticalStatus,
    "relation_to_head": HeadRelation,
}


def _choice_message(field: str, value: object, choices: type[models.TextChoices]) -> str:
    labels = "、".join(str(label) for label in choices.labels)
    return msg.CELL_CHOICE.format(value=value, column=PERSON_FIELDS[field], choices=labels)


def _check_values(changes: Mapping[str, Any], errors: Errors) -> None:
    unknown = sorted(set(changes) - set(PERSON_FIELDS))
    if unknown:
        message = msg.PERSON_FIELD_UNKNOWN.format(
            field="、".join(unknown), allowed="、".join(PERSON_FIELDS.values())
        )
        refuse(None, message, "field_unknown")
    for field, choices in _CHOICES.items():
        value = changes.get(field)
        # An empty relation is checked with the household (_check_relation).
        blank_ok = field in ("education", "relation_to_head")
        if value is not None and value not in choices.values and not (blank_ok and value == ""):
            add_error(errors, field, _choice_message(field, value, choices), "choice")
    for field in BOOLEAN_FIELDS:
        if field in changes and not isinstance(changes[field], bool):
            message = msg.CELL_YES_NO.format(column=PERSON_FIELDS[field], value=changes[field])
            add_error(errors, field, message, "choice")
    for tag in changes.get("tags") or ():
        if tag not in PersonTagKind.values:
            labels = "、".join(str(label) for label in PersonTagKind.labels)
            message = msg.TAG_UNKNOWN.format(value=tag, choices=labels)
            add_error(errors, "tags", message, "choice")
    if "name" in changes and not str(changes["name"]).strip():
        add_error(errors, "name", msg.PERSON_NAME_REQUIRED, "name_required")
    texts = {f: str(changes[f]).strip() for f in TEXT_FIELDS if f in changes}
    for field, message in text_faults(texts).items():
        add_error(errors, field, message, "invalid_entry")


def _check_relation(person: Person, relation: str, errors: Errors) -> None:
    """The new 与户主关系 keeps one head per household (members who left are history)."""
    field = "relation_to_head"
    if person.household is None:
        if relation:
            add_error(errors, field, msg.RELATION_WITHOUT_HOUSEHOLD, "no_household")
        return
    if not relation:
        add_error(errors, field, msg.RELATION_REQUIRED, "relation_required")
        return
    if person.status != RegisterStatus.ACTIVE or relation == person.relation_to_head:
        return
    others = on_register(locked_household(person.household), excluding=person)
    if person.relation_to_head == HeadRelation.HEAD:
        message = msg.HEAD_CANNOT_STEP_DOWN if others else msg.HEAD_ALONE
        add_error(errors, field, message.format(name=person.name), "head_must_stay")
        return
    head = head_among(others)
    if relation == HeadRelation.HEAD and head is not None:
        message = msg.SECOND_HEAD.format(head=head.name, name=person.name)
        add_error(errors, field, message, "head_exists")


def _check_id_number(
    person: Person, raw: str, acting_user: User | None, errors: Errors
) -> tuple[str, str, Any] | None:
    """The number, sex and birth date of a new ID number; None (with the fault) if wrong."""
    check = check_id_number(str(raw).strip(), on=timezone.localdate())
    if not check.ok or check.sex is None or check.birth_date is None:
        message = "".join(f.message(length=len(check.number)) for f in check.errors)
        add_error(errors, "id_number", message, "id_number_invalid")
        return None
    other = (
        Person.objects.filter(id_number=check.number)
        .exclude(pk=person.pk)
        .select_related("village", "household")
        .first()
    )
    if other is not None:
        if other.village_id == person.village_id:
            number = other.household.number if other.household else "—"
            message = msg.ID_TAKEN_HERE.format(number=number, name=other.name)
        elif reader_scope(acting_user).contains(other.village):
            message = msg.ID_CHANGE_TAKEN.format(village=other.village.name)
        else:
            message = other_village_message(person.village, other.village, acting_user)
        add_error(errors, "id_number", message, "id_number_taken")
        return None
    return check.number, check.sex, check.birth_date


@transaction.atomic
def person_update(
    *, person: Person, changes: Mapping[str, Any], acting_user: User | None
) -> Person:
    """Change a person's entry: the fields of `PERSON_FIELDS` (tags as a list of codes).
    Nothing different from what is stored: the person as they are, and no entry."""
    errors: Errors = {}
    _check_values(changes, errors)
    person = locked_person(person)
    updates = dict(changes)
    if "relation_to_head" in updates:
        _check_relation(person, updates["relation_to_head"], errors)
    id_number, sex, birth_date = person.id_number, person.sex, person.birth_date
    raw_id = updates.pop("id_number", None)
    if raw_id is not None and str(raw_id).strip().upper() != person.id_number:
        found = _check_id_number(person, raw_id, acting_user, errors)
        if found is not None:
            id_number, sex, birth_date = found
    if "sex" in updates and updates["sex"] in Sex.values and updates["sex"] != sex:
        message = msg.SEX_MISMATCH.format(
            sex=SEX_LABELS[Sex(updates["sex"])], id_sex=SEX_LABELS[Sex(sex)]
        )
        add_error(errors, "sex", message, "sex_mismatch")
    if errors:
        raise ValidationError(errors)
    tags = updates.pop("tags", None)
    before = {**snapshot(person), "tags": tag_labels(person)}
    relation_before = person.relation_to_head
    person.id_number, person.sex, person.birth_date = id_number, sex, birth_date
    for field, value in updates.items():
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    if tags is not None:
        set_tags(person, list(tags))
    after = {**snapshot(person), "tags": tag_labels(person)}
    if after == before:
        return person
    person.save()
    if person.household is not None and person.relation_to_head != relation_before:
        rederive_household_relations([person.household])
    record_audit(
        actor=acting_user,
        action=PERSON_UPDATE,
        target=person,
        before=before,
        after=after,
        village=person.village,
    )
    return person
