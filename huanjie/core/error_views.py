"""The 404 and 403 pages: plain Chinese, with the reason when it was written for people.

A gate's 404 says the same for "missing" and "outside your scope" (`accounts.messages`), so
showing it reveals nothing. Framework messages (English, for developers) are not shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import render

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", {"reason": _for_people(exception)}, status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", {"reason": _for_people(exception)}, status=403)


def _for_people(exception: Exception) -> str:
    message = exception.args[0] if exception.args else ""
    if isinstance(message, str) and any("\u4e00" <= c <= "\u9fff" for c in message):
        return message
    return ""
