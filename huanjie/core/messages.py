"""User-facing Chinese messages of the web shell's own pages (what is wrong, what to do)."""

from __future__ import annotations

# --- the audit pages' filters --------------------------------------------------------------------
AUDIT_PICK_ACTOR = "请从列表中选择操作人。"
AUDIT_PICK_ACTION = "请从列表中选择操作。"
AUDIT_PICK_PLACE = "请从列表中选择村（社区）或乡镇（街道）。"
AUDIT_BAD_DATE = "日期应写成 2026-03-01 这样的格式，请重新选择。"
AUDIT_DATES_REVERSED = "截止日期早于起始日期，请重新选择（起始日期在前）。"
# Observers and reviewers have no village pages, so no audit trail either.
AUDIT_NOT_FOR_ROLE = (
    "您的角色不能查看操作记录：操作记录含村民的个人信息，"
    "由系统管理员、县换届办、乡镇组织委员、包村干部和村选委会、村党组织在各自管辖范围内查看。"
    "如需了解某项修改，请联系相应的乡镇（街道）或县换届办。"
)
