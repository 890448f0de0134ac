"""The tally sheet as a form: the four numbers, then one row per person (post, name, votes)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from huanjie.ballots.assemblies import post_label
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import BoxKind
from huanjie.elections.models import Post

ROWS = 12
NUMBER = {"class": "form-control form-control-lg", "inputmode": "numeric"}


class BoxForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=BoxKind.choices)
    name = forms.CharField(label="名称", max_length=64)


class SheetForm(forms.Form):
    # Negative numbers reach the engine, which refuses them with its rule (the CLI alike).
    ballots_issued = forms.IntegerField(label="发出选票", widget=forms.NumberInput(NUMBER))
    ballots_collected = forms.IntegerField(label="收回选票", widget=forms.NumberInput(NUMBER))
    invalid_ballots = forms.IntegerField(
        label="无效票（含空白票）", widget=forms.NumberInput(NUMBER)
    )
    blank_ballots = forms.IntegerField(
        label="其中空白票", initial=0, widget=forms.NumberInput(NUMBER)
    )
    # A meeting's sheet (party members' meeting, committee plenary): those present.
    present = forms.IntegerField(
        label="实到会人数", required=False, widget=forms.NumberInput(NUMBER)
    )

    def __init__(self, *args: Any, present_label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if present_label:
            self.fields["present"].label = present_label
        else:
            del self.fields["present"]


class VoteRow(forms.Form):
    post = forms.ChoiceField(
        label="职位", required=False, widget=forms.Select({"class": "form-select form-select-lg"})
    )
    name = forms.CharField(label="姓名", max_length=64, required=False)
    votes = forms.IntegerField(label="得票", required=False, widget=forms.NumberInput(NUMBER))

    def __init__(
        self, *args: Any, posts: list[str], body: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Post.choices)
        self.fields["post"].choices = [  # type: ignore[attr-defined]
            (p, post_label(body, p) if body else labels[p]) for p in posts
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name, votes = (data.get("name") or "").strip(), data.get("votes")
        if name and votes is None:
            self.add_error("votes", "请填写得票数")
        if votes is not None and not name:
            self.add_error("name", "请填写姓名")
        return data


def vote_rows(
    data: QueryDict | None, posts: list[str], initial: Numbers | None, body: str | None = None
) -> list[VoteRow]:
    given = [
        {"post": post, "name": name, "votes": n}
        for post, persons in (initial.votes.items() if initial else [])
        for name, n in persons.items()
    ]
    count = max(ROWS, len(given) + 2)
    if data is not None:
        count = max(count, sum(1 for key in data if key.endswith("-name")))
    return [
        VoteRow(
            data,
            prefix=f"v{i}",
            posts=posts,
            body=body,
            initial=given[i] if i < len(given) else None,
        )
        for i in range(count)
    ]


def numbers(form: SheetForm, rows: list[VoteRow]) -> Numbers | str:
    """The sheet's numbers, or why the rows cannot be read (a name twice in one post)."""
    votes: dict[str, dict[str, int]] = {}
    labels = dict(Post.choices)
    for row in rows:
        name = (row.cleaned_data.get("name") or "").strip()
        if not name:
            continue
        post = row.cleaned_data["post"]
        if name in votes.setdefault(post, {}):
            return f"“{name}”在{labels[post]}中填了两次，请合并为一行。"
        votes[post][name] = row.cleaned_data["votes"]
    d = form.cleaned_data
    return Numbers(
        d["ballots_issued"],
        d["ballots_collected"],
        d["invalid_ballots"],
        d["blank_ballots"],
        votes,
        d.get("present"),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="重新开启的理由",
        max_length=500,
        widget=forms.Textarea({"rows": 3, "class": "form-control"}),
    )
    boxes = forms.MultipleChoiceField(label="需要更正计票单的票箱", choices=())

    def __init__(self, *args: Any, box_names: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["boxes"].choices = [(n, n) for n in box_names]  # type: ignore[attr-defined]
