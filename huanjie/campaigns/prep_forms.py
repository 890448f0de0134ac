"""The forms of the risk rating, its clearing and the readiness items: they read what was
typed; the services decide what is right and say so."""

from __future__ import annotations

from typing import Any

from django import forms

from huanjie.accounts.models import Role, User
from huanjie.campaigns.models import RiskLevel
from huanjie.campaigns.prep_models import ReadinessKind, ReadinessOutcome, RiskCategory
from huanjie.campaigns.prep_selectors import active_reasons
from huanjie.people.forms_edit import DATE_HINT, EditForm
from huanjie.regions.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "日期无法识别。" + DATE_HINT, "required": "请填写日期。" + DATE_HINT}


class CadreChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name())


class RiskForm(EditForm):
    level = forms.ChoiceField(
        label="研判等级",
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择红、橙或绿。"},
    )
    reasons = forms.ModelMultipleChoiceField(
        label="难点原因",
        queryset=active_reasons(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="评为红或橙须至少选一项；可多选。",
    )
    category = forms.ChoiceField(
        label="村类别", choices=[("", "未分类"), *RiskCategory.choices], required=False
    )
    cadre = CadreChoice(
        label="包村干部", queryset=User.objects.none(), required=False, empty_label="未指定"
    )
    report = forms.CharField(
        label="选情分析报告",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="班子运行、后备人选、不利因素、易发问题和对策措施。",
    )
    note = forms.CharField(
        label="本次研判说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="为什么这样评（记入研判记录）。",
    )

    def __init__(self, *args: Any, village: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cadre = self.fields["cadre"]
        assert isinstance(cadre, CadreChoice)
        cadre.queryset = User.objects.filter(
            role=Role.VILLAGE_CADRE, is_active=True, assigned_villages=village
        ).order_by("last_name", "first_name", "username")
        self.fields["reasons"].queryset = active_reasons()  # type: ignore[attr-defined]


class ClearForm(EditForm):
    note = forms.CharField(
        label="销号理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="问题如何化解、由谁核实。",
        error_messages={"required": "销号须写明理由，请填写。"},
    )


class ReadinessForm(EditForm):
    kind = forms.ChoiceField(label="事项", choices=ReadinessKind.choices)
    done_on = forms.DateField(label="完成日期", widget=DATE, error_messages=DATE_ERRORS)
    outcome = forms.ChoiceField(label="结果", choices=ReadinessOutcome.choices)
    published_on = forms.DateField(
        label="公开日期",
        required=False,
        widget=DATE,
        error_messages=DATE_ERRORS,
        help_text="财务审计、离任审计须填写，且在选举日之前（SUP-3）。",
    )
    by = forms.CharField(
        label="承办", required=False, max_length=64, help_text="评议主持、审计机构或授课人。"
    )
    participants = forms.IntegerField(
        label="参加人数",
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        help_text="培训须填参训人数。",
        error_messages={"invalid": "人数应为整数。", "min_value": "人数不能为负数。"},
    )
    result = forms.CharField(
        label="结果说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="发现问题时写明问题和整改情况。",
    )
