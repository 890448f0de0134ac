"""Query parameters of the API: read strictly (a malformed one is a 400 naming it), and the same
definitions in the OpenAPI schema, so the schema says exactly what is accepted."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request

from huanjie.api import messages as msg
from huanjie.api.errors import ApiError

CODE_PATTERN = r"^[0-9]{1,12}$"
SEARCH_MAX = 32  # as the village page's search box
YEAR_MIN, YEAR_MAX = 1949, 2999  # the holiday table's plausible years

CODE = OpenApiParameter(
    "code",
    {"type": "string", "pattern": CODE_PATTERN},
    description="区划代码前缀：只列出代码以它开头的区划，例如 331127（景宁县）或 331127100201（一个村）",
)
SEARCH = OpenApiParameter(
    "search",
    {"type": "string", "maxLength": SEARCH_MAX},
    description=f"按姓名查找：姓名中含这些字的人员（最多 {SEARCH_MAX} 个字）",
)
VILLAGE = OpenApiParameter(
    "village",
    {"type": "integer", "minimum": 1},
    description="村（社区）编号：只列出该村的人员",
)
YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
    description="年份，默认今年",
)


def _refuse(name: str, message: str) -> ApiError:
    return ApiError(400, "invalid_input", message, {name: [message]})


def code_prefix(request: Request) -> str:
    """`?code=`: a region-code prefix of 1 to 12 digits ("" when not given)."""
    raw = request.query_params.get("code")
    if raw is None:
        return ""
    if not (raw.isascii() and raw.isdigit() and 1 <= len(raw) <= 12):
        raise _refuse("code", msg.CODE_FORMAT)
    return raw


def search_text(request: Request) -> str:
    raw = request.query_params.get("search", "")
    if len(raw) > SEARCH_MAX:
        raise _refuse("search", f"查找的字最多 {SEARCH_MAX} 个，请缩短后重试。")
    # A NUL is in no name, and PostgreSQL refuses it in a query: it matches nothing.
    return raw.replace("\x00", "").strip()


def positive_id(request: Request, name: str) -> int | None:
    """An object id in the query (None when not given); the gate decides whether it exists."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    text = raw.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 4000 and int(text) >= 1):
        raise _refuse(name, "编号应为正整数。")
    return int(text)


def year(request: Request, default: int) -> int:
    raw = request.query_params.get("year")
    if raw is None:
        return default
    text = raw.strip()
    number = int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else 0
    if not YEAR_MIN <= number <= YEAR_MAX:
        raise _refuse("year", f"年份应为 {YEAR_MIN} 到 {YEAR_MAX} 之间的四位数字，例如 2026。")
    return number
