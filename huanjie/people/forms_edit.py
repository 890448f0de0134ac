"""The forms of keeping the register by hand (views_edit): they read what was typed; the
services decide what is right and say so field by field (`services.field_errors`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from huanjie.people.models import (
    Education,
    HeadRelation,
    Person,
    PersonTagKind,
    PoliticalStatus,
    RegisterStatus,
)
from huanjie.people.register.inputs import DEFAULT_ETHNICITY, MemberInput
from huanjie.people.services import field_errors
from huanjie.regions.models import VillagerGroup

RELATIONS = list(HeadRelation.choices)
RELATIONS_BUT_HEAD = [(v, label) for v, label in HeadRelation.choices if v != HeadRelation.HEAD]
DATE_HINT = "按“年-月-日”填写，如 2025-03-01。"


class EditForm(forms.Form):
    """Bootstrap's classes on every widget, `is-invalid` on the fields with an error, and the
    refusals of a service put beside their fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            choices = forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput
            if isinstance(widget, choices):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css

    def refused(self, exc: ValidationError, fields: dict[str, str] | None = None) -> None:
        """Show a service's refusal: each message beside its field (`fields` renames the
        service's field names to this form's), the rest above the form."""
        for name, messages in field_errors(exc).items():
            name = (fields or {}).get(name, name)
            for message in messages:
                self.add_error(name if name in self.fields else None, message)

    def mark_invalid(self) -> EditForm:
        for name in self.errors:
            if name != NON_FIELD_ERRORS and name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
                widget.attrs["aria-invalid"] = "true"
        return self


def _text(label: str, **kwargs: Any) -> forms.CharField:
    # The service checks lengths and what is required, in the import's words: the form only
    # reads the text, so every fault is explained the same way as in an imported file.
    return forms.CharField(label=label, required=False, strip=True, **kwargs)


class MemberForm(EditForm):
    """One member as the import template has them; sex and birth date follow the ID number."""

    name = _text("姓名", widget=forms.TextInput(attrs={"autocomplete": "off"}))
    id_number = _text(
        "身份证号",
        help_text="18位，末位可以是X；性别和出生日期由号码得出。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    relation_to_head = forms.ChoiceField(
        label="与户主关系", choices=[("", "请选择"), *RELATIONS], required=False
    )
    ethnicity = _text("民族", initial=DEFAULT_ETHNICITY)
    education = forms.ChoiceField(
        label="文化程度", choices=[("", "未填写"), *Education.choices], required=False
    )
    political_status = forms.ChoiceField(
        label="政治面貌",
        choices=PoliticalStatus.choices,
        initial=PoliticalStatus.MASSES,
        required=False,
    )
    phone = _text("联系电话", widget=forms.TextInput(attrs={"inputmode": "tel"}))
    hukou_in_village = forms.BooleanField(label="户籍在本村", required=False, initial=True)
    resides_in_village = forms.BooleanField(label="在本村居住", required=False, initial=True)
    tags = forms.MultipleChoiceField(
        label="标签",
        choices=PersonTagKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, head: bool | None = None, **kwargs: Any) -> None:
        """`head`: True for a new household's head (户主 only), False for its other members
        (anything but 户主), None for a member added later (any relation)."""
        super().__init__(*args, **kwargs)
        field = self.fields["relation_to_head"]
        assert isinstance(field, forms.ChoiceField)
        if head is True:
            field.choices = [(HeadRelation.HEAD, "户主")]
        elif head is False:
            field.choices = [("", "请选择"), *RELATIONS_BUT_HEAD]

    def clean_political_status(self) -> str:
        value: str = self.cleaned_data.get("political_status") or PoliticalStatus.MASSES
        return value

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not data.get("name") and not data.get("id_number")

    def member(self) -> MemberInput:
        data = self.cleaned_data
        return MemberInput(
            name=data["name"],
            id_number=data["id_number"],
            relation=data["relation_to_head"],
            ethnicity=data["ethnicity"] or DEFAULT_ETHNICITY,
            education=data["education"],
            political_status=data["political_status"],
            hukou_in_village=data["hukou_in_village"],
            resides_in_village=data["resides_in_village"],
            phone=data["phone"],
            tags=tuple(data["tags"]),
        )

    @property
    def more_fields(self) -> list[forms.BoundField]:
        """The fields folded under “更多信息” (all have sensible defaults)."""
        return [self[name] for name in MORE_FIELDS]

    @property
    def more_has_errors(self) -> bool:
        return any(self[name].errors for name in MORE_FIELDS)


