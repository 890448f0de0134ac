"""What the 近亲属 cards of the person and household pages show, and the form that adds a link.

The pages of the web shell (core) render these cards; the village's relations page (people)
uses the same rows. Everyone who opens the page reads the links and their status; the village
election committee also gets the buttons and the form (`relation_access`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms

from huanjie.people import messages as msg
from huanjie.people.models import RELATION_KIND_CHOICES, SYMMETRIC_KINDS, CloseRelative, Person
from huanjie.people.relation_access import may_keep_relations
from huanjie.people.relation_status import RelationStatus, counts_for_recusal, relation_status
from huanjie.people.selectors import household_relations, openable_people, person_relations

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.accounts.models import User
    from huanjie.people.models import Household
    from huanjie.people.selectors import RelationView

    AnyUser = User | AnonymousUser

# What a declared link usually rests on (offered as suggestions; any text is accepted).
BASIS_SUGGESTIONS = ["结婚证", "出生医学证明", "户口簿", "收养登记证", "村民证实", "本人申报"]
CANDIDATES_SHOWN = 20
SEARCH_MAX = 32
ELDER_SELF, ELDER_OTHER = "self", "other"
# A directed kind read as a sentence: "甲 是 乙 的父母".
DIRECTED_WORDS = {"parent_child": "父母", "grandparent_grandchild": "祖父母"}


@dataclass(frozen=True)
class RelationRow:
    """One link as a card lists it: its status, and (on a person's card) the other person."""

    link: CloseRelative
    status: RelationStatus
    other: Person | None = None
    label: str = ""

    @property
    def counts(self) -> bool:
        return counts_for_recusal(self.link)

    @property
    def directed_word(self) -> str:
        return DIRECTED_WORDS.get(self.link.kind, "")


def row_of(link: CloseRelative) -> RelationRow:
    return RelationRow(link=link, status=relation_status(link))


# A card lists what waits for the committee first, what was found wrong last.
ORDER = {
    RelationStatus.PENDING: 0,
    RelationStatus.CONFIRMED: 1,
    RelationStatus.DECLARED: 1,
    RelationStatus.REJECTED: 2,
}


def _in_order(rows: list[RelationRow]) -> list[RelationRow]:
    return sorted(rows, key=lambda r: ORDER[r.status])


class RelationDeclareForm(forms.Form):
    """添加近亲属 on a person's page: the other person (found by name in the person's village),
    the kind, who is the elder for a directed kind, and the basis."""

    other = forms.ModelChoiceField(
        label="亲属",
        queryset=Person.objects.none(),
        error_messages={
            "required": msg.RELATION_OTHER_REQUIRED,
            "invalid_choice": msg.RELATION_OTHER_UNKNOWN,
        },
    )
    kind = forms.ChoiceField(
        label="关系",
        choices=RELATION_KIND_CHOICES,
        error_messages={"required": "请选择关系。", "invalid_choice": "请从列表中选择关系。"},
    )
    elder = forms.ChoiceField(
        label="谁是长辈",
        required=False,
        choices=[(ELDER_SELF, "本人是长辈"), (ELDER_OTHER, "亲属是长辈")],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "请选择本人或亲属是长辈。"},
    )
    basis = forms.CharField(
        label="依据",
        max_length=CloseRelative._meta.get_field("basis").max_length,
        error_messages={
            "required": msg.RELATION_BASIS_REQUIRED,
            "max_length": "依据最多%(limit_value)d个字，现有%(show_value)d个字，请缩短。",
        },
    )
    relative_q = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        field: Any = self.fields["other"]
        field.queryset = _village_people(person)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind and kind not in SYMMETRIC_KINDS and not data.get("elder"):
            label = dict(RELATION_KIND_CHOICES)[kind]
            self.add_error("elder", msg.RELATION_ELDER_REQUIRED.format(kind=label))
        return data

    def people(self) -> tuple[Person, Person]:
        """(person_a, person_b) for `relation_declare`: the elder first for a directed kind."""
        other: Person = self.cleaned_data["other"]
        if self.cleaned_data["kind"] in SYMMETRIC_KINDS:
            return self.person, other
        if self.cleaned_data["elder"] == ELDER_OTHER:
            return other, self.person
        return self.person, other


def _village_people(person: Person) -> Any:
    """Whom a person's relative may be chosen among: the village's other people."""
    return Person.objects.filter(village_id=person.village_id).exclude(pk=person.pk)


def _candidates(person: Person, search: str, form: RelationDeclareForm | None) -> list[Person]:
    """The village's people matching the name searched for, and the one already chosen when
    the form comes back with an error."""
    found: list[Person] = []
    if search:
        found = list(
            _village_people(person)
            .filter(name__contains=search)
            .select_related("household")
            .order_by("name", "birth_date", "pk")[: CANDIDATES_SHOWN + 1]
        )
    chosen = str(form.data.get("other", "")) if form is not None and form.is_bound else ""
    if chosen.isdigit() and int(chosen) not in {p.pk for p in found}:
        again = _village_people(person).filter(pk=int(chosen)).select_related("household")
        found[:0] = list(again)
    return found


def person_card(
    user: AnyUser,
    person: Person,
    *,
    search: str = "",
    form: RelationDeclareForm | None = None,
    views: list[RelationView] | None = None,
) -> dict[str, Any]:
    """The context of the person page's 近亲属 card (keys `relation_*`)."""
    views = person_relations(person=person) if views is None else views
    rows = _in_order(
        [
            RelationRow(link=v.link, status=relation_status(v.link), other=v.other, label=v.label)
            for v in views
        ]
    )
    keeper = may_keep_relations(user, person.village)
    search = search.strip()[:SEARCH_MAX]
    if keeper and form is None:
        form = RelationDeclareForm(person=person, initial={"relative_q": search})
    candidates = _candidates(person, search, form) if keeper else []
    return {
        "relation_rows": rows,
        "relation_recusal": [r for r in rows if r.counts],
        "relation_pending": sum(r.status == RelationStatus.PENDING for r in rows),
        "relation_keeper": keeper,
        "relation_form": form if keeper else None,
        "relation_search": search,
        "relation_candidates": candidates[:CANDIDATES_SHOWN],
        "relation_more": len(candidates) > CANDIDATES_SHOWN,
        "relation_bases": BASIS_SUGGESTIONS,
        "openable": openable_people(user, (v.other.pk for v in views)),
    }


def household_card(user: AnyUser, household: Household) -> dict[str, Any]:
    """The context of the household page's 近亲属关系 card (keys `relation_*`)."""
    rows = _in_order([row_of(link) for link in household_relations(household=household)])
    others = {r.link.person_a_id for r in rows} | {r.link.person_b_id for r in rows}
    return {
        "relation_rows": rows,
        "relation_pending": sum(r.status == RelationStatus.PENDING for r in rows),
        "relation_keeper": may_keep_relations(user, household.village),
        "openable": openable_people(user, others),
    }
