"""One household of the demo: members whose ages, sexes, surnames and ethnicity fit their
relation to the head (domain.md §1, the register's 与户主关系).

Heads are 30–80; a spouse is within five years; children are born when their mother (or the
head) is 20–35; an older head often lives with a married son (儿媳, grandchildren) or, more
rarely, a daughter and her 上门女婿; a younger head sometimes with parents or a grandparent.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from huanjie.demo import names
from huanjie.demo.constants import REGISTER_DAY
from huanjie.demo.ids import IdNumbers
from huanjie.people.models import Education, HeadRelation, PersonTagKind, PoliticalStatus
from huanjie.people.register.inputs import MemberInput

HAN, SHE = "汉族", "畲族"
MALE, FEMALE = "M", "F"
_MOBILE_PREFIXES = ("130", "133", "135", "136", "137", "138", "139", "150", "151", "152", "158",
                    "159", "177", "180", "187", "188", "189", "198")  # fmt: skip


def birth_date_for_age(rng: random.Random, age: int) -> date:
    """A birth date that makes the person exactly `age` on REGISTER_DAY (1 January)."""
    start = date(REGISTER_DAY.year - 1 - age, 1, 2)
    end = date(REGISTER_DAY.year - age, 1, 2)
    return start + timedelta(days=rng.randrange((end - start).days))


def age_on_register_day(birth_date: date) -> int:
    day = REGISTER_DAY
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def education_for(rng: random.Random, age: int) -> str:
    """文化程度 by age: schooling has risen decade by decade."""
    if age < 6:
        return ""
    if age < 12:
        return Education.PRIMARY
    if age < 15:
        return Education.JUNIOR_HIGH
    if age < 19:
        return rng.choice([Education.HIGH_SCHOOL, Education.SECONDARY_VOCATIONAL])
    birth_year = REGISTER_DAY.year - age
    E = Education
    if birth_year < 1960:
        table = {E.ILLITERATE: 25, E.PRIMARY: 50, E.JUNIOR_HIGH: 20, E.HIGH_SCHOOL: 5}
    elif birth_year < 1976:
        table = {
            E.PRIMARY: 30, E.JUNIOR_HIGH: 45, E.HIGH_SCHOOL: 15,
            E.SECONDARY_VOCATIONAL: 6, E.COLLEGE: 4,
        }  # fmt: skip
    elif birth_year < 1991:
        table = {
            E.PRIMARY: 10, E.JUNIOR_HIGH: 40, E.HIGH_SCHOOL: 20,
            E.SECONDARY_VOCATIONAL: 12, E.COLLEGE: 12, E.BACHELOR: 6,
        }  # fmt: skip
    else:
        table = {
            E.JUNIOR_HIGH: 20, E.HIGH_SCHOOL: 15, E.SECONDARY_VOCATIONAL: 20,
            E.COLLEGE: 25, E.BACHELOR: 18, E.POSTGRADUATE: 2,
        }  # fmt: skip
    return names.pick_weighted(rng, {str(k): v for k, v in table.items()})


# 大专及以上 as the rules count it (SEED-STRUCT's "大学生"): 大专, 本科, 研究生.
COLLEGE_OR_ABOVE = frozenset(e for e in Education if e.schooling.college_or_above)


@dataclass
class _Member:
    name: str
    relation: str
    sex: str
    age: int
    ethnicity: str


@dataclass
class HouseholdBuilder:
    """Builds one household; `she_share` is the village's share of 畲族 families."""

    rng: random.Random
    she_share: float
    clan_surnames: tuple[str, ...]
    members: list[_Member] = field(default_factory=list)

    def build(self) -> list[_Member]:
        rng = self.rng
        she = rng.random() < self.she_share
        head_sex = MALE if rng.random() < 0.88 else FEMALE
        head_age = round(rng.triangular(30, 80, 55))
        if she:
            family = names.surname(rng, she=True)
        elif self.clan_surnames and rng.random() < 0.55:
            family = rng.choice(self.clan_surnames)
        else:
            family = names.surname(rng, she=False)
        ethnicity = SHE if she else HAN
        self._add(family, HeadRelation.HEAD, head_sex, head_age, ethnicity)
        # The children's surname: the father's (a widowed head's late husband's).
        children_family = family if head_sex == MALE else names.surname(rng, she=she)
        mother_age = head_age if head_sex == FEMALE else None
        if rng.random() < (0.9 if head_age < 70 else 0.6):
            spouse_sex = FEMALE if head_sex == MALE else MALE
            shift = rng.randint(-2, 5)
            spouse_age = max(22, head_age - shift if head_sex == MALE else head_age + shift)
            # A 畲族 family often marries within the 畲族.
            spouse_she = she and rng.random() < 0.6
            spouse_family = names.surname(rng, she=spouse_she)
            if spouse_sex == MALE:
                children_family = spouse_family
            else:
                mother_age = spouse_age
            self._add(
                spouse_family,
                HeadRelation.SPOUSE,
                spouse_sex,
                spouse_age,
                SHE if spouse_she else HAN,
            )
        parent_age = mother_age if mother_age is not None else head_age
        if head_age >= 58 and rng.random() < 0.55:
            self._married_child(children_family, parent_age, ethnicity)
        else:
            self._children(children_family, parent_age, ethnicity, head_age)
        if head_age <= 58 and rng.random() < 0.3:
            self._parents(family, head_age, ethnicity)
        if head_age <= 35 and rng.random() < 0.1:
            gp_sex = rng.choice([MALE, FEMALE])
            gp_family = family if gp_sex == MALE else names.surname(rng, she=she)
            gp_age = head_age + rng.randint(45, 60)
            if gp_age <= 98:
                self._add(gp_family, HeadRelation.GRANDPARENT, gp_sex, gp_age, ethnicity)
        if rng.random() < 0.05:
            sibling_sex = rng.choice([MALE, FEMALE])
            sibling_age = max(18, head_age + rng.randint(-8, 8))
            self._add(family, HeadRelation.SIBLING, sibling_sex, sibling_age, ethnicity)
        return self.members

    def _add(
        self, family: str, relation: str, sex: str, age: int, ethnicity: str, generation: str = ""
    ) -> None:
        birth_year = REGISTER_DAY.year - 1 - age
        given = names.given_name(self.rng, sex, birth_year, first=generation)
        self.members.append(_Member(family + given, relation, sex, age, ethnicity))

    def _children(self, family: str, parent_age: int, ethnicity: str, head_age: int) -> None:
        rng = self.rng
        count = rng.choices([0, 1, 2, 3], weights=[10, 35, 40, 15])[0] if head_age < 65 else 1
        sons_name = ""
        for _ in range(count):
            age = parent_age - rng.randint(20, 35)
            if age < 1:
                continue
            sex = rng.choice([MALE, FEMALE])
            relation = HeadRelation.SON if sex == MALE else HeadRelation.DAUGHTER
            generation = ""
            if sex == MALE and rng.random() < 0.5:
                # Brothers often share a generation character (字辈).
                sons_name = sons_name or names.generation_character(
                    rng, MALE, REGISTER_DAY.year - 1 - age
                )
                generation = sons_name
            self._add(family, relation, sex, age, ethnicity, generation)

    def _married_child(self, family: str, parent_age: int, ethnicity: str) -> None:
        """A married son with his wife (or a daughter with her 上门女婿) and their children."""
        rng = self.rng
        age = max(25, parent_age - rng.randint(22, 33))
        in_law_ethnicity = SHE if rng.random() < self.she_share else HAN
        if rng.random() < 0.88:
            self._add(family, HeadRelation.SON, MALE, age, ethnicity)
            in_law = (HeadRelation.DAUGHTER_IN_LAW, FEMALE)
            mother_age = max(22, age + rng.randint(-5, 3))
        else:
            self._add(family, HeadRelation.DAUGHTER, FEMALE, age, ethnicity)
            in_law = (HeadRelation.SON_IN_LAW, MALE)
            mother_age = age
        in_law_age = max(22, age + rng.randint(-4, 4))
        self._add(
            names.surname(rng, she=in_law_ethnicity == SHE),
            in_law[0],
            in_law[1],
            in_law_age,
            in_law_ethnicity,
        )
        # Grandchildren take the head's surname: the son's, or the 入赘 family's.
        for _ in range(rng.choices([0, 1, 2], weights=[20, 45, 35])[0]):
            grandchild_age = mother_age - rng.randint(20, 35)
            if grandchild_age < 1:
                continue
            sex = rng.choice([MALE, FEMALE])
            relation = HeadRelation.GRANDSON if sex == MALE else HeadRelation.GRANDDAUGHTER
            self._add(family, relation, sex, grandchild_age, ethnicity)

    def _parents(self, family: str, head_age: int, ethnicity: str) -> None:
        """The head's father carries the head's surname; the mother her own."""
        rng = self.rng
        father_age = head_age + rng.randint(22, 35)
        mother_age = head_age + rng.randint(20, 33)
        which = rng.choices(["both", "father", "mother"], weights=[30, 20, 50])[0]
        if which in ("both", "father") and father_age <= 96:
            self._add(family, HeadRelation.PARENT, MALE, father_age, ethnicity)
        if which in ("both", "mother") and mother_age <= 96:
            she = ethnicity == SHE
            self._add(
                names.surname(rng, she=she), HeadRelation.PARENT, FEMALE, mother_age, ethnicity
            )