MORE_FIELDS = (
    "ethnicity",
    "education",
    "political_status",
    "phone",
    "hukou_in_village",
    "resides_in_village",
    "tags",
)


class HouseholdForm(EditForm):
    number = _text("户号", help_text="本户在户籍簿上的户号，在本村内不能重复。")
    villager_group = forms.ModelChoiceField(
        label="村民小组",
        queryset=VillagerGroup.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "请从列表中选择本村的村民小组。"},
    )

    def __init__(self, *args: Any, village: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["villager_group"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = VillagerGroup.objects.filter(village=village).order_by("id")


class PersonForm(MemberForm):
    """A person's entry as the committee changes it (the household is changed by moving)."""

    deprived_of_political_rights = forms.BooleanField(label="被剥夺政治权利", required=False)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        kwargs.setdefault("initial", _initial(person))
        super().__init__(*args, **kwargs)
        if person.household is None:
            del self.fields["relation_to_head"]

    def changes(self) -> dict[str, Any]:
        """What differs from the stored entry: only that is sent to the service."""
        changed: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            initial = self.initial.get(name)
            if name == "tags":
                if sorted(value) != sorted(initial or []):
                    changed[name] = list(value)
            elif value != initial:
                changed[name] = value
        return changed


def _initial(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "id_number": person.id_number,
        "relation_to_head": person.relation_to_head,
        "ethnicity": person.ethnicity,
        "education": person.education,
        "political_status": person.political_status,
        "phone": person.phone,
        "hukou_in_village": person.hukou_in_village,
        "resides_in_village": person.resides_in_village,
        "deprived_of_political_rights": person.deprived_of_political_rights,
        "tags": list(person.tags.values_list("tag", flat=True)),
    }


class HeadChangeForm(EditForm):
    """The new head among the members on the register, and each other member's relation to
    them (field `relation_<id>`, the current relation by default)."""

    new_head = forms.TypedChoiceField(label="新户主", coerce=int, choices=[])
    former_head_relation = forms.ChoiceField(
        label="原户主与新户主的关系", choices=[("", "请选择"), *RELATIONS_BUT_HEAD], required=False
    )

    def __init__(self, *args: Any, members: list[Person], head: Person | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.head = head
        self.others = [p for p in members if p != head]
        self.fields["new_head"].choices = [("", "请选择"), *((p.pk, p.name) for p in self.others)]  # type: ignore[attr-defined]
        if head is None:
            del self.fields["former_head_relation"]
        for person in self.others:
            self.fields[f"relation_{person.pk}"] = forms.ChoiceField(
                label=person.name,
                choices=RELATIONS_BUT_HEAD,
                initial=person.relation_to_head,
                required=False,
            )
            self.fields[f"relation_{person.pk}"].widget.attrs["class"] = "form-select"

    @property
    def relation_fields(self) -> list[forms.BoundField]:
        return [self[f"relation_{p.pk}"] for p in self.others]

    def other_relations(self) -> dict[int, str]:
        """The other members' relations to the new head (not the new head's own)."""
        chosen = self.cleaned_data.get("new_head")
        return {
            p.pk: self.cleaned_data[f"relation_{p.pk}"]
            for p in self.others
            if p.pk != chosen and self.cleaned_data.get(f"relation_{p.pk}")
        }


class MoveForm(EditForm):
    household_number = _text("迁入户的户号", help_text="本村另一户的户号，可在本村“户”页查看。")
    relation_to_head = forms.ChoiceField(label="与该户户主的关系", choices=RELATIONS)


class LeaveForm(EditForm):
    status = forms.ChoiceField(
        label="变更",
        choices=[
            (RegisterStatus.MOVED_OUT, "已迁出（户口迁往外村、外地）"),
            (RegisterStatus.DECEASED, "已死亡"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择“已迁出”或“已死亡”。"},
    )
    on = forms.DateField(
        label="日期",
        required=False,
        help_text="迁出或死亡的那一天，不能晚于今天。",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "日期无法识别。" + DATE_HINT},
    )
    note = _text(
        "说明（可不填）",
        help_text="如迁往何处、依据的证明，最多200字。",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
