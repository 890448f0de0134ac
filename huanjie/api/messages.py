"""The API's user-facing Chinese messages; each error carries a stable code beside its message."""

from __future__ import annotations

NOT_FOUND = "找不到该接口地址或对象。请核对地址（接口地址以 / 结尾）和编号，接口列表见 /api/docs/。"
NOT_FOUND_SLASH = "接口地址应以 / 结尾，请改用 {path}/ 。"
PAGE_NOT_FOUND = "第 {page} 页没有数据：共 {pages} 页。请改用 1 到 {pages} 之间的页码。"
PERMISSION_DENIED = "您的角色不能进行此项操作。如确需办理，请联系系统管理员核对您的角色和管辖区划。"
CSRF_FAILED = (
    "请求缺少有效的 CSRF 令牌，已拒绝。网页会话调用写接口时须带上 X-CSRFToken 请求头；"
    "脚本调用请改用接口令牌（Authorization: Token …）。"
)
NOT_AUTHENTICATED = (
    "请先登录，或在请求头中带上接口令牌：Authorization: Token <令牌>。令牌由系统管理员签发。"
)
AUTHENTICATION_FAILED = "接口令牌无效、已作废，或其账号已停用。请联系系统管理员重新签发令牌。"
METHOD_NOT_ALLOWED = "此接口不支持 {method} 请求，请改用：{allowed}。"
NOT_ACCEPTABLE = "此接口只返回 JSON，请在 Accept 请求头中接受 application/json。"
UNSUPPORTED_MEDIA_TYPE = "不支持的请求内容类型“{media_type}”，请按接口文档（/api/docs/）发送。"
MALFORMED = "请求内容无法解析：{reason}。请按接口文档（/api/docs/）检查请求格式。"
INVALID_INPUT = "请求中有不符合要求的参数，详见 details，请改正后重试。"
THROTTLED = "请求过于频繁，请 {wait} 秒后再试。"
SERVER_ERROR = "服务器处理请求时出错，未完成本次操作。请稍后重试；如仍出错，请联系系统管理员。"
GENERIC = "请求未能完成（{status}）。请按接口文档（/api/docs/）检查后重试。"

INVALID_PAGE = "页码应为从 1 开始的整数。"
INVALID_PAGE_SIZE = "每页条数应为 1 到 {max} 之间的整数。"
CODE_FORMAT = "区划代码应为 1 到 12 位数字，例如 331127 表示景宁县及其下辖区划。"
CONTEST_INVALID = "计票数据无法计算：{line}"
IMPORT_REFUSED = "户籍登记表未被接收：{reason}"
IMPORT_NOT_AWAITING = "这份文件已在导入中、已导入或未通过校验，不能再次确认。请先查看导入状态。"
IMPORT_NOT_FOUND = "找不到该次户籍导入，或它不属于这个村（社区）。请从本村的导入列表重新进入。"
