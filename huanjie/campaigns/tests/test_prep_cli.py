"""huanjie risk_rate / risk_clear / risk_show / readiness_record: the services from the shell,
one Chinese line and exit status 2 for a refusal, nothing changed."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.campaigns.models import VillagePlan
from huanjie.campaigns.prep_models import ReadinessItem, RiskChange
from huanjie.campaigns.services import campaign_create, village_plan_create


@pytest.fixture
def plan(tree: RegionTree) -> VillagePlan:
    campaign = campaign_create(
        name="景宁县2026年村级组织换届",
        term_start_year=2026,
        region=tree.county,
        profile_id="ZJ_2025",
        window_start=date(2026, 1, 1),
        window_end=date(2026, 12, 31),
        acting_user=None,
    )
    return village_plan_create(campaign=campaign, village=tree.a1, acting_user=None)


def _run(*argv: str) -> str:
    out = StringIO()
    call_command(*argv, stdout=out, stderr=StringIO())
    return out.getvalue()


def _refused(*argv: str) -> str:
    before = (RiskChange.objects.count(), ReadinessItem.objects.count())
    with pytest.raises(CommandError) as caught:
        _run(*argv)
    assert caught.value.returncode == 2
    assert (RiskChange.objects.count(), ReadinessItem.objects.count()) == before
    return str(caught.value)


def test_rate_show_and_clear_from_the_shell(tree: RegionTree, plan: VillagePlan) -> None:
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    cadre = make_user(tree, Role.VILLAGE_CADRE).username
    code = tree.a1.code
    assert "至少选一项难点原因" in _refused("risk_rate", code, "红", "--by", officer.username)
    assert "不在列表中" in _refused("risk_rate", code, "红", "--reason", "无此项")
    assert "不能办理" in _refused("risk_rate", code, "红", "--reason", "其他", "--by", cadre)
    out = _run(
        "risk_rate", code, "红", "--reason", "宗族派性严重", "--reason", "群体上访不断",
        "--category", "三类", "--cadre", cadre, "--note", "两姓相争", "--by", officer.username,
    )  # fmt: skip
    assert out.strip() == "已将东坑村研判为红。"
    assert "不能直接改为绿" in _refused("risk_rate", code, "绿", "--by", officer.username)
    shown = _run("risk_show", code)
    assert "东坑村（景宁县2026年村级组织换届）：红，已挂牌" in shown
    assert "难点原因：群体上访不断、宗族派性严重" in shown and "村类别：三类" in shown
    assert "研判 绿→红：群体上访不断、宗族派性严重（两姓相争）" in shown
    assert "尚未就绪" in shown and "还缺：尚未登记离任审计。（SUP-3）" in shown
    assert _run("risk_clear", code, "--note", "已调解", "--by", officer.username).strip() == (
        "东坑村已销号，现为绿。"
    )
    assert "没有挂牌" in _refused("risk_clear", code, "--note", "再销")
    assert "销号 红→绿（已调解）" in _run("risk_show", code)


def test_readiness_from_the_shell(tree: RegionTree, plan: VillagePlan) -> None:
    code = tree.a1.code
    assert "参训人数" in _refused("readiness_record", code, "业务培训", "2026-01-05", "通过")
    assert "无法识别" in _refused("readiness_record", code, "体检", "2026-01-05", "通过")
    assert "年-月-日" in _refused("readiness_record", code, "离任审计", "1月5日", "通过")
    out = _run(
        "readiness_record", code, "离任审计", "2026-01-05", "通过", "--published", "2026-01-08",
        "--organizer", "县审计组",
    )  # fmt: skip
    assert out.strip() == "已登记东坑村的离任审计，结果：通过（无问题）。"
    assert "离任审计：2026-01-05完成，通过（无问题），2026-01-08公开" in _run("risk_show", code)


def test_a_village_without_a_plan_is_refused(tree: RegionTree) -> None:
    assert "还没有换届计划" in _refused("risk_show", tree.a2.code)
