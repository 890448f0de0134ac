"""Counting staff (唱票人、计票人、监票人): candidates and their relatives excluded (VC-VOTE-5,
KIN-3).

The relation set is the profile's `kin.staff_set` (rules.md KIN-3: ZJ art 22 spouse, parents,
children and siblings; SH art 14 and BJ art 21 spouse and lineal relatives). profiles.md has no
row for it yet: the national default is the near relatives of 民法典 art 1045 [I], the widest set,
so no relative a province might exclude is let through where the province is silent.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from huanjie.rules.kinship.avoidance import KinConflict, KinshipIndex
from huanjie.rules.kinship.relations import RelationSet
from huanjie.rules.kinship.rules import kin_3_counting_staff
from huanjie.rules.kinship.terms import RELATION_SET_LABELS
from huanjie.rules.profiles.profile import Profile


def kin_3_set(profile: Profile) -> RelationSet:
    """The relatives of a candidate who may not be counting staff under `profile`."""
    return profile.get_relation_set("kin.staff_set")


@dataclass(frozen=True, slots=True)
class StaffProblem:
    """Why one staff member may not serve; `chain` reads "甲 是 乙 的 …" for a relative."""

    staff: str
    candidate: str
    rule_id: str
    message: str
    chain: str = ""


def staff_problems(
    profile: Profile,
    index: KinshipIndex,
    candidates: Collection[str],
    staff: Collection[str],
    names: Mapping[str, str],
) -> list[StaffProblem]:
    """Every staff member who is a candidate (VC-VOTE-5) or a candidate's relative within the
    profile's KIN-3 set, sorted by staff member then candidate. `names` gives each key's name."""
    problems = [
        StaffProblem(
            key,
            key,
            "VC-VOTE-5",
            f"{names.get(key, key)}是候选人（自荐人），不得担任唱票、计票、监票人员，"
            "请另行确定工作人员。",
        )
        for key in sorted(set(staff) & set(candidates))
    ]
    relation_set = kin_3_set(profile)
    conflicts: list[KinConflict] = kin_3_counting_staff(index, candidates, staff, relation_set)
    label = RELATION_SET_LABELS[relation_set]
    for c in conflicts:
        problems.append(
            StaffProblem(
                c.a,
                c.b,
                "KIN-3",
                f"{names.get(c.a, c.a)}不得担任唱票、计票、监票人员：{c.chain}，"
                f"而{names.get(c.b, c.b)}是候选人；候选人的{label}均须回避，请另行确定工作人员。",
                c.chain,
            )
        )
    return sorted(problems, key=lambda p: (p.staff, p.candidate))
