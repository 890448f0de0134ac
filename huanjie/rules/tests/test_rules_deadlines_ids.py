"""§C.7: every profile's own deadlines for one election day, on H-9's numbers.

Election day 2026-03-28 is a Saturday; days counted after an event roll past weekends and the
2026 holidays (Qingming 04-04…04-06), days counted before election day never roll.
"""

from datetime import date

import pytest

from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.tests.real_calendar import calendar_for
from huanjie.rules.timeline.plan import Step, plan_deadlines

E = date(2026, 3, 28)
CAL = calendar_for(2026)

# The rows every profile shares: the national voter list, objection window and handover.
COMMON = {
    Step.VOTER_LIST: "03-08",
    Step.OBJECTION: "03-13",
    Step.OBJECTION_DECISION: "03-16",
    Step.CANDIDATE_LIST: "03-23",
    Step.HANDOVER: "04-07",
}
SELF_NOMINATION = {Step.SELF_NOMINEE_REGISTRATION: "03-18", Step.SELF_NOMINEE_LIST: "03-23"}


@pytest.mark.parametrize(
    ("profile_id", "own"),
    [
        (
            "NAT_2018",
            {
                Step.VOTE_NOTICE: "03-23",
                Step.PROXY_REQUEST: "03-27",
                Step.PROXY_LIST: "03-27",
                Step.SUPPLEMENTARY_ROUND: "04-27",
            },
        ),
        (
            "ZJ_2020",
            {
                **SELF_NOMINATION,
                Step.VOTE_NOTICE: "03-23",
                Step.CANDIDATE_WITHDRAWAL: "03-25",
                Step.PROXY_REQUEST: "03-25",
                Step.PROXY_LIST: "03-27",
                Step.SUPPLEMENTARY_ROUND: "04-27",
            },
        ),
        (
            "SH_2020",
            {
                **SELF_NOMINATION,
                Step.VOTE_NOTICE: "03-27",
                Step.PROXY_REQUEST: "03-23",
                Step.PROXY_LIST: "03-26",
                Step.SEAL_HANDOVER: "03-28",
                Step.SUPPLEMENTARY_ROUND: "04-27",
            },
        ),
        (
            "BJ_2012",
            {
                Step.VOTE_NOTICE: "03-27",
                Step.PROXY_REQUEST: "03-27",
                Step.PROXY_LIST: "03-27",
                Step.SUPPLEMENTARY_ROUND: "04-13",  # E + 15 is Sunday 04-12
            },
        ),
    ],
    ids=["nat", "zj", "sh", "bj"],
)
def test_c7_each_profile_has_its_own_rows_h9(profile_id: str, own: dict[Step, str]) -> None:
    deadlines = plan_deadlines(load_profile(profile_id), E, CAL)
    assert {d.step: d.day.isoformat()[5:] for d in deadlines} == {**COMMON, **own}
    assert all(d.warning is None for d in deadlines)  # 2026 is in the holiday table


@pytest.mark.parametrize(
    ("profile_id", "step", "rule_id", "tag"),
    [
        ("ZJ_2020", Step.VOTE_NOTICE, "C.7", "V"),
        ("ZJ_2020", Step.PROXY_REQUEST, "C.7", "V"),
        ("NAT_2018", Step.PROXY_REQUEST, "C.7", "D"),
        ("ZJ_2020", Step.CANDIDATE_WITHDRAWAL, "VC-NOM-7", "V"),
        ("SH_2020", Step.SEAL_HANDOVER, "VC-POST-1", "V"),
    ],
    ids=["zj-vote-notice", "zj-proxy-request", "nat-engine-default", "zj-withdrawal", "sh-seal"],
)
def test_c7_rows_carry_their_rule_and_verification_tag(
    profile_id: str, step: Step, rule_id: str, tag: str
) -> None:
    """A row without a rule ID of its own is "C.7"; a D tag marks an engine default."""
    (deadline,) = [d for d in plan_deadlines(load_profile(profile_id), E, CAL) if d.step is step]
    assert (deadline.rule_id, deadline.tag) == (rule_id, tag)
    assert deadline.source
