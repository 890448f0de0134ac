"""Request rates (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]): per account, and per address for
requests without one. The rate is read at each request, so a settings change takes effect."""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class ApiUserThrottle(UserRateThrottle):
    scope = "user"

    def get_rate(self) -> str | None:
        return _rate(self.scope)


class ApiAnonThrottle(AnonRateThrottle):
    scope = "anon"

    def get_rate(self) -> str | None:
        return _rate(self.scope)


def _rate(scope: str) -> str | None:
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
    return None if rate is None else str(rate)
