"""Before the election: the risk rating with its history and 挂牌销号, the readiness items
with SUP-3, who may, and refusals that change nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.campaigns.models import Campaign, VillagePlan
from huanjie.campaigns.prep_models import ReadinessItem, RiskAssessment, RiskChange, RiskReason
from huanjie.campaigns.prep_selectors import readiness_by_plan, risk_view
from huanjie.campaigns.prep_services import readiness_record, risk_clear, risk_rate
from huanjie.campaigns.services import campaign_create, village_plan_create
from huanjie.elections.models import Body, Method
from huanjie.elections.services import election_create

TODAY = date(2026, 12, 10)
DAY = date(2026, 12, 20)


@pytest.fixture
def plans(tree: RegionTree) -> dict[str, VillagePlan]:
    campaign = campaign_create(
        name="景宁县2026年村级组织换届",
        term_start_year=2026,
        region=tree.county,
        profile_id="ZJ_2025",
        window_start=date(2026, 10, 1),
        window_end=date(2027, 3, 31),
        acting_user=None,
    )
    found = {
        key: village_plan_create(campaign=campaign, village=tree.villages[key], acting_user=None)
        for key in ("a1", "a2", "b1")
    }
    election_create(
        plan=found["a1"],
        body=Body.VILLAGERS_COMMITTEE,
        method=Method.WITH_CANDIDATES,
        seats={"chair": 1, "member": 2},
        election_day=DAY,
        acting_user=None,
    )
    return found


def reasons(*names: str) -> list[RiskReason]:
    return [RiskReason.objects.get(name=n) for n in names]


def _state() -> tuple[Any, ...]:
    return (
        list(VillagePlan.objects.order_by("pk").values_list("pk", "risk_level")),
        list(RiskChange.objects.values_list("pk", "level_to", "note")),
        list(RiskAssessment.objects.values_list("pk", "category", "report", "flagged_at")),
        list(ReadinessItem.objects.values_list("pk", "kind", "done_on", "published_on")),
        AuditEntry.objects.count(),
    )


def test_the_reasons_of_practice_md_are_seeded_in_order(db: None) -> None:
    names = list(RiskReason.objects.values_list("name", flat=True))
    assert names[:3] == ["未换届选举", "班子不健全", "班子软弱涣散"]
    assert "宗族派性严重" in names and names[-1] == "其他" and len(names) == 14


def test_each_change_is_kept_and_a_flagged_village_stays_flagged_until_cleared(
    tree: RegionTree, plans: dict[str, VillagePlan]
) -> None:
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    office = make_user(tree, Role.ELECTION_OFFICE)
    cadre = make_user(tree, Role.VILLAGE_CADRE)
    plan = plans["a1"]
    risk_rate(
        plan=plan,
        level="orange",
        reasons=reasons("宗族派性严重"),
        category="second",
        report="两大姓竞争。",
        cadre=cadre,
        note="走访后初评",
        acting_user=officer,
    )
    risk_rate(
        plan=plan,
        level="red",
        reasons=reasons("宗族派性严重", "群体上访不断"),
        category="third",
        cadre=cadre,
        acting_user=office,
    )
    plan.refresh_from_db()
    assert plan.risk_level == "red"
    with pytest.raises(ValidationError, match="已挂牌（红），不能直接改为绿"):
        risk_rate(plan=plan, level="green", acting_user=officer)
    with pytest.raises(ValidationError, match="销号须写明理由"):
        risk_clear(plan=plan, note="  ", acting_user=officer)
    risk_clear(plan=plan, note="两姓调解达成一致，乡镇核实。", acting_user=officer)
    with pytest.raises(ValidationError, match="没有挂牌"):
        risk_clear(plan=plan, note="再销一次", acting_user=officer)

    view = risk_view(VillagePlan.objects.get(pk=plan.pk))
    assert view.plan.risk_level == "green" and not view.flagged and view.reasons == []
    assert view.assessment is not None and view.assessment.flagged_at is None
    assert view.assessment.report == "两大姓竞争。"  # a rating without a report keeps it
    assert [
        (c.kind, c.level_from, c.level_to, c.category_from, c.category_to, c.reasons, c.actor)
        for c in reversed(view.history)
    ] == [
        ("rate", "green", "orange", "", "second", ["宗族派性严重"], officer),
        ("rate", "orange", "red", "second", "third", ["群体上访不断", "宗族派性严重"], office),
        ("clear", "red", "green", "third", "third", [], officer),
    ]
    assert view.history[0].note == "两姓调解达成一致，乡镇核实。"
    actions = list(
        AuditEntry.objects.filter(action__startswith="campaign.risk").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["campaign.risk_clear", "campaign.risk_rate", "campaign.risk_rate"]


RATE_REFUSED = [
    ("red without a reason", {"level": "red"}, "至少选一项难点原因"),
    ("unknown level", {"level": "purple"}, "无法识别"),
    ("unknown category", {"level": "green", "category": "fourth"}, "村类别"),
    ("nothing changed", {"level": "green"}, "没有任何变化"),
]


@pytest.mark.parametrize(("label", "args", "words"), RATE_REFUSED, ids=[r[0] for r in RATE_REFUSED])
def test_a_refused_rating_changes_nothing(
    tree: RegionTree, plans: dict[str, VillagePlan], label: str, args: dict[str, Any], words: str
) -> None:
    before = _state()
    with pytest.raises(ValidationError, match=words):
        risk_rate(plan=plans["a1"], acting_user=make_user(tree, Role.TOWNSHIP_OFFICER), **args)
    assert _state() == before


def test_a_cadre_must_be_assigned_to_the_village(
    tree: RegionTree, plans: dict[str, VillagePlan]
) -> None:
    other = user_for(Role.VILLAGE_CADRE, tree.a2)
    before = _state()
    with pytest.raises(ValidationError, match="没有包东坑村"):
        risk_rate(plan=plans["a1"], level="green", category="first", cadre=other, acting_user=None)
    assert _state() == before


@pytest.mark.parametrize(
    ("role", "key", "allowed"),
    [
        (Role.TOWNSHIP_OFFICER, "a1", True),
        (Role.TOWNSHIP_OFFICER, "b1", False),  # another township's village
        (Role.ELECTION_OFFICE, "b1", True),
        (Role.VILLAGE_CADRE, "a1", False),
        (Role.ELECTION_COMMITTEE, "a1", False),
        (Role.OBSERVER, "a1", False),
        (Role.ADMINISTRATOR, "a1", False),
    ],
)
def test_who_may_rate_and_record(
    tree: RegionTree, plans: dict[str, VillagePlan], role: Role, key: str, allowed: bool
) -> None:
    user = make_user(tree, role)
    plan = plans[key]
    before = _state()
    calls: list[Callable[[], object]] = [
        lambda: risk_rate(plan=plan, level="orange", reasons=reasons("其他"), acting_user=user),
        lambda: readiness_record(
            plan=plan,
            kind="review",
            done_on=TODAY,
            outcome="passed",
            today=TODAY,
            acting_user=user,
        ),
    ]
    for call in calls:
        if allowed:
            call()
        else:
            with pytest.raises(PermissionDenied):
                call()
    if not allowed:
        assert _state() == before


def test_sup_3_an_audit_published_on_the_election_day_is_refused(
    tree: RegionTree, plans: dict[str, VillagePlan]
) -> None:
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    args: dict[str, Any] = {
        "plan": plans["a1"],
        "kind": "departure_audit",
        "done_on": date(2026, 11, 30),
        "outcome": "passed",
        "today": date(2026, 12, 22),
        "acting_user": officer,
    }
    before = _state()
    for late in (DAY, date(2026, 12, 21)):
        with pytest.raises(ValidationError, match="须在选举日2026-12-20之前公开（SUP-3）"):
            readiness_record(published_on=late, **args)
    with pytest.raises(ValidationError, match="早于完成日期"):
        readiness_record(published_on=date(2026, 11, 29), **args)
    with pytest.raises(ValidationError, match="晚于今天"):
        readiness_record(**{**args, "today": TODAY, "published_on": date(2026, 12, 11)})
    assert _state() == before
    item = readiness_record(published_on=date(2026, 12, 19), **args)
    assert item.published_on == date(2026, 12, 19)


def test_readiness_is_derived_per_plan_in_two_queries(
    tree: RegionTree,
    plans: dict[str, VillagePlan],
    django_assert_num_queries: Any,
) -> None:
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    plan = plans["a1"]
    common: dict[str, Any] = {"plan": plan, "today": TODAY, "acting_user": officer}
    readiness_record(kind="review", done_on=date(2026, 11, 10), outcome="passed", **common)
    readiness_record(
        kind="finance_audit",
        done_on=date(2026, 11, 20),
        outcome="issues",
        result="招待费超支，正在整改。",
        published_on=date(2026, 11, 25),
        **common,
    )
    readiness_record(
        kind="departure_audit",
        done_on=date(2026, 11, 30),
        outcome="passed",
        published_on=date(2026, 12, 5),
        **common,
    )
    with pytest.raises(ValidationError, match="参训人数"):
        readiness_record(kind="training", done_on=TODAY, outcome="passed", **common)
    readiness_record(
        kind="training", done_on=TODAY, outcome="passed", by="乡镇组织办", participants=12, **common
    )
    all_plans = list(VillagePlan.objects.order_by("pk"))
    with django_assert_num_queries(2):
        found = readiness_by_plan(all_plans)
    a1 = found[plan.pk]
    assert a1.election_day == DAY and not a1.ready
    assert a1.missing == ["财务审计发现的问题尚未整改。"]
    readiness_record(
        kind="finance_audit",
        done_on=date(2026, 11, 20),
        outcome="resolved",
        result="已退回超支款项。",
        published_on=date(2026, 11, 25),
        **common,
    )
    assert ReadinessItem.objects.filter(plan=plan).count() == 4  # corrected, not added
    a1 = readiness_by_plan([plan])[plan.pk]
    assert a1.ready and a1.missing == []
    a2 = found[plans["a2"].pk]
    assert a2.election_day is None and not a2.ready and len(a2.missing) == 4
    assert a2.gaps[-1].message.startswith("选举日尚未确定")


def test_readiness_refusals_say_what_to_do(tree: RegionTree, plans: dict[str, VillagePlan]) -> None:
    common: dict[str, Any] = {"plan": plans["a1"], "today": TODAY, "acting_user": None}
    cases: list[tuple[dict[str, Any], str]] = [
        ({"kind": "x", "done_on": TODAY, "outcome": "passed"}, "准备事项"),
        ({"kind": "review", "done_on": TODAY, "outcome": "x"}, "结果“x”"),
        ({"kind": "review", "done_on": date(2026, 12, 11), "outcome": "passed"}, "完成后再登记"),
        (
            {"kind": "review", "done_on": TODAY, "outcome": "passed", "published_on": TODAY},
            "只有财务审计和离任审计",
        ),
        ({"kind": "review", "done_on": TODAY, "outcome": "issues"}, "写明问题"),
    ]
    before = _state()
    for args, words in cases:
        with pytest.raises(ValidationError, match=words):
            readiness_record(**args, **common)
    assert _state() == before


# --- the web ----------------------------------------------------------------------------------


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_village_tab_shows_rating_history_and_readiness(
    tree: RegionTree, plans: dict[str, VillagePlan]
) -> None:
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    risk_rate(
        plan=plans["a1"],
        level="red",
        reasons=reasons("群体上访不断"),
        report="信访积案两件。",
        acting_user=officer,
    )
    html = _client(officer).get(f"/villages/{tree.a1.pk}/?tab=prep").content.decode()
    home = _client(officer).get("/").content.decode()
    assert f'href="/villages/{tree.a1.pk}/?tab=prep"' in home  # 选情研判需关注 leads to the tab
    assert "选情研判" in html and "群体上访不断" in html and "信访积案两件" in html
    assert "销号" in html and "尚未登记离任审计" in html and "2026-12-20" in html
    cadre_html = (
        _client(make_user(tree, Role.VILLAGE_CADRE))
        .get(f"/villages/{tree.a1.pk}/?tab=prep")
        .content.decode()
    )
    assert "群体上访不断" in cadre_html and "研判选情</a>" not in cadre_html


def test_the_pages_rate_clear_and_record_and_keep_what_was_typed_on_a_refusal(
    tree: RegionTree, plans: dict[str, VillagePlan]
) -> None:
    client = _client(make_user(tree, Role.TOWNSHIP_OFFICER))
    plan = plans["a1"]
    url = f"/preparation/plans/{plan.pk}/risk/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"level": "orange", "report": "尚未确定人选"})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "至少选一项难点原因" in body and "尚未确定人选" in body
    reason = RiskReason.objects.get(name="经济薄弱无人干")
    done = client.post(url, {"level": "orange", "reasons": [reason.pk], "category": "second"})
    assert done.status_code == 302 and done["Location"].endswith("?tab=prep")
    assert VillagePlan.objects.get(pk=plan.pk).risk_level == "orange"
    cleared = client.post(f"/preparation/plans/{plan.pk}/risk/clear/", {"note": "人选已落实"})
    assert cleared.status_code == 302
    assert VillagePlan.objects.get(pk=plan.pk).risk_level == "green"
    late = client.post(
        f"/preparation/plans/{plan.pk}/readiness/",
        {"kind": "review", "done_on": "2099-01-01", "outcome": "passed"},
    )
    assert late.status_code == 400 and "完成后再登记" in late.content.decode()


def test_the_pages_answer_404_outside_the_scope_and_403_without_the_role(
    tree: RegionTree, plans: dict[str, VillagePlan]
) -> None:
    officer = _client(make_user(tree, Role.TOWNSHIP_OFFICER))
    cadre = _client(make_user(tree, Role.VILLAGE_CADRE))
    before = _state()
    for tail in ("risk/", "risk/clear/", "readiness/"):
        assert officer.get(f"/preparation/plans/{plans['b1'].pk}/{tail}").status_code == 404
        assert cadre.get(f"/preparation/plans/{plans['a1'].pk}/{tail}").status_code == 403
        assert (
            cadre.post(f"/preparation/plans/{plans['a1'].pk}/{tail}", {"level": "red"}).status_code
            == 403
        )
    assert _state() == before


def test_a_village_without_a_plan_says_so(tree: RegionTree) -> None:
    Campaign.objects.all().delete()
    html = _client(make_user(tree, Role.TOWNSHIP_OFFICER)).get(f"/villages/{tree.a1.pk}/?tab=prep")
    assert "还没有换届计划" in html.content.decode()


def test_the_administrator_keeps_the_reasons_list_and_each_change_is_audited(
    tree: RegionTree,
) -> None:
    client = _client(user_for(Role.ADMINISTRATOR, is_superuser=True))
    added = client.post(
        "/admin/campaigns/riskreason/add/",
        {"name": " 换届纪律问题 ", "position": 150, "active": "on"},
    )
    assert added.status_code == 302
    reason = RiskReason.objects.get(name="换届纪律问题")
    entry = AuditEntry.objects.filter(action="campaign.risk_reason_save").latest("id")
    assert entry.after == {"name": "换届纪律问题", "position": 150, "active": True}
    changed = client.post(
        f"/admin/campaigns/riskreason/{reason.pk}/change/",
        {"name": "换届纪律问题", "position": 150},
    )
    assert changed.status_code == 302
    assert RiskReason.objects.get(pk=reason.pk).active is False
    assert (
        client.post(f"/admin/campaigns/riskreason/{reason.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    officer = _client(make_user(tree, Role.TOWNSHIP_OFFICER))
    assert officer.get("/admin/campaigns/riskreason/").status_code == 302  # to the admin login


def test_the_tab_costs_the_same_whatever_the_history(
    tree: RegionTree, plans: dict[str, VillagePlan]
) -> None:
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    client = _client(officer)
    url = f"/villages/{tree.a1.pk}/?tab=prep"
    counts = []
    for level in ("orange", "red", "orange", "red"):
        risk_rate(plan=plans["a1"], level=level, reasons=reasons("其他"), acting_user=officer)
        client.get(url)  # the session, warmed
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts
