"""The nominations' forms: they read what was typed and find the villager named; the services
decide what is right (and say so), the page puts each refusal above the form."""

from __future__ import annotations

from typing import Any

from django import forms

from huanjie.committees.forms import DATE, DATE_ERRORS, NUMBER
from huanjie.committees.lookup import find_villager
from huanjie.nominations.models import Kind, PledgeKind
from huanjie.people.forms_edit import EditForm
from huanjie.people.models import Person
from huanjie.regions.models import Region


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, error_messages=DATE_ERRORS)


class NoticeForm(EditForm):
    post = forms.ChoiceField(label="职位", choices=[])
    requirements = forms.CharField(
        label="任职条件（五有+X）",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写任职条件（如“五有+X”的具体内容）。"},
    )
    on = _date("发布日期")

    def __init__(self, *args: Any, posts: list[tuple[str, str]], **kwargs: Any) -> None:
        # Its own ids: the application form on the same page has a post and a date too.
        kwargs.setdefault("auto_id", "notice_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["post"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = posts


class ApplyForm(EditForm):
    post = forms.ChoiceField(label="报名职位", choices=[])
    person = forms.CharField(
        label="报名人（姓名或身份证号）", widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    kind = forms.ChoiceField(label="报名方式", choices=Kind.choices, initial=Kind.SELF)
    signatures = forms.IntegerField(
        label="联名人数",
        required=False,
        min_value=2,
        widget=NUMBER,
        help_text="村民联名推荐时填写。",
        error_messages={"invalid": "联名人数应为整数。", "min_value": "联名人数至少为2人。"},
    )
    nominated_by = forms.CharField(
        label="推荐组织", required=False, max_length=100, help_text="组织推荐时填写。"
    )
    on = _date("报名日期")

    def __init__(
        self, *args: Any, village: Region, posts: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.village = village
        self.found: Person | None = None
        field = self.fields["post"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = posts

    def clean_person(self) -> str:
        text: str = self.cleaned_data["person"]
        person, why = find_villager(self.village, text)
        if person is None:
            raise forms.ValidationError(why)
        self.found = person
        return text


class DateForm(EditForm):
    on = _date("日期")


class PledgeForm(EditForm):
    kind = forms.ChoiceField(
        label="承诺",
        choices=PledgeKind.choices,
        error_messages={"required": "请选择签订的承诺。", "invalid_choice": "请选择签订的承诺。"},
    )
    on = _date("签订日期")


class GoalsForm(EditForm):
    goals = forms.CharField(label="竞选目标", required=False, widget=forms.Textarea)
