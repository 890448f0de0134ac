"""The household-register template of domain.md §1: its columns and the words each accepts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from huanjie.people.models import (
    Education,
    HeadRelation,
    Household,
    Person,
    PersonTagKind,
    PoliticalStatus,
)
from huanjie.regions.models import VillagerGroup

HOUSEHOLD_NUMBER = "户号"
VILLAGER_GROUP = "村民小组"
NAME = "姓名"
SEX = "性别"
ID_NUMBER = "身份证号"
RELATION = "与户主关系"
ETHNICITY = "民族"
EDUCATION = "文化程度"
POLITICAL_STATUS = "政治面貌"
HUKOU = "户籍在本村"
RESIDES = "在本村居住"
PHONE = "联系电话"
TAGS = "标签"

# A row whose 户号 is this word is the template's example and is never imported.
EXAMPLE_MARKER = "示例"
TAG_SEPARATORS = re.compile(r"[；;、]")

SEX_BY_LABEL = {"男": "M", "女": "F"}
YES_NO = {"是": True, "否": False}
RELATION_BY_LABEL = {str(label): value for value, label in HeadRelation.choices}
EDUCATION_BY_LABEL = {str(label): value for value, label in Education.choices}
POLITICAL_BY_LABEL = {str(label): value for value, label in PoliticalStatus.choices}
TAG_BY_LABEL = {str(label): value for value, label in PersonTagKind.choices}


def _limit(model: type, field: str) -> int:
    return int(model._meta.get_field(field).max_length)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str
    choices: tuple[str, ...] = ()
    max_length: int | None = None


COLUMNS: tuple[Column, ...] = (
    Column(
        HOUSEHOLD_NUMBER,
        True,
        "本村户籍簿上的户号；同一户的每个成员填同一户号。填“示例”的行不会导入。",
        max_length=_limit(Household, "number"),
    ),
    Column(
        VILLAGER_GROUP,
        True,
        "所属村民小组的名称，如“第一村民小组”。系统中还没有的小组会在预览中列出，确认后新建。",
        max_length=_limit(VillagerGroup, "name"),
    ),
    Column(NAME, True, "与居民身份证一致的姓名。", max_length=_limit(Person, "name")),
    Column(
        SEX, True, "男或女，须与身份证号第17位一致（单数为男，双数为女）。", tuple(SEX_BY_LABEL)
    ),
    Column(
        ID_NUMBER,
        True,
        "18位居民身份证号，末位可以是X。请把这一列设为“文本”格式，否则 Excel 会丢掉后几位。",
    ),
    Column(
        RELATION,
        True,
        "按 GB/T 4761 填写与户主的关系；每户有且只有一名“户主”。",
        tuple(RELATION_BY_LABEL),
    ),
    Column(
        ETHNICITY,
        False,
        "如“汉族”“畲族”；不填按汉族登记。",
        max_length=_limit(Person, "ethnicity"),
    ),
    Column(EDUCATION, False, "最高学历；不清楚可不填。", tuple(EDUCATION_BY_LABEL)),
    Column(POLITICAL_STATUS, False, "不填按群众登记。", tuple(POLITICAL_BY_LABEL)),
    Column(HUKOU, True, "户籍是否在本村：是或否。", tuple(YES_NO)),
    Column(RESIDES, True, "现在是否在本村居住：是或否。", tuple(YES_NO)),
    Column(PHONE, False, "手机或固定电话，只含数字和“-”。", max_length=_limit(Person, "phone")),
    Column(
        TAGS,
        False,
        "可不填；多个标签用“；”或“、”分隔。可选：" + "、".join(TAG_BY_LABEL) + "。",
        tuple(TAG_BY_LABEL),
    ),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
REQUIRED = tuple(c.name for c in COLUMNS if c.required)
BY_NAME = {c.name: c for c in COLUMNS}
