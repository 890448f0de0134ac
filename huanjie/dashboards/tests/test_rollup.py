"""The rollup equals the raw tables: on random villages (people, posts, statuses, tags, the party
roll, birthdays on 29 February), each summary row kept up to date by the writes themselves, and
the one `rebuild` computes, equal a count made here in Python from the rows (ages by
`age_on`); a region's sums equal the sums of its villages'."""

from __future__ import annotations

import random
from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user, valid_id
from huanjie.campaigns.models import RiskLevel, VillagePlan
from huanjie.campaigns.tests.tasks_world import build
from huanjie.dashboards import rollup
from huanjie.dashboards.models import TownshipSummary, VillageSummary
from huanjie.elections.models import Body, Election, ElectionStatus, OfficeHolder, Post, Round
from huanjie.people.models import (
    Education,
    PartyMembership,
    PartyOrganization,
    PartyOrganizationKind,
    Person,
    PersonTag,
    PersonTagKind,
    PoliticalStatus,
)
from huanjie.regions.models import Level, Region
from huanjie.rules.timeline.periods import age_on

POSTS: dict[str, list[str]] = {
    Body.PARTY_ORGANIZATION: [Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.MEMBER],
    Body.VILLAGERS_COMMITTEE: [Post.CHAIR, Post.VICE_CHAIR, Post.MEMBER, Post.WOMEN_MEMBER],
    Body.SUPERVISION_COMMITTEE: [Post.CHAIR, Post.MEMBER],
    Body.COOPERATIVE_BOARD: [Post.CHAIR, Post.MEMBER],
}
COLLEGE = {Education.COLLEGE, Education.BACHELOR, Education.POSTGRADUATE}
HIGH = COLLEGE | {Education.HIGH_SCHOOL, Education.SECONDARY_VOCATIONAL}


def _people(rng: random.Random, plan: VillagePlan, n: int) -> list[Person]:
    people = []
    for i in range(n):
        if rng.random() < 0.15:
            born = date(rng.choice([1972, 1980, 1988, 1992]), 2, 29)
        else:
            born = date(1955, 1, 1) + timedelta(days=rng.randrange(45 * 365))
        people.append(
            Person.objects.create(
                id_number=valid_id(plan.pk * 100 + i, birth=born.strftime("%Y%m%d")),
                name=f"人{plan.pk}-{i}",
                sex=rng.choice("MF"),
                birth_date=born,
                ethnicity=rng.choice(["汉族", "汉族", "畲族", ""]),
                education=rng.choice([*Education.values, ""]),
                political_status=rng.choice(PoliticalStatus.values),
                village=plan.village,
            )
        )
    return people


def _random_world(tree: RegionTree, seed: int) -> None:
    rng = random.Random(seed)
    world = build(tree)
    organization = PartyOrganization.objects.create(
        village=tree.a1, name="党支部", kind=PartyOrganizationKind.BRANCH
    )
    for plan in world.plans.values():
        people = _people(rng, plan, 8)
        for election in Election.objects.filter(plan=plan):
            election.status = rng.choice(ElectionStatus.values)
            election.save()
            # Term starts on 28 February of a common year now and then (29 February's birthday).
            start = rng.choice([date(2026, 2, 28), date(2026, 3, 1), date(2027, 2, 28)])
            for post in POSTS[election.body]:
                for person in rng.sample(people, rng.randint(0, 2)):
                    if OfficeHolder.objects.filter(
                        village=plan.village, body=election.body, person=person
                    ).exists():
                        continue
                    OfficeHolder.objects.create(
                        village=plan.village,
                        body=election.body,
                        post=post,
                        person=person,
                        term_start=start + timedelta(days=rng.choice([0, 0, 3])),
                        term_end=date(2031, 2, 28),
                        election=election,
                    )
        for person in rng.sample(people, 3):
            PersonTag.objects.create(person=person, tag=rng.choice(PersonTagKind.values))
        if plan.village == tree.a1:
            for person in rng.sample(people, 2):
                PartyMembership.objects.create(
                    person=person, organization=organization, status="full"
                )
        # Later writes the rollup must follow: a person corrected, a tag and a post removed,
        # the risk re-rated.
        edited = rng.choice(people)
        edited.education = rng.choice(Education.values)
        edited.sex = "F" if edited.sex == "M" else "M"
        edited.save()
        PersonTag.objects.filter(person__in=people[:2]).delete()
        gone = OfficeHolder.objects.filter(village=plan.village).order_by("?").first()
        if gone is not None:
            gone.delete()
        plan.risk_level = rng.choice(RiskLevel.values)
        plan.save()


