"""The structure targets of a village's new 两委 team (SEED-STRUCT, seed 001): warnings only.

Size 3–7 (+1..2 for a large or merged village), a college graduate and a member aged ≤ 35, a
dedicated women member (专职专选), the supervision chair held by the party deputy secretary, and
the smaller ethnic groups of a minority village represented. The voters decide who sits; the
officer is told what the team lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from huanjie.rules.bodies.composition import Member, check_vc_size, minority_names
from huanjie.rules.checks import Finding, block, warn
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


# The candidate slate, before the list is published ----------------------------------------


@dataclass(frozen=True, slots=True)
class PostSlate:
    """One post of the villagers' committee election with its accepted candidates."""

    post: str
    label: str
    seats: int
    candidates: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class SlateFacts:
    """A village's candidates for the villagers' committee, post by post."""

    posts: tuple[PostSlate, ...]
    on: date  # election day: ages are counted on it
    contested: bool = True  # False for 自荐直选, which has no candidates and no margin
    minority_groups: frozenset[str] = frozenset()
    party_secretary: Member | None = None  # the sitting party secretary, for 一肩挑 (YJT-1)


def check_post_margin(post: PostSlate, contested: bool) -> list[Finding]:
    """VC-NOM-2: a contested post needs more candidates than seats (差额); blocks."""
    count = len(post.candidates)
    if not contested or count == 0 or count > post.seats:
        return []
    return [
        block(
            "VC-NOM-2",
            f"{post.label}应选{post.seats}名，现有候选人{count}名，不是差额；"
            f"请再确定至少{post.seats + 1 - count}名候选人后再公布名单。",
        )
    ]


def check_slate(slate: SlateFacts, profile: Profile) -> list[Finding]:
    """What the slate lacks before its list is published: the committee's size (VC-ORG-1) and
    each post's margin (VC-NOM-2) block; a woman and the smaller ethnic groups among the
    candidates (VC-ORG-2), a college graduate and a young candidate (SEED-STRUCT) warn — the
    voters still decide who sits, the committee is told while it can still widen the slate."""
    findings = check_vc_size(sum(p.seats for p in slate.posts), profile)
    for post in slate.posts:
        findings += check_post_margin(post, slate.contested)
    people = {m.key: m for p in slate.posts for m in p.candidates}
    if not people:
        return findings
    findings += _one_person_plan(slate, profile)
    if not any(m.sex is Sex.FEMALE for m in people.values()):
        findings.append(
            warn(
                "VC-ORG-2",
                "候选人中没有女性，村民委员会应当有妇女成员；请在报名和推荐中注意女性人选。",
            )
        )
    if profile.get_bool("struct.women_dedicated_member") and not any(
        p.post == "women_member" for p in slate.posts
    ):
        findings.append(
            warn(
                "SEED-STRUCT",
                "本届选举没有单列妇女委员职位；妇女委员专职专选，请在选举方案中单列。",
            )
        )
    if slate.minority_groups and not any(
        m.ethnicity in slate.minority_groups for m in people.values()
    ):
        findings.append(
            warn(
                "VC-ORG-2",
                f"候选人中没有{minority_names(slate.minority_groups)}村民；"
                "多民族居住的村应当有人数较少的民族的成员。",
            )
        )
    if profile.get_bool("struct.warn_no_college_member") and not any(
        m.education is not None and m.education.college_or_above for m in people.values()
    ):
        findings.append(
            warn(
                "SEED-STRUCT", "候选人中没有大专及以上学历的人选；请注意从回乡大学生等人员中推荐。"
            )
        )
    max_age = profile.get_int("struct.warn_no_member_under")
    if not any(
        m.birth_date is not None and age_on(m.birth_date, slate.on) <= max_age
        for m in people.values()
    ):
        findings.append(
            warn(
                "SEED-STRUCT",
                f"候选人中没有{max_age}周岁及以下的人选；请注意推荐优秀青年。",
            )
        )
    return findings


def _one_person_plan(slate: SlateFacts, profile: Profile) -> list[Finding]:
    """YJT-1: where the profile allows 一肩挑, the party secretary stands for 主任 through the
    election (YJT-5: never forced); told once the 主任 post has candidates without them."""
    secretary = slate.party_secretary
    chairs = [p for p in slate.posts if p.post == "chair" and p.candidates]
    if secretary is None or not chairs or not profile.get_bool("yjt.allowed"):
        return []
    if any(m.key == secretary.key for p in chairs for m in p.candidates):
        return []
    return [
        warn(
            "YJT-1",
            f"村党组织书记{secretary.name}不在主任候选人中；按“一肩挑”的安排，书记应通过选举"
            "担任主任，请核对是否已报名或是否另有安排。",
        )
    ]
