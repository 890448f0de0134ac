"""The joint review's services and the publication gate: the negative list seeded from the
profile (SEED-QUAL, QUAL-6), each department's result (不能 / 不宜 / cleared, windows QUAL-5 and
QUAL-7), a 不能 final (QUAL-9), and a candidate list published only when every department has
cleared every candidate (QUAL-3) — a refusal changing nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.nominations.models import Recruitment
from huanjie.nominations.services import application_withdraw, candidates_publish
from huanjie.rules.eligibility.qualification import load_list
from huanjie.vetting.models import NegativeListItem, ReviewResult, ReviewRound, Verdict
from huanjie.vetting.selectors import candidate_review, publication_blockers
from huanjie.vetting.services import result_record, round_open
from huanjie.vetting.tests.world import REVIEWED, Vetting, candidate, clear, vetting_world

pytestmark = pytest.mark.django_db

PUBLISH_ON = date(2026, 4, 13)


@pytest.fixture
def v(tree: RegionTree) -> Vetting:
    return vetting_world(tree)


def _record(v: Vetting, name: str, department: str, **kw: object) -> ReviewResult:
    return result_record(
        review_round=v.round,
        application=v.candidates[name],
        department=v.department(department),
        on=kw.pop("on", REVIEWED),  # type: ignore[arg-type]
        acting_user=None,
        **kw,  # type: ignore[arg-type]
    )


def _refused(call: object) -> str:
    before = (
        ReviewResult.objects.count(),
        AuditEntry.objects.count(),
        list(Recruitment.objects.values_list("list_published_on", flat=True)),
    )
    with pytest.raises(ValidationError) as exc:
        call()  # type: ignore[operator]
    after = (
        ReviewResult.objects.count(),
        AuditEntry.objects.count(),
        list(Recruitment.objects.values_list("list_published_on", flat=True)),
    )
    assert after == before
    return " ".join(exc.value.messages)


def _publish(v: Vetting) -> Recruitment:
    return candidates_publish(recruitment=v.chair, on=PUBLISH_ON, acting_user=None)


def test_seed_qual_the_negative_list_is_the_profiles_data(v: Vetting) -> None:
    """SEED-QUAL / QUAL-6: ZJ_2025 names ZJ_2020's list; every item copied with its outcome and
    window, and the copy is the county's to keep."""
    data = load_list("ZJ_2020")
    items = list(NegativeListItem.objects.filter(campaign=v.round.campaign))
    assert [i.code for i in items] == [i.id for i in data.items]
    assert {i.rule_id for i in items} == {"QUAL-6"}
    assert v.item("criminal_punishment").outcome == "ineligible"
    assert v.item("long_absence").outcome == "unsuitable"
    assert v.item("sanction_period").window_years == 0
    second = round_open(
        campaign=v.round.campaign,
        title="党委考察",
        opens_on=date(2026, 4, 8),
        due_on=date(2026, 4, 11),
        departments=[v.department("组织")],
        acting_user=None,
    )
    assert second.number == 2
    assert NegativeListItem.objects.filter(campaign=v.round.campaign).count() == len(data.items)


def test_qual_3_a_candidate_with_one_uncleared_department_cannot_be_published(
    v: Vetting,
) -> None:
    clear(v, "李四")
    clear(v, "王五", "公安", "纪检监察")  # 法院 has not recorded 王五
    said = _refused(lambda: _publish(v))
    assert "王五（主任候选人）尚未通过法院的联审" in said
    assert "李四" not in said
    assert "QUAL-3" in said
    v.chair.refresh_from_db()
    assert v.chair.list_published_on is None
    assert not AuditEntry.objects.filter(action="nomination.publish").exists()
    clear(v, "王五", "法院")
    assert _publish(v).list_published_on == PUBLISH_ON


def test_qual_3_without_a_review_round_nothing_is_published(tree: RegionTree) -> None:
    v = vetting_world(tree)
    ReviewRound.objects.all().delete()
    said = _refused(lambda: _publish(v))
    assert "还没有开设县级联审" in said


def test_qual_3_a_second_round_must_be_cleared_too(v: Vetting) -> None:
    clear(v, "李四")
    clear(v, "王五")
    round_open(
        campaign=v.round.campaign,
        title="党委考察",
        opens_on=date(2026, 4, 8),
        due_on=date(2026, 4, 11),
        departments=[v.department("组织")],
        acting_user=None,
    )
    said = _refused(lambda: _publish(v))
    assert "李四（主任候选人）尚未通过组织的联审" in said
    assert "王五（主任候选人）尚未通过组织的联审" in said


