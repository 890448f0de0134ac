"""What an audit entry says happened: a stable code and the Chinese label shown to people.

Each app declares the actions it records next to its services, e.g.
`HOLIDAY_IMPORT = AuditAction("holiday.import", "导入节假日安排")`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: str

    def __post_init__(self) -> None:
        if not self.code or not self.label:
            raise ValueError("An audit action needs both a code and a Chinese label.")
