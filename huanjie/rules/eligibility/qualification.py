"""Qualification conditions (QUAL-2..9): negative lists as data, assessed against findings.

A negative list (`qualification_lists/<ID>.toml`) names facts the county joint review (联审)
records — `criminal_punishment`, `gang_related`, … — and what each means on that list: an
outcome (不能 → INELIGIBLE, 不宜 → UNSUITABLE, SEED-QUAL) and a look-back window. The same
finding can weigh differently on two lists: a gang-related matter dealt with four years ago has
lapsed on Zhejiang's 2013 list (3 years, QUAL-5) but not on the 2016 list (5 years, QUAL-7).

Windows [I]: the event date is the day the matter ended (release, end of probation, the day it
was dealt with or resolved); no date means it has not ended. A window of N years has passed on
the N-th anniversary of the event (as a person is 18 on their 18th birthday, VC-REG-1); 29
February counts from 28 February in other years (民法典 202). A window of 0 means the item
holds only until the matter is resolved; no window means it holds however long ago it was.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from huanjie.rules.errors import RuleViolation
from huanjie.rules.timeline.periods import add_years

_RULE_ID = "QUAL"
_LIST_KEYS = frozenset({"title", "rule_id", "source", "tag", "standards", "item"})
_ITEM_KEYS = frozenset({"id", "no", "text", "outcome", "window_years", "source", "tag"})
_TAGS = frozenset({"V", "S", "M", "I", "D"})


class Outcome(StrEnum):
    INELIGIBLE = "ineligible"  # 不能 / 不得: may not be a candidate; if elected, void (QUAL-9)
    UNSUITABLE = "unsuitable"  # 不宜: a flag for the Party organization and the committee


class Status(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    UNSUITABLE = "unsuitable"


class VettingStatus(StrEnum):
    """The county joint review's state for one candidate (QUAL-3)."""

    PENDING = "pending"
    CLEARED = "cleared"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class QualItem:
    id: str
    no: str
    text: str
    outcome: Outcome
    window_years: int | None
    source: str
    tag: str


@dataclass(frozen=True, slots=True)
class QualificationList:
    id: str
    title: str
    rule_id: str
    source: str
    tag: str
    standards: tuple[str, ...]
    items: tuple[QualItem, ...]

    def item(self, item_id: str) -> QualItem | None:
        return next((item for item in self.items if item.id == item_id), None)


@dataclass(frozen=True, slots=True)
class Finding:
    """A fact the joint review recorded: the list item's id and the day the matter ended."""

    item_id: str
    event_date: date | None = None


@dataclass(frozen=True, slots=True)
class QualificationResult:
    list_id: str
    status: Status
    counted: tuple[QualItem, ...]  # the items that decide the status
    lapsed: tuple[QualItem, ...]  # found, but outside the item's window
    unlisted: tuple[str, ...]  # findings this list does not name
    rule_ids: tuple[str, ...]

    @property
    def message(self) -> str:
        if self.status is Status.ELIGIBLE:
            return "未发现负面清单所列情形，符合资格条件。"
        verdict = "不能作为候选人" if self.status is Status.INELIGIBLE else "不宜作为候选人"
        reasons = "；".join(f"第{item.no}项：{item.text}" for item in self.counted)
        rules = "、".join(self.rule_ids)
        return f"{verdict}（{rules}）：{reasons}。如认定有误，请联审部门核实后更正记录。"


def _counts(item: QualItem, finding: Finding, on: date) -> bool:
    if item.window_years is None or finding.event_date is None:
        return True
    return on < add_years(finding.event_date, item.window_years)


def assess(findings: Iterable[Finding], list_id: str, on: date) -> QualificationResult:
    """ELIGIBLE, INELIGIBLE (any 不能 item holds) or UNSUITABLE (only 不宜 items hold) on `on`."""
    qual_list = load_list(list_id)
    counted: list[QualItem] = []
    lapsed: list[QualItem] = []
    unlisted: list[str] = []
    for finding in findings:
        item = qual_list.item(finding.item_id)
        if item is None:
            unlisted.append(finding.item_id)
        elif _counts(item, finding, on):
            counted.append(item)
        else:
            lapsed.append(item)
    ineligible = tuple(dict.fromkeys(i for i in counted if i.outcome is Outcome.INELIGIBLE))
    unsuitable = tuple(dict.fromkeys(i for i in counted if i.outcome is Outcome.UNSUITABLE))
    if ineligible:
        status, deciding = Status.INELIGIBLE, ineligible
    elif unsuitable:
        status, deciding = Status.UNSUITABLE, unsuitable
    else:
        status, deciding = Status.ELIGIBLE, ()
    rule_ids = (qual_list.rule_id, "QUAL-9") if ineligible else (qual_list.rule_id,)
    return QualificationResult(
        list_id=qual_list.id,
        status=status,
        counted=deciding,
        lapsed=tuple(dict.fromkeys(lapsed)),
        unlisted=tuple(dict.fromkeys(unlisted)),
        rule_ids=rule_ids,
    )


