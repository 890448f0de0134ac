"""The nomination commands reach both bodies' 招贤榜 (PRAC-2T1X-1: the party organization's
candidates are recommended from its own 招贤榜): `--post` takes the post with its body's name
(村党组织委员, 党组织委员, 村民委员会委员, 村委会委员) as the recommendation commands do, a bare post
only where one body has it; 东坑村's two bodies both have 委员, so a bare 委员 is refused with the
labels to write instead, and nothing is written."""

from __future__ import annotations

import pytest

from huanjie.accounts.models import Role
from huanjie.accounts.tests.commands import refused, run
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.elections.tests.party_world import PartyWorld, member, villager
from huanjie.nominations.models import Application, Recruitment
from huanjie.nominations.tests.world import BOTH, both_bodies_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree: RegionTree) -> PartyWorld:
    return both_bodies_world(tree)


def notice(world: PartyWorld, post: str, by: str) -> str:
    return run("nomination_notice", world.village.code, "--post", post,
               "--requirements", "五有", "--on", "2026-03-20", "--by", by)  # fmt: skip


def apply(number: str, post: str, by: str) -> str:
    return run("nomination_apply", number, "--post", post, "--kind", "自荐",
               "--on", "2026-03-25", "--by", by)  # fmt: skip


def test_PRAC_2T1X_1_party_recruitment_through_the_nomination_commands_by_its_body_named_post(
    world: PartyWorld,
) -> None:
    by = make_user(world.tree, Role.ELECTION_COMMITTEE).username
    code = world.village.code
    assert (
        notice(world, "党组织委员", by).strip() == "已发布东坑村村党组织委员招贤榜（2026-03-20）。"
    )
    assert "村民委员会委员招贤榜" in notice(world, "村委会委员", by)
    party = Recruitment.objects.get(election__body="party_organization", post="member")
    qian, li = member(world, "钱一"), villager(world, "李四")

    said = apply(qian.id_number, "村党组织委员", by)
    assert said.strip() == "已受理钱一报名参选村党组织委员（东坑村）。"
    assert Application.objects.get(person=qian).recruitment == party
    apply(li.id_number, "村委会委员", by)
    assert Application.objects.get(person=li).recruitment.election.body == "villagers_committee"

    said = run("nomination_decide", qian.id_number, "--post", "党组织委员", "--accept",
               "--on", "2026-03-26", "--by", by)  # fmt: skip
    assert said.strip() == "已确定钱一为村党组织委员候选人。"
    said = run("nomination_pledge", qian.id_number, "--post", "村党组织委员",
               "--kind", "纪律承诺书", "--on", "2026-03-27", "--by", by)  # fmt: skip
    assert "钱一于2026-03-27签订纪律承诺书" in said
    said = run("competency_assess", qian.id_number, "--post", "村党组织委员",
               "--household", "一组 陈某", "--on", "2026-03-27", "--score", "政治强=9",
               "敢担当=8", "能带富=9", "善治理=8", "口碑好=9", "--by", by)  # fmt: skip
    assert "对钱一的测评" in said
    assert party.applications.get().competency_assessments.count() == 1

    listing = run("nomination_list", code)
    party_part, vc_part = listing.split("东坑村村民委员会选举")
    assert party_part.startswith("东坑村村党组织选举，选举日 2026-04-18")
    assert "村党组织委员（应选3名）：招贤榜2026-03-20发布，名单未公布" in party_part
    assert "报名 钱一 个人自荐 2026-03-25 已确定为候选人" in party_part
    assert "候选人（按姓氏笔画）：钱一" in party_part and "李四" not in party_part
    assert "村民委员会委员（应选2名）：招贤榜2026-03-20发布" in vc_part
    assert "报名 李四" in vc_part and "钱一" not in vc_part
    assert "村民委员会主任（应选1名）：未发布招贤榜" in vc_part
    pledges = run("nomination_pledges", code)
    assert (
        "村党组织委员 钱一：竞职承诺 未签；创业承诺 未签；辞职承诺 未签；纪律承诺书 2026-03-27"
        in pledges
    )


def test_PRAC_2T1X_1_a_bare_post_both_bodies_have_is_refused_with_the_labels_to_write(
    world: PartyWorld,
) -> None:
    by = make_user(world.tree, Role.ELECTION_COMMITTEE).username
    code = world.village.code
    publish = ("nomination_notice", code, "--post", "委员", "--requirements", "五有",
               "--on", "2026-03-20", "--by", by)  # fmt: skip
    assert refused(*publish) == BOTH
    assert not Recruitment.objects.exists()
    # Publishing goes by the posts of the bodies' elections, not by the 招贤榜 out so far: the
    # party organization's 委员 published, a bare 委员 still does not correct it.
    notice(world, "村党组织委员", by)
    assert refused(*publish) == BOTH
    notice(world, "村民委员会委员", by)
    qian = member(world, "钱一")
    assert refused("nomination_apply", qian.id_number, "--post", "委员", "--kind", "自荐",
                   "--on", "2026-03-25", "--by", by) == BOTH  # fmt: skip
    assert not Application.objects.exists()
    apply(qian.id_number, "党组织委员", by)
    decide = ("nomination_decide", qian.id_number, "--accept", "--on", "2026-03-26", "--by", by)
    assert refused(*decide, "--post", "委员") == BOTH
    assert "钱一没有报名参选村民委员会委员。" in refused(*decide, "--post", "村委会委员")
    assert not Application.objects.filter(status="accepted").exists()
    # A post one body has needs no body's name: 书记 is the party organization's, 主任 the
    # villagers' committee's; a post the named body does not elect is refused with its posts.
    assert "东坑村村党组织书记招贤榜" in notice(world, "书记", by)
    assert "东坑村村民委员会主任招贤榜" in notice(world, "主任", by)
    said = refused("nomination_notice", code, "--post", "村民委员会书记", "--requirements", "五有",
                   "--on", "2026-03-20", "--by", by)  # fmt: skip
    assert "没有设“书记”职位（可选：主任、委员）" in said
