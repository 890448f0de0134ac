"""Forms of the recommendation rounds: they read what was typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from huanjie.committees.forms import DATE, DATE_ERRORS, NUMBER
from huanjie.nominations.models import (
    Application,
    RecommendationProcedure,
    RoundKind,
    StatementKind,
)
from huanjie.people.forms_edit import EditForm
from huanjie.rules.party.recommendation import CompetencyItem


def _count(label: str, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=required,
        widget=NUMBER,
        error_messages={
            "required": f"请填写{label}。",
            "invalid": f"{label}请填整数。",
            "min_value": f"{label}不能为负数。",
        },
    )


def _text(label: str, max_length: int, *, rows: int = 0, required: bool = True) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        error_messages={
            "required": f"请填写{label}。",
            "max_length": f"{label}最多{max_length}字。",
        },
    )


class OpenRoundForm(EditForm):
    post = forms.ChoiceField(label="职位", choices=[])
    procedure = forms.ChoiceField(label="推荐方式", choices=RecommendationProcedure.choices)
    kind = forms.ChoiceField(label="推荐轮次", choices=RoundKind.choices)
    held_on = forms.DateField(label="会议日期", widget=DATE, error_messages=DATE_ERRORS)
    place = _text("会议地点", 100)
    meeting = _text("会议名称", 100)
    eligible = _count("应到人数")
    members_present = _count("党员（委员）实到人数")
    nonmember_representatives = _count("非党员代表人数")

    def __init__(
        self, *args: Any, posts: list[tuple[str, list[tuple[int, str]]]], **kwargs: Any
    ) -> None:
        """`posts`: per body (its name), its 招贤榜 ids with the body-named post labels."""
        kwargs.setdefault("auto_id", "round_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["post"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (body, [(str(pk), label) for pk, label in choices]) for body, choices in posts
        ]


class TallyForm(EditForm):
    ballots = _count("收回票数")
    void_ballots = _count("无效票数")
    places = forms.IntegerField(
        label="本轮产生人数",
        min_value=1,
        widget=NUMBER,
        error_messages={
            "required": "请填写本轮产生人数。",
            "invalid": "本轮产生人数请填整数。",
            "min_value": "本轮产生人数至少为1。",
        },
    )

    def __init__(self, *args: Any, candidates: list[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for app in candidates:
            votes = _count(f"{app.person.name}得票")
            votes.widget.attrs["class"] = "form-control"
            self.fields[f"votes_{app.pk}"] = votes

    def votes(self) -> dict[int, int]:
        return {app.pk: self.cleaned_data[f"votes_{app.pk}"] for app in self.candidates}


class DrawForm(EditForm):
    seed = forms.IntegerField(
        label="抽签种子（留空由系统随机产生）",
        required=False,
        min_value=0,
        widget=NUMBER,
        error_messages={"invalid": "种子请填非负整数。", "min_value": "种子请填非负整数。"},
    )


class StatementForm(EditForm):
    application = forms.ChoiceField(label="陈述人", choices=[])
    kind = forms.ChoiceField(label="陈述类型", choices=StatementKind.choices)
    summary = _text("陈述要点", 2000, rows=3)

    def __init__(self, *args: Any, candidates: list[Application], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "statement_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(a.pk), a.person.name) for a in candidates]


class QuestionForm(EditForm):
    asked_by = _text("提问人", 50)
    question = _text("提问", 1000, rows=2)
    answer = _text("回答", 2000, rows=2, required=False)


class AssessmentForm(EditForm):
    application = forms.ChoiceField(label="被测评人", choices=[])
    household = _text("户代表", 50)
    assessed_on = forms.DateField(label="测评日期", widget=DATE, error_messages=DATE_ERRORS)

    def __init__(
        self,
        *args: Any,
        candidates: list[Application],
        items: tuple[CompetencyItem, ...],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "assess_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(a.pk), a.person.name) for a in candidates]
        self.items = items
        for n, item in enumerate(items):
            score = _count(f"{item.name}（满分{item.full_mark}）")
            score.widget.attrs["class"] = "form-control"
            score.widget.attrs["max"] = item.full_mark
            self.fields[f"item_{n}"] = score

    def scores(self) -> dict[str, int]:
        return {item.key: self.cleaned_data[f"item_{n}"] for n, item in enumerate(self.items)}
