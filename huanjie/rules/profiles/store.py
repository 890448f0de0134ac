"""Profiles read from a directory of TOML files (the shipped ones, or a test's)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import date
from importlib.resources.abc import Traversable

from huanjie.rules.profiles.model import Profile, build_profile, profile_ids, read_entries
from huanjie.rules.profiles.schema import ID_PATTERN, Body, ProfileError

_FILE_KEYS = frozenset({"title", "body", "extends", "in_force_from", "params"})


class ProfileStore:
    """Profiles read from a directory of TOML files, resolved once per id."""

    def __init__(self, directory: Traversable) -> None:
        self._directory = directory
        self._cache: dict[str, Profile] = {}

    def ids(self) -> tuple[str, ...]:
        return profile_ids(self._directory)

    def load(self, profile_id: str) -> Profile:
        return self._load(profile_id, ())

    def _load(self, profile_id: str, descendants: tuple[str, ...]) -> Profile:
        cached = self._cache.get(profile_id)
        if cached is not None:
            return cached
        if profile_id in descendants:
            loop = " → ".join((*descendants, profile_id))
            raise ProfileError("extends", f"方案的继承关系构成循环：{loop}。请修改 extends。")
        document = self._read(profile_id, descendants)
        title, body, extends, in_force_from, raw_params = _file_fields(profile_id, document)
        parent = self._load(extends, (*descendants, profile_id)) if extends else None
        own = read_entries(profile_id, body, raw_params, bare_source=None)
        profile = build_profile(
            parent,
            profile_id=profile_id,
            title=title,
            body=body,
            in_force_from=in_force_from,
            own=own,
        )
        self._cache[profile_id] = profile
        return profile

    def _read(self, profile_id: str, descendants: tuple[str, ...]) -> dict[str, object]:
        path = self._directory / f"{profile_id}.toml"
        if not ID_PATTERN.fullmatch(profile_id) or not path.is_file():
            field_name = "extends" if descendants else "profile"
            raise ProfileError(
                field_name,
                f"未知的规则方案 {profile_id}：可用的方案有 {'、'.join(self.ids())}。",
            )
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ProfileError(
                "profile", f"方案文件 {profile_id}.toml 格式错误：{error}。请按 TOML 语法改正。"
            ) from error


def _file_fields(
    profile_id: str, document: Mapping[str, object]
) -> tuple[str, Body, str | None, date | None, Mapping[str, object]]:
    unknown = sorted(document.keys() - _FILE_KEYS)
    if unknown:
        raise ProfileError(
            unknown[0],
            f"方案文件 {profile_id}.toml 含有未知字段 {'、'.join(unknown)}：只能有 "
            "title、body、extends、in_force_from 和 [params]。",
        )
    title, body, extends = document.get("title"), document.get("body"), document.get("extends")
    in_force_from, params = document.get("in_force_from"), document.get("params", {})
    if not isinstance(title, str) or not title.strip():
        raise ProfileError("title", f"方案 {profile_id} 缺少中文名称（title）：请补上。")
    if body not in Body.__members__.values():
        raise ProfileError(
            "body",
            f"方案 {profile_id} 的 body 应为 villagers_committee 或 party_organization。",
        )
    if extends is not None and not isinstance(extends, str):
        raise ProfileError("extends", f"方案 {profile_id} 的 extends 应为方案编号（字符串）。")
    # tomllib gives datetime for a date-time, and datetime is a date subclass.
    if in_force_from is not None and (
        not isinstance(in_force_from, date) or hasattr(in_force_from, "hour")
    ):
        raise ProfileError(
            "in_force_from", f"方案 {profile_id} 的 in_force_from 应为日期，如 2020-07-31。"
        )
    if not isinstance(params, Mapping):
        raise ProfileError("params", f"方案 {profile_id} 的 params 应为表（[params]）。")
    return title, Body(str(body)), extends, in_force_from, params
