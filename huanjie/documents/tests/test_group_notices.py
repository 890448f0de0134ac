"""Announcements 5 and 6-1 as printed: the red-header PDF read as a reader would — the day,
hours and place; each group's leader and deputies (names only, never an ID number)."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.test import Client

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import make_user
from huanjie.audit.models import AuditEntry
from huanjie.committees.services import (
    SelectionVoteInput,
    group_election_notice_set,
    group_leaders_record,
)
from huanjie.committees.tests.test_group_leaders import first_group, people_of
from huanjie.committees.tests.test_group_leaders import world as world
from huanjie.committees.tests.world import World
from huanjie.documents.group_notices import group_leaders_document, group_meeting_document
from huanjie.documents.tests.pdf import CJK_FONT, read_pdf

pytestmark = pytest.mark.django_db


def test_announcement_5_says_day_hours_and_place(world: World) -> None:
    viewer = make_user(world.tree, Role.TOWNSHIP_OFFICER)
    empty = read_pdf(group_meeting_document(world.village, viewer=viewer).pdf()).flat
    assert "还没有登记村民代表和小组长选举的时间和地点" in empty
    group_election_notice_set(
        village=world.village,
        issued_on=date(2026, 3, 20),
        held_on=date(2026, 3, 28),
        starts_at=time(8, 30),
        ends_at=time(11, 30),
        place="各村民小组活动室",
        note="请携带身份证。",
        acting_user=None,
    )
    look = read_pdf(group_meeting_document(world.village, viewer=viewer).pdf())
    assert look.page_count == 1 and all(CJK_FONT in f.name and f.embedded for f in look.fonts)
    text = look.flat
    assert "东坑村村民选举委员会" in text and "关于村民代表和小组长选举的公告" in text
    assert "推选时间：2026年3月28日08:30至11:30" in text
    assert "推选地点：各村民小组活动室" in text and "五、请携带身份证。" in text
    assert "2026年3月20日" in text


def test_announcement_6_1_lists_each_groups_leader_and_deputies(world: World) -> None:
    p = people_of(first_group(world))
    group_leaders_record(
        group=first_group(world),
        held_on=date(2026, 3, 28),
        adults_present=20,
        households_present=0,
        deputy_seats=2,
        leader_votes=[SelectionVoteInput(p[0], 15)],
        deputy_votes=[SelectionVoteInput(p[1], 12), SelectionVoteInput(p[2], 11)],
        acting_user=None,
    )
    viewer = make_user(world.tree, Role.ELECTION_COMMITTEE)
    look = read_pdf(group_leaders_document(world.village, viewer=viewer).pdf())
    text = look.flat
    assert "关于村民小组长、副组长名单的公告" in text
    assert "共产生村民小组组长1名、副组长2名" in text
    assert "第1组" in text and p[0].name in text and p[1].name in text and p[2].name in text
    assert "尚有1个村民小组未推选" in text
    assert p[0].id_number not in look.text
    c = Client()
    c.force_login(viewer)
    response = c.get(f"/documents/villages/{world.village.pk}/group-leaders.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(village=world.village).exists()
    preview = c.get(f"/documents/villages/{world.village.pk}/group-election/")
    assert preview.status_code == 200
