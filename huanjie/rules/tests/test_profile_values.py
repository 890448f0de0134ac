"""Every row of profiles.md's tables, for every profile column, against the shipped files.

The tables below are transcribed from profiles.md, not from the TOML files: a filled cell is
(value, tag), with tag None where profiles.md gives none; an empty cell means "as the parent".
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from huanjie.rules.kinship.relations import RelationSet
from huanjie.rules.profiles.profile import load_profile
from huanjie.rules.profiles.schema import SCHEMA, Body

NONE = RelationSet.NONE
NEAR = RelationSet.NEAR_RELATIVES
SPCS = RelationSet.SPOUSE_PARENT_CHILD_SIBLING
LINEAL = RelationSet.SPOUSE_LINEAL
F = Fraction

Cell = tuple[object, str | None]

# Columns: NAT_2018, NAT_2026, ZJ_2020, ZJ_2025, SH_2020, BJ_2012, GD_2020.
VC_TABLE: dict[str, dict[str, Cell]] = {
    "vc.term_years": {"NAT_2018": (5, "V"), "BJ_2012": (3, "V"), "GD_2020": (5, "M")},
    "vc.seats_min": {"NAT_2018": (3, "V")},
    "vc.seats_max": {"NAT_2018": (7, "V")},
    "vc.size_must_be_odd": {"NAT_2018": (False, "D")},
    "vc.women_min": {"NAT_2018": (1, "V")},
    "vc.win_base": {"NAT_2018": ("participants", "V")},
    "vc.tie_revote_requires_majority": {"NAT_2018": (False, "I")},
    "ec.size_min": {
        "NAT_2018": (3, "D"),
        "ZJ_2020": (5, "V"),
        "SH_2020": (7, "V"),
        "BJ_2012": (5, "V"),
    },
    "ec.size_max": {
        "NAT_2018": (9, "D"),
        "ZJ_2020": (9, "V"),
        "SH_2020": (9, "V"),
        "BJ_2012": (9, "V"),
    },
    "ec.withdraw_trigger": {"NAT_2018": ("nominated", "V"), "SH_2020": ("confirmed", "V")},
    "ec.withdraw_relatives": {
        "NAT_2018": (NONE, None),
        "NAT_2026": (NEAR, "S"),
        "ZJ_2020": (SPCS, "V"),
        "ZJ_2025": (NEAR, "S"),
    },
    "reg.list_days_before": {"NAT_2018": (20, "V")},
    "reg.objection_days": {"NAT_2018": (5, "V")},
    "reg.decision_days": {"NAT_2018": (3, "V")},
    "reg.cat3_residence_years": {"NAT_2018": (1, "V")},
    "reg.cat4_village_affairs_years": {
        "NAT_2018": (None, None),
        "NAT_2026": (1, "S"),
        "ZJ_2020": (1, "V"),
    },
    "nom.list_days_before": {
        "NAT_2018": (5, "D"),
        "ZJ_2020": (5, "V"),
        "SH_2020": (5, "V"),
        "BJ_2012": (5, "V"),
        "GD_2020": (5, "M"),
    },
    "nom.withdraw_days_before": {"NAT_2018": (None, None), "ZJ_2020": (3, "V")},
    "nom.max_posts_per_person": {"NAT_2018": (1, "D"), "ZJ_2020": (1, "V")},
    "self.enabled": {
        "NAT_2018": (False, None),
        "ZJ_2020": (True, "V"),
        "SH_2020": (True, "V"),
        "BJ_2012": (False, "V"),
        "GD_2020": (False, "M"),
    },
    "self.reg_days_before": {"NAT_2018": (10, "D"), "ZJ_2020": (10, "V")},
    "vote.notice_days_before": {
        "NAT_2018": (5, "D"),
        "ZJ_2020": (5, "V"),
        "SH_2020": (1, "V"),
        "BJ_2012": (1, "V"),
        "GD_2020": (5, "M"),
    },
    "proxy.allowed_relations": {"NAT_2018": (NEAR, "V"), "ZJ_2020": (NEAR, "V")},
    "proxy.max_per_holder": {
        "NAT_2018": (None, "V"),
        "NAT_2026": (3, "S"),
        "ZJ_2020": (3, "V"),
        "SH_2020": (3, "V"),
        "BJ_2012": (3, "V"),
        "GD_2020": (3, "M"),
    },
    "proxy.candidate_may_hold": {
        "NAT_2018": (True, "V"),
        "NAT_2026": (False, "S"),
        "ZJ_2020": (False, "V"),
        "SH_2020": (True, "V"),
        "BJ_2012": (False, "V"),
        "GD_2020": (False, "M"),
    },
    "proxy.request_days_before": {
        "NAT_2018": (1, "D"),
        "ZJ_2020": (3, "V"),
        "SH_2020": (5, "V"),
        "BJ_2012": (1, "V"),
        "GD_2020": (3, "M"),
    },
    "proxy.publish_days_before": {
        "NAT_2018": (1, "D"),
        "ZJ_2020": (1, "V"),
        "SH_2020": (2, "V"),
        "BJ_2012": (1, "V"),
        "GD_2020": (1, "M"),
    },
    "mobile.requires_approval": {"NAT_2018": (False, "D"), "ZJ_2020": (True, "V")},
    "mobile.min_scrutineers": {"NAT_2018": (3, "D"), "ZJ_2020": (3, "V"), "BJ_2012": (3, "V")},
    # Not in profiles.md yet (rules.md MOBILE-2: BJ's minimum holds per polling station too).
    "station.min_scrutineers": {"NAT_2018": (None, "D"), "BJ_2012": (3, "V")},
    "ballot.overvote_scope": {
        "NAT_2018": ("whole_ballot", "D"),
        "ZJ_2020": ("whole_ballot", "I"),
        "SH_2020": ("whole_ballot", "V"),
        "BJ_2012": ("whole_ballot", "V"),
    },
    "ballot.same_person_multi_post_invalid": {"NAT_2018": (False, "D"), "ZJ_2020": (True, "V")},
    "ballot.partial_invalidity": {"NAT_2018": (False, "D")},
    "ballot.multi_position_mode": {
        "NAT_2018": ("exclusive_sections", "D"),
        "ZJ_2020": ("exclusive_sections", "V"),
        "SH_2020": ("sequential_rounds", "V"),
        "BJ_2012": ("sequential_rounds", "V"),
        "GD_2020": ("exclusive_sections", "M"),
    },
    "women_seat_mode": {
        "NAT_2018": ("none", "V"),
        "ZJ_2020": ("separate_section", "V"),
        "SH_2020": ("none", None),
        "BJ_2012": ("none", None),
        "GD_2020": ("none", "M"),
    },
    "supp.requires_turnout": {"NAT_2018": (True, "I")},
    "supp.extra_candidates_per_post": {"NAT_2018": (1, "D")},
    "supp.max_days_after": {
        "NAT_2018": (30, "D"),
        "ZJ_2020": (30, "V"),
        "SH_2020": (30, "V"),
        "BJ_2012": (15, "V"),
        "GD_2020": (30, "M"),
    },
    "supp.min_elected_to_allow_vacancy": {
        "NAT_2018": (3, "D"),
        "ZJ_2020": (3, "V"),
        "SH_2020": (3, "V"),
        "BJ_2012": (4, "V"),
        "GD_2020": (3, "M"),
    },
    "supp.vacancy_requires_chair": {"NAT_2018": (False, "D"), "BJ_2012": (True, "V")},
    "kin.vc_internal_set": {
        "NAT_2018": (NONE, "V"),
        "NAT_2026": (NEAR, "S"),
        "ZJ_2020": (SPCS, "V"),
        "ZJ_2025": (NEAR, "S"),
        "SH_2020": (LINEAL, "V"),
        "BJ_2012": (NONE, None),
        "GD_2020": (NEAR, "S"),
    },
    "kin.cross_body": {"NAT_2018": ("warn", "I")},
    "kin.cross_body_set": {"NAT_2018": (NONE, None), "ZJ_2020": (SPCS, "S")},
    "kin.yjt_set": {
        "NAT_2018": (NONE, None),
        "NAT_2026": (NEAR, "S"),
        "ZJ_2020": (NEAR, "S"),
        "GD_2020": (NEAR, "S"),
    },
    # Not in profiles.md yet (a product parameter from rules.md's KIN-3 row; closing note).
    "kin.staff_set": {
        "NAT_2018": (NEAR, "I"),
        "ZJ_2020": (SPCS, "V"),
        "SH_2020": (LINEAL, "V"),
        "BJ_2012": (LINEAL, "V"),
    },
    "struct.warn_no_college_member": {"NAT_2018": (True, None)},
    "struct.warn_no_member_under": {"NAT_2018": (35, None)},
    "struct.women_dedicated_member": {"NAT_2018": (False, None), "ZJ_2020": (True, None)},
    "struct.warn_sup_chair_not_party_deputy": {"NAT_2018": (True, None)},
    "qual.list": {"NAT_2018": ("NAT_2021", "S"), "ZJ_2020": ("ZJ_2020", "M")},
    "yjt.allowed": {
        "NAT_2018": (True, None),
        "NAT_2026": (True, "S"),
        "ZJ_2020": (True, None),
        "ZJ_2025": (True, "S"),
        "GD_2020": (True, "S"),
    },
    "recall.vote_days": {
        "NAT_2018": (30, "D"),
        "ZJ_2020": (30, "V"),
        "SH_2020": (30, "V"),
        "BJ_2012": (30, "V"),
        "GD_2020": (30, "M"),
    },
    "recall.fallback_days": {
        "NAT_2018": (None, None),
        "ZJ_2020": (60, "V"),
        "SH_2020": (None, "V"),
        "BJ_2012": (None, "V"),
    },
    "recall.retry_bar": {"NAT_2018": (None, None), "ZJ_2020": (1, "V"), "BJ_2012": ("term", "V")},
    "handover.days": {"NAT_2018": (10, "V"), "SH_2020": (10, "V")},
    "handover.seal_same_day": {"NAT_2018": (False, None), "SH_2020": (True, "V")},
    # "Cooperative and supervision counting": the rows that are profile parameters.
    "sup.size_min": {"NAT_2018": (1, "V"), "ZJ_2020": (3, "V")},
    "sup.size_max": {"NAT_2018": (None, "V"), "ZJ_2020": (5, "V")},
    "ceo.board_size_min": {"NAT_2018": (3, "V")},
    "ceo.board_size_max": {"NAT_2018": (7, "V")},
    "ceo.board_size_odd": {"NAT_2018": (True, "V")},
    "ceo.kin_set": {"NAT_2018": (NEAR, "V")},
}

ABSENT: Cell = ("—", None)

# Columns: PB_2020, PB_1990, GTZX.
PB_TABLE: dict[str, dict[str, Cell]] = {
    "pb.quorum_base": {
        "PB_2020": ("should_attend", "S"),
        "GTZX": ("all_voting_members", "S"),
    },
    "pb.quorum_fraction": {
        "PB_2020": (F(4, 5), "S"),
        "PB_1990": (F(4, 5), "S"),
        "GTZX": (F(4, 5), "S"),
    },
    "pb.quorum_cmp": {"PB_2020": (">=", "S"), "PB_1990": (">=", "S"), "GTZX": (">=", "S")},
    "pb.win_base": {
        "PB_2020": ("should_attend", "S"),
        "PB_1990": ("present", "S"),
        "GTZX": ("present", "S"),
    },
    "pb.tie_revote_requires_majority": {"PB_2020": (False, "S")},
    "pb.diff_min_ratio": {
        "PB_2020": (F(1, 5), "S"),
        "PB_1990": (F(1, 5), "S"),
        "GTZX": (F(1, 5), "S"),
    },
    "pb.ballot_reconcile_against": {
        "PB_2020": ("min_issued_present", "M"),
        "PB_1990": ("issued", "S"),
        "GTZX": ("min_issued_present", None),
    },
    "pb.proxy_allowed": {
        "PB_2020": (False, "S"),
        "PB_1990": (False, None),
        "GTZX": (False, None),
    },
    "pb.allow_reduce_seats": {
        "PB_2020": (True, "S"),
        "PB_1990": (True, "S"),
        "GTZX": (False, "D"),
    },
    "pb.min_committee_size": {"PB_2020": (3, "S"), "PB_1990": (3, None), "GTZX": (3, None)},
    "pb.secretary_mode": {
        "PB_2020": ("by_committee", "S"),
        "PB_1990": ("by_committee", None),
        "GTZX": ("cascade", None),
    },
    "pb.plenary_quorum": {"PB_2020": (F(4, 5), "M")},
    "pb.writein_requires_mark": {
        "PB_2020": (True, "S"),
        "PB_1990": (True, None),
        "GTZX": (True, None),
    },
    "pb.registration_defines_should_attend": {
        "PB_2020": (False, None),
        "PB_1990": (False, None),
        "GTZX": (False, None),
    },
    "pb.kin_set": {"PB_2020": (NONE, None), "PB_1990": (NONE, None), "GTZX": (NONE, None)},
    "gtzx.every_round_competitive": {"PB_2020": ABSENT, "PB_1990": ABSENT, "GTZX": (True, "S")},
    "pb.term_years": {"PB_2020": (5, "S"), "PB_1990": (3, None), "GTZX": (5, None)},
    "gtzx.max_posts_per_applicant": {"PB_2020": ABSENT, "PB_1990": ABSENT, "GTZX": (2, "S")},
    "gtzx.nonmember_rep_share_max": {
        "PB_2020": ABSENT,
        "PB_1990": ABSENT,
        "GTZX": (F(3, 10), "S"),
    },
    "gtzx.recall_petition_fraction": {"PB_2020": ABSENT, "PB_1990": ABSENT, "GTZX": (F(1, 5), "S")},
}

VC_PROFILES = ("NAT_2018", "NAT_2026", "ZJ_2020", "ZJ_2025", "SH_2020", "BJ_2012", "GD_2020")
PB_PROFILES = ("PB_2020", "PB_1990", "GTZX")


def _cases(table: dict[str, dict[str, Cell]], columns: tuple[str, ...]) -> list[object]:
    cases: list[object] = []
    for name, row in table.items():
        for profile_id in columns:
            value, tag = row.get(profile_id, ("inherited", None))
            label = f"{profile_id}-{name}-{value}"
            cases.append(pytest.param(profile_id, name, value, tag, id=label))
    return cases


@pytest.mark.parametrize(
    ("profile_id", "name", "value", "tag"),
    _cases(VC_TABLE, VC_PROFILES) + _cases(PB_TABLE, PB_PROFILES),
)
def test_profile_values(profile_id: str, name: str, value: object, tag: str | None) -> None:
    profile = load_profile(profile_id)
    if (value, tag) == ABSENT:
        assert not profile.has(name)
    elif value == "inherited":
        assert profile.extends is not None
        assert profile.param(name).defined_in != profile_id
        assert profile.get(name) == load_profile(profile.extends).get(name)
    else:
        param = profile.param(name)
        assert param.value == value
        assert type(param.value) is type(value)
        if tag is not None:
            assert param.tag == tag


@pytest.mark.parametrize(
    ("table", "body"),
    [(VC_TABLE, Body.VILLAGERS_COMMITTEE), (PB_TABLE, Body.PARTY_ORGANIZATION)],
    ids=["villagers_committee", "party_organization"],
)
def test_profile_tables_cover_the_schema(table: dict[str, dict[str, Cell]], body: Body) -> None:
    assert set(table) == {spec.name for spec in SCHEMA.values() if spec.body is body}


@pytest.mark.parametrize("profile_id", VC_PROFILES + PB_PROFILES)
def test_profile_every_value_has_source_and_tag(profile_id: str) -> None:
    profile = load_profile(profile_id)
    for param in profile.params():
        assert param.source.strip()
        assert param.tag in {"V", "S", "M", "I", "D"}
        assert param.defined_in in profile.chain


def _unverified() -> list[object]:
    cases: list[object] = []
    for table, columns in ((VC_TABLE, VC_PROFILES), (PB_TABLE, PB_PROFILES)):
        for name, row in table.items():
            for profile_id in columns:
                if row.get(profile_id, ABSENT)[1] == "M":
                    cases.append(pytest.param(profile_id, name, id=f"{profile_id}-{name}"))
    return cases


@pytest.mark.parametrize(("profile_id", "name"), _unverified())
def test_profile_unverified_values_are_tagged_m(profile_id: str, name: str) -> None:
    """The UI shows these as 待核实; GD_2020's unretrieved text is the bulk of them."""
    assert load_profile(profile_id).param(name).tag == "M"
