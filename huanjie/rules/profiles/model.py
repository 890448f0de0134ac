"""A resolved profile and how one is built from its parent and its own entries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import MappingProxyType

from huanjie.rules.kinship.relations import RelationSet
from huanjie.rules.profiles.checks import check_against_parent, check_resolved
from huanjie.rules.profiles.schema import (
    ID_PATTERN,
    LEGAL_TAGS,
    SCHEMA,
    Body,
    Param,
    ParamValue,
    ProfileError,
    Tag,
    describe,
)
from huanjie.rules.profiles.values import coerce, show

SHIPPED_DIRECTORY = files("huanjie.rules.profiles")
OVERRIDES_SOURCE = "profile_overrides"
_ENTRY_KEYS = frozenset({"value", "source", "tag"})


@dataclass(frozen=True, slots=True)
class Profile:
    """A resolved profile: every parameter of its body, inherited or its own."""

    id: str
    title: str
    body: Body
    extends: str | None
    in_force_from: date | None
    chain: tuple[str, ...]  # profile ids from the root to this one
    values: Mapping[str, Param] = field(repr=False)
    overridden: frozenset[str] = frozenset()  # parameters set by `profile_overrides`
    # The bound each derived value is checked against: per parameter, the last value in the
    # chain taken from a legal text (tag V or S). A county's own tightening (tag I) does not
    # replace it, so a profile derived from the county cannot relax past the law.
    legal: Mapping[str, Param] = field(default_factory=lambda: MappingProxyType({}), repr=False)

    def __hash__(self) -> int:
        # Hashable like any frozen value (a cache key); the mapping proxy itself is not.
        return hash((self.id, self.chain, self.overridden, tuple(self.values.values())))

    def param(self, name: str) -> Param:
        found = self.values.get(name)
        if found is not None:
            return found
        spec = SCHEMA.get(name)
        if spec is None:
            raise ProfileError(name, f"未知参数 {name}：请对照 profiles.md 检查参数名。")
        if spec.body is not self.body:
            raise ProfileError(
                name,
                f"参数 {describe(name)} 属于{spec.body.label}方案，{self.id} 是{self.body.label}"
                f"方案：请改用{spec.body.label}方案读取此参数。",
            )
        raise ProfileError(
            name,
            f"方案 {self.id} 没有参数 {describe(name)}：只有部分方案设定此项，"
            "请先用 has() 判断，或改用设定了此项的方案。",
        )

    def get(self, name: str) -> ParamValue:
        return self.param(name).value

    def has(self, name: str) -> bool:
        return name in self.values

    def params(self) -> tuple[Param, ...]:
        """Every parameter of this profile, in profiles.md order (for the UI)."""
        return tuple(self.values[name] for name in SCHEMA if name in self.values)

    def get_int(self, name: str) -> int:
        value = self.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise self._not_a(name, value, "整数")

    def get_optional_int(self, name: str) -> int | None:
        return None if self.get(name) is None else self.get_int(name)

    def get_bool(self, name: str) -> bool:
        value = self.get(name)
        if isinstance(value, bool):
            return value
        raise self._not_a(name, value, "true/false")

    def get_fraction(self, name: str) -> Fraction:
        value = self.get(name)
        if isinstance(value, Fraction):
            return value
        raise self._not_a(name, value, "分数")

    def get_str(self, name: str) -> str:
        value = self.get(name)
        if isinstance(value, str) and not isinstance(value, RelationSet):
            return value
        raise self._not_a(name, value, "取值名称")

    def get_relation_set(self, name: str) -> RelationSet:
        value = self.get(name)
        if isinstance(value, RelationSet):
            return value
        raise self._not_a(name, value, "亲属范围")

    def derive(
        self,
        profile_id: str,
        values: Mapping[str, object],
        *,
        title: str | None = None,
        in_force_from: date | None = None,
    ) -> Profile:
        """A county's own profile extending this one, checked like a shipped one.

        A value is either bare (its source is the new profile's id, tag I) or a mapping
        `{"value": ..., "source": ..., "tag": ...}` as in a profile file.
        """
        if not ID_PATTERN.fullmatch(profile_id):
            raise ProfileError(
                "profile",
                f"方案编号 {profile_id!r} 无效：请只用大写字母、数字和下划线，并以字母开头"
                "（如 COUNTY_331127）。",
            )
        if profile_id in self.chain or profile_id in profile_ids(SHIPPED_DIRECTORY):
            raise ProfileError(
                "profile", f"方案编号 {profile_id} 已被使用：请为派生方案另取一个编号。"
            )
        own = read_entries(profile_id, self.body, values, bare_source=profile_id)
        return build_profile(
            self,
            profile_id=profile_id,
            title=title or f"{profile_id}（派生自 {self.id}）",
            body=self.body,
            in_force_from=in_force_from,
            own=own,
        )

    def with_overrides(self, overrides: Mapping[str, object]) -> Profile:
        """This profile with `profile_overrides` applied: same id and chain, checked values."""
        own = read_entries(OVERRIDES_SOURCE, self.body, overrides, bare_source=OVERRIDES_SOURCE)
        check_against_parent(own, self.legal, self.id)
        merged = {**self.values, **own}
        check_resolved(self.id, self.body, merged, root=False)
        return Profile(
            self.id,
            self.title,
            self.body,
            self.extends,
            self.in_force_from,
            self.chain,
            MappingProxyType(merged),
            self.overridden | frozenset(own),
            _legal_values(self.legal, own),
        )

    def _not_a(self, name: str, value: ParamValue, kind: str) -> ProfileError:
        return ProfileError(
            name, f"参数 {describe(name)} 的值 {show(value)} 不是{kind}：请按参数的类型读取。"
        )


def read_entries(
    owner: str, body: Body, raw: Mapping[str, object], *, bare_source: str | None
) -> dict[str, Param]:
    """Typed Params from a profile's `[params]` table (or a derive/override mapping)."""
    entries: dict[str, Param] = {}
    for name, entry in raw.items():
        spec = SCHEMA.get(name)
        if spec is None:
            raise ProfileError(
                name, f"方案 {owner} 含有未知参数 {name}：请对照 profiles.md 改正参数名或删除它。"
            )
        if spec.body is not body:
            raise ProfileError(
                name,
                f"参数 {describe(name)} 属于{spec.body.label}方案，不能用于{body.label}"
                f"方案 {owner}：请删除它。",
            )
        if isinstance(entry, Mapping):
            value, source, tag = _unpack_entry(name, entry)
        elif bare_source is not None:
            value, source, tag = entry, bare_source, Tag.INTERPRETATION
        else:
            raise ProfileError(
                name,
                f'参数 {describe(name)} 应写成 {{ value = …, source = "…", tag = "V" }}：'
                "每个值都要注明来源和核实标记。",
            )
        entries[name] = Param(name, coerce(spec, value), source, tag, owner)
    return entries


def _unpack_entry(name: str, entry: Mapping[object, object]) -> tuple[object, str, Tag]:
    unknown = sorted(str(key) for key in entry.keys() - _ENTRY_KEYS)
    if unknown:
        raise ProfileError(
            name,
            f"参数 {describe(name)} 含有未知字段 {'、'.join(unknown)}：只能有 value、source、tag。",
        )
    source, tag = entry.get("source"), entry.get("tag")
    if not isinstance(source, str) or not source.strip():
        raise ProfileError(
            name,
            f'参数 {describe(name)} 缺少来源（source）：请注明法规条文或文件，如 "ZJ-E20 art 25"。',
        )
    if not isinstance(tag, str) or tag not in Tag.__members__.values():
        problem = "缺少核实标记（tag）" if tag is None else f"的核实标记 {tag!r} 无效"
        raise ProfileError(
            name,
            f"参数 {describe(name)} {problem}：tag 应为 V、S、M、I、D 之一"
            "（V 原文核实，S 二手来源，M 待核实，I 解释，D 默认值）。",
        )
    return entry.get("value"), source, Tag(tag)


def build_profile(
    parent: Profile | None,
    *,
    profile_id: str,
    title: str,
    body: Body,
    in_force_from: date | None,
    own: Mapping[str, Param],
) -> Profile:
    """Resolve `own` on top of `parent` and check the result."""
    if parent is None:
        merged: dict[str, Param] = dict(own)
        chain: tuple[str, ...] = (profile_id,)
        legal = _legal_values({}, own)
    else:
        if parent.body is not body:
            raise ProfileError(
                "extends",
                f"方案 {profile_id} 是{body.label}方案，不能继承{parent.body.label}方案 "
                f"{parent.id}：请改为继承同类方案。",
            )
        check_against_parent(own, parent.legal, parent.id)
        merged = {**parent.values, **own}
        chain = (*parent.chain, profile_id)
        legal = _legal_values(parent.legal, own)
    check_resolved(profile_id, body, merged, root=parent is None)
    return Profile(
        profile_id,
        title,
        body,
        parent.id if parent else None,
        in_force_from,
        chain,
        MappingProxyType(merged),
        legal=legal,
    )


def _legal_values(inherited: Mapping[str, Param], own: Mapping[str, Param]) -> Mapping[str, Param]:
    own_legal = {name: param for name, param in own.items() if param.tag in LEGAL_TAGS}
    return MappingProxyType({**inherited, **own_legal})


def profile_ids(directory: Traversable) -> tuple[str, ...]:
    """Ids of the profile files (`<id>.toml`) in `directory`, sorted."""
    names = (entry.name for entry in directory.iterdir())
    return tuple(sorted(name.removesuffix(".toml") for name in names if name.endswith(".toml")))
