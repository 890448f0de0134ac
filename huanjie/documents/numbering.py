"""The 文号 of an announcement: 〔year〕n号 with the hexagonal brackets of GB/T 9704 (〔〕, never
【】 or []), optionally after the issuer's abbreviation ("上洋村选委〔2026〕3号")."""

from __future__ import annotations


def document_number(year: int, serial: int, *, prefix: str = "") -> str:
    if year < 1000 or serial < 1:
        raise ValueError(
            f"a document number needs a four-digit year and a serial ≥ 1: {year}, {serial}"
        )
    return f"{prefix}〔{year}〕{serial}号"
