"""A village ahead keeps its 后备干部 pool (seed 000: about 2.7 a village) and has recorded how each
sitting office holder goes at the election — most stand again, those near 60 step aside with
honour (光荣让贤), some become mentors; the county's minority villages record their smaller
ethnic group (畲族); and the county opens its joint-review round (联审) for the
candidates the villages ahead have accepted, with the department that has a demo reviewer, so a
demo user can take a candidate through to a published list. Written through the services."""

from __future__ import annotations

import random
from datetime import date, timedelta

from huanjie.campaigns.models import Campaign
from huanjie.elections.models import OfficeHolder, Post
from huanjie.nominations.models import Application, OutgoingPath, ReserveSource, Status
from huanjie.nominations.reserve import minority_group_record, outgoing_record, reserve_add
from huanjie.people.models import Person, RegisterStatus
from huanjie.regions.models import Level, Region
from huanjie.rules.timeline.periods import age_on
from huanjie.vetting.models import Department
from huanjie.vetting.services import round_open

RESERVE_SIZE = 3
TRAINING = (
    "县委组织部村级后备干部示范培训班（5天）",
    "乡镇党校后备干部轮训；到村“两委”跟班学习3个月",
    "浙江省农村实用人才培训（电商直播）",
)
REVIEW_DEPARTMENT = "公安"  # the demo reviewer's department (demo.users)
REVIEW_DAYS = 10
MINORITY = "畲族"  # the demo county is 景宁畲族自治县


def seed_reserve(village: Region, *, seed: int, today: date) -> None:
    rng = random.Random(f"huanjie-demo:{seed}:{village.code}:reserve")
    holders = list(
        OfficeHolder.objects.filter(village=village, term_start__lte=today, term_end__gt=today)
        .select_related("person")
        .order_by("id")
    )
    sitting = {h.person_id for h in holders}
    pool = [
        p
        for p in Person.objects.filter(
            village=village,
            status=RegisterStatus.ACTIVE,
            deprived_of_political_rights=False,
            birth_date__gt=date(today.year - 45, today.month, 1),
            birth_date__lt=date(today.year - 22, today.month, 1),
        ).order_by("id_number")
        if p.pk not in sitting
    ]
    for person in rng.sample(pool, min(RESERVE_SIZE, len(pool))):
        reserve_add(
            village=village,
            person=person,
            since=today - timedelta(days=rng.randint(200, 900)),
            source=rng.choice(ReserveSource.values),
            training=rng.choice(TRAINING),
            acting_user=None,
        )
    for holder in holders:
        if holder.post == Post.SECRETARY:  # stands for 书记 and, 一肩挑, for 主任
            path, note = OutgoingPath.STANDS_AGAIN, ""
        elif age_on(holder.person.birth_date, today) >= 58:
            path, note = OutgoingPath.STEPS_ASIDE, "年龄较大，主动让贤"
        else:
            path = rng.choices(
                [OutgoingPath.STANDS_AGAIN, OutgoingPath.MENTOR, OutgoingPath.OTHER_ROLE],
                weights=[8, 1, 1],
            )[0]
            note = ""
        outgoing_record(holder=holder, path=path, note=note, on=today, acting_user=None)


def seed_minority_groups(campaign: Campaign) -> None:
    """Each minority village of the county records its smaller ethnic group (the demo county's
    畲族), so the slate's VC-ORG-2 check has something to look for."""
    villages = Region.objects.filter(
        code__startswith=campaign.region.prefix, level=Level.VILLAGE, minority_village=True
    ).order_by("code")
    for village in villages:
        minority_group_record(village=village, ethnicity=MINORITY, acting_user=None)


def seed_review_round(campaign: Campaign, *, today: date) -> None:
    """One round for the candidates already accepted, due within the campaign's window; and
    the minority villages' groups first."""
    seed_minority_groups(campaign)
    accepted = Application.objects.filter(
        status=Status.ACCEPTED, recruitment__election__plan__campaign=campaign
    )
    if not accepted.exists():
        return
    opens_on = max(today, campaign.window_start)
    due_on = min(today + timedelta(days=REVIEW_DAYS), campaign.window_end)
    if due_on < opens_on:
        return
    round_open(
        campaign=campaign,
        title="县级联审",
        opens_on=opens_on,
        due_on=due_on,
        # The migrations add it; a database flushed since (or an admin's edit) may lack it.
        departments=[Department.objects.get_or_create(name=REVIEW_DEPARTMENT)[0]],
        acting_user=None,
    )