def _expected(plan: VillagePlan) -> dict[str, Any]:
    """One plan's row counted in Python from the ORM's rows."""
    elections = list(Election.objects.filter(plan=plan))
    stage: dict[str, int] = {ElectionStatus.COMPLETE: 3, ElectionStatus.COUNTED: 2}
    row: dict[str, Any] = {"risk_level": plan.risk_level}
    for body, column in rollup.STAGE_COLUMNS.items():
        row[column] = max((stage.get(e.status, 1) for e in elections if e.body == body), default=0)
    row["elections"] = len(elections)
    row["void_elections"] = sum(e.status == ElectionStatus.VOID for e in elections)
    row["vc_first_round"] = int(
        any(
            e.body == Body.VILLAGERS_COMMITTEE
            and e.round == Round.FIRST
            and e.status == ElectionStatus.COMPLETE
            for e in elections
        )
    )
    holders = OfficeHolder.objects.filter(
        election__plan=plan,
        body__in=[Body.PARTY_ORGANIZATION, Body.VILLAGERS_COMMITTEE],
    ).select_related("person")
    members: dict[int, dict[str, Any]] = {}
    for h in holders:
        m = members.setdefault(
            h.person_id, {"person": h.person, "start": h.term_start, "posts": set()}
        )
        m["start"] = min(m["start"], h.term_start)
        m["posts"].add((h.body, h.post))
    counts = dict.fromkeys(
        ["members", "age_total", "up_to_35", "up_to_45", "college", "high_school", "women",
         "minority", "vc_members", "vc_party_members", "business_leaders", "veterans",
         "returnees", "secretaries", "secretary_age_total", "secretary_college", "chairs",
         "one_person"],
        0,
    )  # fmt: skip
    for m in members.values():
        p: Person = m["person"]
        age = age_on(p.birth_date, m["start"])
        tags = set(PersonTag.objects.filter(person=p).values_list("tag", flat=True))
        party = (
            p.political_status
            in (
                PoliticalStatus.FULL_MEMBER,
                PoliticalStatus.PROBATIONARY_MEMBER,
            )
            or PartyMembership.objects.filter(person=p).exists()
        )
        secretary = (Body.PARTY_ORGANIZATION, Post.SECRETARY) in m["posts"]
        chair = (Body.VILLAGERS_COMMITTEE, Post.CHAIR) in m["posts"]
        on_vc = any(body == Body.VILLAGERS_COMMITTEE for body, _ in m["posts"])
        counts["members"] += 1
        counts["age_total"] += age
        counts["up_to_35"] += age <= 35
        counts["up_to_45"] += age <= 45
        counts["college"] += p.education in COLLEGE
        counts["high_school"] += p.education in HIGH
        counts["women"] += p.sex == "F"
        counts["minority"] += p.ethnicity not in ("汉族", "")
        counts["vc_members"] += on_vc
        counts["vc_party_members"] += on_vc and party
        counts["business_leaders"] += PersonTagKind.BUSINESS_LEADER in tags
        counts["veterans"] += PersonTagKind.VETERAN in tags
        counts["returnees"] += PersonTagKind.RETURNEE in tags
        counts["secretaries"] += secretary
        counts["secretary_age_total"] += age if secretary else 0
        counts["secretary_college"] += secretary and p.education in COLLEGE
        counts["chairs"] += chair
        counts["one_person"] += secretary and chair
    return {**row, **counts}