def is_disqualifying(result: QualificationResult) -> bool:
    """An ineligible winner is not validly elected (QUAL-9); 不宜 alone never voids a result."""
    return result.status is Status.INELIGIBLE


def can_be_listed(vetting_status: VettingStatus) -> bool:
    """Only a candidate cleared by the county joint review goes on the official list (QUAL-3)."""
    return vetting_status is VettingStatus.CLEARED


# --- the data files -------------------------------------------------------------------------


def list_ids() -> tuple[str, ...]:
    folder = resources.files("huanjie.rules.eligibility").joinpath("qualification_lists")
    return tuple(
        sorted(
            entry.name.removesuffix(".toml")
            for entry in folder.iterdir()
            if entry.name.endswith(".toml")
        )
    )


@cache
def load_list(list_id: str) -> QualificationList:
    """The negative list `list_id` (the profile's `qual.list`); RuleViolation if unknown."""
    if list_id not in list_ids():
        known = "、".join(list_ids())
        raise RuleViolation(
            _RULE_ID, f"资格负面清单 {list_id} 不存在，请在规则配置的 qual.list 中选用：{known}"
        )
    path = resources.files("huanjie.rules.eligibility").joinpath(
        "qualification_lists", f"{list_id}.toml"
    )
    return parse_list(list_id, tomllib.loads(path.read_text(encoding="utf-8")))


def _fail(list_id: str, what: str) -> RuleViolation:
    return RuleViolation(_RULE_ID, f"资格负面清单 {list_id} 有误：{what}，请更正数据文件")


def _text(list_id: str, data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(list_id, f"缺少文字字段 {key}")
    return value


def _tag(list_id: str, value: str) -> str:
    if value not in _TAGS:
        raise _fail(list_id, f"核实标记 {value} 无效（应为 V、S、M、I 或 D）")
    return value


def _window(list_id: str, raw: Mapping[str, Any]) -> int | None:
    window = raw.get("window_years")
    if window is None:
        return None
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise _fail(list_id, f"第{raw.get('no')}项的 window_years 应为非负整数")
    return window


def _item(list_id: str, raw: object, source: str, tag: str) -> QualItem:
    if not isinstance(raw, dict):
        raise _fail(list_id, "每个条目应为一张表（[[item]]）")
    unknown = sorted(set(raw) - _ITEM_KEYS)
    if unknown:
        raise _fail(list_id, f"条目含未知字段 {'、'.join(unknown)}")
    outcome = _text(list_id, raw, "outcome")
    if outcome not in Outcome.__members__.values():
        raise _fail(list_id, f"条目 {raw.get('id')} 的 outcome 应为 ineligible 或 unsuitable")
    return QualItem(
        id=_text(list_id, raw, "id"),
        no=_text(list_id, raw, "no"),
        text=_text(list_id, raw, "text"),
        outcome=Outcome(outcome),
        window_years=_window(list_id, raw),
        source=_text(list_id, raw, "source") if "source" in raw else source,
        tag=_tag(list_id, _text(list_id, raw, "tag")) if "tag" in raw else tag,
    )


def parse_list(list_id: str, data: Mapping[str, Any]) -> QualificationList:
    """A negative list from its TOML data, every field checked."""
    unknown = sorted(set(data) - _LIST_KEYS)
    if unknown:
        raise _fail(list_id, f"含未知字段 {'、'.join(unknown)}")
    source = _text(list_id, data, "source")
    tag = _tag(list_id, _text(list_id, data, "tag"))
    raw_items = data.get("item")
    if not isinstance(raw_items, list) or not raw_items:
        raise _fail(list_id, "没有任何条目（[[item]]）")
    items = tuple(_item(list_id, raw, source, tag) for raw in raw_items)
    ids = [item.id for item in items]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise _fail(list_id, f"条目编号 {'、'.join(duplicated)} 重复")
    standards = data.get("standards", [])
    if not isinstance(standards, list) or not all(isinstance(s, str) for s in standards):
        raise _fail(list_id, "standards 应为文字列表")
    return QualificationList(
        id=list_id,
        title=_text(list_id, data, "title"),
        rule_id=_text(list_id, data, "rule_id"),
        source=source,
        tag=tag,
        standards=tuple(standards),
        items=items,
    )