def test_qual_6_an_ineligible_finding_rejects_and_is_final(v: Vetting) -> None:
    result = _record(
        v, "王五", "公安", item=v.item("criminal_punishment"), note="2015年判处有期徒刑"
    )
    assert result.verdict == Verdict.INELIGIBLE
    review = candidate_review(v.candidates["王五"])
    assert review.rejected == ["公安"]
    said = _refused(lambda: _record(v, "王五", "公安"))
    assert "不能再改为通过" in said
    clear(v, "李四")
    v.candidates["张三"] = candidate(v.world, v.chair, "张三")  # the list stays competitive
    clear(v, "张三")
    blocked = " ".join(publication_blockers(v.chair))
    assert "王五（主任候选人）经公安联审认定为“不能”" in blocked
    assert "QUAL-9" in blocked
    # The way on: the candidate withdraws, the list holds the cleared one.
    application_withdraw(application=v.candidates["王五"], on=date(2026, 4, 7), acting_user=None)
    assert _publish(v).list_published_on == PUBLISH_ON


def test_qual_6_an_unsuitable_flag_blocks_until_the_department_clears(v: Vetting) -> None:
    clear(v, "李四")
    clear(v, "王五", "法院", "纪检监察")
    flagged = _record(v, "王五", "公安", item=v.item("long_absence"), note="常年在外务工")
    assert flagged.verdict == Verdict.UNSUITABLE
    said = _refused(lambda: _publish(v))
    assert "王五（主任候选人）经公安联审认定为“不宜”" in said
    corrected = _record(v, "王五", "公安", note="乡镇党委研究：已返乡，可以履职")
    assert corrected.verdict == Verdict.CLEARED and corrected.item is None
    entry = AuditEntry.objects.filter(action="vetting.result").order_by("-id").first()
    assert entry is not None and entry.before is not None
    assert _publish(v).list_published_on == PUBLISH_ON


def test_qual_5_and_7_a_finding_outside_its_window_has_lapsed(v: Vetting) -> None:
    """The county's own item with a 5-year window (QUAL-7 item 2, QUAL-5 item 3 uses 3):
    counted within the window, lapsed after it; window 0 counts only until resolved."""
    gang = NegativeListItem.objects.create(
        campaign=v.round.campaign,
        code="gang_related_5y",
        no="县1",
        text="涉黑涉恶，受处理未满5年",
        outcome="unsuitable",
        window_years=5,
        rule_id="QUAL-7",
    )
    inside = _record(v, "李四", "公安", item=gang, event_date=date(2021, 4, 7))
    assert inside.verdict == Verdict.UNSUITABLE
    lapsed = _record(v, "李四", "公安", item=gang, event_date=date(2021, 4, 6))
    assert lapsed.verdict == Verdict.CLEARED and lapsed.item == gang
    resolved = _record(v, "王五", "纪检监察", item=v.item("sanction_period"), event_date=REVIEWED)
    assert resolved.verdict == Verdict.CLEARED
    ongoing = _record(v, "王五", "法院", item=v.item("sanction_period"))
    assert ongoing.verdict == Verdict.INELIGIBLE


def test_results_are_refused_outside_their_round(v: Vetting) -> None:
    said = _refused(lambda: _record(v, "李四", "民政"))
    assert "民政不参加“第1轮 县级联审”" in said
    said = _refused(lambda: _record(v, "李四", "公安", on=date(2026, 4, 2)))
    assert "才开始" in said
    said = _refused(lambda: _record(v, "李四", "公安", event_date=date(2020, 1, 1)))
    assert "不要选择负面清单条目" in said
    clear(v, "李四")
    clear(v, "王五")
    _publish(v)
    said = _refused(lambda: _record(v, "李四", "公安", item=v.item("long_absence")))
    assert "已于2026-04-13公布" in said


def test_a_result_is_audited_with_its_attachment(
    v: Vetting, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    upload = SimpleUploadedFile("无犯罪记录证明.pdf", b"%PDF-1.4 test", "application/pdf")
    result = _record(v, "李四", "公安", attachment=upload, note="查无违法犯罪记录")
    assert result.attachment.name.startswith("vetting/2026/")
    with result.attachment.open("rb") as f:
        assert f.read() == b"%PDF-1.4 test"
    entry = AuditEntry.objects.get(action="vetting.result")
    assert entry.village_id == v.world.village.pk
    assert "公安对李四的联审结果" in entry.target_repr


def test_a_round_needs_departments_and_ordered_dates(v: Vetting) -> None:
    said = _refused(
        lambda: round_open(
            campaign=v.round.campaign,
            title="复审",
            opens_on=date(2026, 4, 9),
            due_on=date(2026, 4, 8),
            departments=[],
            acting_user=None,
        )
    )
    assert "至少选择一个" in said and "截止日期2026-04-08早于开始日期2026-04-09" in said
