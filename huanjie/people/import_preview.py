"""The stored preview of an import (`people.register.diff`) as a page, the API and the CLI show it:
sections in the order a committee checks them, ID numbers masked for a reader without the need.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from huanjie.people.models import RegisterImport
from huanjie.rules.eligibility.identity import mask_id_number

# (key, title, what confirming does to them), in the order the page lists them.
SECTIONS = (
    ("added", "新增人员", "登记为本村在册人员"),
    ("moved_in", "由外村迁入", "从原村转入本村在册"),
    ("returned", "恢复在册", "此前登记为已迁出，恢复为在册"),
    ("changed", "信息有变更", "按文件更新下列各项"),
    ("leaving", "不在文件中", "登记为已迁出（保留记录，不删除）"),
)
COUNT_LABELS = {
    "new_households": "新增户",
    "regrouped": "调整村民小组的户",
    "added": "新增人员",
    "moved_in": "由外村迁入",
    "returned": "恢复在册",
    "changed": "信息有变更",
    "leaving": "登记为已迁出",
    "unchanged": "无变化",
}


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    effect: str
    count: int
    rows: list[dict[str, Any]]

    @property
    def cut(self) -> bool:
        return self.count > len(self.rows)


@dataclass(frozen=True)
class Preview:
    coverage: str
    counts: list[tuple[str, str, int]]  # (key, label, count), the non-zero ones
    new_households: list[list[Any]]
    new_households_total: int
    regrouped: list[list[Any]]
    sections: list[Section]

    @property
    def changes_nothing(self) -> bool:
        return all(key == "unchanged" for key, _, _ in self.counts)


def import_preview(register_import: RegisterImport, *, full_ids: bool) -> Preview | None:
    """The preview stored on the import, or None (not validated, or from before previews)."""
    stored = register_import.report.get("preview") if register_import.report else None
    if not stored:
        return None
    counts = stored["counts"]

    def shown(entry: dict[str, Any]) -> dict[str, Any]:
        number = entry["id_number"]
        return {**entry, "id_number": number if full_ids else mask_id_number(number)}

    sections = [
        Section(key, title, effect, counts[key], [shown(e) for e in stored[key]])
        for key, title, effect in SECTIONS
        if counts[key]
    ]
    return Preview(
        coverage=stored["coverage"],
        counts=[(k, label, counts[k]) for k, label in COUNT_LABELS.items() if counts.get(k)],
        new_households=stored["new_households"],
        new_households_total=counts["new_households"],
        regrouped=stored["regrouped"],
        sections=sections,
    )
