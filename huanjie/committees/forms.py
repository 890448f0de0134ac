"""The committee's forms: they read what was typed and find the villagers named; the services
decide what is right (and say so), the forms put each refusal above the form."""

from __future__ import annotations

from typing import Any

from django import forms

from huanjie.committees.lookup import find_villager
from huanjie.committees.models import Basis, ChosenBy, CommitteeRole, Stage
from huanjie.people.forms_edit import DATE_HINT, EditForm
from huanjie.people.models import Person
from huanjie.regions.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "日期无法识别。" + DATE_HINT, "required": "请填写日期。" + DATE_HINT}
NUMBER = forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})
ROW_ROLES = [("", "未当选"), *CommitteeRole.choices]


def _count(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        help_text=help_text,
        widget=NUMBER,
        error_messages={
            "required": f"请填写{label}。",
            "invalid": f"{label}应为整数。",
            "min_value": f"{label}不能为负数。",
        },
    )


def _date(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, help_text=help_text, widget=DATE, error_messages=DATE_ERRORS
    )


class PersonRow(EditForm):
    """One line of a result: who (name or ID number) and how many votes; blank lines skipped."""

    person = forms.CharField(
        label="姓名或身份证号",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "姓名或身份证号"}),
    )
    votes = forms.IntegerField(
        label="得票",
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "placeholder": "得票"}),
        error_messages={"invalid": "得票应为整数。", "min_value": "得票应为正整数。"},
    )

    def __init__(self, *args: Any, village: Region, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.village = village
        self.people = people
        self.found: Person | None = None

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("person") and self.cleaned_data.get("votes") is None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank():
            return data
        person, why = find_villager(self.village, data.get("person") or "", people=self.people)
        if person is None:
            self.add_error("person", why)
        self.found = person
        if data.get("votes") is None and "votes" not in self.errors:
            self.add_error("votes", "请填写得票。")
        return data


class VoteRow(PersonRow):
    role = forms.ChoiceField(label="职务", choices=ROW_ROLES, required=False)


class CommitteeForm(EditForm):
    chosen_by = forms.ChoiceField(label="推选方式", choices=ChosenBy.choices)
    chosen_on = _date("推选日期", "召开推选会议的那一天。")
    should_attend = _count(
        "应到人数", "村民代表会议为全体村民代表和村民委员会成员；村民会议为年满十八周岁的村民。"
    )
    present = _count("实到人数")


class NomineeForm(EditForm):
    person = forms.CharField(
        label="参选人（姓名或身份证号）", widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    stage = forms.ChoiceField(label="阶段", choices=Stage.choices, initial=Stage.NOMINATED)
    self_nominee = forms.BooleanField(label="以自荐人身份登记", required=False)
    on = _date("日期", "被提名、登记为自荐人或列入正式候选人名单的那一天。")

    def __init__(self, *args: Any, village: Region, **kwargs: Any) -> None:
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


class RoleForm(EditForm):
    member = forms.TypedChoiceField(label="成员", coerce=int, choices=[])
    role = forms.ChoiceField(label="改为", choices=CommitteeRole.choices)

    def __init__(self, *args: Any, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(m.pk, f"{m.person.name}（{m.get_role_display()}）") for m in members]


class ApportionForm(EditForm):
    basis = forms.ChoiceField(label="名额分配方式", choices=Basis.choices, widget=forms.RadioSelect)
    decided_on = _date("确定日期", "村民代表会议或村民委员会确定名额分配的那一天。")

    def __init__(
        self,
        *args: Any,
        groups: list[Any],
        suggested: dict[int, int],
        women: dict[int, int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        for g in groups:
            self.fields[f"seats_{g.group.pk}"] = forms.IntegerField(
                label=f"{g.group.name}（{len(g.households)}户）",
                min_value=0,
                initial=suggested.get(g.group.pk, 0),
                widget=NUMBER,
                error_messages={"invalid": "名额应为整数。", "min_value": "名额不能为负数。"},
            )
            self.fields[f"women_{g.group.pk}"] = forms.IntegerField(
                label="其中单列妇女名额",
                min_value=0,
                required=False,
                initial=women.get(g.group.pk, 0),
                widget=NUMBER,
                error_messages={"invalid": "名额应为整数。", "min_value": "名额不能为负数。"},
            )
        # EditForm styled the fields it had; these came after.
        for name, field in self.fields.items():
            if name.startswith(("seats_", "women_")):
                field.widget.attrs["class"] = "form-control"

    def rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [(g, self[f"seats_{g.group.pk}"], self[f"women_{g.group.pk}"]) for g in self.groups]

    def seats(self) -> dict[int, int]:
        """Seats of the groups with households (a group given 0 is left out, and said so)."""
        return {
            g.group.pk: self.cleaned_data.get(f"seats_{g.group.pk}") or 0
            for g in self.groups
            if g.households and self.cleaned_data.get(f"seats_{g.group.pk}")
        }

    def women(self) -> dict[int, int]:
        return {g.group.pk: self.cleaned_data.get(f"women_{g.group.pk}") or 0 for g in self.groups}


class SelectionForm(EditForm):
    held_on = _date("推选日期")
    voters_present = _count("到会选民", "本单元到会的选民人数（按人计）。")
    households_present = _count("到会户代表", "派代表到会的户数（按户计）；不按户计时填0。")


class CancelForm(EditForm):
    reason = forms.CharField(
        label="撤销原因",
        max_length=200,
        widget=forms.TextInput(),
        error_messages={"required": "请写明撤销推选结果的原因。"},
    )


def rows_valid(rows: list[Any]) -> bool:
    return all([r.is_valid() for r in rows])


class GroupSelectionForm(EditForm):
    """A villager group's meeting that chose its leader and deputies (REP-6)."""

    held_on = _date("推选日期")
    adults_present = _count("到会村民", "本组到会的年满十八周岁的村民人数（按人计）。")
    households_present = _count("到会户代表", "派代表到会的户数（按户计）；不按户计时填0。")
    deputy_seats = forms.IntegerField(
        label="副组长名额",
        min_value=0,
        max_value=3,
        initial=1,
        widget=NUMBER,
        error_messages={
            "required": "请填写副组长名额（不设副组长填0）。",
            "invalid": "副组长名额应为整数。",
            "min_value": "副组长名额不能为负数。",
            "max_value": "副组长名额最多3名。",
        },
    )


TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _time(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        widget=TIME,
        error_messages={
            "required": f"请填写{label}。",
            "invalid": f"{label}无法识别，请按“08:30”的格式填写。",
        },
    )


class GroupNoticeForm(EditForm):
    """Announcement 5: when and where the villager groups meet."""

    issued_on = _date("公告日期", "张贴公告的那一天，应早于推选日期。")
    held_on = _date("推选日期", "各村民小组召开会议推选村民代表和小组长的那一天。")
    starts_at = _time("开始时间")
    ends_at = _time("结束时间")
    place = forms.CharField(
        label="地点",
        max_length=200,
        help_text="例如“各村民小组活动室”或“村文化礼堂”。",
        error_messages={"required": "请填写推选地点。"},
    )
    note = forms.CharField(
        label="其他事项",
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="需要村民知道的其他事项，可不填。",
    )
