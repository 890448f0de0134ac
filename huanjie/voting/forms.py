"""The committee's forms: a polling point, a mobile-box voter, a staff member, a proxy request,
an announcement's day. People are chosen among the village's voters (by id)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from huanjie.ballots.models import BoxKind
from huanjie.voting.models import Duty, Via

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"})


class StationForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=BoxKind.choices)
    name = forms.CharField(label="名称", max_length=64)
    place = forms.CharField(label="地点", max_length=120)
    hours = forms.CharField(label="投票时间", max_length=64)
    route = forms.CharField(label="流动路线", max_length=200, required=False)


class MobileVoterForm(forms.Form):
    voter = forms.IntegerField(label="选民", widget=forms.Select)
    reason = forms.CharField(label="原因", max_length=64)


class StaffForm(forms.Form):
    person = forms.IntegerField(label="人员", widget=forms.Select)
    duty = forms.ChoiceField(label="职责", choices=Duty.choices)
    station = forms.IntegerField(label="票箱", required=False, widget=forms.Select)


class ProxyForm(forms.Form):
    principal = forms.IntegerField(label="委托人", widget=forms.Select)
    holder = forms.IntegerField(label="受托人", widget=forms.Select)
    reason = forms.CharField(label="委托原因", max_length=64)
    filed_on = forms.DateField(label="提出日期", widget=DATE, initial=timezone.localdate)
    filed_by = forms.CharField(label="代为办理人", max_length=64, required=False)
    via = forms.ChoiceField(label="提交方式", choices=Via.choices, initial=Via.PAPER)


class PublishForm(forms.Form):
    day = forms.DateField(label="张贴日期", widget=DATE, initial=timezone.localdate)
