"""The structure targets of a village's new 两委 team (SEED-STRUCT, seed 001): warnings only.

Size 3–7 (+1..2 for a large or merged village), a college graduate and a member aged ≤ 35, a
dedicated women member (专职专选), the supervision chair held by the party deputy secretary, and
the smaller ethnic groups of a minority village represented. The voters decide who sits; the
officer is told what the team lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from huanjie.rules.bodies.composition import Member, minority_names
from huanjie.rules.checks import Finding, warn
from huanjie.rules.kinship.terms import Sex
from huanjie.rules.profiles.profile import Profile
from huanjie.rules.timeline.periods import age_on

_TEAM_SIZE = (3, 7)  # 村"两委"班子成员一般为3至7名 (seed 001)
_LARGE_VILLAGE_EXTRA = 2  # 规模较大或合并村较多的村可增加1至2名


@dataclass(frozen=True, slots=True)
class TeamFacts:
    """The new 两委 team of one village, for the seed's structure targets."""

    party_committee: tuple[Member, ...]
    villagers_committee: tuple[Member, ...]
    on: date  # the day ages are counted on (the VC's election day)
    supervision_chair: str | None = None  # person key, once the supervision committee exists
    minority_groups: frozenset[str] = frozenset()
    large_or_merged: bool = False


def check_structure(team: TeamFacts, profile: Profile) -> list[Finding]:
    """SEED-STRUCT: structure targets of the 两委 team; every finding is a warning."""
    people = {m.key: m for m in (*team.party_committee, *team.villagers_committee)}
    findings: list[Finding] = []
    low, high = _TEAM_SIZE
    if team.large_or_merged:
        high += _LARGE_VILLAGE_EXTRA
    if not low <= len(people) <= high:
        findings.append(
            warn(
                "SEED-STRUCT",
                f"村“两委”班子共{len(people)}人（交叉任职只计一次），不在{low}至{high}人之间；"
                "请结合村规模和交叉任职安排调整职数。",
            )
        )
    if profile.get_bool("struct.warn_no_college_member") and not any(
        m.education is not None and m.education.college_or_above for m in people.values()
    ):
        findings.append(
            warn(
                "SEED-STRUCT",
                "村“两委”班子中没有大专及以上学历的成员；请注意从回乡大学生等人员中选拔。",
            )
        )
    max_age = profile.get_int("struct.warn_no_member_under")
    if not any(
        m.birth_date is not None and age_on(m.birth_date, team.on) <= max_age
        for m in people.values()
    ):
        findings.append(
            warn(
                "SEED-STRUCT",
                f"村“两委”班子中没有{max_age}周岁及以下的成员；请注意选拔优秀青年进班子。",
            )
        )
    if profile.get_bool("struct.women_dedicated_member") and not any(
        m.post == "women_member" and m.sex is Sex.FEMALE for m in team.villagers_committee
    ):
        findings.append(
            warn(
                "SEED-STRUCT",
                "村民委员会没有专职专选的妇女委员；请按妇女委员专职专选的要求单列妇女委员职位。",
            )
        )
    if (
        profile.get_bool("struct.warn_sup_chair_not_party_deputy")
        and team.supervision_chair is not None
        and not any(
            m.key == team.supervision_chair and m.post == "deputy_secretary"
            for m in team.party_committee
        )
    ):
        findings.append(
            warn(
                "SEED-STRUCT",
                "村务监督委员会主任不是村党组织副书记；原则上应由党组织副书记兼任，请说明理由。",
            )
        )
    if team.minority_groups and not any(
        m.ethnicity in team.minority_groups for m in people.values()
    ):
        findings.append(
            warn(
                "SEED-STRUCT",
                f"少数民族村的“两委”班子中没有{minority_names(team.minority_groups)}成员；"
                "请优化班子民族结构。",
            )
        )
    return findings
