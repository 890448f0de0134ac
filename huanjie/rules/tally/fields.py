"""Strict readers for the JSON values of a contest: each failure names the field (IO-1).

Numbers are JSON integers only: `3.0`, `"3"` and `true` are refused.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from enum import StrEnum
from typing import TypeVar

from huanjie.rules.tally.model import ContestError

E = TypeVar("E", bound=StrEnum)


def at(prefix: str, key: str | int) -> str:
    """The path of a field: `votes.member.A`, `ballots[3].chair`."""
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else key


def obj(value: object, field: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ContestError(field, "应为 JSON 对象（{…}），请按 tally-io.md 的格式填写")
    return value


def array(value: object, field: str) -> Sequence[object]:
    if not isinstance(value, list):
        raise ContestError(field, "应为 JSON 数组（[…]），请按 tally-io.md 的格式填写")
    return value


def only_keys(data: Mapping[str, object], allowed: Collection[str], prefix: str) -> None:
    """Refuse the first unknown key (in code-point order, so the message is stable)."""
    for key in sorted(data):
        if key not in allowed:
            raise ContestError(at(prefix, key), "不认识或此处不允许的字段，请删除或改正拼写")


def required(data: Mapping[str, object], key: str, prefix: str = "") -> object:
    if key not in data:
        raise ContestError(at(prefix, key), "缺少必填字段，请补上")
    return data[key]


def integer(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ContestError(field, "应为整数（不带小数点、不加引号，也不是 true/false），请改正")
    if value < 0:
        raise ContestError(field, "不能为负数，请填写 0 或更大的整数")
    return value


def optional_integer(data: Mapping[str, object], key: str, prefix: str = "") -> int | None:
    return integer(data[key], at(prefix, key)) if key in data else None


def text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value:
        raise ContestError(field, "应为非空的文字（JSON 字符串），请改正")
    return value


def boolean(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise ContestError(field, "应为 true 或 false，请改正")
    return value


def choice(value: object, field: str, allowed: Collection[E]) -> E:
    options = "、".join(str(option) for option in allowed)
    if isinstance(value, str):
        for option in allowed:
            if value == option:
                return option
    raise ContestError(field, f"取值不正确，只能是 {options} 之一")


def names(value: object, field: str) -> tuple[str, ...]:
    """A JSON array of person keys."""
    return tuple(text(item, at(field, index)) for index, item in enumerate(array(value, field)))


def distinct_names(value: object, field: str) -> tuple[str, ...]:
    persons = names(value, field)
    seen: set[str] = set()
    for index, person in enumerate(persons):
        if person in seen:
            raise ContestError(at(field, index), f"{person} 重复出现，请只保留一次")
        seen.add(person)
    return persons
