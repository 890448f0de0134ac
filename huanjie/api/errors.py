"""Every API error as one JSON shape: `{"code": "<stable_code>", "message": "<中文>", "details": …}`.

`code` is for programs (it never changes once published), `message` for people (plain Chinese,
saying what is wrong and what to do next), `details` what the caller needs to fix it (field
errors, the seconds to wait) or null. A gate's 404 carries the gate's own message, the same for
missing and out of scope. `not_found` answers any /api/ address that names no endpoint.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, set_rollback

from huanjie.api import messages as msg

logger = logging.getLogger("huanjie.api")


class ApiError(exceptions.APIException):
    """An error with its own stable code, message and details (raised by the API's views)."""

    def __init__(self, status_code: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message, code)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.details = details


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every exception of a view as the error shape."""
    request = context.get("request")
    found = _describe(exc, request)
    if found is None:
        if settings.DEBUG:
            return None  # the debug page, for the developer
        logger.exception("API request %s failed", getattr(request, "path", "?"))
        found = (status.HTTP_500_INTERNAL_SERVER_ERROR, "server_error", msg.SERVER_ERROR, None)
    code_status, code, message, details = found
    set_rollback()
    response = Response(error_body(code, message, details), status=code_status)
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        response["WWW-Authenticate"] = auth_header
    wait = getattr(exc, "wait", None)
    if isinstance(exc, exceptions.Throttled) and wait is not None:
        response["Retry-After"] = str(int(wait))
    return response


Described = tuple[int, str, str, Any]


def _describe(exc: Exception, request: Request | None) -> Described | None:
    if isinstance(exc, ApiError):
        return exc.status_code, exc.code, exc.message, exc.details
    if isinstance(exc, Http404 | exceptions.NotFound):
        return 404, "not_found", _for_people(exc) or msg.NOT_FOUND, None
    if isinstance(exc, DjangoPermissionDenied):
        return 403, "permission_denied", _for_people(exc) or msg.PERMISSION_DENIED, None
    if isinstance(exc, DjangoValidationError):
        return 400, "invalid_input", "".join(exc.messages), None
    if isinstance(exc, exceptions.APIException):
        return _describe_drf(exc, request)
    return None


def _describe_drf(exc: exceptions.APIException, request: Request | None) -> Described:
    code_status = exc.status_code
    if isinstance(exc, exceptions.NotAuthenticated):
        return code_status, "not_authenticated", msg.NOT_AUTHENTICATED, None
    if isinstance(exc, exceptions.AuthenticationFailed):
        return code_status, "authentication_failed", msg.AUTHENTICATION_FAILED, None
    if isinstance(exc, exceptions.PermissionDenied):
        if str(exc.detail).startswith("CSRF Failed"):
            return code_status, "csrf_failed", msg.CSRF_FAILED, None
        return code_status, "permission_denied", _for_people(exc) or msg.PERMISSION_DENIED, None
    if isinstance(exc, exceptions.MethodNotAllowed):
        method = request.method if request is not None else "?"
        view = request.parser_context.get("view") if request is not None else None
        allowed = "、".join(m for m in getattr(view, "allowed_methods", []) if m != "OPTIONS")
        message = msg.METHOD_NOT_ALLOWED.format(method=method, allowed=allowed or "无")
        return code_status, "method_not_allowed", message, None
    if isinstance(exc, exceptions.NotAcceptable):
        return code_status, "not_acceptable", msg.NOT_ACCEPTABLE, None
    if isinstance(exc, exceptions.UnsupportedMediaType):
        media_type = request.content_type if request is not None else ""
        message = msg.UNSUPPORTED_MEDIA_TYPE.format(media_type=media_type)
        return code_status, "unsupported_media_type", message, None
    if isinstance(exc, exceptions.Throttled):
        wait = int(getattr(exc, "wait", None) or 1)
        return code_status, "throttled", msg.THROTTLED.format(wait=wait), {"wait": wait}
    if isinstance(exc, exceptions.ParseError):
        return code_status, "malformed_request", msg.MALFORMED.format(reason=exc.detail), None
    if isinstance(exc, exceptions.ValidationError):
        return code_status, "invalid_input", msg.INVALID_INPUT, exc.detail
    return code_status, str(exc.default_code), msg.GENERIC.format(status=code_status), None


def _for_people(exc: Exception) -> str:
    """The exception's message if it was written for people (Chinese), else ""."""
    detail = getattr(exc, "detail", None)
    message = detail if detail is not None else (exc.args[0] if exc.args else "")
    text = str(message)
    return text if any("\u4e00" <= c <= "\u9fff" for c in text) else ""


class NotFoundView(APIView):
    """Any /api/ address that names no endpoint: the JSON 404, for every method."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes: list[type] = []
    schema = None  # not an endpoint: left out of the OpenAPI schema

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        raise ApiError(404, "not_found", _missing_slash(request._request) or msg.NOT_FOUND)


def _missing_slash(request: HttpRequest) -> str:
    """The hint for /api/v1/regions when /api/v1/regions/ is an endpoint."""
    path = request.path
    if path.endswith("/"):
        return ""
    try:
        match = resolve(f"{path}/")
    except Resolver404:
        return ""
    if getattr(match.func, "view_class", None) is NotFoundView:
        return ""
    return msg.NOT_FOUND_SLASH.format(path=path)
