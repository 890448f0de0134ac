"""The lease of background work (register imports and exports, batch PDFs): a worker refreshes
its heartbeat while it runs; one silent since before `lease_cutoff()` died, and its work is
marked failed with the reason and offered again."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone


def lease_cutoff() -> datetime:
    """Heartbeats older than this belong to workers that are gone."""
    return timezone.now() - timedelta(seconds=settings.HUANJIE_IMPORT_LEASE_SECONDS)
