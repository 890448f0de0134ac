"""Finding the villager a form or a command names: by ID number, or by name when the name is
unique among the village's people on the register. The answer says what to type instead when
it cannot be found or is ambiguous (never echoing a full ID number)."""

from __future__ import annotations

from django.db.models import QuerySet

from huanjie.people.models import Person, RegisterStatus
from huanjie.regions.models import Region
from huanjie.rules.eligibility.identity import mask_id_number, normalize_id_number

NOT_FOUND_ID = "{village}没有身份证号为{number}的村民，请核对号码。"
NOT_FOUND_NAME = "{village}户籍登记中没有叫“{name}”的在册村民，请核对姓名，或填写身份证号。"
SAME_NAME = "{village}有{count}名在册村民叫“{name}”（{homes}），请填写身份证号以区分。"
EMPTY = "请填写姓名或身份证号。"


def _looks_like_id(text: str) -> bool:
    return len(text) == 18 and text[:17].isdigit()


def find_villager(
    village: Region, text: str, *, people: QuerySet[Person] | None = None
) -> tuple[Person | None, str]:
    """(the person, "") or (None, why not). `people` narrows the search (a constituency)."""
    text = text.strip()
    if not text:
        return None, EMPTY
    base = Person.objects.filter(village=village).select_related("household")
    if _looks_like_id(text):
        number = normalize_id_number(text)
        found = base.filter(id_number=number).first()
        if found is None:
            return None, NOT_FOUND_ID.format(village=village.name, number=mask_id_number(number))
        return found, ""
    pool = (people if people is not None else base).filter(name=text, status=RegisterStatus.ACTIVE)
    matches = list(pool.select_related("household")[:5])
    if not matches:
        return None, NOT_FOUND_NAME.format(village=village.name, name=text)
    if len(matches) > 1:
        homes = "、".join(f"{m.household.number}户" if m.household else "未编入户" for m in matches)
        return None, SAME_NAME.format(
            village=village.name, count=pool.count(), name=text, homes=homes
        )
    return matches[0], ""
