"""Arguments shared by the register commands."""

from __future__ import annotations

from django.core.management.base import CommandError

from huanjie.regions import messages as msg
from huanjie.regions.models import Region
from huanjie.regions.selectors import village_by_code


def village_argument(code: str) -> Region:
    """The village a command names by its 12-digit code; an unknown code stops the command."""
    village = village_by_code(code)
    if village is None:
        raise CommandError(msg.VILLAGE_CODE_UNKNOWN.format(code=code))
    return village
