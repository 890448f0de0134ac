"""The schema and its two readers, served by the app itself (drf-spectacular-sidecar, no CDN).

The site's Content-Security-Policy allows no inline script: Swagger UI is the split view, whose
start-up script is a separate same-origin file (`?script`), and Redoc starts from a static file.
Redoc's renderer (styled-components) writes its styles into <style> elements, so its page alone
also allows inline styles; it holds no personal data, only the schema.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.request import Request
from rest_framework.response import Response

SCHEMA_URL_NAME = "api:schema"


class Schema(SpectacularAPIView):
    pass


class SwaggerDocs(SpectacularSwaggerSplitView):
    url_name = SCHEMA_URL_NAME
    template_name = "api/swagger_ui.html"
    title = "换届选举管理系统 · 接口文档"


class RedocDocs(SpectacularRedocView):
    url_name = SCHEMA_URL_NAME
    template_name = "api/redoc.html"
    title = "换届选举管理系统 · 接口说明"

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response: Response = super().get(request, *args, **kwargs)  # type: ignore[no-untyped-call]
        # django-csp reads this attribute of the response (as its csp_update decorator sets it).
        response._csp_update = {"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]}  # type: ignore[attr-defined]
        return response
