"""The structure of the new 两委 (party organization and villagers' committee) as reported upward
(practice.md §4, the headline table), and the summary sentences of seed 004.

Pure: the caller gives one `Member` per person per village (a person holding several posts,
一肩挑 or 交叉任职, is one member with all of them). `Structure` keeps raw counts, so the figures
of a county are the sum of its villages' and a share is computed only when shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import cast

from huanjie.rules.eligibility.preferences import Education
from huanjie.rules.timeline.periods import age_on

SECRETARY = "party_organization:secretary"
VC_CHAIR = "villagers_committee:chair"
VC = "villagers_committee"
BUSINESS_LEADER = "business_leader"
VETERAN = "veteran"
RETURNEE = "returnee"


@dataclass(frozen=True)
class Member:
    """One member of the new 两委: `posts` as "body:post"; age on taking office (`term_start`)."""

    village: str
    birth_date: date
    term_start: date
    posts: frozenset[str]
    female: bool
    minority: bool
    schooling: Education | None
    party_member: bool
    tags: frozenset[str] = frozenset()

    @property
    def age(self) -> int:
        return age_on(self.birth_date, self.term_start)


@dataclass(frozen=True)
class Structure:
    """Counts over the members of the 两委 of some villages (sums of villages add up)."""

    members: int = 0
    age_total: int = 0
    up_to_35: int = 0
    up_to_45: int = 0
    college: int = 0  # 大专及以上
    high_school: int = 0  # 高中（中专）及以上
    women: int = 0
    minority: int = 0
    vc_members: int = 0
    vc_party_members: int = 0
    business_leaders: int = 0
    veterans: int = 0
    returnees: int = 0
    secretaries: int = 0
    secretary_age_total: int = 0
    secretary_college: int = 0
    chairs: int = 0
    one_person: int = 0  # villages whose secretary is also the VC's chair (一肩挑)
    villages: int = 0  # villages with a new 两委 member

    def __add__(self, other: Structure) -> Structure:
        return Structure(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def average_age(self) -> float | None:
        return _mean(self.age_total, self.members)

    @property
    def secretary_average_age(self) -> float | None:
        return _mean(self.secretary_age_total, self.secretaries)

    def share(self, name: str) -> float | None:
        """A count as a percentage of its base (VC members for their party members, secretaries
        for theirs, villages for 一肩挑, else all members), one decimal; None without a base."""
        base = {
            "vc_party_members": self.vc_members,
            "secretary_college": self.secretaries,
            "one_person": self.villages,
        }.get(name, self.members)
        return percent(getattr(self, name), base)


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None


def structure_of(members: Iterable[Member]) -> Structure:
    """The counts of one area's members (one pass)."""
    counts = dict.fromkeys((f.name for f in fields(Structure)), 0)
    villages: set[str] = set()
    for m in members:
        age = m.age
        villages.add(m.village)
        counts["members"] += 1
        counts["age_total"] += age
        counts["up_to_35"] += age <= 35
        counts["up_to_45"] += age <= 45
        if m.schooling is not None:
            counts["college"] += m.schooling.college_or_above
            counts["high_school"] += m.schooling.rank >= Education.HIGH_SCHOOL.rank
        counts["women"] += m.female
        counts["minority"] += m.minority
        on_vc = any(p.startswith(f"{VC}:") for p in m.posts)
        counts["vc_members"] += on_vc
        counts["vc_party_members"] += on_vc and m.party_member
        counts["business_leaders"] += BUSINESS_LEADER in m.tags
        counts["veterans"] += VETERAN in m.tags
        counts["returnees"] += RETURNEE in m.tags
        if SECRETARY in m.posts:
            counts["secretaries"] += 1
            counts["secretary_age_total"] += age
            counts["secretary_college"] += bool(m.schooling and m.schooling.college_or_above)
        if VC_CHAIR in m.posts:
            counts["chairs"] += 1
        counts["one_person"] += SECRETARY in m.posts and VC_CHAIR in m.posts
    counts["villages"] = len(villages)
    return Structure(**counts)


# --- the summary sentences (seed 004) ------------------------------------------------------


def share_change(now: float, before: float) -> str:
    """How a share moved, in the words of a report: "提高近3成" (relative, when it moved by one
    to nine tenths of itself, near a whole tenth), else "提高2.1个百分点"; "持平" when unchanged."""
    if round(now, 1) == round(before, 1):
        return "与上届持平"
    verb = "提高" if now > before else "下降"
    if before > 0:
        tenths = abs(now - before) / before * 10
        whole = round(tenths)
        if 1 <= whole < 10 and abs(tenths - whole) <= 0.1:
            near = "近" if tenths < whole - 0.02 else ""
            return f"比上届{verb}{near}{whole}成"
    return f"比上届{verb}{abs(now - before):.1f}个百分点"


def age_change(now: float, before: float) -> str:
    if round(now, 1) == round(before, 1):
        return "与上届持平"
    verb = "上升" if now > before else "下降"
    return f"比上届{verb}{abs(now - before):.1f}岁"


def summary(now: Structure, before: Structure | None) -> list[str]:
    """The sentences of a report on the new 两委 (seed 004's words), from the figures of this
    term and, where known, the previous one; nothing when no member is counted yet."""
    if not now.members:
        return []
    sentences = []
    college, age = now.share("secretary_college"), now.secretary_average_age
    if college is not None and age is not None:
        parts = [f"大专以上学历占{college:.1f}%", f"平均年龄{age:.1f}岁"]
        prior_college = before.share("secretary_college") if before else None
        prior_age = before.secretary_average_age if before else None
        lead = "村党组织书记"
        if prior_college is not None and prior_age is not None:
            parts = [
                f"{parts[0]}，{share_change(college, prior_college)}",
                f"{parts[1]}，{age_change(age, prior_age)}",
            ]
            if college > prior_college and age < prior_age:
                lead = "村党组织书记学历、年龄实现“一升一降”，"
        sentences.append(f"{lead}{'；'.join(parts)}。")
    members = [f"新一届村“两委”班子成员{now.members}名"]
    average = cast(float, now.average_age)  # there are members (above)
    line = f"平均年龄{average:.1f}岁"
    if before is not None and before.average_age is not None:
        line += f"，{age_change(average, before.average_age)}"
    members.append(line)
    for name, words in (
        ("up_to_35", "35岁及以下"),
        ("college", "大专及以上学历"),
        ("women", "女性"),
    ):
        members.append(f"{words}占{now.share(name):.1f}%")
    sentences.append("，".join(members) + "。")
    one_person = now.share("one_person")
    if one_person is not None:
        sentences.append(
            f"{now.one_person}个村实现村党组织书记、村委会主任“一肩挑”，占{one_person:.1f}%。"
        )
    return sentences
