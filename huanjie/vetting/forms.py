"""The joint review's forms: a department's result for a candidate, and a new review round. They
read what was typed; the services decide what is right (and say so)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from huanjie.committees.forms import DATE, DATE_ERRORS
from huanjie.people.forms_edit import EditForm
from huanjie.vetting.models import Department, NegativeListItem
from huanjie.vetting.services import attachment_fault

CLEARED, FINDING = "cleared", "finding"


def _date(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DATE,
        required=required,
        help_text=help_text,
        error_messages=DATE_ERRORS,
    )


class ItemChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        window = ""
        if obj.window_years == 0:
            window = "，处理完毕前"
        elif obj.window_years:
            window = f"，{obj.window_years}年内"
        return f"{obj.no}　{obj.text}（{obj.get_outcome_display()}{window}）"


class ResultForm(EditForm):
    conclusion = forms.ChoiceField(
        label="审查结论",
        choices=[(CLEARED, "通过：未发现负面清单所列情形"), (FINDING, "发现负面清单所列情形")],
        widget=forms.RadioSelect,
        initial=CLEARED,
    )
    item = ItemChoice(
        label="负面清单情形",
        queryset=NegativeListItem.objects.none(),
        required=False,
        empty_label="（发现情形时选择）",
    )
    event_date = _date(
        "情形结束日期",
        required=False,
        help_text="刑满释放、缓刑期满或处理完毕之日；尚未结束的不填。用于计算影响期。",
    )
    on = _date("审查日期")
    note = forms.CharField(
        label="说明",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "说明不能超过500字。"},
    )
    attachment = forms.FileField(
        label="附件（PDF或图片，10MB以内）",
        required=False,
        help_text="如无犯罪记录证明、函复意见的扫描件。",
    )

    def __init__(self, *args: Any, campaign_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["item"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = NegativeListItem.objects.filter(campaign_id=campaign_id)

    def clean_attachment(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("attachment")
        if upload is None:
            return None
        fault = attachment_fault(upload)
        if fault is not None:
            raise forms.ValidationError(fault)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("conclusion") == FINDING and data.get("item") is None:
            self.add_error("item", "发现负面清单情形时，请选择对应的清单条目。")
        if data.get("conclusion") == CLEARED:
            data["item"], data["event_date"] = None, None
        return data


class RoundForm(EditForm):
    title = forms.CharField(label="名称", max_length=64, initial="县级联审")
    opens_on = _date("开始日期")
    due_on = _date("截止日期")
    departments = forms.ModelMultipleChoiceField(
        label="参加联审的部门",
        queryset=Department.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个参加联审的部门。"},
    )
