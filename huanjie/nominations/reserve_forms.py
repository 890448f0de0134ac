"""Forms of the reserve page: they read what was typed and find the villager named; the services
in `nominations.reserve` decide what is right."""

from __future__ import annotations

from typing import Any

from django import forms

from huanjie.committees.forms import DATE, DATE_ERRORS
from huanjie.committees.lookup import find_villager
from huanjie.nominations.models import OutgoingPath, ReserveSource
from huanjie.people.forms_edit import EditForm
from huanjie.people.models import Person
from huanjie.regions.models import Region, VillagerGroup


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, error_messages=DATE_ERRORS)


def _choice(label: str, choices: Any, what: str) -> forms.ChoiceField:
    said = f"请选择{what}。"
    return forms.ChoiceField(
        label=label, choices=choices, error_messages={"required": said, "invalid_choice": said}
    )


class ReserveForm(EditForm):
    person = forms.CharField(
        label="村民（姓名或身份证号）",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "请填写列入后备的村民的姓名或身份证号。"},
    )
    since = _date("列入后备日期")
    source = _choice("产生方式", ReserveSource.choices, "产生方式")
    training = forms.CharField(
        label="培训情况",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="参加过的培训班、跟班学习等，可以以后补充。",
    )

    def __init__(self, *args: Any, village: Region, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "reserve_%s")
        super().__init__(*args, **kwargs)
        self.village = village
        self.found: Person | None = None

    def clean_person(self) -> str:
        text: str = self.cleaned_data["person"]
        person, why = find_villager(self.village, text)
        if person is None:
            raise forms.ValidationError(why)
        self.found = person
        return text


class TrainingForm(EditForm):
    training = forms.CharField(
        label="培训情况",
        max_length=1000,
        error_messages={"required": "请填写培训情况（时间、班次、内容）。"},
    )


class ReserveApplyForm(EditForm):
    recruitment = forms.IntegerField(error_messages={"required": "请选择报名的职位。"})
    on = _date("报名日期")


class OutgoingForm(EditForm):
    path = _choice("去向", OutgoingPath.choices, "去向")
    note = forms.CharField(label="说明", required=False, max_length=200)


class FormerVillageForm(EditForm):
    name = forms.CharField(
        label="原村名称", max_length=32, error_messages={"required": "请填写原村名称。"}
    )
    groups = forms.ModelMultipleChoiceField(
        label="所含村民小组",
        queryset=VillagerGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, village: Region, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "former_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["groups"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = VillagerGroup.objects.filter(village=village).order_by("id")


class MinorityForm(EditForm):
    ethnicity = forms.CharField(
        label="民族", max_length=16, error_messages={"required": "请填写民族名称，如“畲族”。"}
    )
