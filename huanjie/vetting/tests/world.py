"""东坑村's 主任 election with two candidates, 李四 and 王五 (accepted 04-02), and the county's
first joint-review round (04-03 … 04-10) for 公安, 法院 and 纪检监察 under ZJ_2025 (whose
negative list is ZJ_2020's, QUAL-6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.committees.tests.world import World
from huanjie.nominations.models import Application, Recruitment
from huanjie.nominations.services import application_accept, application_file
from huanjie.nominations.tests.world import nomination_world
from huanjie.vetting.models import Department, NegativeListItem, ReviewResult, ReviewRound
from huanjie.vetting.services import result_record, round_open

ACCEPTED = date(2026, 4, 2)
OPENS, DUE = date(2026, 4, 3), date(2026, 4, 10)
REVIEWED = date(2026, 4, 6)
DEPARTMENTS = ("公安", "法院", "纪检监察")


@dataclass
class Vetting:
    world: World
    chair: Recruitment
    round: ReviewRound
    candidates: dict[str, Application]

    def department(self, name: str) -> Department:
        return Department.objects.get(name=name)

    def item(self, code: str) -> NegativeListItem:
        return NegativeListItem.objects.get(campaign=self.round.campaign, code=code)


def candidate(world: World, chair: Recruitment, name: str) -> Application:
    application = application_file(
        recruitment=chair,
        person=world[name],
        kind="self",
        filed_on=date(2026, 4, 1),
        acting_user=None,
    )
    return application_accept(application=application, on=ACCEPTED, acting_user=None)


def vetting_world(tree: RegionTree) -> Vetting:
    world, chair = nomination_world(tree)
    candidates = {name: candidate(world, chair, name) for name in ("李四", "王五")}
    review_round = round_open(
        campaign=world.election.plan.campaign,
        title="县级联审",
        opens_on=OPENS,
        due_on=DUE,
        departments=list(Department.objects.filter(name__in=DEPARTMENTS)),
        acting_user=None,
    )
    return Vetting(world, chair, review_round, candidates)


def clear(v: Vetting, name: str, *departments: str) -> list[ReviewResult]:
    """The departments (all of the round's when none is named) clear the candidate."""
    chosen = departments or DEPARTMENTS
    return [
        result_record(
            review_round=v.round,
            application=v.candidates[name],
            department=v.department(d),
            on=REVIEWED,
            acting_user=None,
        )
        for d in chosen
    ]


def vet_everyone(recruitment: Recruitment) -> None:
    """Every accepted candidate of the post cleared by every department of the campaign's
    rounds (one round for 公安 opened over the campaign's window if there is none): for tests of
    what follows the joint review (QUAL-3)."""
    campaign = recruitment.election.plan.campaign
    review_round = ReviewRound.objects.filter(campaign=campaign).first() or round_open(
        campaign=campaign,
        title="县级联审",
        opens_on=campaign.window_start,
        due_on=campaign.window_end,
        departments=[Department.objects.get(name="公安")],
        acting_user=None,
    )
    for application in recruitment.applications.filter(status="accepted"):
        on = max(application.accepted_on or review_round.opens_on, review_round.opens_on)
        for department in review_round.departments.all():
            if not ReviewResult.objects.filter(
                round=review_round, application=application, department=department
            ).exists():
                result_record(
                    review_round=review_round,
                    application=application,
                    department=department,
                    on=on,
                    acting_user=None,
                )
