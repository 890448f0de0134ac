"""The committee's pages: who sees them (the village's roles, read-only but for the committee;
the township officer records nominees), the forms' refusals said above the form with nothing
changed, and what a page says (rule IDs, chains, numbers)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.committees.models import CommitteeNominee, ElectionCommittee
from huanjie.committees.tests.test_committee import VOTES, people, record, state
from huanjie.committees.tests.world import World, build_world
from huanjie.core.tests.test_views_access import OPENS

R = Role
MISSING = 987_654


@pytest.fixture
def world(tree: RegionTree) -> World:
    return people(build_world(tree))


def client(tree: RegionTree, role: Role) -> Client:
    c = Client()
    c.force_login(make_user(tree, role))
    return c


PAGES = ["committee", "representatives"]
CASES = [(role, page, key) for role in Role for page in PAGES for key in ("a1", "a2", "c1")]


@pytest.mark.parametrize(
    ("role", "page", "key"), CASES, ids=[f"{r.value}-{p}-{k}" for r, p, k in CASES]
)
def test_pages_follow_the_village_gate(world: World, role: Role, page: str, key: str) -> None:
    record(world)
    c = client(world.tree, role)
    response = c.get(f"/committees/villages/{world.tree.villages[key].pk}/{page}/")
    if key in OPENS[role]:
        assert response.status_code == 200
        return
    missing = c.get(f"/committees/villages/{MISSING}/{page}/")
    assert (response.status_code, missing.status_code) == (404, 404)
    assert world.tree.villages[key].name not in response.content.decode()


def test_the_committee_page_says_who_left_why_and_who_filled_in(world: World) -> None:
    record(world)
    c = client(world.tree, R.ELECTION_COMMITTEE)
    url = f"/committees/villages/{world.village.pk}/committee/"
    response = c.post(
        url + "nominees/",
        {"person": "李华", "stage": "nominated", "on": "2026-03-25"},
    )
    assert response.status_code == 302
    page = c.get(url).content.decode()
    assert "李明是李华的兄弟，与候选人有近亲属关系，应退出村民选举委员会。" in page
    assert "VC-EC-4" in page and "由 <strong>赵强</strong> 按推选得票依次递补为委员" in page
    assert "符合 5–9 人" in page


def test_a_township_officer_records_a_nominee_but_not_the_committee(world: World) -> None:
    record(world)
    c = client(world.tree, R.TOWNSHIP_OFFICER)
    base = f"/committees/villages/{world.village.pk}/committee/"
    page = c.get(base).content.decode()
    assert "登记并核对退出" in page and "保存职务" not in page
    assert c.post(base + "nominees/", {"person": "王建国", "stage": "nominated",
                                       "on": "2026-03-25", "self_nominee": "on"}).status_code == 302  # fmt: skip
    assert CommitteeNominee.objects.get().self_nominee
    refused = c.post(base + "roles/", {"member": 1, "role": "chair"})
    assert refused.status_code == 403
    assert "村民选举委员会登记" in refused.content.decode()


@pytest.mark.parametrize("role", [R.VILLAGE_PARTY, R.VILLAGE_CADRE, R.ELECTION_OFFICE])
def test_other_roles_read_only_and_a_post_is_403(world: World, role: Role) -> None:
    record(world)
    c = client(world.tree, role)
    base = f"/committees/villages/{world.village.pk}/"
    page = c.get(base + "committee/").content.decode()
    assert "登记并核对退出" not in page and "王建国" in page
    before = state()
    for url, body in [
        ("committee/nominees/", {"person": "李华", "stage": "nominated", "on": "2026-03-25"}),
        ("committee/record/", {}),
        ("representatives/apportion/", {"basis": "groups"}),
    ]:
        response = c.post(base + url, body)
        assert response.status_code == 403, url
    assert state() == before


def _record_form(world: World, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "chosen_by": "representatives_assembly",
        "chosen_on": "2026-03-10",
        "should_attend": 45,
        "present": 40,
    }
    for i, (name, votes, role) in enumerate(VOTES):
        data[f"r{i}-person"] = name
        data[f"r{i}-votes"] = votes
        data[f"r{i}-role"] = role or ""
    data.update(changes)
    return data


def test_recording_the_committee_on_the_web(world: World) -> None:
    c = client(world.tree, R.ELECTION_COMMITTEE)
    url = f"/committees/villages/{world.village.pk}/committee/record/"
    assert "登记村民选举委员会推选结果" in c.get(url).content.decode()
    refused = c.post(url, _record_form(world, present=29))
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "没有保存" in text and "到会人数不足，推选无效" in text and "REP-5" in text
    assert 'value="王建国"' in text  # what was typed is still there
    assert not ElectionCommittee.objects.exists()
    unknown = c.post(url, _record_form(world, **{"r8-person": "无此人"}))
    assert "户籍登记中没有叫“无此人”的在册村民" in unknown.content.decode()
    assert c.post(url, _record_form(world)).status_code == 302
    assert ElectionCommittee.objects.get().seats == 5


def test_the_township_overview_lists_its_villages(world: World) -> None:
    record(world)
    c = client(world.tree, R.TOWNSHIP_OFFICER)
    page = c.get(f"/committees/townships/{world.tree.township_a.pk}/").content.decode()
    assert "东坑村" in page and "大均村" in page and "5 人" in page
    other = c.get(f"/committees/townships/{world.tree.township_b.pk}/")
    assert other.status_code == 404


def test_the_announcements_print_names_never_id_numbers(world: World) -> None:
    record(world)
    c = client(world.tree, R.ELECTION_COMMITTEE)
    base = f"/documents/villages/{world.village.pk}/"
    notice = c.get(base + "committee-list/").content.decode()
    assert "关于村民选举委员会名单的公告" in notice and "东坑村村民委员会" in notice
    assert "召开村民代表会议（应到45人，实到40人）" in notice
    assert world["王建国"].id_number not in notice
    c.post(
        f"/committees/villages/{world.village.pk}/committee/nominees/",
        {"person": "吴秀英", "stage": "nominated", "on": "2026-03-25"},
    )
    changes = c.get(base + "committee-changes/").content.decode()
    assert (
        "张伟（原委员）的近亲属吴秀英已被提名为村民委员会成员候选人（张伟是吴秀英的外孙）"
        in changes
    )
    assert "由李小红依次递补为委员" in changes
    assert date(2026, 3, 25).strftime("%Y年%-m月%-d日") in changes
