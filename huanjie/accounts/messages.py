"""User-facing Chinese messages of accounts and access gates.

A gate says the same thing whether the object is missing or outside the user's regions.
"""

from __future__ import annotations

_HOW_TO_FIX = "请从首页的列表重新进入；如确需访问，请联系系统管理员核对您的角色和管辖区划。"
REGION_NOT_FOUND = "找不到该行政区划，或它不在您的管辖范围内。" + _HOW_TO_FIX
VILLAGE_NOT_FOUND = "找不到该村（社区），或它不在您的管辖范围内。" + _HOW_TO_FIX
PERSON_NOT_FOUND = "找不到该人员，或其所在村（社区）不在您的管辖范围内。" + _HOW_TO_FIX
HOUSEHOLD_NOT_FOUND = "找不到该户，或其所在村（社区）不在您的管辖范围内。" + _HOW_TO_FIX

SCOPE_REQUIRED = "请填写管辖区划代码（12位统计用区划代码），例如乡镇组织委员填所在乡镇的代码。"
SCOPE_UNKNOWN = "区划代码 {code} 不在系统的行政区划中，请核对代码或先在“行政区划”中添加该区划。"
SCOPE_LEVEL_WRONG = "{role}的管辖区划应为{levels}级区划，请改填相应层级的区划代码。"
REVIEWER_NEEDS_DEPARTMENT = "联审人员须填写所属联审部门，例如“公安”或“纪检监察”。"

# Shown on the login page while axes keeps the account (and the computer it was tried from)
# locked after too many failures in a row.
LOGIN_LOCKED = (
    "登录失败次数过多，该账号已锁定 {minutes} 分钟（这台电脑上的登录也暂停），"
    "其间即使密码正确也无法登录。请 {minutes} 分钟后再试；"
    "如需提前解锁，请联系县（市、区）系统管理员。"
)

# The login page after "退出登录"; and the page a GET of the logout address shows.
LOGGED_OUT = "已退出：您已安全退出登录。如需继续使用，请重新登录；在公用电脑上请同时关闭浏览器。"
