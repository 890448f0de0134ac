"""The candidate list announcement as printed: the red-header PDF read as a reader would, each
published post's candidates in surname-stroke order, never an ID number; nothing to announce
says so."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.documents.candidate_notice import candidate_list_document
from huanjie.documents.tests.pdf import CJK_FONT, read_pdf
from huanjie.nominations.services import (
    application_accept,
    application_file,
    candidates_publish,
    goals_record,
)
from huanjie.nominations.tests.world import nomination_world
from huanjie.vetting.tests.world import vet_everyone

pytestmark = pytest.mark.django_db


def test_the_announcement_lists_each_published_post_in_stroke_order(tree: RegionTree) -> None:
    world, chair = nomination_world(tree)
    viewer = make_user(tree, Role.VILLAGE_PARTY)
    empty = read_pdf(candidate_list_document(world.village, viewer=viewer).pdf()).flat
    assert "还没有公布任何职位的候选人名单" in empty
    for name in ("李四", "丁一", "王五"):
        application = application_file(
            recruitment=chair,
            person=world[name],
            kind="self",
            filed_on=date(2026, 4, 1),
            acting_user=None,
        )
        application_accept(application=application, on=date(2026, 4, 10), acting_user=None)
    goals_record(application=application, goals="三年内建成村级光伏电站", acting_user=None)
    vet_everyone(chair)  # only candidates the joint review cleared are listed (QUAL-3)
    candidates_publish(recruitment=chair, on=date(2026, 4, 12), acting_user=None)
    look = read_pdf(candidate_list_document(world.village, viewer=viewer).pdf())
    assert look.page_count == 1 and look.ink() > 0.01
    assert all(CJK_FONT in f.name and f.embedded for f in look.fonts)
    text = look.flat
    assert "关于村民委员会成员正式候选人名单的公告" in text
    assert "主任（应选1名）：丁一、王五、李四" in text  # 丁 2, 王 4, 李 7 strokes
    assert "最迟于2026年4月15日书面" in text  # VC-NOM-7 under ZJ_2025
    assert world["李四"].id_number not in look.text
    assert "王五（主任候选人）竞选目标：三年内建成村级光伏电站" in text  # only 王五 gave goals
    assert "李四（主任候选人）竞选目标" not in text


def test_the_preview_is_reachable_from_the_nominations_page(tree: RegionTree) -> None:
    world, _ = nomination_world(tree)
    c = Client()
    c.force_login(make_user(tree, Role.ELECTION_COMMITTEE))
    page = c.get(f"/nominations/villages/{world.village.pk}/").content.decode()
    url = f"/documents/villages/{world.village.pk}/candidate-list/"
    assert url in page
    preview = c.get(url)
    assert preview.status_code == 200
    assert f"/nominations/villages/{world.village.pk}/" in preview.content.decode()
