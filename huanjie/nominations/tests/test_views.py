"""The nominations page: the village gate decides who sees it, the election committee (and the
township officer) act, the village's other roles only read; refusals above the form, nothing
changed."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.committees.tests.world import World
from huanjie.core.tests.test_views_access import OPENS
from huanjie.elections.models import Body, OfficeHolder, Post
from huanjie.nominations.models import Application, Recruitment, Status
from huanjie.nominations.tests.world import nomination_world
from huanjie.vetting.tests.world import vet_everyone

pytestmark = pytest.mark.django_db
MISSING = 987_654


@pytest.fixture
def built(tree: RegionTree) -> tuple[World, Recruitment]:
    return nomination_world(tree)


def client(tree: RegionTree, role: Role) -> Client:
    c = Client()
    c.force_login(make_user(tree, role))
    return c


CASES = [(role, key) for role in Role for key in ("a1", "a2")]


@pytest.mark.parametrize(("role", "key"), CASES, ids=[f"{r.value}-{k}" for r, k in CASES])
def test_the_page_follows_the_village_gate(
    built: tuple[World, Recruitment], role: Role, key: str
) -> None:
    world, _ = built
    c = client(world.tree, role)
    response = c.get(f"/nominations/villages/{world.tree.villages[key].pk}/")
    if key in OPENS[role]:
        assert response.status_code == 200
        return
    assert response.status_code == 404
    assert c.get(f"/nominations/villages/{MISSING}/").status_code == 404


def test_the_committee_applies_accepts_and_publishes(built: tuple[World, Recruitment]) -> None:
    world, chair = built
    c = client(world.tree, Role.ELECTION_COMMITTEE)
    url = f"/nominations/villages/{world.village.pk}/"
    page = c.get(url).content.decode()
    assert "受理报名" in page and "2026-04-13" in page and "2026-04-08" in page
    for name in ("李四", "丁一"):
        response = c.post(
            url + "apply/", {"post": "chair", "person": name, "kind": "self", "on": "2026-04-01"}
        )
        assert response.status_code == 302
    for application in Application.objects.all():
        response = c.post(url + f"applications/{application.pk}/accept/", {"on": "2026-04-10"})
        assert response.status_code == 302
    unvetted = c.post(url + f"posts/{chair.pk}/publish/", {"on": "2026-04-13"})
    assert unvetted.status_code == 400 and "QUAL-3" in unvetted.content.decode()
    vet_everyone(chair)
    late = c.post(url + f"posts/{chair.pk}/publish/", {"on": "2026-04-14"})
    assert late.status_code == 400
    said = late.content.decode()
    assert "VC-NOM-6" in said and "2026-04-13" in said
    assert c.post(url + f"posts/{chair.pk}/publish/", {"on": "2026-04-13"}).status_code == 302
    page = c.get(url).content.decode()
    assert "2026-04-13 已公布" in page
    assert page.index("丁一") < page.index("李四")


def test_a_refused_application_is_said_above_the_form(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    c = client(world.tree, Role.ELECTION_COMMITTEE)
    url = f"/nominations/villages/{world.village.pk}/apply/"
    response = c.post(url, {"post": "chair", "person": "李四", "kind": "self", "on": "2026-04-09"})
    assert response.status_code == 400
    assert "PROV-ZJ-SELF-2" in response.content.decode()
    response = c.post(url, {"post": "member", "person": "李四", "kind": "self", "on": "2026-04-01"})
    assert response.status_code == 400
    assert "还没有发布招贤榜" in response.content.decode()
    response = c.post(
        url, {"post": "chair", "person": "无此人", "kind": "self", "on": "2026-04-01"}
    )
    assert response.status_code == 400
    assert not Application.objects.exists()


@pytest.mark.parametrize("role", [Role.VILLAGE_PARTY, Role.VILLAGE_CADRE])
def test_other_roles_of_the_village_only_read(built: tuple[World, Recruitment], role: Role) -> None:
    world, chair = built
    c = client(world.tree, role)
    url = f"/nominations/villages/{world.village.pk}/"
    page = c.get(url).content.decode()
    assert "受理报名</button>" not in page and "主任" in page
    response = c.post(
        url + "apply/", {"post": "chair", "person": "李四", "kind": "self", "on": "2026-04-01"}
    )
    assert response.status_code == 403
    assert "村民选举委员会或乡镇组织委员" in response.content.decode()
    assert c.post(url + f"posts/{chair.pk}/publish/", {"on": "2026-04-13"}).status_code == 403
    assert not Application.objects.exists()
    assert Recruitment.objects.get().list_published_on is None


def test_the_township_officer_withdraws_an_applicant(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    c = client(world.tree, Role.TOWNSHIP_OFFICER)
    url = f"/nominations/villages/{world.village.pk}/"
    c.post(
        url + "apply/",
        {
            "post": "chair",
            "person": "王五",
            "kind": "joint",
            "signatures": "15",
            "on": "2026-04-01",
        },
    )
    application = Application.objects.get()
    assert application.signatures == 15
    response = c.post(url + f"applications/{application.pk}/withdraw/", {"on": "2026-04-02"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert (
        c.post(url + f"applications/{MISSING}/withdraw/", {"on": "2026-04-02"}).status_code == 404
    )


def test_the_village_page_has_a_nominations_tab(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    c = client(world.tree, Role.VILLAGE_PARTY)
    page = c.get(f"/villages/{world.village.pk}/?tab=nominations").content.decode()
    assert "招贤榜 2026-03-20 已发布" in page and "未发布招贤榜" in page
    assert f"/nominations/villages/{world.village.pk}/" in page


def test_the_committee_publishes_a_notice(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    c = client(world.tree, Role.ELECTION_COMMITTEE)
    url = f"/nominations/villages/{world.village.pk}/notice/"
    data = {"post": "member", "requirements": "五有+懂电商", "on": "2026-03-21"}
    assert c.post(url, data).status_code == 302
    assert Recruitment.objects.get(post="member").requirements == "五有+懂电商"
    response = c.post(url, {**data, "on": "2026-04-19"})
    assert response.status_code == 400 and "不能晚于选举日" in response.content.decode()


def test_vc_nom_2_the_page_shows_the_slate_and_refuses_a_list_without_a_margin(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    c = client(world.tree, Role.ELECTION_COMMITTEE)
    url = f"/nominations/villages/{world.village.pk}/"
    assert "候选人结构提示" not in c.get(url).content.decode()  # no candidates: nothing to judge
    c.post(url + "apply/", {"post": "chair", "person": "李四", "kind": "self", "on": "2026-04-01"})
    application = Application.objects.get()
    c.post(url + f"applications/{application.pk}/accept/", {"on": "2026-04-10"})
    vet_everyone(chair)
    page = c.get(url).content.decode()
    assert "候选人结构提示" in page and "不能公布" in page and "VC-NOM-2" in page
    refused = c.post(url + f"posts/{chair.pk}/publish/", {"on": "2026-04-13"})
    assert refused.status_code == 400
    assert "VC-NOM-2" in refused.content.decode() and "至少1名" in refused.content.decode()
    assert Recruitment.objects.get().list_published_on is None


def test_e4_the_committee_records_pledges_and_goals_on_the_page(
    built: tuple[World, Recruitment],
) -> None:
    world, _ = built
    c = client(world.tree, Role.ELECTION_COMMITTEE)
    url = f"/nominations/villages/{world.village.pk}/"
    c.post(url + "apply/", {"post": "chair", "person": "李四", "kind": "self", "on": "2026-04-01"})
    application = Application.objects.get()
    c.post(url + f"applications/{application.pk}/accept/", {"on": "2026-04-10"})
    page = c.get(url).content.decode()
    assert "竞职承诺 未签" in page and "纪律承诺书 未签" in page and "登记承诺" in page
    done = c.post(
        url + f"applications/{application.pk}/pledge/", {"kind": "discipline", "on": "2026-04-11"}
    )
    assert done.status_code == 302
    again = c.post(
        url + f"applications/{application.pk}/pledge/", {"kind": "discipline", "on": "2026-04-12"}
    )
    assert again.status_code == 400 and "已于2026-04-11登记" in again.content.decode()
    unknown = c.post(
        url + f"applications/{application.pk}/pledge/", {"kind": "oath", "on": "2026-04-12"}
    )
    assert unknown.status_code == 400 and "请选择签订的承诺" in unknown.content.decode()
    saved = c.post(url + f"applications/{application.pk}/goals/", {"goals": "修通村道"})
    assert saved.status_code == 302
    page = c.get(url).content.decode()
    assert "纪律承诺书 2026-04-11" in page and "登记" in page and "修通村道" in page
    # Reading roles see the pledges but may not record them.
    reader = client(world.tree, Role.VILLAGE_PARTY)
    assert "纪律承诺书 2026-04-11" in reader.get(url).content.decode()
    refused = reader.post(
        url + f"applications/{application.pk}/pledge/", {"kind": "campaign", "on": "2026-04-12"}
    )
    assert refused.status_code == 403


def test_yjt_1_the_page_tells_when_the_sitting_secretary_is_not_a_chair_candidate(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    OfficeHolder.objects.create(
        village=world.village,
        body=Body.PARTY_ORGANIZATION,
        post=Post.SECRETARY,
        person=world["张三"],
        term_start=date(2021, 4, 1),
        term_end=date(2026, 5, 1),
    )
    c = client(world.tree, Role.ELECTION_COMMITTEE)
    url = f"/nominations/villages/{world.village.pk}/"
    for name in ("李四", "王五"):
        c.post(
            url + "apply/", {"post": "chair", "person": name, "kind": "self", "on": "2026-04-01"}
        )
    for application in Application.objects.all():
        c.post(url + f"applications/{application.pk}/accept/", {"on": "2026-04-10"})
    page = c.get(url).content.decode()
    assert "YJT-1" in page and "村党组织书记张三不在主任候选人中" in page
    vet_everyone(chair)  # a warning only: the list is still published
    assert c.post(url + f"posts/{chair.pk}/publish/", {"on": "2026-04-13"}).status_code == 302
