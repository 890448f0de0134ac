"""Announcements 2, 2-1 and 6 as printed: the red-header PDF read as a reader would (text,
pages, fonts); names in surname-stroke order, never an ID number; the download is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.committees.models import ElectionCommittee
from huanjie.committees.services import (
    SelectionVoteInput,
    committee_nominee_record,
    representatives_apportion,
    representatives_selection_record,
)
from huanjie.committees.tests.test_committee import people, record
from huanjie.committees.tests.world import World, build_world, villager
from huanjie.documents.committee_notices import (
    committee_changes_document,
    committee_list_document,
    representatives_document,
)
from huanjie.documents.tests.pdf import CJK_FONT, read_pdf
from huanjie.people.models import Sex


@pytest.fixture
def world(tree: RegionTree) -> World:
    return people(build_world(tree))


def test_announcement_2_lists_the_committee_by_role_in_stroke_order(world: World) -> None:
    record(world)
    viewer = make_user(world.tree, Role.TOWNSHIP_OFFICER)
    look = read_pdf(committee_list_document(world.village, viewer=viewer).pdf())
    assert look.page_count == 1 and look.ink() > 0.01
    assert all(CJK_FONT in f.name and f.embedded for f in look.fonts)
    text = look.flat
    assert "东坑村村民委员会" in text and "关于村民选举委员会名单的公告" in text
    assert "2026年3月10日召开村民代表会议（应到45人，实到40人）" in text
    assert "主任：王建国" in text and "副主任：李明" in text
    assert "委员：刘芳、张伟、陈静" in text  # 刘 6, 张 7, 陈 7 strokes: 张 (横…) before 陈
    assert world["王建国"].id_number not in look.text


def test_announcement_2_1_says_who_left_why_and_who_filled_in(world: World) -> None:
    committee = record(world)
    committee_nominee_record(
        committee=committee,
        person=world["李华"],
        stage="nominated",
        self_nominee=False,
        on=date(2026, 3, 25),
        acting_user=None,
    )
    viewer = make_user(world.tree, Role.ELECTION_COMMITTEE)
    text = read_pdf(committee_changes_document(world.village, viewer=viewer).pdf()).flat
    assert "东坑村村民选举委员会" in text
    assert "李明（原副主任）的近亲属李华已被提名为村民委员会成员候选人（李明是李华的兄弟）" in text
    assert "于2026年3月25日自动退出村民选举委员会，按原推选结果由赵强依次递补为委员" in text
    assert "调整后，东坑村村民选举委员会由以下5人组成" in text


def test_announcement_6_by_group_with_the_women_counted(tree: RegionTree) -> None:
    world = build_world(tree, "NAT_2018")
    for n in range(6):
        villager(world, f"代表{n}", sex=Sex.FEMALE if n % 2 else Sex.MALE)
    plan = representatives_apportion(
        village=world.village,
        basis="groups",
        seats=None,
        women_seats=None,
        decided_on=date(2026, 3, 20),
        acting_user=None,
    )
    unit = plan.constituencies.get()
    representatives_selection_record(
        constituency=unit,
        held_on=date(2026, 3, 28),
        voters_present=5,
        households_present=0,
        votes=[SelectionVoteInput(world[f"代表{n}"], 9 - n) for n in range(2)],
        acting_user=None,
    )
    client = Client()
    client.force_login(make_user(tree, Role.ELECTION_COMMITTEE))
    response = client.get(f"/documents/villages/{world.village.pk}/representatives.pdf")
    assert response.status_code == 200 and response["Cache-Control"].startswith("no-store")
    text = read_pdf(response.content).flat
    assert "关于村民代表名单的公告" in text
    assert f"共产生村民代表{unit.seats}名，其中妇女" in text
    assert "第一村民小组" in text and "代表0" in text
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "document.download" and entry.after is not None
    assert entry.after["document"] == "关于村民代表名单的公告"


def test_nothing_to_announce_says_so(world: World) -> None:
    viewer = make_user(world.tree, Role.ELECTION_COMMITTEE)
    assert not ElectionCommittee.objects.exists()
    html = committee_list_document(world.village, viewer=viewer).html
    assert "东坑村还没有登记本届村民选举委员会，没有可以公告的内容。" in html
    html = representatives_document(world.village, viewer=viewer).html
    assert "东坑村还没有推选产生村民代表" in html
