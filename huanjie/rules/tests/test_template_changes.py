"""A campaign's own task template (issue 11 item 1): planned offsets, owners and how-tos changed
from the default; a step dated by the law keeps the law's day; the last lawful offset of a step
on H-9's election day (VC-NOM-6: the formal candidates five days before; CEO-2: ten days)."""

from __future__ import annotations

from datetime import date

from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.tests.real_calendar import calendar_for
from huanjie.rules.timeline.task_template import DEFAULT_TEMPLATE
from huanjie.rules.timeline.tasks import TemplateChange, apply_changes, last_lawful_offset

E = date(2026, 3, 28)  # H-9's election day
CAL = calendar_for(2026)
PROFILE = load_profile("ZJ_2025")
BY_KEY = {t.key: t for t in DEFAULT_TEMPLATE}


def test_changes_replace_offset_owner_and_how_to_and_leave_the_rest() -> None:
    changed = apply_changes(
        DEFAULT_TEMPLATE,
        {
            "vc_registration": TemplateChange(-30, "township_officer", "逐户登记。"),
            "vc_voter_list": TemplateChange(-25, "township_officer", "张贴在各组。"),
        },
    )
    found = {t.key: t for t in changed}
    assert (found["vc_registration"].offset, found["vc_registration"].owner) == (
        -30,
        "township_officer",
    )
    assert found["vc_registration"].how_to == "逐户登记。"
    # Dated by the law: its offset stays none, its owner and how-to change.
    assert found["vc_voter_list"].offset is None
    assert found["vc_voter_list"].how_to == "张贴在各组。"
    assert found["vc_nominations"] == BY_KEY["vc_nominations"]
    assert len(changed) == len(DEFAULT_TEMPLATE)


def test_VC_NOM_6_last_lawful_offset_of_the_formal_candidates_is_five_days_before() -> None:
    assert last_lawful_offset(BY_KEY["vc_candidate_list"], PROFILE, E, CAL) == -5


def test_CEO_2_last_lawful_offset_of_the_cooperative_notice_is_ten_days_before() -> None:
    assert last_lawful_offset(BY_KEY["coop_notice"], PROFILE, E, CAL) == -10


def test_a_step_the_law_does_not_bound_has_no_last_lawful_offset() -> None:
    assert last_lawful_offset(BY_KEY["vc_nominations"], PROFILE, E, CAL) is None
