"""The voter register's documents as printed (practice.md §2): the 选民名单公告 in the red-header
style with the objection deadline and the list by group, names, sex and group only; the 补充公告
with the decisions and their reasons; the voter cards; every download audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf
from huanjie.documents.voter_register import cards_document, notice_document, voter_list_document
from huanjie.registration.models import ObjectionKind, VoterRegister
from huanjie.registration.services import (
    cards_issue,
    decisions_publish,
    objection_decide,
    objection_file,
    register_build,
    register_publish,
)
from huanjie.registration.tests.world import World, build_world

E = date(2026, 3, 28)  # H-9


@pytest.fixture
def published(tree: RegionTree) -> tuple[World, VoterRegister]:
    world = build_world(tree, day=E)
    register = register_build(
        election=world.elections["a1"], acting_user=None, today=date(2026, 3, 1)
    )
    register = register_publish(
        register=register, published_on=date(2026, 3, 8), acting_user=None, today=date(2026, 3, 8)
    )
    return world, register


def test_the_announcement_reads_as_practice_describes_it(
    published: tuple[World, VoterRegister],
) -> None:
    world, register = published
    look = read_pdf(voter_list_document(register).pdf())
    assert_printed_well(look)
    first = look.page_texts()[0]
    for words in ("东坑村村民选举委员会", "公告", "东坑村选委〔2026〕4号", "关于选民名单的公告",
                  "共登记选民3人", "2026年3月28日", "请于2026年3月13日前", "特此公告"):  # fmt: skip
        assert words in first, words
    assert "附件：东坑村选民名单" in look.flat and "第一村民小组（3人）" in look.flat
    assert "东坑村户主" in look.flat and "东坑满十八" in look.flat
    # What is posted in public: names, sex, group — never an ID number or a phone.
    for person in (world.tree.heads["a1"], world.tree.spouses["a1"]):
        assert person.id_number not in look.flat and person.id_number[-4:] not in look.flat
    assert "东坑少年" not in look.flat  # a minor is not on the list


def test_a_draft_says_it_is_not_yet_published(tree: RegionTree) -> None:
    world = build_world(tree, day=E)
    register = register_build(
        election=world.elections["a1"], acting_user=None, today=date(2026, 3, 1)
    )
    html = voter_list_document(register).html
    assert "草稿：选民名单尚未公布" in html and "可以自名单公布之日起5日内" in html


def test_the_supplementary_notice_publishes_the_decisions_with_reasons(
    published: tuple[World, VoterRegister],
) -> None:
    world, register = published
    objection = objection_file(
        register=register,
        received_on=date(2026, 3, 10),
        filed_by="村民王某",
        kind=ObjectionKind.REMOVE,
        person=world.tree.spouses["a1"],
        claim="已在外地落户",
        acting_user=None,
        today=date(2026, 3, 10),
    )
    objection_decide(
        objection=objection,
        upheld=True,
        reasons="经核实已于2025年迁往杭州并在当地登记",
        decided_on=date(2026, 3, 11),
        acting_user=None,
        today=date(2026, 3, 11),
    )
    notice = decisions_publish(
        register=register, published_on=date(2026, 3, 12), acting_user=None, today=date(2026, 3, 12)
    )
    look = read_pdf(notice_document(notice).pdf())
    assert_printed_well(look)
    for words in ("关于选民名单更正的补充公告", "取消选民资格（1人）", "东坑村配偶",
                  "经核实已于2025年迁往杭州并在当地登记", "本村选民共2人", "2026年3月12日"):  # fmt: skip
        assert words in look.flat, words
    assert world.tree.spouses["a1"].id_number not in look.flat


def test_cards_carry_number_name_and_group_but_no_id_number(
    published: tuple[World, VoterRegister],
) -> None:
    world, register = published
    cards = cards_issue(register=register, acting_user=None)
    look = read_pdf(cards_document(register, cards).pdf())
    assert_printed_well(look)
    assert "选民证" in look.flat and "00001" in look.flat and "东坑村户主" in look.flat
    assert world.tree.heads["a1"].id_number not in look.flat


def test_downloads_are_audited_on_the_village_s_trail(tree: RegionTree, client: Client) -> None:
    today = timezone.localdate()
    world = build_world(tree, day=today + timedelta(days=40))
    register = register_build(election=world.elections["a1"], acting_user=None, today=today)
    register_publish(register=register, published_on=today, acting_user=None, today=today)
    client.force_login(make_user(tree, Role.OBSERVER))  # a published document: observers read it
    response = client.get(reverse("documents:voter_list_pdf", args=[register.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.filter(action="document.download").latest("id")
    assert entry.village_id == tree.a1.pk and (entry.after or {})["document"] == "选民名单公告"
