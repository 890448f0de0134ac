"""Both bodies' recommendation rounds on the overview, its form and the CLI: 东坑村's party
organization (its 两推, PRAC-2T1X-2) and its villagers' committee each have a 委员 post; the
page lists each body in its own section, the party organization's first (domain.md §2), and every
post is named with its body so the two 委员 cannot be confused (SEED-3T2S1X, PRAC-2T1X-1)."""

from __future__ import annotations

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.elections.tests.party_world import PartyWorld, member, villager
from huanjie.nominations.models import RecommendationRound, Recruitment
from huanjie.nominations.services import application_file, recruitment_publish
from huanjie.nominations.tests.world import REQUIREMENTS, both_bodies_world

pytestmark = pytest.mark.django_db


def _both(tree: RegionTree) -> tuple[PartyWorld, dict[str, Recruitment]]:
    """The party organization's and the villagers' committee's 委员 posts, two applicants each."""
    world = both_bodies_world(tree)
    posts = {
        body: recruitment_publish(
            village=world.village,
            post="member",
            requirements=REQUIREMENTS,
            on=date(2026, 3, 20),
            acting_user=None,
            body=body,
        )
        for body in ("party_organization", "villagers_committee")
    }
    for body, names, make in (
        ("party_organization", ("钱一", "孙二"), member),
        ("villagers_committee", ("李四", "王五"), villager),
    ):
        for name in names:
            application_file(
                recruitment=posts[body],
                person=make(world, name),
                kind="self",
                filed_on=date(2026, 3, 25),
                acting_user=None,
            )
    return world, posts


def _meeting(recruitment: Recruitment) -> dict[str, object]:
    return {
        "post": str(recruitment.pk),
        "procedure": "two",
        "kind": "party_masses",
        "held_on": "2026-03-28",
        "place": "村文化礼堂",
        "meeting": "党员群众推荐大会",
        "eligible": 50,
        "members_present": 30,
        "nonmember_representatives": 9,
    }


def _client(tree: RegionTree, role: Role) -> Client:
    c = Client()
    c.force_login(make_user(tree, role))
    return c


def test_PRAC_2T1X_1_form_offers_both_bodies_posts_and_opens_a_party_round_shown_on_the_page(
    tree: RegionTree,
) -> None:
    world, posts = _both(tree)
    party = posts["party_organization"]
    c = _client(tree, Role.ELECTION_COMMITTEE)
    base = f"/nominations/villages/{world.village.pk}/recommendation/"
    page = c.get(base).content.decode()
    # Each body its own section, the party organization's first; the form groups the posts by
    # body and names each with its body, so the two 委员 read apart.
    assert page.index('id="body-party_organization"') < page.index('id="body-villagers_committee"')
    assert '<optgroup label="村党组织">' in page and '<optgroup label="村民委员会">' in page
    assert f'<option value="{party.pk}">村党组织委员</option>' in page
    assert f'<option value="{posts["villagers_committee"].pk}">村民委员会委员</option>' in page
    assert ">委员<" not in page

    opened = c.post(base + "rounds/", _meeting(party))
    rnd = RecommendationRound.objects.get()
    assert rnd.recruitment == party
    assert opened.status_code == 302
    assert opened["Location"] == f"{base}rounds/{rnd.pk}/"

    page = c.get(base).content.decode()
    party_section = page[
        page.index('id="body-party_organization"') : page.index('id="body-villagers_committee"')
    ]
    link = f'href="{base}rounds/{rnd.pk}/"'
    assert link in party_section and "村党组织委员" in party_section
    assert page.count(link) == 1
    shown = c.get(f"{base}rounds/{rnd.pk}/").content.decode()
    assert re.search(r"<h1[^>]*>东坑村村党组织委员 · 两推：党员和群众推荐</h1>", shown)
    assert "钱一" in shown and "李四" not in shown


def test_PRAC_2T1X_1_who_may_open_a_party_round_is_unchanged(tree: RegionTree) -> None:
    """The party side's form is offered to the same people as the villagers' committee's (the
    election committee, the township officer): the village party organization's account reads
    the party section but gets no form and is refused on posting."""
    world, posts = _both(tree)
    c = _client(tree, Role.VILLAGE_PARTY)
    base = f"/nominations/villages/{world.village.pk}/recommendation/"
    page = c.get(base).content.decode()
    assert 'id="body-party_organization"' in page and 'id="open-round"' not in page
    assert c.post(base + "rounds/", _meeting(posts["party_organization"])).status_code == 403
    assert not RecommendationRound.objects.exists()


def _run(*argv: str) -> str:
    out = StringIO()
    call_command(*argv, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_PRAC_2T1X_1_cli_names_the_body_of_a_post_and_lists_the_party_side_first(
    tree: RegionTree,
) -> None:
    world, posts = _both(tree)
    code = world.village.code
    by = make_user(tree, Role.ELECTION_COMMITTEE).username
    meeting = ["--procedure", "两推", "--round", "党员和群众推荐", "--on", "2026-03-28",
               "--place", "礼堂", "--meeting", "推荐大会", "--eligible", "50", "--members", "30",
               "--by", by]  # fmt: skip
    with pytest.raises(CommandError, match="请写明“村党组织委员”或“村民委员会委员”"):
        _run("recommendation_round", code, "--post", "委员", *meeting)
    assert not RecommendationRound.objects.exists()
    assert "已登记党员和群众推荐会议" in _run(
        "recommendation_round", code, "--post", "党组织委员", *meeting
    )
    assert RecommendationRound.objects.get().recruitment == posts["party_organization"]
    said = _run("recommendation_draw", code, "--post", "村党组织委员", "--round", "党员和群众推荐",
                "--by", by, "--seed", "5")  # fmt: skip
    assert "抽签种子 5" in said
    # A post only one body has needs no body's name: 书记 is the party organization's alone.
    with pytest.raises(
        CommandError, match="村党组织书记还没有发布招贤榜：请先发布该职位的招贤榜。"
    ):
        _run("recommendation_round", code, "--post", "书记", *meeting)
    _run("recommendation_round", code, "--post", "村委会委员", *meeting)

    listing = _run("recommendation_list", code)
    assert listing.index("村党组织委员：") < listing.index("村民委员会委员：")
    party_part = listing[: listing.index("村民委员会委员：")]
    assert "发言顺序（种子5）" in party_part and "钱一" in party_part


def test_PRAC_2T1X_1_the_api_lists_both_bodies_posts_named_with_their_body(
    tree: RegionTree,
) -> None:
    from rest_framework.test import APIClient

    world, posts = _both(tree)
    api = APIClient()
    api.force_authenticate(make_user(tree, Role.ELECTION_COMMITTEE))
    listed = api.get(f"/api/v1/villages/{world.village.pk}/recommendation/")
    assert listed.status_code == 200, listed.content
    found = [(p["recruitment"], p["body"], p["post_label"]) for p in listed.json()["posts"]]
    assert found == [
        (posts["party_organization"].pk, "party_organization", "村党组织委员"),
        (posts["villagers_committee"].pk, "villagers_committee", "村民委员会委员"),
    ]