def _rows() -> dict[int, dict[str, Any]]:
    names = ["risk_level", *rollup.FIGURES]
    return {
        s["plan_id"]: {n: s[n] for n in names}
        for s in VillageSummary.objects.values("plan_id", *names)
    }


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_rollup_equals_a_count_of_the_raw_rows(
    tree: RegionTree, seed: int, django_capture_on_commit_callbacks: Any
) -> None:
    rollup.flush()  # the fixtures' writes
    with django_capture_on_commit_callbacks(execute=True):  # as when the writes commit
        _random_world(tree, seed)
    expected = {plan.pk: _expected(plan) for plan in VillagePlan.objects.all()}
    assert _rows() == expected  # kept up to date by the writes
    VillageSummary.objects.all().delete()
    assert rollup.rebuild() == len(expected)
    assert _rows() == expected  # the national recompute


def test_a_regions_sums_are_its_villages_sums(tree: RegionTree) -> None:
    _random_world(tree, 7)
    villages = Region.objects.filter(level="village")
    by_township = rollup.summary_by_prefix(rollup.summaries(villages, 2026), 9)
    by_village = rollup.summary_by_prefix(rollup.summaries(villages, 2026), 12)
    assert set(by_township) == {tree.township_a.prefix, tree.township_b.prefix}
    for prefix, summed in by_township.items():
        parts = [s for code, s in by_village.items() if code.startswith(prefix)]
        assert summed.members == sum(p.members for p in parts) > 0
        assert summed.women == sum(p.women for p in parts)
        assert summed.plans == len(parts)
        for body in rollup.STAGE_COLUMNS:
            assert summed.complete[body] == sum(p.complete[body] for p in parts)
    assert rollup.summary_by_prefix(rollup.summaries(villages, 2031), 9) == {}


def _township_rows() -> dict[tuple[int, str], dict[str, int]]:
    names = list(rollup.township_columns())
    return {
        (t["campaign_id"], t["code"]): {n: t[n] for n in names}
        for t in TownshipSummary.objects.values("campaign_id", "code", *names)
    }


@pytest.mark.parametrize("seed", [5, 6])
def test_the_township_rows_are_the_sums_of_their_villages(tree: RegionTree, seed: int) -> None:
    _random_world(tree, seed)
    # A plan removed: its township's sums follow.
    plan = VillagePlan.objects.get(village=tree.a2)
    plan.tasks.all().delete()
    OfficeHolder.objects.filter(election__plan=plan).delete()
    Election.objects.filter(plan=plan).delete()
    plan.delete()
    rollup.flush()  # as a read of the rollup in the writing transaction does
    kept = _township_rows()
    villages = Region.objects.filter(level=Level.VILLAGE)
    by_village = rollup.summary_by_prefix(rollup.summaries(villages, 2026), 9)
    campaign = VillagePlan.objects.first().campaign_id  # type: ignore[union-attr]
    assert set(kept) == {(campaign, prefix) for prefix in by_village}
    for (_, prefix), row in kept.items():
        summed = by_village[prefix]
        for name, value in row.items():
            kind = name.rsplit("_", 1)[-1]
            body = next((b for b, n in rollup.BODY_NAMES.items() if name == f"{n}_{kind}"), None)
            body = body if kind in rollup.KINDS else None
            expected = getattr(summed, kind)[body] if body else getattr(summed, name)
            assert value == expected, name
    rollup.rebuild()
    assert _township_rows() == kept


def test_every_reach_reads_the_same_sums(tree: RegionTree) -> None:
    """A county officer's read (township rows) equals the village rows' sums; a cadre's reach
    (its assigned villages) sums only those."""
    _random_world(tree, 8)
    townships = [tree.township_a, tree.township_b]
    office = make_user(tree, Role.ELECTION_OFFICE)
    by_rows = rollup.summary_by_region(office, townships, 2026)
    villages = Region.objects.filter(level=Level.VILLAGE)
    assert by_rows == rollup.summary_by_prefix(rollup.summaries(villages, 2026), 9)
    assert by_rows[tree.township_a.prefix].plans == 2
    cadre = make_user(tree, Role.VILLAGE_CADRE)  # assigned a1
    assert {p: s.plans for p, s in rollup.summary_by_region(cadre, townships, 2026).items()} == {
        tree.township_a.prefix: 1
    }
    township = make_user(tree, Role.TOWNSHIP_OFFICER)  # township a only
    assert set(rollup.summary_by_region(township, [tree.county], 2026)) == {tree.county.prefix}
    assert rollup.summary_by_region(township, [tree.county], 2026)[tree.county.prefix].plans == 2


