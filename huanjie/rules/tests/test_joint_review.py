"""The county joint review of one candidate (QUAL-3) from its parts: a finding's outcome and
look-back window (SEED-QUAL, QUAL-5, QUAL-7), and the candidate's status from every department
asked."""

from __future__ import annotations

from datetime import date

from huanjie.rules.eligibility.joint_review import finding_verdict, review_state
from huanjie.rules.eligibility.qualification import Outcome, Status, VettingStatus

ON = date(2026, 4, 6)


def test_seed_qual_a_finding_takes_its_items_outcome() -> None:
    assert finding_verdict(Outcome.INELIGIBLE, None, None, ON).status is Status.INELIGIBLE
    assert finding_verdict(Outcome.UNSUITABLE, None, date(1990, 1, 1), ON).status is (
        Status.UNSUITABLE
    )


def test_qual_5_a_three_year_window_lapses_on_its_anniversary() -> None:
    inside = finding_verdict(Outcome.INELIGIBLE, 3, date(2023, 4, 7), ON)
    assert inside.status is Status.INELIGIBLE and not inside.lapsed
    lapsed = finding_verdict(Outcome.INELIGIBLE, 3, date(2023, 4, 6), ON)
    assert lapsed.status is Status.ELIGIBLE and lapsed.lapsed


def test_qual_7_a_zero_window_holds_until_the_matter_is_resolved() -> None:
    assert finding_verdict(Outcome.UNSUITABLE, 0, None, ON).status is Status.UNSUITABLE
    assert finding_verdict(Outcome.UNSUITABLE, 0, ON, ON).status is Status.ELIGIBLE


def test_qual_3_cleared_only_when_every_department_asked_has_cleared() -> None:
    asked = ["公安", "法院", "纪检"]
    some = review_state(asked, {"公安": Status.ELIGIBLE, "法院": Status.ELIGIBLE})
    assert some.status is VettingStatus.PENDING and some.missing == ("纪检",)
    every = review_state(asked, dict.fromkeys(asked, Status.ELIGIBLE))
    assert every.status is VettingStatus.CLEARED and every.uncleared == ()


def test_qual_3_nobody_asked_is_not_cleared() -> None:
    assert review_state([], {}).status is VettingStatus.PENDING


def test_qual_9_one_ineligible_finding_rejects_and_unsuitable_stays_pending() -> None:
    asked = ["公安", "法院"]
    rejected = review_state(asked, {"公安": Status.INELIGIBLE, "法院": Status.ELIGIBLE})
    assert rejected.status is VettingStatus.REJECTED and rejected.rejected == ("公安",)
    flagged = review_state(asked, {"公安": Status.UNSUITABLE, "法院": Status.ELIGIBLE})
    assert flagged.status is VettingStatus.PENDING and flagged.flagged == ("公安",)
