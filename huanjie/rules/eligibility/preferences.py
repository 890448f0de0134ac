"""A county's age and education preferences for candidates (QUAL-8): warnings, never bars.

No age or education limit is in the law; counties set their own (Hainan 2010: men generally
up to 65, women up to 60). They are parameters of the county, not code, and they only warn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from huanjie.rules.checks import Finding, warn
from huanjie.rules.kinship.terms import Sex
from huanjie.rules.timeline.periods import age_on


class Education(StrEnum):
    """文化程度, from least to most schooling: the one scale of the register, the database and
    the rules (the levels of GB/T 4658 as village registers write them).

    `huanjie.people.models.Education` stores these values with these labels; the register
    template accepts the labels. 高中 and 中专 are the two branches of upper secondary school:
    they share a rank, and a county's "高中（中专）及以上" is met by either.
    """

    ILLITERATE = "illiterate"
    PRIMARY = "primary"
    JUNIOR_HIGH = "junior_high"
    HIGH_SCHOOL = "high_school"
    SECONDARY_VOCATIONAL = "secondary_vocational"
    COLLEGE = "college"
    BACHELOR = "bachelor"
    POSTGRADUATE = "postgraduate"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def college_or_above(self) -> bool:
        """大专及以上: what "大学生" means in the structure targets (SEED-STRUCT)."""
        return self.rank >= Education.COLLEGE.rank


_LABELS = {
    Education.ILLITERATE: "文盲或半文盲",
    Education.PRIMARY: "小学",
    Education.JUNIOR_HIGH: "初中",
    Education.HIGH_SCHOOL: "高中",
    Education.SECONDARY_VOCATIONAL: "中专",
    Education.COLLEGE: "大专",
    Education.BACHELOR: "本科",
    Education.POSTGRADUATE: "研究生",
}
_RANKS = {
    Education.ILLITERATE: 0,
    Education.PRIMARY: 1,
    Education.JUNIOR_HIGH: 2,
    Education.HIGH_SCHOOL: 3,
    Education.SECONDARY_VOCATIONAL: 3,
    Education.COLLEGE: 4,
    Education.BACHELOR: 5,
    Education.POSTGRADUATE: 6,
}


@dataclass(frozen=True, slots=True)
class CountyPreferences:
    source: str  # the county's document, cited in every warning
    max_age_male: int | None = None
    max_age_female: int | None = None
    min_education: Education | None = None


@dataclass(frozen=True, slots=True)
class CandidateFacts:
    sex: Sex
    birth_date: date | None
    education: Education | None


def preference_warnings(
    candidate: CandidateFacts, preferences: CountyPreferences, on: date
) -> list[Finding]:
    """Where `candidate` falls outside the county's preferences on `on` (election day)."""
    findings = []
    limit = preferences.max_age_male if candidate.sex is Sex.MALE else preferences.max_age_female
    if limit is not None and candidate.birth_date is not None:
        age = age_on(candidate.birth_date, on)
        if age > limit:
            findings.append(
                warn(
                    "QUAL-8",
                    f"候选人{age}周岁，超过本县（{preferences.source}）一般不超过{limit}周岁的要求；"
                    "这是倾向性条件，不影响候选资格，请党组织和选委会酌情把关。",
                )
            )
    wanted = preferences.min_education
    schooling = candidate.education
    if wanted is not None and schooling is not None and schooling.rank < wanted.rank:
        findings.append(
            warn(
                "QUAL-8",
                f"候选人文化程度为{schooling.label}，低于本县（{preferences.source}）"
                f"倾向的{wanted.label}；这是倾向性条件，不影响候选资格。",
            )
        )
    return findings
