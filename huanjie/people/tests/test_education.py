"""One education scale: the database stores the rules' levels, and a person's converts back."""

from __future__ import annotations

from datetime import date

import pytest

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.people.models import Education, Person
from huanjie.people.register import columns as col
from huanjie.rules.eligibility.preferences import (
    CandidateFacts,
    CountyPreferences,
    preference_warnings,
)
from huanjie.rules.eligibility.preferences import Education as Schooling
from huanjie.rules.kinship.terms import Sex as RuleSex

ELECTION_DAY = date(2026, 4, 18)


def test_database_and_rules_share_one_scale() -> None:
    assert [(e.name, e.value, e.label) for e in Education] == [
        (s.name, s.value, s.label) for s in Schooling
    ]
    field = Person._meta.get_field("education")
    assert list(field.choices or []) == [(s.value, s.label) for s in Schooling]


def test_scale_runs_from_least_to_most_schooling() -> None:
    ranks = [s.rank for s in Schooling]
    assert ranks == sorted(ranks)
    # 高中 and 中专 are the two branches of upper secondary school: neither ranks above.
    assert Schooling.HIGH_SCHOOL.rank == Schooling.SECONDARY_VOCATIONAL.rank
    assert [s for s in Schooling if s.college_or_above] == [
        Schooling.COLLEGE,
        Schooling.BACHELOR,
        Schooling.POSTGRADUATE,
    ]


def test_register_template_accepts_the_scales_labels() -> None:
    assert {s.label: s.value for s in Schooling} == col.EDUCATION_BY_LABEL


@pytest.mark.parametrize(
    ("stored", "warned"),
    [
        (Education.PRIMARY, True),
        (Education.JUNIOR_HIGH, True),
        (Education.HIGH_SCHOOL, False),
        (Education.SECONDARY_VOCATIONAL, False),
        (Education.BACHELOR, False),
    ],
    ids=lambda v: str(v),
)
def test_stored_education_feeds_the_qual_8_preference_check(
    tree: RegionTree, stored: Education, warned: bool
) -> None:
    head = tree.heads["a1"]
    Person.objects.filter(pk=head.pk).update(education=stored)
    person = Person.objects.get(pk=head.pk)
    assert person.schooling is Schooling(stored)
    facts = CandidateFacts(RuleSex(person.sex), person.birth_date, person.schooling)
    county = CountyPreferences(source="某县2026", min_education=Schooling.HIGH_SCHOOL)
    findings = preference_warnings(facts, county, ELECTION_DAY)
    assert [f.rule_id for f in findings] == (["QUAL-8"] if warned else [])
    if warned:
        assert Schooling(stored).label in findings[0].message


def test_no_education_recorded_is_no_level(tree: RegionTree) -> None:
    head = tree.heads["a1"]
    Person.objects.filter(pk=head.pk).update(education="")
    assert Person.objects.get(pk=head.pk).schooling is None
