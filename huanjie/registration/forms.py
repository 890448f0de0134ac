"""The committee's forms of the voter register: they read what was typed; the services decide
what is right and say so beside each field (`EditForm.refused`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from huanjie.people.forms_edit import DATE_HINT, EditForm
from huanjie.people.models import Person, Sex
from huanjie.regions.models import Region, VillagerGroup
from huanjie.registration.models import Basis, Meeting, ObjectionKind, WishMeans
from huanjie.rules.eligibility.identity import mask_id_number, normalize_id_number


def _date(
    label: str, help_text: str = "", *, required: bool = True, initial: Any = None
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=initial,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": "日期无法识别。" + DATE_HINT,
            "required": f"请填写{label}。",
        },
    )


def _text(label: str, *, required: bool = False, rows: int = 0, **kw: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, required=required, strip=True, widget=widget, **kw)


class PersonByIdForm(EditForm):
    """A person named by ID number (the only sure way; names repeat in a village)."""

    id_number = _text(
        "身份证号",
        required=True,
        help_text="18位，末位可以是X。",
        error_messages={"required": "请填写身份证号。"},
    )

    def person(self) -> Person | None:
        number = normalize_id_number(self.cleaned_data.get("id_number", ""))
        found = Person.objects.filter(id_number=number).select_related("village").first()
        if found is None:
            self.add_error(
                "id_number",
                f"找不到身份证号为 {mask_id_number(number)} 的人员，请核对号码。",
            )
        return found


class BuildForm(forms.Form):
    pass


class WishForm(PersonByIdForm):
    expressed_on = _date("表示参加选举的日期", initial=timezone.localdate)
    means = forms.ChoiceField(label="表示方式", choices=WishMeans.choices)
    note = _text(
        "说明（可不填）", rows=2, help_text="如在何处务工、是否回村投票或委托投票，最多200字。"
    )


class ApplicationForm(EditForm):
    id_number = _text(
        "身份证号",
        required=True,
        help_text="本系统中已有此人的（如本村户内人员、外村人员），按号码找到；没有的，按号码和姓名登记为本村无户籍人员。",
        error_messages={"required": "请填写身份证号。"},
    )
    name = _text("姓名（本系统中没有此人时填写）")
    basis = forms.ChoiceField(label="依据", choices=Basis.choices, initial=Basis.RESIDENT)
    since = _date("开始居住（或从事村务工作）的日期", "至选举日须满规定年限（一般为1年）。")
    applied_on = _date("提出申请的日期")
    approved_on = _date("村民会议或村民代表会议同意的日期（未开会的先不填）", required=False)
    meeting = forms.ChoiceField(
        label="同意的会议", choices=[("", "尚未同意"), *Meeting.choices], required=False
    )
    villager_group = forms.ModelChoiceField(
        label="居住的村民小组（可不选）",
        queryset=VillagerGroup.objects.none(),
        required=False,
        empty_label="不选",
    )
    note = _text("说明（可不填）", rows=2)

    def __init__(self, *args: Any, village: Region, affairs: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = self.fields["villager_group"]
        groups.queryset = VillagerGroup.objects.filter(village=village)  # type: ignore[attr-defined]
        if not affairs:
            self.fields["basis"].choices = [(Basis.RESIDENT, Basis.RESIDENT.label)]  # type: ignore[attr-defined]


class ApproveForm(EditForm):
    approved_on = _date("会议同意的日期")
    meeting = forms.ChoiceField(label="同意的会议", choices=Meeting.choices)


class ExclusionForm(PersonByIdForm):
    reason = forms.ChoiceField(
        label="情形",
        choices=[
            ("no_civil_capacity", "无民事行为能力"),
            ("unreachable", "登记期间经多方通知仍无法联系"),
        ],
    )
    until = _date("情形消除的日期（不确定的不填）", required=False)
    note = _text("说明（可不填）", rows=2)


class PublishForm(EditForm):
    published_on = _date("张贴公布的日期", "选民名单张贴公布的那一天；异议期从次日起算。")


class ResolveForm(EditForm):
    keep = forms.ChoiceField(label="在哪个村登记", widget=forms.RadioSelect, choices=[])
    note = _text(
        "协调情况",
        rows=2,
        help_text="如：本人选择在户籍地参加选举（某日电话确认）。最多200字。",
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = choices  # type: ignore[attr-defined]
        self.fields["keep"].error_messages["required"] = "请选择此人在哪个村登记。"


class ObjectionForm(PersonByIdForm):
    received_on = _date("收到异议的日期", initial=timezone.localdate)
    filed_by = _text("提出人", required=True, error_messages={"required": "请填写提出异议的人。"})
    kind = forms.ChoiceField(
        label="异议事项", choices=ObjectionKind.choices, widget=forms.RadioSelect
    )
    claim = _text(
        "异议内容", required=True, rows=3, error_messages={"required": "请写明异议的内容。"}
    )
    new_name = _text("更正后的姓名")
    new_sex = forms.ChoiceField(
        label="更正后的性别", choices=[("", "不更正"), *Sex.choices], required=False
    )
    new_group = forms.ModelChoiceField(
        label="更正后的村民小组",
        queryset=VillagerGroup.objects.none(),
        required=False,
        empty_label="不更正",
    )

    def __init__(self, *args: Any, village: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = self.fields["new_group"]
        groups.queryset = VillagerGroup.objects.filter(village=village)  # type: ignore[attr-defined]
        self.fields["id_number"].label = "涉及人员的身份证号"


class DecideForm(EditForm):
    upheld = forms.TypedChoiceField(
        label="处理决定",
        choices=[("1", "异议成立，更正选民名单"), ("0", "异议不成立，维持原登记")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择异议成立还是不成立。"},
    )
    decided_on = _date("决定日期", initial=timezone.localdate)
    reasons = _text(
        "理由",
        required=True,
        rows=3,
        help_text="将在补充公告中公布，请写明核实的情况和依据。",
        error_messages={"required": "请写明决定的理由。"},
    )


class NoticeForm(EditForm):
    published_on = _date("补充公告张贴公布的日期", initial=timezone.localdate)


class ReissueForm(EditForm):
    reason = _text(
        "补发原因",
        required=True,
        help_text="如：遗失、损毁。原编号作废，补发的选民证用新编号。",
        error_messages={"required": "请写明补发的原因。"},
    )


class PreviousListForm(EditForm):
    file = forms.FileField(
        label="上届选民名单（xlsx）",
        help_text="第一行为表头，含“身份证号”一列（可有“姓名”等其他列）。",
        error_messages={"required": "请选择上届选民名单的 xlsx 文件。"},
    )
    election_day = _date("上届选举日")


def errors_text(form: forms.Form) -> str:
    """A form's errors in one line, for a refusal shown as a message above the page."""
    return "".join(str(e) for errors in form.errors.values() for e in errors)