def test_a_write_past_the_models_is_found_and_recomputed(tree: RegionTree) -> None:
    _random_world(tree, 9)
    assert rollup.drifted() == []
    plan = VillagePlan.objects.get(village=tree.b1)
    Election.objects.filter(plan=plan).update(status=ElectionStatus.VOID)  # no signal
    assert rollup.drifted() == [plan.pk]
    with pytest.raises(SystemExit):
        call_command("dashboard_rollup", "--check", stderr=StringIO())
    out = StringIO()
    call_command("dashboard_rollup", stdout=out)
    assert "已重算统计汇总：3个村换届计划" in out.getvalue()
    assert rollup.drifted() == []
    assert VillageSummary.objects.get(plan=plan).void_elections == 4


def _summary_statements(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "dashboards_" in q["sql"]]


def test_writes_in_a_transaction_rewrite_the_rows_once_on_commit(
    tree: RegionTree, django_capture_on_commit_callbacks: Any
) -> None:
    """Many writes in one transaction: no query of the rollup's at each save, four when it
    commits, and nothing drifted."""
    _random_world(tree, 10)
    rollup.flush()
    plans = list(VillagePlan.objects.all())
    people = list(Person.objects.filter(village__in=[p.village for p in plans]))
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        for plan in plans:
            plan.risk_level = RiskLevel.RED
            plan.save()
            for election in Election.objects.filter(plan=plan):
                election.status = ElectionStatus.COMPLETE
                election.save()
        for person in people[:5]:
            person.education = Education.BACHELOR
            person.save()
            PersonTag.objects.create(person=person, tag=PersonTagKind.VETERAN)
        holder = OfficeHolder.objects.filter(election__plan__in=plans).first()
        assert holder is not None
        holder.delete()
        saves = len(queries.captured_queries)
        assert _summary_statements(queries) == []  # nothing at each save
    assert len(callbacks) == 1  # one rewrite for the whole transaction
    at_commit = [q["sql"] for q in queries.captured_queries[saves:]]
    assert len(_summary_statements(queries)) == 4
    assert all("dashboards_" in sql or "SAVEPOINT" in sql for sql in at_commit)
    assert rollup.drifted() == []
    assert {s.risk_level for s in VillageSummary.objects.all()} == {RiskLevel.RED}


def test_a_read_in_the_writing_transaction_sees_its_writes(tree: RegionTree) -> None:
    _random_world(tree, 11)
    plan = VillagePlan.objects.get(village=tree.a1)
    for election in Election.objects.filter(plan=plan):
        election.status = ElectionStatus.VOID
        election.save()
    villages = Region.objects.filter(level=Level.VILLAGE, pk=tree.a1.pk)
    summed = rollup.summary_by_prefix(rollup.summaries(villages, 2026), 12)
    assert summed[tree.a1.code].void_elections == Election.objects.filter(plan=plan).count()


def test_the_figure_columns_are_named_once_for_both_tables() -> None:
    """The rollup names the columns it writes (models.MemberCounts, shared by both tables)."""
    village = {f.column for f in VillageSummary._meta.concrete_fields}
    township = {f.column for f in TownshipSummary._meta.concrete_fields}
    assert set(rollup.FIGURES) == village - {"plan_id", "village_id", "campaign_id", "risk_level"}
    assert set(rollup.MEMBER_FIGURES) <= township
    assert set(rollup.township_columns()) == township - {"id", "campaign_id", "code"}
