"""What the OpenAPI schema says beyond what drf-spectacular infers: the error responses.

Each view names the errors particular to it (`errors(400, 404)`); `add_common_errors` (a
SPECTACULAR_SETTINGS postprocessing hook) adds those every endpoint of /api/v1/ can answer.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse

from huanjie.api.serializers.common import ErrorSerializer

ERROR_TEXT = {
    400: "请求有误：参数或请求内容不符合要求（details 中逐项说明）",
    401: "未登录，或接口令牌无效",
    403: "您的角色不能进行此项操作",
    404: "找不到，或不在您的管辖范围内（两者回答相同）",
    405: "此接口不支持该请求方法",
    406: "只能返回 JSON",
    409: "对象当前的状态不允许此项操作（message 说明现在的状态）",
    415: "不支持的请求内容类型",
    429: "请求过于频繁",
}
COMMON = (401, 403, 405, 406, 429)
ERROR_REF = {"$ref": "#/components/schemas/Error"}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[code]) for code in codes}


def add_common_errors(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    for path, item in result.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for code in (*COMMON, *((415,) if "requestBody" in operation else ())):
                responses.setdefault(
                    str(code),
                    {
                        "description": ERROR_TEXT[code],
                        "content": {"application/json": {"schema": ERROR_REF}},
                    },
                )
    return result