def member_inputs(
    rng: random.Random, ids: IdNumbers, members: list[_Member]
) -> tuple[MemberInput, ...]:
    """The register entries of built members: ID numbers, education, phones, tags."""
    entries: list[MemberInput] = []
    for m in members:
        birth_date = birth_date_for_age(rng, m.age)
        education = education_for(rng, m.age)
        adult = m.age >= 18
        # Working-age adults are often away (外出务工); a 儿媳 may not have moved her 户籍.
        away = adult and m.age <= 50 and rng.random() < 0.2
        hukou = not (m.relation == HeadRelation.DAUGHTER_IN_LAW and rng.random() < 0.1)
        phone = ""
        if adult and m.age <= 78 and rng.random() < 0.9:
            phone = rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        political = PoliticalStatus.MASSES
        if 14 <= m.age <= 28 and rng.random() < 0.3:
            political = PoliticalStatus.YOUTH_LEAGUE
        entries.append(
            MemberInput(
                name=m.name,
                id_number=ids.issue(rng, birth_date, m.sex),
                relation=m.relation,
                sex=m.sex,
                ethnicity=m.ethnicity,
                education=education,
                political_status=political,
                hukou_in_village=hukou,
                resides_in_village=not away,
                phone=phone,
                tags=_tags(rng, m, education),
            )
        )
    return tuple(entries)


def _tags(rng: random.Random, m: _Member, education: str) -> tuple[str, ...]:
    tags: list[str] = []
    if 30 <= m.age <= 60 and rng.random() < 0.02:
        tags.append(PersonTagKind.BUSINESS_LEADER)
    if m.sex == MALE and 22 <= m.age <= 75 and rng.random() < 0.04:
        tags.append(PersonTagKind.VETERAN)
    if 25 <= m.age <= 50 and rng.random() < 0.015:
        tags.append(PersonTagKind.RETURNEE)
    if education in COLLEGE_OR_ABOVE and 20 <= m.age <= 40 and rng.random() < 0.6:
        tags.append(PersonTagKind.COLLEGE_GRADUATE)
    return tuple(tags)


def household_members(
    rng: random.Random, ids: IdNumbers, *, she_share: float, clan_surnames: tuple[str, ...]
) -> tuple[MemberInput, ...]:
    """The register entries of one new household, the head first."""
    members = HouseholdBuilder(rng, she_share, clan_surnames).build()
    return member_inputs(rng, ids, members)
