"""Nominations by rule ID, on rules.md's numbers: an election on 2026-04-18 under ZJ_2020 closes
self-nominee registration on 04-08 (10 days, PROV-ZJ-SELF-2), the candidate list on 04-13
(5 days, VC-NOM-6) and withdrawals on 04-15 (3 days, VC-NOM-7)."""

from __future__ import annotations

from datetime import date

from huanjie.rules.bodies.nomination import (
    Kind,
    application_findings,
    list_date_finding,
    list_deadline,
    self_registration_deadline,
    withdrawal_deadline,
    withdrawal_finding,
)
from huanjie.rules.profiles.profile import load_profile

DAY = date(2026, 4, 18)
ZJ = load_profile("ZJ_2020")
NAT = load_profile("NAT_2018")


def _ids(profile: object = ZJ, **kwargs: object) -> list[str]:
    args = {"election_day": DAY, "filed_on": date(2026, 4, 1), "kind": Kind.SELF, "other_posts": 0}
    args.update(kwargs)
    return [f.rule_id for f in application_findings(profile, **args)]  # type: ignore[arg-type]


def test_prov_zj_self_2_registration_closes_ten_days_before() -> None:
    assert self_registration_deadline(ZJ, DAY) == date(2026, 4, 8)
    assert _ids(filed_on=date(2026, 4, 8)) == []
    assert _ids(filed_on=date(2026, 4, 9)) == ["PROV-ZJ-SELF-2"]
    message = application_findings(
        ZJ, election_day=DAY, filed_on=date(2026, 4, 9), kind=Kind.SELF, other_posts=0
    )[0].message
    assert "10日前" in message and "2026-04-08" in message


def test_prov_zj_self_2_does_not_bind_joint_or_organization_nominations() -> None:
    assert _ids(filed_on=date(2026, 4, 12), kind=Kind.JOINT) == []
    assert _ids(filed_on=date(2026, 4, 12), kind=Kind.ORGANIZATION) == []


def test_prov_zj_self_2_without_self_nomination_there_is_no_registration_deadline() -> None:
    assert self_registration_deadline(NAT, DAY) is None
    assert _ids(NAT, filed_on=date(2026, 4, 17)) == []


def test_vc_nom_4_one_post_per_person() -> None:
    assert _ids(other_posts=1) == ["VC-NOM-4"]
    assert _ids(other_posts=0) == []
    lenient = load_profile("NAT_2018", {"nom.max_posts_per_person": 2})
    assert _ids(lenient, other_posts=1) == []
    assert _ids(lenient, other_posts=2) == ["VC-NOM-4"]


def test_vc_nom_1_an_application_after_election_day_is_refused() -> None:
    assert _ids(kind=Kind.JOINT, filed_on=date(2026, 4, 19)) == ["VC-NOM-1"]


def test_vc_nom_6_list_published_five_days_before() -> None:
    assert list_deadline(ZJ, DAY) == date(2026, 4, 13)
    assert list_date_finding(ZJ, DAY, date(2026, 4, 13)) is None
    late = list_date_finding(ZJ, DAY, date(2026, 4, 14))
    assert late is not None and late.rule_id == "VC-NOM-6"
    assert "2026-04-13" in late.message and late.blocking


def test_vc_nom_7_withdrawal_three_days_before() -> None:
    assert withdrawal_deadline(ZJ, DAY) == date(2026, 4, 15)
    assert withdrawal_finding(ZJ, DAY, date(2026, 4, 15)) is None
    late = withdrawal_finding(ZJ, DAY, date(2026, 4, 16))
    assert late is not None and late.rule_id == "VC-NOM-7" and "2026-04-15" in late.message


def test_vc_nom_7_no_deadline_where_the_profile_sets_none() -> None:
    assert withdrawal_deadline(NAT, DAY) is None
    assert withdrawal_finding(NAT, DAY, DAY) is None
