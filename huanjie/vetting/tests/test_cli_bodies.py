"""review_record reaches either body's candidates (PRAC-2T1X-1: the party organization's
candidates come from its own 招贤榜, and are vetted like the villagers' committee's): `--post`
takes the post with its body's name (村党组织委员, 党组织委员, 村民委员会委员, 村委会委员) as the
nominations' commands do; 东坑村's two bodies both have 委员 with a 招贤榜 out, so a bare 委员 is
refused with the labels to write instead, and nothing is recorded."""

from __future__ import annotations

from datetime import date

import pytest

from huanjie.accounts.models import Role
from huanjie.accounts.tests.commands import refused, run
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.elections.tests.party_world import PartyWorld, member, villager
from huanjie.nominations.models import Application
from huanjie.nominations.services import (
    application_accept,
    application_file,
    recruitment_publish,
)
from huanjie.nominations.tests.world import BOTH, both_bodies_world
from huanjie.people.models import Person
from huanjie.vetting.models import Department, ReviewResult
from huanjie.vetting.services import round_open

pytestmark = pytest.mark.django_db


def candidate(world: PartyWorld, person: Person, body: str) -> Application:
    """The person accepted as a candidate for the body's 委员 (its 招贤榜 published on 03-20)."""
    recruitment = recruitment_publish(
        village=world.village,
        post="member",
        requirements="五有",
        on=date(2026, 3, 20),
        acting_user=None,
        body=body,
    )
    filed = application_file(
        recruitment=recruitment,
        person=person,
        kind="self",
        filed_on=date(2026, 3, 25),
        acting_user=None,
    )
    return application_accept(application=filed, on=date(2026, 3, 26), acting_user=None)


@pytest.fixture
def world(tree: RegionTree) -> PartyWorld:
    return both_bodies_world(tree)


def test_PRAC_2T1X_1_review_record_reaches_the_party_candidate_by_its_body_named_post(
    world: PartyWorld,
) -> None:
    qian, li = member(world, "钱一"), villager(world, "李四")
    party = candidate(world, qian, "party_organization")
    committee = candidate(world, li, "villagers_committee")
    round_open(
        campaign=world.election.plan.campaign,
        title="县级联审",
        opens_on=date(2026, 4, 3),
        due_on=date(2026, 4, 10),
        departments=[Department.objects.get(name="公安")],
        acting_user=None,
    )
    police = make_user(world.tree, Role.REVIEWER).username

    def record(person: Person, post: str) -> tuple[str, ...]:
        return ("review_record", person.id_number, "--post", post, "--department", "公安",
                "--on", "2026-04-06", "--cleared", "--by", police)  # fmt: skip

    assert refused(*record(qian, "委员")) == BOTH
    assert not ReviewResult.objects.exists()

    assert run(*record(qian, "村党组织委员")).strip() == "已登记公安对钱一的联审结论：通过"
    assert ReviewResult.objects.get().application == party
    assert "对李四的联审结论：通过" in run(*record(li, "村委会委员"))
    assert ReviewResult.objects.get(application__person=li).application == committee
    # A body-named post the person did not apply for is refused naming it, nothing recorded.
    assert refused(*record(qian, "村民委员会委员")) == "钱一没有报名参选村民委员会委员。"
    assert ReviewResult.objects.count() == 2
