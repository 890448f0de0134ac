"""HTTP headers that keep personal data out of caches."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every page a signed-in user gets and on every
    download: names, ID numbers and phones must stay neither in a shared proxy's cache nor on
    the disk of the computer they were read on (a township office's PC is shared).

    Static assets never reach it (WhiteNoise answers them earlier in MIDDLEWARE), so they stay
    cacheable; an anonymous page (the login page) keeps whatever its view set.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or response.has_header("Content-Disposition"):
            # Added to what a view may have set (max-age…): no-store overrides it.
            patch_cache_control(response, no_store=True, private=True)
        return response
