"""Reading a parameter's value from TOML or JSON into its Python type, and showing it back."""

from __future__ import annotations

import re
from fractions import Fraction

from huanjie.rules.kinship.relations import RelationSet
from huanjie.rules.profiles.schema import (
    ID_PATTERN,
    Kind,
    ParamSpec,
    ParamValue,
    ProfileError,
    describe,
)

_FRACTION_PATTERN = re.compile(r"(\d+)/(\d+)")


def show(value: ParamValue) -> str:
    """A value as a profile file writes it."""
    if value is None:
        return "空（null）"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def coerce(spec: ParamSpec, raw: object) -> ParamValue:
    """The typed value of `raw` (from TOML or JSON), or a ProfileError naming the parameter."""
    if raw is None:
        if spec.nullable:
            return None
        raise _wrong(spec, raw, "不能为空")
    if spec.kind is Kind.BOOL:
        if isinstance(raw, bool):
            return raw
        raise _wrong(spec, raw, "应为 true 或 false")
    if spec.kind is Kind.INT:
        return _coerce_int(spec, raw)
    if spec.kind is Kind.FRACTION:
        return _coerce_fraction(spec, raw)
    if spec.kind is Kind.RETRY_BAR:
        if raw == "term":
            return "term"
        if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 1:
            return raw
        raise _wrong(spec, raw, '应为年数（正整数）、"term"（本届任期内）或空（不限制）')
    if not isinstance(raw, str):
        raise _wrong(spec, raw, "应为字符串")
    if spec.kind is Kind.RELATION_SET:
        if raw in RelationSet.__members__.values():
            return RelationSet(raw)
        raise _wrong(spec, raw, f"应为以下亲属范围之一：{'、'.join(RelationSet)}")
    if spec.kind is Kind.DATA_FILE:
        if ID_PATTERN.fullmatch(raw):
            return raw
        raise _wrong(spec, raw, "应为数据文件编号（大写字母、数字和下划线，如 NAT_2021）")
    if raw in spec.choices:
        return raw
    raise _wrong(spec, raw, f"应为以下取值之一：{'、'.join(spec.choices)}")


def _coerce_int(spec: ParamSpec, raw: object) -> int:
    # bool is an int subclass in Python; a profile's `true` is never a number.
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise _wrong(spec, raw, "应为整数")
    if raw < spec.minimum:
        raise _wrong(spec, raw, f"不能小于 {spec.minimum}")
    return raw


def _coerce_fraction(spec: ParamSpec, raw: object) -> Fraction:
    if isinstance(raw, Fraction):
        value = raw
    elif isinstance(raw, str) and (match := _FRACTION_PATTERN.fullmatch(raw)):
        numerator, denominator = (int(group) for group in match.groups())
        if denominator == 0:
            raise _wrong(spec, raw, "分母不能为 0")
        value = Fraction(numerator, denominator)
    else:
        raise _wrong(spec, raw, '应为写成字符串的分数，如 "4/5"')
    if not 0 < value <= 1:
        raise _wrong(spec, raw, "应大于 0 且不超过 1")
    return value


def _wrong(spec: ParamSpec, raw: object, expected: str) -> ProfileError:
    shown = show(raw) if isinstance(raw, int | str | Fraction) or raw is None else repr(raw)
    return ProfileError(spec.name, f"参数 {describe(spec.name)} 的值 {shown} 无效：{expected}。")
