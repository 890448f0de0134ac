"""Page-number pagination: `?page=2&page_size=100`, at most MAX_PAGE_SIZE rows a page.

A malformed page or page size is a 400 (not silently the first page); a page past the last is
a 404 that says how many pages there are.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.paginator import Page, Paginator
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from huanjie.api import messages as msg
from huanjie.api.errors import ApiError

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _positive(request: Request, name: str, default: int, maximum: int | None) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    text = raw.strip()
    # Any length of digits is a page number (a page far past the last is a 404, not a 400).
    number = int(text) if text.isascii() and text.isdigit() and len(text) <= 4000 else 0
    if number < 1 or (maximum is not None and number > maximum):
        message = msg.INVALID_PAGE if name == "page" else msg.INVALID_PAGE_SIZE.format(max=maximum)
        raise ApiError(400, "invalid_input", message, {name: [message]})
    return number


class ApiPagination(BasePagination):
    page_query_param = "page"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        number = _positive(request, "page", 1, None)
        size = _positive(request, "page_size", PAGE_SIZE, MAX_PAGE_SIZE)
        paginator = Paginator(queryset, size)
        pages = max(paginator.num_pages, 1)
        if number > pages:
            raise ApiError(
                404, "page_not_found", msg.PAGE_NOT_FOUND.format(page=number, pages=pages)
            )
        self.request = request
        self.page: Page[Any] = paginator.page(number)
        self.size = size
        return list(self.page)

    def get_paginated_response(self, data: Any) -> Response:
        return Response(self.envelope(data))

    def envelope(self, data: Any) -> dict[str, Any]:
        count = self.page.paginator.count
        return {
            "count": count,
            "page": self.page.number,
            "page_size": self.size,
            "pages": max(math.ceil(count / self.size), 1),
            "next": self._link(self.page.next_page_number()) if self.page.has_next() else None,
            "previous": (
                self._link(self.page.previous_page_number()) if self.page.has_previous() else None
            ),
            "results": data,
        }

    def _link(self, number: int) -> str:
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "page", "page_size", "pages", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0, "description": "总条数"},
                "page": {"type": "integer", "minimum": 1},
                "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                "pages": {"type": "integer", "minimum": 1},
                "next": link,
                "previous": link,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": "页码，从 1 开始",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"每页条数，默认 {PAGE_SIZE}，最多 {MAX_PAGE_SIZE}",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
