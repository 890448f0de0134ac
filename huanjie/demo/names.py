"""Names for the demo: surnames common in 景宁 (with the 畲族 surnames), given names by
generation and sex, and fictional place names.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

# Surnames frequent in southern Zhejiang's mountain counties, with relative weights.
HAN_SURNAMES: dict[str, int] = {
    "吴": 9, "陈": 8, "潘": 7, "叶": 7, "刘": 6, "王": 5, "林": 5, "柳": 4, "梅": 4,
    "李": 4, "张": 4, "徐": 3, "任": 3, "严": 3, "季": 3, "周": 3, "朱": 3, "毛": 3,
    "何": 2, "胡": 2, "金": 2, "郑": 2, "杨": 2, "黄": 2, "邱": 2, "赵": 1, "项": 2,
    "谢": 1, "沈": 1, "杜": 1, "范": 1, "蔡": 1, "程": 1, "练": 1, "夏": 1, "蒋": 1,
}  # fmt: skip
# The 畲族 surnames of 景宁 (盘 is rare there).
SHE_SURNAMES: dict[str, int] = {"蓝": 5, "雷": 5, "钟": 3}

# Given-name characters by the decade people were born in: older names are rural and plain,
# younger ones follow later fashions.
_GIVEN: dict[tuple[str, str], str] = {
    ("old", "M"): "根土金水木林福德顺发财荣春明清海庆国建忠永昌生松柏长宝银",
    ("old", "F"): "秀英兰花凤珍玉梅莲娟芳桂菊翠香银娥彩仙月琴美",
    ("mid", "M"): "建伟军华强勇斌刚平峰明林辉俊锋东波杰新志国海飞涛云亮",
    ("mid", "F"): "丽艳红霞燕静芳敏萍琴娟慧玲美雪婷春晓琳芬洁丹",
    ("young", "M"): "浩宇轩杰涛磊鑫博晨俊泽豪睿航宸逸辰凯文哲铭煜",
    ("young", "F"): "欣雨涵怡梓琪萱诗佳悦思婷妍可馨彤晴心语若瑶",
}

# Syllables for fictional place names, in the style of the county's mountain villages.
_PLACE_FIRST = "云溪枫竹梧桐石青白金银上下东西南大小高新黄龙凤鹤松杉茶桃梅柳泉岩苍翠望"
_PLACE_SECOND = "溪岭坑垟岙坪源漈山水潭湾口头后前里垄畈田湖塘川峰洋寮"
# Real township names of 景宁, never generated (the townships of the demo are fictional).
_REAL_TOWNSHIPS = frozenset(
    [
        "红星",
        "鹤溪",
        "渤海",
        "东坑",
        "英川",
        "沙湾",
        "大均",
        "梧桐",
        "标溪",
        "毛垟",
        "秋炉",
        "大地",
        "家地",
        "雁溪",
        "鸬鹚",
        "梅岐",
        "郑坑",
        "澄照",
        "景南",
        "九龙",
        "大漈",
    ]
)

CHINESE_NUMERALS = "一二三四五六七八九十"


def pick_weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def surname(rng: random.Random, *, she: bool) -> str:
    return pick_weighted(rng, SHE_SURNAMES if she else HAN_SURNAMES)


def generation(birth_year: int) -> str:
    if birth_year < 1965:
        return "old"
    return "mid" if birth_year < 1990 else "young"


def given_name(rng: random.Random, sex: str, birth_year: int, *, first: str = "") -> str:
    """One or two characters; `first` fixes the first one (a generation name shared by
    brothers)."""
    pool = _GIVEN[(generation(birth_year), sex)]
    if first:
        # Never the generation character twice (豪豪 is a nickname, not a registered name).
        return first + rng.choice(pool.replace(first, ""))
    if rng.random() < 0.25:
        return rng.choice(pool)
    a, b = rng.sample(pool, 2)
    return a + b


def generation_character(rng: random.Random, sex: str, birth_year: int) -> str:
    return rng.choice(_GIVEN[(generation(birth_year), sex)])


def place_names(
    rng: random.Random, count: int, suffixes: Sequence[str], taken: set[str]
) -> list[str]:
    """`count` distinct fictional names (two syllables + a suffix), none in `taken`; the
    chosen stems are added to `taken` so later calls stay distinct."""
    names: list[str] = []
    while len(names) < count:
        stem = rng.choice(_PLACE_FIRST) + rng.choice(_PLACE_SECOND)
        if stem in taken or stem in _REAL_TOWNSHIPS or stem[0] == stem[1]:
            continue
        taken.add(stem)
        names.append(stem + suffixes[len(names) % len(suffixes)])
    return names


def group_name(index: int) -> str:
    """第一组 … 第十二组 (index from 1)."""
    if index <= 10:
        return f"第{CHINESE_NUMERALS[index - 1]}组"
    return f"第十{CHINESE_NUMERALS[index - 11]}组"
