"""The forms of the party roll page: they read what was typed; the services decide what is right
and the refusal is shown above the form that was sent."""

from __future__ import annotations

from typing import Any

from django import forms

from huanjie.elections.models import Ground, RegistrationMethod
from huanjie.people.forms_edit import DATE_HINT, EditForm
from huanjie.people.models import MembershipStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "日期无法识别。" + DATE_HINT, "required": "请填写日期。" + DATE_HINT}
PERSON_ERRORS = {
    "required": "请选择党员。",
    "invalid_choice": "所选的人不在可选名单中，请刷新页面后重新选择。",
}


def _date(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, error_messages=DATE_ERRORS, **kwargs)


def _text(label: str, *, required: bool = False, placeholder: str = "") -> forms.CharField:
    # Lengths and what is required are the services' to say, in their words.
    widget = forms.TextInput(attrs={"autocomplete": "off", "placeholder": placeholder})
    return forms.CharField(label=label, required=required, strip=True, widget=widget)


class _PersonForm(EditForm):
    person = forms.TypedChoiceField(label="党员", coerce=int, error_messages=PERSON_ERRORS)

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "请选择"), *people]  # type: ignore[attr-defined]


class ExclusionForm(_PersonForm):
    ground = forms.ChoiceField(
        label="情形",
        choices=[("", "请选择"), *Ground.choices],
        error_messages={"required": "请选择不列入应到会人数的情形。"},
    )
    detail = _text("具体情况", placeholder="如：2025年9月起赴澳大利亚自费留学")


class ConsentForm(EditForm):
    on = _date("同意日期")
    approver = _text("同意的上级党组织", placeholder="如：中共鹤溪街道工作委员会")
    document = _text("同意文件或文号", placeholder="如：鹤街党〔2026〕5号")


class MeetingForm(EditForm):
    on = _date("党员大会通过日期")


class WithdrawForm(EditForm):
    reason = _text("撤回理由", placeholder="如：本人已回村，能参加选举")


class RegistrationForm(_PersonForm):
    on = _date("登记日期")
    method = forms.ChoiceField(
        label="登记方式",
        choices=RegistrationMethod.choices,
        error_messages={"required": "请选择登记方式。"},
    )
    note = _text("备注", placeholder="可不填")


class EnterRollForm(EditForm):
    organization = forms.TypedChoiceField(
        label="所在党组织", coerce=int, error_messages={"required": "请选择所在党组织。"}
    )
    joined_on = _date("入党时间", required=False, help_text="不清楚可以不填。")
    floating = forms.BooleanField(label="流动党员（外出）", required=False)

    def __init__(self, *args: Any, organizations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = organizations  # type: ignore[attr-defined]


class MemberEditForm(EditForm):
    status = forms.ChoiceField(label="党员类别", choices=MembershipStatus.choices)
    joined_on = _date("入党时间", required=False)
    probation_until = _date(
        "留党察看期满",
        required=False,
        help_text="受留党察看处分的，填察看期的最后一天；期满次日恢复权利。",
    )
    suspended = forms.BooleanField(label="权利暂停（被留置或逮捕）", required=False)
    floating = forms.BooleanField(label="流动党员（外出）", required=False)
