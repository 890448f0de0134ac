"""The reserve page (the township officer and the village party organization keep it, the
village's other readers read) and the township pipeline (every village of the township in the
reader's scope, per body applicants → recommended → reviewed → formal, in a fixed number of
queries)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.committees.tests.world import World, villager
from huanjie.elections.models import OfficeHolder
from huanjie.nominations.models import (
    Application,
    OutgoingChoice,
    Recruitment,
    ReserveCadre,
    Status,
)
from huanjie.nominations.pipeline import township_pipeline
from huanjie.nominations.reserve import outgoing_record, reserve_add
from huanjie.nominations.services import application_accept, application_file
from huanjie.nominations.tests.world import nomination_world
from huanjie.regions.models import Region
from huanjie.vetting.tests.world import vet_everyone

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(tree: RegionTree) -> tuple[World, Recruitment]:
    return nomination_world(tree)


def client(tree: RegionTree, role: Role) -> Client:
    c = Client()
    c.force_login(make_user(tree, role))
    return c


def _url(world: World, rest: str = "") -> str:
    return f"/nominations/villages/{world.village.pk}/reserve/{rest}"


def test_the_party_keeps_the_pool_the_committee_reads(built: tuple[World, Recruitment]) -> None:
    world, chair = built
    party = client(world.tree, Role.VILLAGE_PARTY)
    response = party.post(
        _url(world, "add/"),
        {"person": "李四", "since": "2025-06-01", "source": "inspected", "training": "培训班"},
    )
    assert response.status_code == 302
    entry = ReserveCadre.objects.get()
    assert entry.person.name == "李四" and entry.source == "inspected"
    page = party.get(_url(world)).content.decode()
    assert "后备干部（1 人）" in page and "组织考察推荐" in page and "列入后备干部" in page
    committee = client(world.tree, Role.ELECTION_COMMITTEE)
    page = committee.get(_url(world)).content.decode()
    assert "李四" in page and "列入后备干部</button>" not in page
    before = AuditEntry.objects.count()
    assert committee.post(_url(world, "add/"), {"person": "王五"}).status_code == 403
    assert AuditEntry.objects.count() == before
    # twice: refused above the form, nothing written
    again = party.post(
        _url(world, "add/"), {"person": "李四", "since": "2025-07-01", "source": "recommended"}
    )
    assert again.status_code == 400 and "不用重复登记" in again.content.decode()
    assert ReserveCadre.objects.count() == 1
    # the reserve cadre files an organization recommendation for the 主任
    response = party.post(
        _url(world, f"{entry.pk}/apply/"), {"recruitment": chair.pk, "on": "2026-03-22"}
    )
    assert response.status_code == 302
    application = Application.objects.get(person__name="李四")
    assert application.kind == "organization" and application.recruitment == chair
    assert (
        party.post(_url(world, f"{entry.pk}/training/"), {"training": "又一期"}).status_code == 302
    )
    assert party.post(_url(world, f"{entry.pk}/leave/"), {"on": "2026-03-25"}).status_code == 302
    entry.refresh_from_db()
    assert entry.training == "又一期" and entry.left_on == date(2026, 3, 25)
    late = party.post(_url(world, f"{entry.pk}/training/"), {"training": "再一期"})
    assert late.status_code == 400 and "移出后备干部" in late.content.decode()


def test_other_villages_reserve_is_not_found(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    party = client(world.tree, Role.VILLAGE_PARTY)
    assert party.get(f"/nominations/villages/{world.tree.a2.pk}/reserve/").status_code == 404


def test_outgoing_path_on_the_page(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    today = timezone.localdate()
    holder = OfficeHolder.objects.create(
        village=world.village,
        body="villagers_committee",
        post="chair",
        person=world["张三"],
        term_start=date(today.year - 4, 1, 1),
        term_end=date(today.year + 1, 1, 1),
    )
    officer = client(world.tree, Role.TOWNSHIP_OFFICER)
    response = officer.post(
        _url(world, f"holders/{holder.pk}/path/"), {"path": "steps_aside", "note": "年满65周岁"}
    )
    assert response.status_code == 302
    assert OutgoingChoice.objects.get().path == "steps_aside"
    page = officer.get(_url(world)).content.decode()
    assert "光荣让贤" in page and "年满65周岁" in page
    wrong = officer.post(_url(world, f"holders/{holder.pk}/path/"), {"path": "retire"})
    assert wrong.status_code == 400 and "请选择去向" in wrong.content.decode()


def test_village_facts_forms(built: tuple[World, Recruitment]) -> None:
    world, _ = built
    Region.objects.filter(pk=world.village.pk).update(merged_village=True, minority_village=True)
    party = client(world.tree, Role.VILLAGE_PARTY)
    home = world["李四"].household
    assert home is not None
    group = home.villager_group
    assert (
        party.post(
            _url(world, "former-villages/"), {"name": "东坑村", "groups": [group.pk]}
        ).status_code
        == 302
    )
    assert party.post(_url(world, "minority-groups/"), {"ethnicity": "畲族"}).status_code == 302
    page = party.get(_url(world)).content.decode()
    assert "原东坑村（第一村民小组）" in page and "畲族" in page
    han = party.post(_url(world, "minority-groups/"), {"ethnicity": "汉族"})
    assert han.status_code == 400 and "汉族不是少数民族" in han.content.decode()


def _candidate(world: World, recruitment: Recruitment, name: str) -> Application:
    a = application_file(
        recruitment=recruitment,
        person=world[name],
        kind="self",
        filed_on=date(2026, 3, 22),
        acting_user=None,
    )
    return application_accept(application=a, on=date(2026, 3, 24), acting_user=None)


def test_township_pipeline_counts_and_scope(built: tuple[World, Recruitment]) -> None:
    world, chair = built
    _candidate(world, chair, "李四")
    _candidate(world, chair, "王五")
    application_file(
        recruitment=chair,
        person=world["丁一"],
        kind="self",
        filed_on=date(2026, 3, 23),
        acting_user=None,
    )
    vet_everyone(chair)
    reserve_add(
        village=world.village,
        person=world["张三"],
        since=date(2025, 1, 1),
        source="trained",
        training="",
        acting_user=None,
    )
    today = timezone.localdate()
    holder = OfficeHolder.objects.create(
        village=world.village,
        body="party_organization",
        post="secretary",
        person=world["张三"],
        term_start=date(today.year - 4, 1, 1),
        term_end=date(today.year + 1, 1, 1),
    )
    outgoing_record(holder=holder, path="stands_again", note="", on=today, acting_user=None)
    pipeline = township_pipeline(
        Region.objects.filter(parent=world.tree.township_a), timezone.localdate()
    )
    rows = {r.village.name: r for r in pipeline.villages}
    assert list(rows) == ["东坑村", "大均村"]
    vc = rows["东坑村"].bodies["villagers_committee"]
    assert vc.row == [3, 2, 2, 2]
    assert rows["东坑村"].reserve == 1 and rows["东坑村"].paths["stands_again"] == 1
    assert pipeline.totals["villagers_committee"].row == [3, 2, 2, 2]
    assert pipeline.reserve == 1 and pipeline.paths["stands_again"] == 1
    officer = client(world.tree, Role.TOWNSHIP_OFFICER)
    page = officer.get(f"/nominations/townships/{world.tree.township_a.pk}/").content.decode()
    assert "东坑村" in page and "大均村" in page and "继续参选 1" in page
    # another township's page: out of the officer's scope
    other = officer.get(f"/nominations/townships/{world.tree.b1.parent_id}/")
    assert other.status_code == 404
    # a village is no township
    assert officer.get(f"/nominations/townships/{world.village.pk}/").status_code == 404
    # the county office sees it; the village's committee does not
    county = client(world.tree, Role.ELECTION_OFFICE)
    assert county.get(f"/nominations/townships/{world.tree.township_a.pk}/").status_code == 200
    committee = client(world.tree, Role.ELECTION_COMMITTEE)
    committee_page = committee.get(f"/nominations/townships/{world.tree.township_a.pk}/")
    assert committee_page.status_code == 404


def test_township_pipeline_queries_do_not_grow_with_villages(
    built: tuple[World, Recruitment],
) -> None:
    world, chair = built
    _candidate(world, chair, "李四")
    vet_everyone(chair)
    villages = Region.objects.filter(parent=world.tree.township_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            township_pipeline(villages, timezone.localdate())
        return len(queries)

    few = count()
    for name in ("周一", "吴二", "郑三", "冯四"):
        villager(world, name)
        _candidate(world, chair, name)
    vet_everyone(chair)
    assert Application.objects.filter(status=Status.ACCEPTED).count() == 5
    assert count() == few <= 8
